import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeMatrix } from '../../../src/core/linalg/matrixReport';
import { maxAbsDiff, orthonormalityError, polarJacobian, randomMatrix, rng } from './fixtures';

/** max |M v - lambda v| over the reported eigenpairs of the reported M. */
function eigenResidual(m: number[][], values: number[], vectors: number[][]): number {
  let worst = 0;
  values.forEach((lambda, k) => {
    m.forEach((row, i) => {
      const mv = row.reduce((s, x, j) => s + x * vectors[k][j], 0);
      worst = Math.max(worst, Math.abs(mv - lambda * vectors[k][i]));
    });
  });
  return worst;
}

describe('analyzeMatrix', () => {
  test('[[3,0],[4,5]]: sigma (3√5, √5), rank 2, condition 3, norm 3√5, M = [[9,12],[12,41]] with eigenvalues 45, 5', () => {
    const r = analyzeMatrix(Float64Array.from([3, 0, 4, 5]), 2, 2);
    assert.ok(maxAbsDiff(r.singularValues, [3 * Math.sqrt(5), Math.sqrt(5)]) < 1e-14);
    assert.equal(r.rank, 2);
    assert.ok(Math.abs(r.conditionNumber - 3) < 1e-14);
    assert.ok(Math.abs(r.operatorNorm - 3 * Math.sqrt(5)) < 1e-14);
    assert.equal(r.tolerance, 3 * Math.sqrt(5) * 2 * Number.EPSILON);
    assert.deepEqual(r.preconditioner, [
      [9, 12],
      [12, 41],
    ]);
    assert.ok(maxAbsDiff(r.preconditionerEigenvalues, [45, 5]) < 1e-13);
    assert.ok(eigenResidual(r.preconditioner, r.preconditionerEigenvalues, r.preconditionerEigenvectors) < 1e-13);
    // Eigenvectors of M are the left singular vectors (1,3)/√10 and (3,-1)/√10, largest entry positive.
    assert.ok(maxAbsDiff(r.preconditionerEigenvectors[0], [1 / Math.sqrt(10), 3 / Math.sqrt(10)]) < 1e-15);
    assert.ok(maxAbsDiff(r.preconditionerEigenvectors[1], [3 / Math.sqrt(10), -1 / Math.sqrt(10)]) < 1e-15);
    assert.deepEqual([r.kernel, r.cokernel], [[], []]);
  });

  test('polar Jacobian at r = 1e-17: rank 1, condition 1e17, kernel (0, 1), cokernel (-sin φ, cos φ) signed', () => {
    const phi = 0.7;
    const r = analyzeMatrix(polarJacobian(1e-17, phi), 2, 2);
    assert.equal(r.rank, 1);
    assert.ok(Math.abs(r.conditionNumber / 1e17 - 1) < 1e-14);
    assert.ok(Math.abs(r.operatorNorm - 1) < 1e-15);
    assert.ok(maxAbsDiff(r.kernel[0], [0, 1]) < 1e-15);
    assert.ok(maxAbsDiff(r.cokernel[0], [-Math.sin(phi), Math.cos(phi)]) < 1e-15);
  });

  test('wide rank-1 [[1,2,3],[2,4,6]]: condition Infinity, M eigenvalues 70 and 0, kernel of dim 2', () => {
    const r = analyzeMatrix(Float64Array.from([1, 2, 3, 2, 4, 6]), 2, 3);
    assert.deepEqual([r.rank, r.conditionNumber], [1, Infinity]);
    assert.ok(Math.abs(r.singularValues[0] - Math.sqrt(70)) < 1e-14);
    assert.deepEqual(r.preconditioner, [
      [14, 28],
      [28, 56],
    ]);
    assert.ok(maxAbsDiff(r.preconditionerEigenvalues, [70, 0]) < 1e-13);
    assert.equal(r.kernel.length, 2);
    assert.ok(maxAbsDiff(r.cokernel[0], [2 / Math.sqrt(5), -1 / Math.sqrt(5)]) < 1e-15);
  });

  test('tall 5x3: M is 5x5 with eigenvalues sigma² then two zeros, orthonormal eigenvectors of length 5', () => {
    const a = randomMatrix(5, 3, rng(30));
    const r = analyzeMatrix(a, 5, 3);
    assert.equal(r.preconditioner.length, 5);
    assert.equal(r.preconditionerEigenvalues.length, 5);
    assert.ok(maxAbsDiff(r.preconditionerEigenvalues, [...r.singularValues.map((s) => s * s), 0, 0]) < 1e-15);
    assert.ok(r.preconditionerEigenvectors.every((v) => v.length === 5));
    assert.ok(orthonormalityError(r.preconditionerEigenvectors) < 1e-14);
    assert.ok(eigenResidual(r.preconditioner, r.preconditionerEigenvalues, r.preconditionerEigenvectors) < 1e-13);
    assert.equal(r.cokernel.length, 2);
    assert.equal(r.kernel.length, 0);
  });

  test('a given tolerance overrides the default for rank and kernels', () => {
    const r = analyzeMatrix(polarJacobian(1e-8, 0.2), 2, 2, 1e-6);
    assert.deepEqual([r.rank, r.tolerance, r.kernel.length, r.cokernel.length], [1, 1e-6, 1, 1]);
    assert.equal(analyzeMatrix(polarJacobian(1e-8, 0.2), 2, 2).rank, 2);
  });

  test('the zero matrix: rank 0, condition Infinity, norm 0', () => {
    const r = analyzeMatrix(new Float64Array(4), 2, 2);
    assert.deepEqual(
      [r.rank, r.conditionNumber, r.operatorNorm, r.kernel.length, r.cokernel.length],
      [0, Infinity, 0, 2, 2],
    );
  });

  test('throws a plain Error naming the entry when one is NaN or infinite', () => {
    assert.throws(
      () => analyzeMatrix(Float64Array.from([1, 2, NaN, 4]), 2, 2),
      (e: unknown) => e instanceof Error && /non-finite entry at \(1, 0\)/.test(e.message),
    );
    assert.throws(() => analyzeMatrix(Float64Array.from([-Infinity, 0]), 1, 2), /non-finite/);
  });
});
