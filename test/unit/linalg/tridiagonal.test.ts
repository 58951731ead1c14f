import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tridiagonalValues } from '../../../src/core/linalg/tridiagonalize';
import { tridiagonalEigenvaluesPWK, tridiagonalEigenvaluesPWKPair } from '../../../src/core/linalg/tridiagonalQL';
import { TRIDIAGONAL_KERNEL_MAX_N, tridiagonalKernel } from '../../../src/core/linalg/tridiagonalKernel';
import {
  symmetricEigenvaluesWellScaled,
  symmetricEigenvaluesWellScaledPair,
} from '../../../src/core/linalg/symmetricEigenvalues';
import { matMul, randomMatrix, randomOrthogonal, rng, transpose } from './fixtures';

/** Q diag(values) Qᵀ for a random orthogonal Q. */
function withEigenvalues(values: number[], next: () => number): Float64Array {
  const n = values.length,
    q = randomOrthogonal(n, next);
  const d = new Float64Array(n * n);
  values.forEach((x, i) => {
    d[i * n + i] = x;
  });
  return matMul(matMul(q, d, n, n, n), transpose(q, n, n), n, n, n);
}

/** The dense tridiagonal matrix of (d, e). */
function tridiagonal(d: ArrayLike<number>, e: ArrayLike<number>, n: number): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    t[i * n + i] = d[i];
    if (i + 1 < n) {
      t[i * n + i + 1] = e[i];
      t[(i + 1) * n + i] = e[i];
    }
  }
  return t;
}

/** Frobenius norm, and the traces of A and A² (similarity invariants a tridiagonal form must keep). */
const invariants = (a: Float64Array, n: number) => {
  let tr = 0,
    tr2 = 0;
  for (let i = 0; i < n; i++) {
    tr += a[i * n + i];
    for (let j = 0; j < n; j++) tr2 += a[i * n + j] * a[j * n + i];
  }
  return [tr, tr2];
};

describe('tridiagonalKernel (straight-line Householder)', () => {
  test('keeps trace and trace of the square for n = 1 .. 24, and its (d, e) has the planted eigenvalues', () => {
    const next = rng(71);
    for (let n = 1; n <= TRIDIAGONAL_KERNEL_MAX_N; n++) {
      const planted = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 1 + i * 0.75));
      const a = withEigenvalues(planted, next);
      const d = new Float64Array(n),
        e = new Float64Array(n + 2).fill(NaN);
      tridiagonalKernel(n)(a, d, e, 2); // offset 2: the kernel writes e[2 .. n+1]
      assert.ok(Number.isNaN(e[0]) && Number.isNaN(e[1]));
      assert.equal(e[n + 1], 0);
      const t = tridiagonal(d, e.subarray(2), n);
      const [tr, tr2] = invariants(a, n),
        [ttr, ttr2] = invariants(t, n);
      assert.ok(Math.abs(tr - ttr) < 1e-12 * n && Math.abs(tr2 - ttr2) < 1e-11 * n * n, `n = ${n}`);
      tridiagonalEigenvaluesPWK(d, e, 2, n);
      const got = Array.from(d).sort((x, y) => y - x),
        want = planted.slice().sort((x, y) => y - x);
      got.forEach((x, i) =>
        assert.ok(Math.abs(x - want[i]) < 1e-13 * want[0] + 1e-15, `n = ${n}, value ${i}: ${x} vs ${want[i]}`),
      );
    }
  });

  test('agrees with the loop version (up to the signs of e) and handles zero rows', () => {
    const next = rng(72);
    for (const n of [3, 7, 16]) {
      const a = randomMatrix(n, n, next);
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i];
      for (let j = 0; j < n; j++) {
        a[(n - 1) * n + j] = 0;
        a[j * n + n - 1] = 0;
      } // last row and column zero
      const d1 = new Float64Array(n),
        e1 = new Float64Array(n),
        d2 = new Float64Array(n),
        w = new Float64Array(n * (n + 1));
      tridiagonalKernel(n)(a, d1, e1, 0);
      w.set(a);
      tridiagonalValues(w, n, d2, w, n * n);
      for (let i = 0; i < n; i++) {
        assert.ok(Math.abs(d1[i] - d2[i]) < 1e-13, `n = ${n}: d[${i}]`);
        assert.ok(Math.abs(Math.abs(e1[i]) - Math.abs(w[n * n + i])) < 1e-13, `n = ${n}: e[${i}]`);
        assert.ok(Number.isFinite(d1[i]) && Number.isFinite(e1[i]));
      }
    }
    assert.throws(() => tridiagonalKernel(TRIDIAGONAL_KERNEL_MAX_N + 1), /outside 1 \.\. 24/);
  });
});

