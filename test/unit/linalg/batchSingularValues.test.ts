import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createBatchSpectrum } from '../../../src/core/linalg/batchSingularValues';
import { numericalRank, rankTolerance } from '../../../src/core/linalg/rank';
import { singularValues } from './oracles/singularValues';
import { polarJacobian, randomMatrix, rng, withSingularValues } from './fixtures';

/** Runs the batch over `points` (each q x p) and returns its outputs. */
function runBatch(q: number, p: number, points: Float64Array[], pattern?: Uint8Array, tol?: number) {
  const n = points.length,
    J = new Float64Array(n * q * p);
  points.forEach((pt, k) => J.set(pt, k * q * p));
  const sMin = new Float64Array(n),
    sMax = new Float64Array(n),
    rank = new Int32Array(n);
  createBatchSpectrum(q, p, pattern).run(J, n, sMin, sMax, rank, tol);
  return { sMin: Array.from(sMin), sMax: Array.from(sMax), rank: Array.from(rank) };
}

/**
 * Compares the batch with per-point svd. The Gram route has relative error ~ eps (sigma_max / sigma)², hence the
 * second term; below 1e-4 sigma_max the batch uses Jacobi and agrees to ~1e-14 sigma_max absolutely.
 */
function checkAgainstSvd(q: number, p: number, points: Float64Array[], pattern?: Uint8Array): void {
  const got = runBatch(q, p, points, pattern);
  const bs = createBatchSpectrum(q, p, pattern);
  const out = new Float64Array(Math.min(q, p));
  points.forEach((a, k) => {
    const s = singularValues(a, q, p);
    const close = (x: number, y: number) =>
      x === y ||
      Math.abs(x - y) <= 1e-12 * y + 64 * Number.EPSILON * Math.min((s[0] * s[0]) / y, 1e4 * s[0]) + 1e-14 * s[0];
    assert.ok(
      close(got.sMax[k], s[0]) && close(got.sMin[k], s[s.length - 1]),
      `point ${k}: ${got.sMin[k]}, ${got.sMax[k]} vs ${Array.from(s)}`,
    );
    assert.equal(got.rank[k], numericalRank(s, rankTolerance(s[0], q, p)));
    bs.singularValuesInto(a, 0, out);
    s.forEach((x, i) => assert.ok(close(out[i], x), `value ${i} of point ${k}`));
  });
}

function patternOf(q: number, p: number, on: (i: number, j: number) => boolean): Uint8Array {
  return Uint8Array.from({ length: q * p }, (_, idx) => (on(Math.floor(idx / p), idx % p) ? 1 : 0));
}

function masked(a: Float64Array, pattern: Uint8Array): Float64Array {
  return a.map((x, i) => (pattern[i] ? x : 0));
}

/** The deep-linear model w = Uᵀ v (U d x d, then v): q = d, p = d² + d. */
function deepLinearPattern(d: number): Uint8Array {
  const p = d * d + d;
  return patternOf(d, p, (i, j) => (j < d * d ? j % d === i : true));
}

