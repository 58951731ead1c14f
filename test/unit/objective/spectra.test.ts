import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { jacobiEigen } from '../../../src/core/objective/denseSymmetricEigen';
import { lanczos } from '../../../src/core/objective/lanczos';
import { tridiagonalEigenvector } from '../../../src/core/objective/tridiagonalVector';
import { assertAllClose, assertClose, mulberry32 } from '../../support/model';

/** Q diag(values) Qᵀ with a seeded random orthogonal Q (Gram-Schmidt of random columns). */
function withSpectrum(values: readonly number[], seed: number): Float64Array {
  const n = values.length,
    rand = mulberry32(seed);
  const Q = Array.from({ length: n }, () => Array.from({ length: n }, () => rand() - 0.5));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const d = Q[i].reduce((s, x, k) => s + x * Q[j][k], 0);
      Q[i] = Q[i].map((x, k) => x - d * Q[j][k]);
    }
    const norm = Math.hypot(...Q[i]);
    Q[i] = Q[i].map((x) => x / norm);
  }
  const A = new Float64Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) A[a * n + b] = values.reduce((s, l, i) => s + l * Q[i][a] * Q[i][b], 0);
  return A;
}

describe('jacobiEigen (dense, with vectors)', () => {
  test('the 1-D Laplacian [[2,-1,0],[-1,2,-1],[0,-1,2]]: 2 - √2, 2, 2 + √2 with vectors (1, ∓√2, 1)/2', () => {
    const { values, vectors } = jacobiEigen(Float64Array.of(2, -1, 0, -1, 2, -1, 0, -1, 2), 3);
    assertAllClose(Array.from(values), [2 - Math.SQRT2, 2, 2 + Math.SQRT2], 1e-15);
    const v0 = Array.from(vectors.subarray(0, 3)).map((x) => x * Math.sign(vectors[0]));
    assertAllClose(v0, [0.5, Math.SQRT1_2, 0.5], 1e-15);
  });

  test('a random 40 x 40 with a repeated eigenvalue: A v = λ v, orthonormal vectors, the known spectrum', () => {
    const spectrum = Array.from({ length: 40 }, (_, i) => (i < 3 ? 2 : i - 20));
    const n = 40,
      A = withSpectrum(spectrum, 11);
    const { values, vectors } = jacobiEigen(A, n);
    assertAllClose(
      Array.from(values),
      [...spectrum].sort((a, b) => a - b),
      1e-12,
    );
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < n; a++) {
        let s = 0;
        for (let b = 0; b < n; b++) s += A[a * n + b] * vectors[i * n + b];
        assertClose(s, values[i] * vectors[i * n + a], 1e-12, 0, `(A v_${i})[${a}]`);
      }
      for (let j = 0; j <= i; j++) {
        let d = 0;
        for (let a = 0; a < n; a++) d += vectors[i * n + a] * vectors[j * n + a];
        assertClose(d, i === j ? 1 : 0, 1e-13, 0, `v_${i}·v_${j}`);
      }
    }
  });

  test('non-finite input gives NaN eigenvalues, not a hang', () => {
    assert.ok(jacobiEigen(Float64Array.of(1, NaN, NaN, 1), 2).values.every(Number.isNaN));
  });
});

describe('lanczos (full reorthogonalization, seeded start)', () => {
  const matVec = (A: Float64Array, n: number) => (x: Float64Array, out: Float64Array) => {
    for (let a = 0; a < n; a++) {
      let s = 0;
      for (let b = 0; b < n; b++) s += A[a * n + b] * x[b];
      out[a] = s;
    }
  };

  test('with n steps it gives the whole spectrum, also through breakdowns (a rank-2 matrix)', () => {
    const spectrum = [0, 0, 0, 0, 3, -1];
    const A = withSpectrum(spectrum, 5);
    const r = lanczos(matVec(A, 6), 6, 6);
    assert.equal(r.steps, 6);
    assertAllClose(Array.from(r.ritz), [-1, 0, 0, 0, 0, 3], 1e-12);
    const out = new Float64Array(6);
    matVec(A, 6)(r.minVector, out);
    out.forEach((x, i) => assertClose(x, -r.minVector[i], 1e-12, 0, `(A v_min)[${i}]`));
  });

  test('tridiagonalEigenvector: the 1-D Laplacian of size 30, smallest and largest (pivoting on the way)', () => {
    const n = 30;
    const d = new Float64Array(n).fill(2),
      e = new Float64Array(n - 1).fill(-1);
    for (const [k, below] of [
      [1, true],
      [n, false],
    ] as const) {
      const lambda = 2 - 2 * Math.cos((k * Math.PI) / (n + 1));
      const y = tridiagonalEigenvector(d, e, n, lambda, below);
      const sign = Math.sign(y[0]);
      const norm = Math.sqrt(2 / (n + 1));
      y.forEach((x, i) =>
        assertClose(sign * x, norm * Math.sin((k * (i + 1) * Math.PI) / (n + 1)), 1e-12, 0, `y[${i}]`),
      );
    }
  });

  test('extremes of a 120 x 120 with outliers in 40 steps, with small residuals and eigenvectors', () => {
    const spectrum = [...Array.from({ length: 118 }, (_, i) => 1 + i / 10), -5, 40];
    const n = 120,
      A = withSpectrum(spectrum, 8);
    const r = lanczos(matVec(A, n), n, 40);
    assertClose(r.ritz[0], -5, 1e-9, 0, 'λ_min');
    assertClose(r.ritz[r.ritz.length - 1], 40, 1e-9, 0, 'λ_max');
    assert.ok(r.minResidual < 1e-6 && r.maxResidual < 1e-6);
    const out = new Float64Array(n);
    matVec(A, n)(r.maxVector, out);
    out.forEach((x, i) => assertClose(x, 40 * r.maxVector[i], 1e-7, 0));
  });
});
