import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jacobiSingularValuesInto, svd } from '../../../src/core/linalg/svd';
import { singularValues } from './oracles/singularValues';
import { symmetricEigen } from './oracles/symmetricEigen';
import {
  arbitraryMatrix,
  column,
  matMul,
  maxAbsDiff,
  orthonormalityError,
  polarJacobian,
  randomMatrix,
  rng,
  transpose,
  withSingularValues,
} from './fixtures';

/** Checks U S Vᵀ = A, orthonormal U and V columns, S descending and non-negative; returns S. */
function checkSvd(a: Float64Array, rows: number, cols: number, tol: number): Float64Array {
  const { U, S, V, k } = svd(a, rows, cols);
  assert.equal(k, Math.min(rows, cols));
  assert.equal(U.length, rows * k);
  assert.equal(V.length, cols * k);
  for (let i = 0; i < k; i++) assert.ok(S[i] >= 0 && (i === 0 || S[i - 1] >= S[i]), 'S descending, non-negative');
  const us = U.map((x, idx) => x * S[idx % k]);
  const scale = Math.max(1, S[0] ?? 0);
  assert.ok(maxAbsDiff(matMul(us, transpose(V, cols, k), rows, k, cols), a) < tol * scale, 'U S Vᵀ = A');
  assert.ok(orthonormalityError(Array.from({ length: k }, (_, i) => column(U, rows, k, i))) < tol, 'U orthonormal');
  assert.ok(orthonormalityError(Array.from({ length: k }, (_, i) => column(V, cols, k, i))) < tol, 'V orthonormal');
  return S;
}

