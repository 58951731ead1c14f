import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { symmetricEigen, symmetricEigenvalues } from './oracles/symmetricEigen';
import {
  column,
  matMul,
  maxAbsDiff,
  orthonormalityError,
  randomMatrix,
  randomOrthogonal,
  rng,
  transpose,
} from './fixtures';

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

function symmetric(n: number, next: () => number): Float64Array {
  const a = randomMatrix(n, n, next);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i];
  return a;
}

/** max |A v_k - lambda_k v_k| over all pairs. */
function eigenResidual(a: Float64Array, n: number, values: Float64Array, vectors: Float64Array): number {
  let m = 0;
  for (let k = 0; k < n; k++) {
    const v = column(vectors, n, n, k);
    const av = matMul(a, v, n, n, 1);
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(av[i] - values[k] * v[i]));
  }
  return m;
}

function checkDecomposition(a: Float64Array, n: number, tol: number): Float64Array {
  const { values, vectors } = symmetricEigen(a, n);
  for (let k = 1; k < n; k++) assert.ok(values[k - 1] >= values[k], `values descending at ${k}`);
  assert.ok(eigenResidual(a, n, values, vectors) < tol, 'A v = lambda v');
  const cols = Array.from({ length: n }, (_, k) => column(vectors, n, n, k));
  assert.ok(orthonormalityError(cols) < tol, 'eigenvectors orthonormal');
  return values;
}

describe('symmetricEigen', () => {
  test('a diagonal matrix: its diagonal sorted descending, unit basis vectors in the same order', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([1, 0, 0, 0, -3, 0, 0, 0, 7]), 3);
    assert.deepEqual(Array.from(values), [7, 1, -3]);
    assert.deepEqual(Array.from(vectors), [0, 1, 0, 0, 0, 1, 1, 0, 0]);
  });

  test('[[2,1],[1,2]] has eigenvalues 3 and 1 with eigenvectors (1,1)/√2 and (1,-1)/√2', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    assert.ok(maxAbsDiff(values, [3, 1]) < 1e-15);
    const v0 = column(vectors, 2, 2, 0),
      v1 = column(vectors, 2, 2, 1);
    assert.ok(Math.abs(Math.abs(v0[0]) - Math.SQRT1_2) < 1e-15 && Math.abs(v0[0] - v0[1]) < 1e-15);
    assert.ok(Math.abs(Math.abs(v1[0]) - Math.SQRT1_2) < 1e-15 && Math.abs(v1[0] + v1[1]) < 1e-15);
  });

  test('the 3x3 second-difference matrix has eigenvalues 2+√2, 2, 2-√2', () => {
    const values = checkDecomposition(Float64Array.from([2, -1, 0, -1, 2, -1, 0, -1, 2]), 3, 1e-14);
    assert.ok(maxAbsDiff(values, [2 + Math.SQRT2, 2, 2 - Math.SQRT2]) < 1e-14);
  });

  test('the 50x50 second-difference matrix (tridiagonal QL path) has eigenvalues 2 - 2cos(kπ/51)', () => {
    const n = 50,
      a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
    }
    const values = checkDecomposition(a, n, 1e-13);
    const expected = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((n - k) * Math.PI) / (n + 1)));
    assert.ok(maxAbsDiff(values, expected) < 1e-13);
  });

  test('planted spectra with repeated and zero eigenvalues are recovered for n = 5 (Jacobi) and n = 40 (Householder + QL)', () => {
    const next = rng(1);
    for (const planted of [[4, 2, 2, 0, -1], Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 0 : 10 - i / 2))]) {
      const n = planted.length,
        a = withEigenvalues(planted, next);
      const values = checkDecomposition(a, n, 1e-12);
      assert.ok(
        maxAbsDiff(
          values,
          [...planted].sort((x, y) => y - x),
        ) < 1e-12,
      );
    }
  });

  test('does not modify its input', () => {
    const a = symmetric(6, rng(2)),
      copy = a.slice();
    symmetricEigen(a, 6);
    symmetricEigenvalues(a, 6);
    assert.deepEqual(a, copy);
  });

  test('entries near 1e200 or 1e-200 neither overflow nor underflow', () => {
    for (const scale of [1e200, 1e-200]) {
      const { values } = symmetricEigen(
        Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 1]).map((x) => x * scale),
        3,
      );
      assert.ok(
        maxAbsDiff(
          values.map((x) => x / scale),
          [3, 1, 1],
        ) < 1e-14,
      );
      const only = symmetricEigenvalues(
        Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 1]).map((x) => x * scale),
        3,
      );
      assert.ok(
        maxAbsDiff(
          only.map((x) => x / scale),
          [3, 1, 1],
        ) < 1e-14,
      );
    }
  });

  test('throws on a non-finite entry', () => {
    assert.throws(() => symmetricEigen(Float64Array.from([1, NaN, NaN, 1]), 2), /non-finite/);
  });
});

describe('symmetricEigenvalues', () => {
  test('matches symmetricEigen for n = 1..16 and fills the given `out` using the given work buffer', () => {
    const next = rng(3);
    for (let n = 1; n <= 16; n++) {
      const a = symmetric(n, next);
      const out = new Float64Array(n),
        work = new Float64Array(n * (n + 2));
      const got = symmetricEigenvalues(a, n, out, work);
      assert.equal(got, out);
      assert.ok(maxAbsDiff(got, symmetricEigen(a, n).values) < 1e-13, `n = ${n}`);
    }
  });

  test('planted repeated and zero eigenvalues (5, 5, 1e-3, 0, 0, 0) come out to absolute eps-level accuracy', () => {
    const planted = [5, 5, 1e-3, 0, 0, 0];
    const got = symmetricEigenvalues(withEigenvalues(planted, rng(5)), 6);
    assert.ok(maxAbsDiff(got, planted) < 1e-14, `${Array.from(got)}`);
  });

  test('the Gram matrix of [[3,0],[4,5]] gives 45 and 5', () => {
    assert.ok(maxAbsDiff(symmetricEigenvalues(Float64Array.from([9, 12, 12, 41]), 2), [45, 5]) < 1e-13);
  });

  test('a non-finite entry gives NaN values instead of hanging', () => {
    for (const n of [2, 3, 6]) {
      const a = symmetric(n, rng(4));
      a[n + 1] = NaN;
      assert.ok(Array.from(symmetricEigenvalues(a, n)).every((x) => Number.isNaN(x)));
    }
  });

  test('property: sum of eigenvalues = trace, sum of squares = Frobenius norm², matches the eigen-decomposition', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer(), (n, seed) => {
        const a = symmetric(n, rng(seed));
        const values = symmetricEigenvalues(a, n);
        let trace = 0,
          frob = 0;
        for (let i = 0; i < n; i++) trace += a[i * n + i];
        for (const x of a) frob += x * x;
        assert.ok(Math.abs(values.reduce((s, x) => s + x, 0) - trace) < 1e-12);
        assert.ok(Math.abs(values.reduce((s, x) => s + x * x, 0) - frob) < 1e-12);
        checkDecomposition(a, n, 1e-12);
        assert.ok(maxAbsDiff(values, symmetricEigen(a, n).values) < 1e-12);
      }),
      { numRuns: 200 },
    );
  });
});
