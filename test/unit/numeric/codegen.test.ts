import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateProgram, type Root } from '../../../src/core/numeric/codegen';
import { interpret } from '../../../src/core/symbolic/interpret';
import type { CompiledModel } from '../../../src/core';
import { compileOk, mulberry32 } from '../../support/model';

/** Runs `build` while counting `new Function` calls: one per generated chunk. */
function countChunks<T>(build: () => T): { result: T; chunks: number } {
  const g = globalThis as { Function: FunctionConstructor };
  const original = g.Function;
  let chunks = 0;
  g.Function = new Proxy(original, {
    construct(target, args) {
      chunks++;
      return Reflect.construct(target, args) as object;
    },
  });
  try {
    return { result: build(), chunks };
  } finally {
    g.Function = original;
  }
}

/** Every output and J entry of the model as roots of one program. */
function allRoots(m: CompiledModel): Root[] {
  return [
    ...m.symbolic.outputs.map((expr, k) => ({ expr, target: 'theta' as const, offset: k })),
    ...m.symbolic.entries.map((e) => ({ expr: e.expr, target: 'J' as const, offset: e.row * m.p + e.col })),
  ];
}

/** Random points in [lo, hi]^p, point-major. */
function randomPoints(n: number, p: number, seed: number, lo = -2, hi = 2): Float64Array {
  const rand = mulberry32(seed);
  return Float64Array.from({ length: n * p }, () => lo + (hi - lo) * rand());
}

/** The generated program against the interpreter at n random points: every theta and J entry, and zeros elsewhere in J. */
function assertMatchesInterpreter(m: CompiledModel, n: number, seed: number, lo = -2, hi = 2): number {
  const { result: program, chunks } = countChunks(() => generateProgram(allRoots(m), m.p, m.q));
  const W = randomPoints(n, m.p, seed, lo, hi);
  const theta = new Float64Array(n * m.q).fill(NaN),
    J = new Float64Array(n * m.q * m.p).fill(NaN);
  program(W, n, theta, J);
  const structural = new Map(m.symbolic.entries.map((e) => [e.row * m.p + e.col, e.expr]));
  for (let pt = 0; pt < n; pt++) {
    const x = W.subarray(pt * m.p, (pt + 1) * m.p);
    m.symbolic.outputs.forEach((e, k) => {
      const want = interpret(e, x),
        got = theta[pt * m.q + k];
      assert.ok(
        Math.abs(got - want) <= 1e-13 * (1 + Math.abs(want)),
        `point ${pt}, ${m.outputs[k]}: generated ${got}, interpreted ${want}`,
      );
    });
    for (let o = 0; o < m.q * m.p; o++) {
      const got = J[pt * m.q * m.p + o];
      if (!m.pattern[o]) {
        if (got !== 0) assert.fail(`point ${pt}, J offset ${o} is a structural zero but is ${got}`);
        continue;
      }
      const want = interpret(structural.get(o)!, x);
      if (!(Math.abs(got - want) <= 1e-13 * (1 + Math.abs(want))))
        assert.fail(`point ${pt}, J offset ${o}: generated ${got}, interpreted ${want}`);
    }
  }
  return chunks;
}

describe('codegen: the generated batch program equals the interpreter', () => {
  test('polar and squared on batches around the block size (1, 255, 256, 257, 1000 points)', () => {
    const polar = compileOk('θ1 = r * cos(φ)\nθ2 = r * sin(φ)');
    const squared = compileOk('param w[2]\nθ_i = w_i^2');
    for (const n of [1, 255, 256, 257, 1000]) {
      assertMatchesInterpreter(polar, n, n);
      assertMatchesInterpreter(squared, n, n + 1);
    }
  });

  test('every function of the language, shared subexpressions and powers', () => {
    const m = compileOk(
      [
        'param x, y, z',
        'a = sin(x) * cos(y) + tan(z / 3) + asin(tanh(x) / 2) + acos(tanh(y) / 2) + atan(z)',
        'b = sinh(x) + cosh(y) + tanh(x * y) + exp(z / 2) + log(1 + x^2) + sqrt(1 + y^2) + abs(z)',
        'c = sigmoid(x * z) + relu(y - z) + softplus(3 * x) + (1 + x^2)^(y / 3) + x^3 * y^-2 + (x * y)^0.5 * 0',
        'd = (sin(x) * y)^2 + (sin(x) * y)^3 - 1 / (sin(x) * y)',
      ].join('\n'),
    );
    assertMatchesInterpreter(m, 700, 99, 0.1, 1.9);
  });

  test('a tanh model with a[64], b[64] on 4 inputs is split into several chunks and still agrees (300 points)', () => {
    const m = compileOk('const x = [1, -2, 0.5, 3]\nparam a[64], b[64]\nF_k = sum(b .* tanh(a * x_k)) / sqrt(64)');
    const chunks = assertMatchesInterpreter(m, 300, 5);
    assert.ok(chunks >= 4, `expected several chunks, got ${chunks}`);
  });

  test('param w[400], θ_i = w_i^2: 800 roots in several chunks; theta alone over 300 points (two blocks)', () => {
    const m = compileOk('param w[400]\nθ_i = w_i^2');
    // J is 400 x 400 per point, so the full program is checked at a few points only.
    const chunks = assertMatchesInterpreter(m, 3, 8);
    assert.ok(chunks >= 5, `expected several chunks, got ${chunks}`);
    const n = 300;
    const thetaOnly = generateProgram(
      m.symbolic.outputs.map((expr, k) => ({ expr, target: 'theta' as const, offset: k })),
      m.p,
      m.q,
    );
    const W = randomPoints(n, m.p, 9),
      theta = new Float64Array(n * m.q);
    thetaOnly(W, n, theta, null);
    for (let i = 0; i < n * m.q; i++)
      if (theta[i] !== W[i] * W[i]) assert.fail(`theta entry ${i}: ${theta[i]} != ${W[i]}^2`);
  });

  test("deep linear w = (U2 * U1)' * v with d = 4: temps shared across chunks", () => {
    const m = compileOk("param U1[4,4], U2[4,4], v[4]\nw = (U2 * U1)' * v");
    assertMatchesInterpreter(m, 300, 21);
  });
});

