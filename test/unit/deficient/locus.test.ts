import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rankLocus, rankMap } from '../../../src/core';
import { compileOk } from '../../support/model';

// A grid of 20 steps over [-1.03, 0.97]: no node has a coordinate 0, so the set is never on the grid.
const off = (param: number) => ({ param, from: -1.03, to: 0.97, steps: 20 });
const vertices = (l: { locus: Array<Array<[number, number]>> }) => l.locus.flat();

describe('rankLocus', () => {
  test('squared θ = w∘w on a grid without 0: both axes, every vertex on w[1] = 0 or w[2] = 0, joined at the origin', () => {
    const m = compileOk('param w[2]\nθ_i = w_i^2');
    const l = rankLocus(m, new Float64Array(2), off(0), off(1));
    const vs = vertices(l);
    for (const [a, b] of vs) assert.ok(Math.min(Math.abs(a), Math.abs(b)) < 1e-9, `(${a}, ${b}) is off the axes`);
    const onW1 = vs.filter(([a]) => Math.abs(a) < 1e-9).map(([, b]) => b),
      onW2 = vs.filter(([, b]) => Math.abs(b) < 1e-9).map(([a]) => a);
    // Each axis crosses all 19 rows (columns) of cells: a vertex on every grid line, from end to end.
    assert.ok(onW1.length >= 20 && onW2.length >= 20);
    assert.equal(Math.min(...onW1), -1.03);
    assert.equal(Math.max(...onW1), 0.97);
    assert.equal(Math.min(...onW2), -1.03);
    assert.equal(Math.max(...onW2), 0.97);
    assert.ok(
      vs.some(([a, b]) => a === 0 && b === 0),
      'the two axes meet at the origin',
    );
    // Segments join consecutive vertices on the same axis (no chord across the origin's cell).
    for (const line of l.locus)
      for (let i = 1; i < line.length; i++) {
        const [a0, b0] = line[i - 1],
          [a1, b1] = line[i];
        assert.ok((Math.abs(a0) < 1e-9 && Math.abs(a1) < 1e-9) || (Math.abs(b0) < 1e-9 && Math.abs(b1) < 1e-9));
      }
    assert.deepEqual(l.locusPoints, []);
  });

  test('polar: the line r = 0 across φ in [-3, 3], no node on it', () => {
    const m = compileOk('θ1 = r * cos(φ)\nθ2 = r * sin(φ)');
    const l = rankLocus(m, new Float64Array(2), off(0), { param: 1, from: -3, to: 3, steps: 20 });
    assert.equal(l.locus.length, 1);
    const vs = vertices(l);
    for (const [r] of vs) assert.ok(Math.abs(r) < 1e-12, `r = ${r}`);
    assert.deepEqual([Math.min(...vs.map((v) => v[1])), Math.max(...vs.map((v) => v[1]))], [-3, 3]);
  });

  test('two-layer linear w = Uᵀv (d = 2), slice (v[1], v[2]) at U = 0: only the isolated point v = 0', () => {
    const m = compileOk("param U[2,2], v[2]\nw = U' * v");
    // σ_min = |v| on this slice: a cone with no sign change, found by minimising σ² from the grid's minimum.
    const l = rankLocus(m, new Float64Array(6), off(4), off(5));
    assert.deepEqual(l.locus, []);
    assert.equal(l.locusPoints.length, 1);
    const [a, b] = l.locusPoints[0];
    assert.ok(Math.hypot(a, b) < 1e-9, `(${a}, ${b})`);
  });

  test('two-layer linear, slice (U[1,1], v[1]) at the rest 0: σ = (√(x² + y²), |y|), the line v[1] = 0', () => {
    const m = compileOk("param U[2,2], v[2]\nw = U' * v");
    const l = rankLocus(m, new Float64Array(6), off(0), off(4));
    const vs = vertices(l);
    assert.ok(vs.length >= 20);
    for (const [, y] of vs) assert.ok(Math.abs(y) < 1e-11, `v[1] = ${y}`);
  });

  test('identical tanh neurons (q = 3 < p = 4), slice (a[1], a[2]) at b = (1, 1): the line a[1] = a[2]', () => {
    const m = compileOk('const x = [1, -2, 0.5]\nparam a[2], b[2]\nF_k = b[1]*tanh(a[1]*x_k) + b[2]*tanh(a[2]*x_k)');
    const l = rankLocus(m, Float64Array.of(0, 0, 1, 1), off(0), off(1));
    const diagonal = l.locus.find((line) => line.every(([a1, a2]) => Math.abs(a1 - a2) < 1e-9));
    assert.ok(diagonal, 'a polyline on a[1] = a[2]');
    assert.ok(diagonal.length >= 19);
    assert.deepEqual(diagonal[0], [-1.03, -1.03]);
  });

  test('identical tanh neurons on a symmetric grid whose nodes lie on both diagonals: an X through the origin', () => {
    // 256 nodes over [-2, 2]: nodes (i, i) and (i, 255 - i) lie exactly on a[1] = ±a[2]; the centre cell's four
    // corners are all on the set, and the curves cross at its centre, which is no node.
    const m = compileOk('const x = [1, -2, 0.5]\nparam a[2], b[2]\nF_k = b[1]*tanh(a[1]*x_k) + b[2]*tanh(a[2]*x_k)');
    const axis = (param: number) => ({ param, from: -2, to: 2, steps: 256 });
    const l = rankLocus(m, Float64Array.of(0, 0, 1, 1), axis(0), axis(1));
    assert.equal(l.locus.length, 4, 'four half-diagonals, no short pieces around the centre');
    for (const line of l.locus) {
      assert.equal(line.length, 129);
      for (const [a1, a2] of line) assert.ok(Math.abs(Math.abs(a1) - Math.abs(a2)) < 1e-12, `(${a1}, ${a2})`);
      const ends = [line[0], line[line.length - 1]];
      assert.ok(
        ends.some(([a1, a2]) => a1 === 0 && a2 === 0),
        'each ends at the origin',
      );
      assert.ok(
        ends.some(([a1, a2]) => Math.abs(a1) === 2 && Math.abs(a2) === 2),
        'and at a corner of the slice',
      );
    }
  });

  test('speed on 256 x 256 against the rank map of the same slice, best of 15 (printed, not asserted)', () => {
    const cases: Array<[string, string, Float64Array]> = [
      ['squared', 'param w[2]\nθ_i = w_i^2', new Float64Array(2)],
      ['polar', 'θ1 = r * cos(φ)\nθ2 = r * sin(φ)', new Float64Array(2)],
      ['deep linear d = 4', "param U[4,4], v[4]\nw = U' * v", Float64Array.from({ length: 20 }, (_, j) => Math.sin(j))],
      [
        'identical tanh (q = 3 < p = 4)',
        'const x = [1, -2, 0.5]\nparam a[2], b[2]\nF_k = b[1]*tanh(a[1]*x_k) + b[2]*tanh(a[2]*x_k)',
        Float64Array.of(0, 0, 1, 1),
      ],
    ];
    for (const [name, text, base] of cases) {
      const m = compileOk(text);
      const X = { param: 0, from: -1.03, to: 0.97, steps: 256 },
        Y = { param: 1, from: -1.03, to: 0.97, steps: 256 };
      // Best of 15 warm runs each: the first calls of either measure the JIT, not the algorithm.
      const time = (f: () => unknown) => {
        let best = Infinity;
        for (let i = 0; i < 15; i++) {
          const t = process.hrtime.bigint();
          f();
          best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
        }
        return best;
      };
      const map = time(() => rankMap(m, base, X, Y)),
        locus = time(() => rankLocus(m, base, X, Y));
      console.log(
        `${name}: rank map ${map.toFixed(1)} ms, locus ${locus.toFixed(1)} ms, ratio ${(locus / map).toFixed(2)}`,
      );
    }
  });
});

describe('rankLocus, even-order zeros', () => {
  test('θ = (tan w[1], w[2]³): det = 3 w[2]² / cos² w[1] never changes sign, the line w[2] = 0 is still found', () => {
    const m = compileOk('param w[2]\nθ1 = tan(w[1])\nθ2 = w[2]^3');
    const l = rankLocus(m, new Float64Array(2), off(0), off(1));
    assert.equal(l.locus.length, 1);
    const vs = vertices(l);
    assert.ok(vs.length >= 20);
    // A minimum of σ_min = 3 w[2]² located by golden section: w[2] to ~1e-7 (σ to ~1e-14).
    for (const [, w2] of vs) assert.ok(Math.abs(w2) < 1e-6, `w[2] = ${w2}`);
  });
});
