import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fixSign, nullspacesFromSvd } from '../../../src/core/linalg/nullspace';
import { cokernelBasis, kernelBasis } from './oracles/nullspaceBasis';
import { numericalRank, rankTolerance } from '../../../src/core/linalg/rank';
import { svd } from '../../../src/core/linalg/svd';
import { singularValues } from './oracles/singularValues';
import {
  arbitraryMatrix,
  maxAbsDiff,
  orthonormalityError,
  polarJacobian,
  randomMatrix,
  residual,
  rng,
  transpose,
} from './fixtures';

function largestIsPositive(v: ArrayLike<number>): boolean {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[best]) + 1e-12) best = i;
  return v[best] > 0;
}

/** Checks that `basis` is an orthonormal set in the kernel of the rows x cols A, with the sign convention. */
function checkKernel(
  a: Float64Array,
  rows: number,
  cols: number,
  basis: Float64Array[],
  dim: number,
  tol = 1e-12,
): void {
  assert.equal(basis.length, dim, 'dimension');
  for (const v of basis) {
    assert.equal(v.length, cols);
    assert.ok(residual(a, rows, cols, v) < tol, `A k = 0 (residual ${residual(a, rows, cols, v)})`);
    assert.ok(largestIsPositive(v), 'largest entry positive');
  }
  assert.ok(orthonormalityError(basis) < tol, 'orthonormal');
}