describe('codegen: what the program writes', () => {
  test('theta only, J only, or both; structural zeros of J are written as 0 even over old values', () => {
    const m = compileOk('param w[3]\nθ_i = w_i^2');
    const W = Float64Array.of(1, 2, 3, -1, 0, 5);
    const theta = new Float64Array(6).fill(7),
      J = new Float64Array(18).fill(7);
    m.evaluate(W, 2, theta, null);
    assert.deepEqual(Array.from(theta), [1, 4, 9, 1, 0, 25]);
    assert.ok(J.every((v) => v === 7));
    m.evaluate(W, 2, null, J);
    assert.deepEqual(Array.from(J), [2, 0, 0, 0, 4, 0, 0, 0, 6, -2, 0, 0, 0, 0, 0, 0, 0, 10]);
    theta.fill(7);
    m.evaluate(W, 1, theta, J);
    assert.deepEqual(Array.from(theta), [1, 4, 9, 7, 7, 7], 'only the first point is written');
  });

  test('the compact layout holds exactly the structural non-zeros of J, row-major, and writes nothing else', () => {
    const m = compileOk("param U[3,3], v[3]\nw = U' * v\nat U = 1, v = 1");
    assert.equal(m.nonZeros, 18); // w_k = sum_i U[i,k] v[i]: 3 entries of U and 3 of v per row
    const n = 5,
      W = randomPoints(n, m.p, 7);
    const J = new Float64Array(n * m.q * m.p),
      V = new Float64Array(n * m.nonZeros + 3).fill(NaN),
      T = new Float64Array(n * m.q);
    m.evaluate(W, n, null, J);
    m.evaluateCompact(W, n, T, V);
    for (let k = 0; k < n; k++) {
      const expected = Array.from(J.subarray(k * m.q * m.p, (k + 1) * m.q * m.p)).filter((_, i) => m.pattern[i]);
      assert.deepEqual(Array.from(V.subarray(k * m.nonZeros, (k + 1) * m.nonZeros)), expected);
      // Row 1 of J is (v[1], v[2], v[3]) at U[1,1], U[2,1], U[3,1], then U[1,1], U[2,1], U[3,1] at v: by hand.
      const w = W.subarray(k * m.p, (k + 1) * m.p);
      assert.deepEqual(expected.slice(0, 6), [w[9], w[10], w[11], w[0], w[3], w[6]]);
      assert.ok(Math.abs(T[k * m.q] - (w[0] * w[9] + w[3] * w[10] + w[6] * w[11])) < 1e-15);
    }
    assert.deepEqual(Array.from(V.subarray(n * m.nonZeros)), [NaN, NaN, NaN]);
  });

  test('non-finite values come out as the interpreter gives them (1/0 = Infinity, log(-1) = NaN)', () => {
    const m = compileOk('param x\na = 1 / x\nb = log(x)');
    const theta = new Float64Array(4),
      J = new Float64Array(4);
    m.evaluate(Float64Array.of(0, -1), 2, theta, J);
    assert.deepEqual(Array.from(theta.subarray(0, 1)), [Infinity]);
    assert.equal(theta[1], -Infinity);
    assert.equal(theta[2], -1);
    assert.ok(Number.isNaN(theta[3]));
    assert.equal(J[0], -Infinity);
    assert.equal(J[1], Infinity);
  });

  test('only numbers and offsets reach the generated source: a name with quotes or code cannot inject anything', () => {
    const m = compileOk('param $evil\nθ = $evil^2 + 1');
    const theta = new Float64Array(1);
    m.evaluate(Float64Array.of(3), 1, theta, null);
    assert.deepEqual(Array.from(theta), [10]);
  });
});