describe('svd', () => {
  test('[[3,0],[4,5]]: sigma = 3√5, √5 with v = (1,1)/√2, (1,-1)/√2 and u = (1,3)/√10, (3,-1)/√10 up to sign', () => {
    const a = Float64Array.from([3, 0, 4, 5]);
    const S = checkSvd(a, 2, 2, 1e-15);
    assert.ok(maxAbsDiff(S, [3 * Math.sqrt(5), Math.sqrt(5)]) < 1e-14);
    const { U, V } = svd(a, 2, 2);
    const up = (v: Float64Array) => (v[0] < 0 ? v.map((x) => -x) : v);
    assert.ok(maxAbsDiff(up(column(V, 2, 2, 0)), [Math.SQRT1_2, Math.SQRT1_2]) < 1e-15);
    assert.ok(maxAbsDiff(up(column(V, 2, 2, 1)), [Math.SQRT1_2, -Math.SQRT1_2]) < 1e-15);
    assert.ok(maxAbsDiff(up(column(U, 2, 2, 0)), [1 / Math.sqrt(10), 3 / Math.sqrt(10)]) < 1e-15);
    assert.ok(maxAbsDiff(up(column(U, 2, 2, 1)), [3 / Math.sqrt(10), -1 / Math.sqrt(10)]) < 1e-15);
  });

  test('diagonal and permuted-diagonal matrices: |entries| sorted, exact signs in U, zero rows and columns completed', () => {
    const S = checkSvd(Float64Array.from([0, -2, 0, 0, 0, 0, 5, 0, 0]), 3, 3, 1e-16);
    assert.deepEqual(Array.from(S), [5, 2, 0]);
    assert.deepEqual(Array.from(checkSvd(Float64Array.from([1, 0, 0, 0, 0, 0]), 2, 3, 1e-16)), [1, 0]);
    assert.deepEqual(Array.from(checkSvd(new Float64Array(6), 3, 2, 1e-16)), [0, 0]);
  });

  test('planted singular values (including 1e-12 and exact zeros) for square, wide and tall shapes', () => {
    const next = rng(10);
    for (const [rows, cols] of [
      [5, 5],
      [4, 7],
      [7, 4],
      [1, 6],
      [6, 1],
    ]) {
      const k = Math.min(rows, cols);
      const planted = [3, 1, 1e-12, 0, 0].slice(0, k);
      const a = withSingularValues(planted, rows, cols, next);
      const S = checkSvd(a, rows, cols, 1e-14);
      // The planted matrix itself carries rounding of ~eps * 3 per entry, so small values agree to that absolutely.
      assert.ok(maxAbsDiff(S, planted) < 1e-14, `${rows}x${cols}: ${Array.from(S)}`);
      assert.ok(maxAbsDiff(singularValues(a, rows, cols), S) < 1e-14);
    }
  });

  test('the polar Jacobian at r = 1e-17 has sigma = (1, 1e-17) to full relative accuracy', () => {
    for (const phi of [0.3, 2, -1.1]) {
      const S = singularValues(polarJacobian(1e-17, phi), 2, 2);
      assert.ok(Math.abs(S[0] - 1) < 1e-15);
      assert.ok(Math.abs(S[1] / 1e-17 - 1) < 1e-14, `${S[1]}`);
      assert.ok(Math.abs(svd(polarJacobian(1e-17, phi), 2, 2).S[1] / 1e-17 - 1) < 1e-14);
    }
  });

  test('graded rows D B (D = 1, 1e-9, 1e-17): tiny singular values keep relative accuracy (product = |det D det B|)', () => {
    const next = rng(11);
    const b = randomMatrix(3, 3, next);
    const det =
      b[0] * (b[4] * b[8] - b[5] * b[7]) - b[1] * (b[3] * b[8] - b[5] * b[6]) + b[2] * (b[3] * b[7] - b[4] * b[6]);
    const d = [1, 1e-9, 1e-17];
    const a = b.map((x, i) => x * d[Math.floor(i / 3)]);
    for (const S of [singularValues(a, 3, 3), svd(a, 3, 3).S, singularValues(transpose(a, 3, 3), 3, 3)]) {
      assert.ok(Math.abs((S[0] * S[1] * S[2]) / (1e-26 * Math.abs(det)) - 1) < 1e-12, `${Array.from(S)}`);
    }
  });

  test('rank-one [[1,1],[1,1]] and one zero row: the singular vectors of the zero value are completed orthonormally', () => {
    checkSvd(Float64Array.from([1, 1, 1, 1]), 2, 2, 1e-15);
    checkSvd(Float64Array.from([1, 2, 3, 0, 0, 0]), 2, 3, 1e-15);
    checkSvd(Float64Array.from([1, 2, 2, 4, 3, 6]), 3, 2, 1e-15);
  });

  test('throws on a non-finite entry', () => {
    assert.throws(() => svd(Float64Array.from([1, Infinity]), 1, 2), /non-finite entry at \(0, 1\)/);
    assert.throws(() => singularValues(Float64Array.from([NaN]), 1, 1), /non-finite/);
  });

  test('jacobiSingularValuesInto reads at an offset, writes into out, and gives NaN for non-finite input', () => {
    const a = Float64Array.from([99, 3, 0, 4, 5]);
    const out = new Float64Array(2);
    jacobiSingularValuesInto(a, 1, 2, 2, out, new Float64Array(4));
    assert.ok(maxAbsDiff(out, [3 * Math.sqrt(5), Math.sqrt(5)]) < 1e-14);
    jacobiSingularValuesInto(Float64Array.from([1, NaN, 0, 1]), 0, 2, 2, out, new Float64Array(4));
    assert.ok(Number.isNaN(out[0]) && Number.isNaN(out[1]));
  });

  test('property: U S Vᵀ reconstructs A, S² are the top eigenvalues of AᵀA, singularValues agrees', () => {
    fc.assert(
      fc.property(arbitraryMatrix(8), ({ rows, cols, a }) => {
        const S = checkSvd(a, rows, cols, 1e-13);
        const ata = matMul(transpose(a, rows, cols), a, cols, rows, cols);
        const eig = symmetricEigen(ata, cols).values;
        const k = Math.min(rows, cols);
        for (let i = 0; i < k; i++) assert.ok(Math.abs(S[i] * S[i] - eig[i]) < 1e-12 * Math.max(1, eig[0]));
        for (let i = k; i < cols; i++) assert.ok(Math.abs(eig[i]) < 1e-12 * Math.max(1, eig[0]));
        assert.ok(maxAbsDiff(singularValues(a, rows, cols), S) < 1e-13 * Math.max(1, S[0]));
      }),
      { numRuns: 300 },
    );
  });
});