describe('createBatchSpectrum', () => {
  test('dense random batches of wide, tall and square Jacobians match per-point SVD', () => {
    const next = rng(40);
    for (const [q, p] of [
      [4, 20],
      [20, 4],
      [3, 3],
      [1, 5],
      [5, 1],
      [2, 2],
    ]) {
      checkAgainstSvd(
        q,
        p,
        Array.from({ length: 30 }, () => randomMatrix(q, p, next)),
      );
    }
  });

  test('structured patterns (deep linear d = 3, 4; sparse random) match per-point SVD', () => {
    const next = rng(41);
    for (const d of [3, 4]) {
      const pat = deepLinearPattern(d);
      checkAgainstSvd(
        d,
        d * d + d,
        Array.from({ length: 20 }, () => masked(randomMatrix(d, d * d + d, next), pat)),
        pat,
      );
    }
    for (const [q, p] of [
      [5, 9],
      [9, 5],
    ]) {
      const pat = Uint8Array.from({ length: q * p }, () => (next() < 0.4 ? 1 : 0));
      checkAgainstSvd(
        q,
        p,
        Array.from({ length: 20 }, () => masked(randomMatrix(q, p, next), pat)),
        pat,
      );
    }
  });

  test('diagonal patterns (squared model J = diag(2w)) give |entries|: rank 2 at w = (1, 1e-9), 1 at (1, 0)', () => {
    const pat = patternOf(2, 2, (i, j) => i === j);
    const got = runBatch(
      2,
      2,
      [Float64Array.from([2, 0, 0, 2e-9]), Float64Array.from([2, 0, 0, 0]), Float64Array.from([-3, 0, 0, 0.5])],
      pat,
    );
    assert.deepEqual(got, { sMin: [2e-9, 0, 0.5], sMax: [2, 2, 3], rank: [2, 1, 2] });
    // Rectangular and permuted diagonal-like patterns.
    const wide = patternOf(2, 3, (i, j) => (i === 0 && j === 2) || (i === 1 && j === 0));
    checkAgainstSvd(2, 3, [masked(Float64Array.from([1, 2, -7, 4, 5, 6]), wide), new Float64Array(6)], wide);
    const out = new Float64Array(2);
    createBatchSpectrum(2, 3, wide).singularValuesInto(Float64Array.from([0, 0, -7, 4, 0, 0]), 0, out);
    assert.deepEqual(Array.from(out), [7, 4]);
  });

  test('a 100 x 120 diagonal-like J (past the insertion sort) gives its sorted |entries|, NaN where one is not finite', () => {
    // Entry i (row i, column 119 - i) is (-1)^i (i + 1) / 4 with row 7 empty: singular values 25, 24.75, ..., 0.25
    // without 2 (row 7's), then one zero.
    const q = 100,
      p = 120,
      pat = patternOf(q, p, (i, j) => i !== 7 && j === p - 1 - i);
    const J = new Float64Array(q * p);
    for (let i = 0; i < q; i++) if (i !== 7) J[i * p + p - 1 - i] = ((i % 2 ? -1 : 1) * (i + 1)) / 4;
    const bs = createBatchSpectrum(q, p, pat),
      out = new Float64Array(q);
    bs.singularValuesInto(J, 0, out);
    const want = Array.from({ length: q }, (_, k) => (q - k) / 4).filter((x) => x !== 2);
    assert.deepEqual(Array.from(out), [...want, 0]);
    J[3 * p + p - 4] = Infinity;
    bs.singularValuesInto(J, 0, out);
    assert.ok(out.every((x) => Number.isNaN(x)));
  });

  test('polar Jacobians at r = 1, 1e-8, 1e-17, 0 (the near-singular ones confirmed by Jacobi): ranks 2, 2, 1, 1', () => {
    const got = runBatch(
      2,
      2,
      [1, 1e-8, 1e-17, 0].map((r) => polarJacobian(r, 0.9)),
    );
    assert.deepEqual(got.rank, [2, 2, 1, 1]);
    assert.ok(Math.abs(got.sMin[1] / 1e-8 - 1) < 1e-14);
    assert.ok(Math.abs(got.sMin[2] / 1e-17 - 1) < 1e-14, `${got.sMin[2]}`);
    assert.equal(got.sMin[3], 0);
    got.sMax.forEach((s) => assert.ok(Math.abs(s - 1) < 1e-15));
  });

  test('planted tiny singular values (1e-6 .. 1e-14) in 4x20 come out to the accuracy of the planted matrix', () => {
    const next = rng(42);
    const tiny = [1e-6, 1e-9, 1e-12, 1e-14];
    const got = runBatch(
      4,
      20,
      tiny.map((t) => withSingularValues([2, 1, 0.5, t], 4, 20, next)),
    );
    tiny.forEach((t, k) => assert.ok(Math.abs(got.sMin[k] - t) < 4e-15, `${t}: ${got.sMin[k]}`));
  });

  test('a structurally zero row gives sigma_min = 0 and rank below q', () => {
    const pat = patternOf(3, 5, (i) => i !== 1);
    const next = rng(43);
    const points = Array.from({ length: 5 }, () => masked(randomMatrix(3, 5, next), pat));
    const got = runBatch(3, 5, points, pat);
    assert.deepEqual(got.sMin, [0, 0, 0, 0, 0]);
    assert.deepEqual(got.rank, [2, 2, 2, 2, 2]);
    checkAgainstSvd(3, 5, points, pat);
  });

  test('entries near 1e150 or 1e-150 take the scaled Jacobi route and stay accurate', () => {
    const base = Float64Array.from([3, 0, 1, 4, 5, 2]);
    for (const scale of [1e150, 1e-150]) {
      const got = runBatch(2, 3, [base.map((x) => x * scale)]);
      const s = singularValues(base, 2, 3);
      assert.ok(Math.abs(got.sMax[0] / scale - s[0]) < 1e-14 && Math.abs(got.sMin[0] / scale - s[1]) < 1e-14);
      assert.equal(got.rank[0], 2);
    }
  });

  test('a given tolerance overrides the per-point default', () => {
    const got = runBatch(2, 2, [polarJacobian(1e-8, 0.1), polarJacobian(1e-3, 0.1)], undefined, 1e-6);
    assert.deepEqual(got.rank, [1, 2]);
  });

  test('a point with a NaN or infinite entry gets NaN and rank -1; the others are unaffected', () => {
    const got = runBatch(2, 3, [
      Float64Array.from([1, NaN, 0, 0, 1, 0]),
      Float64Array.from([1, 0, 0, 0, 2, 0]),
      Float64Array.from([Infinity, 0, 0, 0, 1, 0]),
    ]);
    assert.ok(Number.isNaN(got.sMin[0]) && Number.isNaN(got.sMax[0]) && Number.isNaN(got.sMax[2]));
    assert.deepEqual([got.rank[0], got.rank[2]], [-1, -1]);
    assert.deepEqual([got.sMin[1], got.sMax[1], got.rank[1]], [1, 2, 2]);
    const diag = runBatch(
      2,
      2,
      [Float64Array.from([NaN, 0, 0, 1])],
      patternOf(2, 2, (i, j) => i === j),
    );
    assert.deepEqual(diag.rank, [-1]);
  });

  test('the compact layout (non-zeros only, row-major) gives the same results as the dense one', () => {
    const next = rng(44);
    for (const [q, p, pat] of [
      [4, 20, deepLinearPattern(4)],
      [5, 9, patternOf(5, 9, (i, j) => (i + j) % 3 !== 0)],
      [2, 2, undefined],
      [3, 3, patternOf(3, 3, (i, j) => i === j)],
    ] as const) {
      const bs = createBatchSpectrum(q, p, pat);
      const mask = pat ?? new Uint8Array(q * p).fill(1);
      const points = Array.from({ length: 12 }, () => masked(randomMatrix(q, p, next), mask));
      points.push(new Float64Array(q * p)); // the zero matrix
      assert.equal(
        bs.nonZeros,
        mask.reduce((a, b) => a + b, 0),
      );
      const n = points.length,
        J = new Float64Array(n * q * p),
        V = new Float64Array(n * bs.nonZeros);
      points.forEach((pt, k) => {
        J.set(pt, k * q * p);
        let u = 0;
        pt.forEach((x, i) => {
          if (mask[i]) V[k * bs.nonZeros + u++] = x;
        });
      });
      const a = { sMin: new Float64Array(n), sMax: new Float64Array(n), rank: new Int32Array(n) };
      const b = { sMin: new Float64Array(n), sMax: new Float64Array(n), rank: new Int32Array(n) };
      bs.run(J, n, a.sMin, a.sMax, a.rank);
      bs.runCompact(V, n, b.sMin, b.sMax, b.rank);
      assert.deepEqual(b, a, `${q}x${p}`);
      const out = new Float64Array(Math.min(q, p));
      bs.compactSingularValuesInto(V, 2 * bs.nonZeros, out);
      singularValues(points[2], q, p).forEach((x, i) =>
        assert.ok(Math.abs(x - out[i]) < 1e-13 * x + 1e-15, `${q}x${p} value ${i}: ${out[i]} vs ${x}`),
      );
    }
    assert.throws(
      () =>
        createBatchSpectrum(2, 2).runCompact(
          new Float64Array(4),
          2,
          new Float64Array(2),
          new Float64Array(2),
          new Int32Array(2),
        ),
      /runCompact: J has 4 entries, expected 8/,
    );
  });

  test('dense 2 x 2 in closed form: rotations times diag(3, 1e-3) to the rounding of their entries (4 eps * 3), and entries near 1e200 or 1e-200', () => {
    const rot = (t: number) => [Math.cos(t), -Math.sin(t), Math.sin(t), Math.cos(t)];
    const mul = (a: number[], b: number[]) => [
      a[0] * b[0] + a[1] * b[2],
      a[0] * b[1] + a[1] * b[3],
      a[2] * b[0] + a[3] * b[2],
      a[2] * b[1] + a[3] * b[3],
    ];
    const out = new Float64Array(2);
    const bs = createBatchSpectrum(2, 2);
    for (const [t, u] of [
      [0.3, 1.1],
      [2, -0.4],
      [0, 0],
    ]) {
      bs.singularValuesInto(Float64Array.from(mul(mul(rot(t), [3, 0, 0, 1e-3]), rot(u))), 0, out);
      assert.ok(
        Math.abs(out[0] - 3) < 12 * Number.EPSILON && Math.abs(out[1] - 1e-3) < 12 * Number.EPSILON,
        `${t}, ${u}: ${Array.from(out)}`,
      );
    }
    for (const scale of [1e200, 1e-200]) {
      bs.singularValuesInto(Float64Array.from([3 * scale, 0, 4 * scale, 5 * scale]), 0, out);
      const s = singularValues(Float64Array.from([3, 0, 4, 5]), 2, 2);
      assert.ok(
        Math.abs(out[0] / scale - s[0]) < 1e-14 && Math.abs(out[1] / scale - s[1]) < 1e-14,
        `${scale}: ${Array.from(out)}`,
      );
    }
    bs.singularValuesInto(Float64Array.from([1, Infinity, 0, 1]), 0, out);
    assert.ok(Number.isNaN(out[0]) && Number.isNaN(out[1]));
  });

  test('batches of g >= 5 (two points at a time) equal per-point results, odd counts and irregular points included', () => {
    const next = rng(45);
    for (const d of [5, 6]) {
      const q = d,
        p = d * d + d,
        pat = deepLinearPattern(d),
        bs = createBatchSpectrum(q, p, pat),
        nnz = bs.nonZeros;
      const points = Array.from({ length: 9 }, () => masked(randomMatrix(q, p, next), pat));
      points[3] = new Float64Array(q * p); // zero: trace 0
      points[4] = masked(randomMatrix(q, p, next), pat).map((x) => x * 1e160); // Gram trace out of range: Jacobi
      points[5][0] = NaN;
      points[6] = masked(withSingularValues([3, 2, 1, 0.5, 1e-9, 1e-10].slice(0, d), q, p, next), pat); // not in the pattern's span: just a point
      const V = new Float64Array(points.length * nnz);
      points.forEach((pt, k) => {
        let u = 0;
        pt.forEach((x, i) => {
          if (pat[i]) V[k * nnz + u++] = x;
        });
      });
      const out = new Float64Array(points.length * q);
      bs.compactSingularValuesBatch(V, points.length, out);
      const one = new Float64Array(q);
      points.forEach((_, k) => {
        bs.compactSingularValuesInto(V, k * nnz, one);
        assert.deepEqual(Array.from(out.subarray(k * q, (k + 1) * q)), Array.from(one), `d = ${d}, point ${k}`);
      });
      assert.ok(Number.isNaN(out[5 * q]) && out[3 * q] === 0);
      const s4 = singularValues(
        points[4].map((x) => x / 1e160),
        q,
        p,
      );
      assert.ok(Math.abs(out[4 * q] / 1e160 - s4[0]) < 1e-13 * s4[0]);
      const sMin = new Float64Array(9),
        sMax = new Float64Array(9),
        rank = new Int32Array(9);
      bs.runCompact(V, 9, sMin, sMax, rank);
      points.forEach((_, k) => assert.equal(sMax[k], out[k * q]));
      assert.deepEqual(Array.from(rank).slice(3, 6), [0, q, -1]);
    }
    assert.throws(
      () => createBatchSpectrum(2, 2).compactSingularValuesBatch(new Float64Array(8), 2, new Float64Array(3)),
      /out has 3 entries, expected 4/,
    );
  });

  test('rejects a pattern of the wrong length and output arrays shorter than n', () => {
    assert.throws(() => createBatchSpectrum(2, 3, new Uint8Array(5)), /pattern has 5 entries, expected 6/);
    const bs = createBatchSpectrum(2, 2);
    assert.throws(
      () => bs.run(new Float64Array(8), 2, new Float64Array(1), new Float64Array(2), new Int32Array(2)),
      /shorter than n/,
    );
    assert.throws(
      () => bs.run(new Float64Array(4), 2, new Float64Array(2), new Float64Array(2), new Int32Array(2)),
      /expected 8/,
    );
  });

  test('property: for random shapes up to 8x8 and random patterns the batch equals per-point SVD', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer(),
        fc.boolean(),
        (q, p, seed, usePattern) => {
          const next = rng(seed);
          const pat = usePattern ? Uint8Array.from({ length: q * p }, () => (next() < 0.5 ? 1 : 0)) : undefined;
          const points = Array.from({ length: 4 }, () =>
            pat ? masked(randomMatrix(q, p, next), pat) : randomMatrix(q, p, next),
          );
          checkAgainstSvd(q, p, points, pat);
        },
      ),
      { numRuns: 300 },
    );
  });
});
