import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as math from 'mathjs';
import { Differentiator } from '../../../src/core/symbolic/differentiate';
import { ExprStore } from '../../../src/core/symbolic/expr';
import { interpret } from '../../../src/core/symbolic/interpret';
import { assertAllClose, assertClose, centralJacobian, compileOk, evalAt, mulberry32 } from '../../support/model';
import { expressionArb, VARS } from '../../support/expressions';

describe('differentiate: hand-derived Jacobians', () => {
  const rand = mulberry32(11);
  const somePoint = (p: number) => Array.from({ length: p }, () => 0.2 + rand() * 1.5);

  test('squared θ_i = w_i^2: J = diag(2w), entries are exactly 2 * w[i]', () => {
    const m = compileOk('param w[3]\nθ_i = w_i^2');
    const s = m.symbolic.store;
    assert.deepEqual(
      m.symbolic.entries.map((e) => [e.row, e.col]),
      [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
    );
    for (const e of m.symbolic.entries) assert.equal(e.expr, s.mul([s.num(2), s.variable(e.col)]));
    const w = somePoint(3);
    assert.deepEqual(evalAt(m, w).J, [
      [2 * w[0], 0, 0],
      [0, 2 * w[1], 0],
      [0, 0, 2 * w[2]],
    ]);
  });

  test('inverse θ_i = 1 / w_i: J = diag(-1 / w^2)', () => {
    const m = compileOk('param w[2]\nθ_i = 1 / w_i');
    const s = m.symbolic.store;
    for (const e of m.symbolic.entries) assert.equal(e.expr, s.mul([s.num(-1), s.pow(s.variable(e.col), s.num(-2))]));
    assertAllClose(
      evalAt(m, [0.5, -4]).J,
      [
        [-4, 0],
        [0, -1 / 16],
      ],
      0,
      1e-15,
    );
  });

  test('polar θ = r (cos φ, sin φ): J = [[cos φ, -r sin φ], [sin φ, r cos φ]]', () => {
    const m = compileOk('θ1 = r * cos(φ)\nθ2 = r * sin(φ)');
    for (const [r, phi] of [
      [1, 0.5],
      [0.3, -2],
      [2.5, 3],
    ]) {
      assertAllClose(
        evalAt(m, [r, phi]).J,
        [
          [Math.cos(phi), -r * Math.sin(phi)],
          [Math.sin(phi), r * Math.cos(phi)],
        ],
        1e-15,
        1e-15,
      );
    }
  });

  test("deep linear w = U' v: dw_i/dU[j,i] = v_j, dw_i/dv_j = U[j,i], and nothing else is non-zero", () => {
    const d = 3;
    const m = compileOk(`param U[${d},${d}], v[${d}]\nw = U' * v`);
    const s = m.symbolic.store;
    const U = (j: number, i: number) => (j - 1) * d + (i - 1),
      v = (j: number) => d * d + j - 1;
    const expected = new Map<string, number>();
    for (let i = 1; i <= d; i++) {
      for (let j = 1; j <= d; j++) {
        expected.set(`${i - 1},${U(j, i)}`, v(j));
        expected.set(`${i - 1},${v(j)}`, U(j, i));
      }
    }
    assert.equal(m.symbolic.entries.length, expected.size);
    for (const e of m.symbolic.entries)
      assert.equal(e.expr, s.variable(expected.get(`${e.row},${e.col}`)!), `entry ${e.row},${e.col}`);
    assert.equal(
      m.pattern.reduce((a, b) => a + b, 0),
      2 * d * d,
    );
  });

  test('the Differentiator memoises per parameter and treats independent subtrees as zero', () => {
    const s = new ExprStore();
    const x = s.variable(0),
      y = s.variable(1);
    const f = s.mul([s.call('sin', x), s.call('exp', y)]);
    const diff = new Differentiator(s);
    assert.equal(diff.derivative(f, 0), s.mul([s.call('exp', y), s.call('cos', x)]));
    assert.equal(diff.derivative(f, 1), s.mul([s.call('sin', x), s.call('exp', y)]));
    assert.equal(diff.derivative(f, 2), s.num(0));
    // x^y: d/dx = y x^(y-1), d/dy = x^y log x.
    const g = s.pow(x, y);
    assertClose(interpret(diff.derivative(g, 0), [2, 3]), 3 * 4, 1e-12);
    assertClose(interpret(diff.derivative(g, 1), [2, 3]), 8 * Math.log(2), 1e-12);
  });
});

describe('differentiate: every function of the language', () => {
  // f'(u) by the textbook, for θ = f(0.7 x + 0.1), so dθ/dx = 0.7 f'(0.7 x + 0.1).
  const cases: Array<[string, (u: number) => number, number[]]> = [
    ['sin', (u) => Math.cos(u), [-0.6, 0.35, 0.8]],
    ['cos', (u) => -Math.sin(u), [-0.6, 0.35, 0.8]],
    ['tan', (u) => 1 / Math.cos(u) ** 2, [-0.6, 0.35, 0.8]],
    ['asin', (u) => 1 / Math.sqrt(1 - u * u), [-0.6, 0.35, 0.8]],
    ['acos', (u) => -1 / Math.sqrt(1 - u * u), [-0.6, 0.35, 0.8]],
    ['atan', (u) => 1 / (1 + u * u), [-0.6, 0.35, 0.8]],
    ['sinh', (u) => Math.cosh(u), [-0.6, 0.35, 0.8]],
    ['cosh', (u) => Math.sinh(u), [-0.6, 0.35, 0.8]],
    ['tanh', (u) => 1 - Math.tanh(u) ** 2, [-0.6, 0.35, 0.8]],
    ['exp', (u) => Math.exp(u), [-0.6, 0.35, 0.8]],
    ['log', (u) => 1 / u, [0.35, 0.8, 1.7]],
    ['sqrt', (u) => 0.5 / Math.sqrt(u), [0.35, 0.8, 1.7]],
    ['abs', (u) => Math.sign(u), [-0.6, 0.35, 0.8]],
    ['sigmoid', (u) => Math.exp(-u) / (1 + Math.exp(-u)) ** 2, [-0.6, 0.35, 0.8]],
    ['relu', (u) => (u > 0 ? 1 : 0), [-0.6, 0.35, 0.8]],
    ['softplus', (u) => 1 / (1 + Math.exp(-u)), [-0.6, 0.35, 0.8]],
    ['square', (u) => 2 * u, [-0.6, 0.35, 0.8]],
    ['cube', (u) => 3 * u * u, [-0.6, 0.35, 0.8]],
  ];
  for (const [fn, deriv, xs] of cases) {
    test(`${fn}: the textbook derivative and central differences`, () => {
      const m = compileOk(`param x\nθ = ${fn}(0.7 * x + 0.1)`);
      for (const x of xs) {
        const J = evalAt(m, [x]).J[0][0];
        assertClose(J, 0.7 * deriv(0.7 * x + 0.1), 1e-14, 1e-13, `${fn} at ${x}`);
        assertClose(J, centralJacobian(m, [x])[0][0], 1e-8, 1e-7, `${fn} vs central differences at ${x}`);
      }
    });
  }

  test('the vector functions: sum, prod, dot, norm (gradients by hand)', () => {
    const m = compileOk('param w[3]\na = sum(w)\nb = prod(w)\nc = dot(w, w)\nd = norm(w)');
    const w = [1, -2, 2];
    const { J } = evalAt(m, w);
    assertAllClose(
      J,
      [
        [1, 1, 1],
        [-4, 2, -2],
        [2, -4, 4],
        [1 / 3, -2 / 3, 2 / 3],
      ],
      1e-15,
      1e-15,
    );
  });

  test('powers: constant exponents, variable exponents, and a variable base and exponent', () => {
    const m = compileOk('param x, y\na = x^3\nb = 2^x\nc = x^y\nd = x^-0.5');
    const [x, y] = [1.3, 0.7];
    assertAllClose(
      evalAt(m, [x, y]).J,
      [
        [3 * x * x, 0],
        [Math.log(2) * 2 ** x, 0],
        [y * x ** (y - 1), x ** y * Math.log(x)],
        [-0.5 * x ** -1.5, 0],
      ],
      1e-14,
      1e-13,
    );
  });
});

describe('differentiate: property tests on generated expressions', () => {
  const scopeOf = (v: number[]) => Object.fromEntries(VARS.map((n, i) => [n, v[i]]));
  const model = (expr: string) => compileOk(`param ${VARS.join(', ')}\nf = ${expr}`);
  const point = fc.tuple(...VARS.map(() => fc.double({ min: -1.5, max: 1.5, noNaN: true })));

  test('our symbolic derivative agrees with central differences', () => {
    fc.assert(
      fc.property(expressionArb, point, (expr, x) => {
        const m = model(expr);
        const { theta, J } = evalAt(m, x);
        fc.pre(Number.isFinite(theta[0]) && Math.abs(theta[0]) < 1e6);
        const h = 1e-6;
        const fd = centralJacobian(m, x, h);
        for (let j = 0; j < VARS.length; j++) {
          const scale = 1 + Math.abs(J[0][j]) + (Math.abs(theta[0]) * 1e-10) / h;
          assert.ok(
            Math.abs(J[0][j] - fd[0][j]) <= 1e-5 * scale,
            `d/d${VARS[j]} of ${expr} at ${x}: symbolic ${J[0][j]}, central differences ${fd[0][j]}`,
          );
        }
      }),
      { numRuns: 150, seed: 20260501 },
    );
  });

  test('our symbolic derivative agrees with mathjs derivative at the same point', () => {
    fc.assert(
      fc.property(expressionArb, point, (expr, x) => {
        const m = model(expr);
        const { theta, J } = evalAt(m, x);
        fc.pre(Number.isFinite(theta[0]) && Math.abs(theta[0]) < 1e6);
        for (let j = 0; j < VARS.length; j++) {
          const theirs = math.derivative(expr, VARS[j], { simplify: false }).evaluate(scopeOf(x)) as number;
          assert.equal(typeof theirs, 'number', `mathjs gave ${String(theirs)} for d/d${VARS[j]} of ${expr}`);
          assertClose(J[0][j], theirs, 1e-9, 1e-9, `d/d${VARS[j]} of ${expr} at ${x}`);
        }
        // And the value itself agrees with mathjs evaluating the source.
        assertClose(theta[0], math.evaluate(expr, scopeOf(x)) as number, 1e-10, 1e-10, `value of ${expr}`);
      }),
      { numRuns: 150, seed: 4242 },
    );
  });
});