describe('kernelBasis and cokernelBasis', () => {
  test('wide rank-1 [[1,2,3],[2,4,6]]: 2-dim kernel, cokernel (2,-1)/√5', () => {
    const a = Float64Array.from([1, 2, 3, 2, 4, 6]);
    checkKernel(a, 2, 3, kernelBasis(a, 2, 3), 2);
    const co = cokernelBasis(a, 2, 3);
    assert.equal(co.length, 1);
    assert.ok(maxAbsDiff(co[0], [2 / Math.sqrt(5), -1 / Math.sqrt(5)]) < 1e-15);
  });

  test('wide full-rank A: the cols - rows directions a thin SVD does not return are found (kernel of a 3x7 has dim 4)', () => {
    const next = rng(20);
    const a = randomMatrix(3, 7, next);
    const ker = kernelBasis(a, 3, 7);
    checkKernel(a, 3, 7, ker, 4);
    assert.equal(cokernelBasis(a, 3, 7).length, 0);
    // Kernel ⟂ row space: kernel vectors together with the orthonormalized rows span R^7 (rank 7).
    const stacked = new Float64Array(7 * 7);
    stacked.set(a, 0);
    ker.forEach((v, i) => stacked.set(v, (3 + i) * 7));
    const s = singularValues(stacked, 7, 7);
    assert.equal(numericalRank(s, rankTolerance(s[0], 7, 7)), 7);
  });

  test('[[1,0,0,0],[0,1,0,0]] has kernel e3, e4 and [[0,0],[0,-1],[0,0]] has kernel e1 and cokernel e1, e3', () => {
    const a = Float64Array.from([1, 0, 0, 0, 0, 1, 0, 0]);
    const ker = kernelBasis(a, 2, 4);
    checkKernel(a, 2, 4, ker, 2);
    for (const v of ker) assert.ok(Math.abs(v[0]) + Math.abs(v[1]) === 0);
    const b = Float64Array.from([0, 0, 0, -1, 0, 0]);
    assert.deepEqual(
      kernelBasis(b, 3, 2).map((v) => Array.from(v)),
      [[1, 0]],
    );
    const co = cokernelBasis(b, 3, 2);
    checkKernel(transpose(b, 3, 2), 2, 3, co, 2);
    for (const v of co) assert.equal(v[1], 0);
  });

  test('tall rank-deficient A = M (I - k kᵀ) has kernel exactly ±k (sign: largest entry positive)', () => {
    const next = rng(21);
    const k = Float64Array.from([1, -2, 3]).map((x) => x / Math.sqrt(14));
    const m = randomMatrix(5, 3, next);
    const proj = Float64Array.from(
      { length: 9 },
      (_, idx) => (Math.floor(idx / 3) === idx % 3 ? 1 : 0) - k[Math.floor(idx / 3)] * k[idx % 3],
    );
    const a = new Float64Array(15);
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 3; j++) for (let t = 0; t < 3; t++) a[i * 3 + j] += m[i * 3 + t] * proj[t * 3 + j];
    const ker = kernelBasis(a, 5, 3);
    checkKernel(a, 5, 3, ker, 1);
    assert.ok(maxAbsDiff(ker[0], k) < 1e-14, `${Array.from(ker[0])}`);
    checkKernel(transpose(a, 5, 3), 3, 5, cokernelBasis(a, 5, 3), 3);
  });

  test('the zero matrix: kernel and cokernel are the standard bases', () => {
    assert.deepEqual(
      kernelBasis(new Float64Array(6), 2, 3).map((v) => Array.from(v)),
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    );
    assert.deepEqual(
      cokernelBasis(new Float64Array(6), 2, 3).map((v) => Array.from(v)),
      [
        [1, 0],
        [0, 1],
      ],
    );
  });

  test('polar Jacobian: kernel (0, 1) at r = 0 and at r = 1e-17 (below tolerance), none at r = 1e-8 unless tol = 1e-6', () => {
    assert.deepEqual(
      kernelBasis(polarJacobian(0, 0.4), 2, 2).map((v) => Array.from(v)),
      [[0, 1]],
    );
    assert.ok(maxAbsDiff(kernelBasis(polarJacobian(1e-17, 0.4), 2, 2)[0], [0, 1]) < 1e-15);
    assert.equal(kernelBasis(polarJacobian(1e-8, 0.4), 2, 2).length, 0);
    assert.equal(kernelBasis(polarJacobian(1e-8, 0.4), 2, 2, 1e-6).length, 1);
    const co = cokernelBasis(polarJacobian(0, 0.4), 2, 2);
    assert.ok(maxAbsDiff(co[0], [-Math.sin(0.4), Math.cos(0.4)]) < 1e-15);
  });

  test('fixSign flips so the largest-magnitude entry is positive and ignores rounding-level ties', () => {
    assert.deepEqual(Array.from(fixSign(Float64Array.from([0.1, -0.9, 0.3]))), [-0.1, 0.9, -0.3]);
    assert.deepEqual(Array.from(fixSign(Float64Array.from([-0.5, 0.5 + 1e-12]))), [0.5, -0.5 - 1e-12]);
  });

  test('output is deterministic: the same input gives bit-identical bases', () => {
    const a = randomMatrix(3, 6, rng(22));
    assert.deepEqual(kernelBasis(a, 3, 6), kernelBasis(a.slice(), 3, 6));
  });

  test('property: dim ker A = cols - rank, dim ker Aᵀ = rows - rank, A k ≈ 0 and Aᵀ c ≈ 0, orthonormal', () => {
    fc.assert(
      fc.property(arbitraryMatrix(8), ({ rows, cols, a }) => {
        const s = svd(a, rows, cols).S;
        const rank = numericalRank(s, rankTolerance(s[0], rows, cols));
        checkKernel(a, rows, cols, kernelBasis(a, rows, cols), cols - rank);
        checkKernel(transpose(a, rows, cols), cols, rows, cokernelBasis(a, rows, cols), rows - rank);
      }),
      { numRuns: 300 },
    );
  });
});

describe('nullspacesFromSvd past the basis limit', () => {
  test('a wide 2 x 50 J: ker J (dimension 48) is counted, not built, when 48 x 50 passes the limit', () => {
    const a = new Float64Array(100);
    for (let j = 0; j < 50; j++) [a[j], a[50 + j]] = [Math.sin(j + 1), Math.cos(2 * j)];
    const s = svd(a, 2, 50);
    const full = nullspacesFromSvd(s, 2, 50, 1e-12);
    assert.equal(full.kernel.length, 48);
    assert.equal(full.kernelOmitted, 0);
    const capped = nullspacesFromSvd(s, 2, 50, 1e-12, 48 * 50 - 1);
    assert.equal(capped.kernel.length, 0);
    assert.equal(capped.kernelOmitted, 48);
    assert.equal(capped.cokernel.length, 0);
    assert.equal(capped.cokernelOmitted, 0);
  });
});
