import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  smallEigenScratch,
  smallSymmetricEigenvalues,
  smallSymmetricEigenvaluesPair,
} from '../../../src/core/linalg/smallSymmetricEigen';
import { randomOrthogonal, rng } from './fixtures';

/** Q diag(lambda) Qᵀ for a random orthogonal Q: a symmetric matrix with known eigenvalues. */
function planted(lambda: readonly number[], next: () => number): Float64Array {
  const n = lambda.length,
    Q = randomOrthogonal(n, next),
    A = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Q[i * n + k] * lambda[k] * Q[j * n + k];
      A[i * n + j] = s;
    }
  return A;
}

test('2x2 closed form: [[2, 1], [1, 2]] has eigenvalues 3 and 1', () => {
  const out = new Float64Array(2);
  smallSymmetricEigenvalues(Float64Array.of(2, 1, 1, 2), 2, out, smallEigenScratch());
  assert.deepEqual(Array.from(out), [3, 1]);
});

test('a multiple eigenvalue (2 I, the deep linear preconditioner at U = I) is found exactly', () => {
  for (const n of [3, 4]) {
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) A[i * n + i] = 2;
    const out = new Float64Array(n);
    smallSymmetricEigenvalues(A, n, out, smallEigenScratch());
    for (const v of out) assert.ok(Math.abs(v - 2) < 1e-14, `n = ${n}: ${Array.from(out)}`);
  }
});

test('planted spectra of 3x3 and 4x4 matrices are recovered (singular values to 1e-8 of sigma_max)', () => {
  const next = rng(7);
  const spectra = [
    [4, 2, 1],
    [9, 9, 0.01],
    [1, 1e-6, 1e-6],
    [5, 3, 2, 1],
    [16, 16, 16, 1e-4],
    [1, 0.5, 0.5, 0.25],
    [100, 1, 1, 1e-6],
  ];
  for (const lambda of spectra) {
    for (let trial = 0; trial < 50; trial++) {
      const n = lambda.length,
        out = new Float64Array(n);
      const A = planted(lambda, next);
      // A cluster (9, 9 or 16, 16, 16 planted with round-off) may be declined: then the general solver takes it.
      if (!smallSymmetricEigenvalues(A, n, out, smallEigenScratch())) {
        assert.ok(new Set(lambda).size < n, `declined ${lambda}`);
        continue;
      }
      const want = [...lambda].sort((a, b) => b - a);
      for (let i = 0; i < n; i++) {
        const err = Math.abs(Math.sqrt(Math.max(out[i], 0)) - Math.sqrt(want[i])) / Math.sqrt(want[0]);
        assert.ok(err < 1e-8, `spectrum ${lambda}: got ${Array.from(out)}`);
      }
    }
  }
});

test('a rank-1 3x3 Gram matrix (a double root at 0) is declined to the general solver, never answered wrongly', () => {
  const a = [0.3, -1.2, 0.7],
    G = new Float64Array(9),
    out = new Float64Array(3);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) G[i * 3 + j] = a[i] * a[j];
  assert.equal(smallSymmetricEigenvalues(G, 3, out, smallEigenScratch()), false);
});

test('a singular 4x4 Gram matrix has smallest eigenvalue 0 to round-off', () => {
  const out = new Float64Array(4);
  smallSymmetricEigenvalues(planted([3, 2, 1, 0], rng(3)), 4, out, smallEigenScratch());
  assert.ok(Math.abs(out[3]) < 1e-13, String(out[3]));
  assert.ok(Math.abs(out[0] - 3) < 1e-13);
});

test('two matrices at once give bit for bit what two calls give, including multiples of I and clustered roots', () => {
  const next = rng(91),
    w = smallEigenScratch(); // one scratch reused by every call, as the batch spectrum does
  for (const n of [3, 4]) {
    const eye2 = new Float64Array(n * n);
    for (let i = 0; i < n; i++) eye2[i * n + i] = 2;
    const mats = [
      planted([4, 2, 1, 0.5].slice(0, n), next),
      planted([9, 3, 1e-3, 0].slice(0, n), next),
      eye2,
      planted([5, 5 + 1e-9, 1, 0.25].slice(0, n), next), // clustered: the single call declines it
      planted([1, 0.75, 0.5, 0.1].slice(0, n), next),
      eye2,
    ];
    for (let k = 0; k + 1 < mats.length; k++) {
      const a = new Float64Array(n),
        b = new Float64Array(n),
        pa = new Float64Array(n),
        pb = new Float64Array(n);
      const okA = smallSymmetricEigenvalues(mats[k], n, a, w),
        okB = smallSymmetricEigenvalues(mats[k + 1], n, b, w);
      const bits = smallSymmetricEigenvaluesPair(mats[k], mats[k + 1], n, pa, pb, w);
      assert.equal(bits, (okA ? 1 : 0) | (okB ? 2 : 0), `n = ${n}, pair ${k}`);
      if (okA) assert.deepEqual(Array.from(pa), Array.from(a));
      if (okB) assert.deepEqual(Array.from(pb), Array.from(b));
    }
    assert.equal(
      smallSymmetricEigenvaluesPair(mats[3], mats[0], n, new Float64Array(n), new Float64Array(n), w),
      2,
      'the clustered one is declined',
    );
  }
});