describe('tridiagonalEigenvaluesPWKPair', () => {
  test('gives bit for bit what two separate calls give: random, diagonal, split, 1 x 1 and 2 x 2 tridiagonals', () => {
    const next = rng(73);
    const cases: Array<[number, Float64Array, Float64Array]> = [];
    for (const n of [1, 2, 3, 5, 8, 16, 30]) {
      for (let k = 0; k < 6; k++) {
        const d = Float64Array.from({ length: n }, () => next() * 4 - 2);
        const e = Float64Array.from({ length: n }, (_, i) =>
          i === n - 1 ? 0 : k === 1 ? 0 : k === 2 && i % 3 === 1 ? 0 : next() - 0.5,
        );
        cases.push([n, d, e]);
      }
    }
    for (let c = 0; c + 1 < cases.length; c++) {
      const [n, da, ea] = cases[c],
        [nb, db, eb] = cases[c + 1];
      if (n !== nb) continue;
      const sa = [da.slice(), ea.slice()],
        sb = [db.slice(), eb.slice()];
      tridiagonalEigenvaluesPWK(sa[0], sa[1], 0, n);
      tridiagonalEigenvaluesPWK(sb[0], sb[1], 0, n);
      const pa = [da.slice(), ea.slice()],
        pb = [db.slice(), eb.slice()];
      tridiagonalEigenvaluesPWKPair(pa[0], pa[1], pb[0], pb[1], n);
      assert.deepEqual(Array.from(pa[0]), Array.from(sa[0]), `case ${c} (n = ${n})`);
      assert.deepEqual(Array.from(pb[0]), Array.from(sb[0]), `case ${c + 1} (n = ${n})`);
    }
  });

  test('symmetricEigenvaluesWellScaledPair equals two symmetricEigenvaluesWellScaled calls and the planted values', () => {
    const next = rng(74);
    for (const n of [5, 9, 16, 26]) {
      const va = Array.from({ length: n }, (_, i) => n - i),
        vb = Array.from({ length: n }, (_, i) => (i < 2 ? 0 : i * 1e-3));
      const a = withEigenvalues(va, next),
        b = withEigenvalues(vb, next);
      const oa = new Float64Array(n),
        ob = new Float64Array(n),
        pa = new Float64Array(n),
        pb = new Float64Array(n);
      const w = () => new Float64Array(n * (n + 2));
      symmetricEigenvaluesWellScaled(a, n, oa, w());
      symmetricEigenvaluesWellScaled(b, n, ob, w());
      symmetricEigenvaluesWellScaledPair(a, b, n, pa, pb, w(), w());
      assert.deepEqual([Array.from(pa), Array.from(pb)], [Array.from(oa), Array.from(ob)]);
      va.forEach((x, i) => assert.ok(Math.abs(pa[i] - x) < 1e-13 * n, `n = ${n}: ${pa[i]} vs ${x}`));
      vb.slice()
        .sort((x, y) => y - x)
        .forEach((x, i) => assert.ok(Math.abs(pb[i] - x) < 1e-14 * n, `n = ${n}: ${pb[i]} vs ${x}`));
    }
  });
});
