import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { numericalRank, rankTolerance } from '../../../src/core/linalg/rank';
import { singularValues } from './oracles/singularValues';
import { polarJacobian } from './fixtures';

function rankOf(a: Float64Array, rows: number, cols: number): number {
  const s = singularValues(a, rows, cols);
  return numericalRank(s, rankTolerance(s[0], rows, cols));
}

describe('rank', () => {
  test('rankTolerance is sigma_max * max(rows, cols) * eps unless a tolerance is given', () => {
    assert.equal(rankTolerance(2, 3, 5), 2 * 5 * Number.EPSILON);
    assert.equal(rankTolerance(1, 272, 16), 272 * Number.EPSILON);
    assert.equal(rankTolerance(0, 2, 2), 0);
    assert.equal(rankTolerance(2, 3, 5, 1e-3), 1e-3);
    assert.equal(rankTolerance(2, 3, 5, 0), 0);
  });

  test('numericalRank counts singular values strictly above the tolerance', () => {
    assert.equal(numericalRank([3, 1e-3, 1e-20], 1e-10), 2);
    assert.equal(numericalRank([3, 1e-10], 1e-10), 1);
    assert.equal(numericalRank([0, 0], 0), 0);
    assert.equal(numericalRank(Float64Array.from([5, 4]), 0), 2);
    assert.equal(numericalRank([], 1), 0);
  });

  test('polar Jacobian at r = 1, 1e-8, 1e-17, 0 has rank 2, 2, 1, 1 (1e-17 is below 2 * eps)', () => {
    for (const phi of [0, 0.7, 2.5]) {
      assert.deepEqual(
        [1, 1e-8, 1e-17, 0].map((r) => rankOf(polarJacobian(r, phi), 2, 2)),
        [2, 2, 1, 1],
      );
    }
  });

  test('squared model J = diag(2w): rank 2 at w = (1, 1e-9), rank 1 at w = (1, 0)', () => {
    assert.equal(rankOf(Float64Array.from([2, 0, 0, 2e-9]), 2, 2), 2);
    assert.equal(rankOf(Float64Array.from([2, 0, 0, 0]), 2, 2), 1);
  });

  test('rank-deficient wide and tall products of thin factors', () => {
    // [[1,2,3],[2,4,6]] has rank 1; its transpose too; [[1,0,1],[0,1,1],[1,1,2]] has rank 2.
    assert.equal(rankOf(Float64Array.from([1, 2, 3, 2, 4, 6]), 2, 3), 1);
    assert.equal(rankOf(Float64Array.from([1, 2, 2, 4, 3, 6]), 3, 2), 1);
    assert.equal(rankOf(Float64Array.from([1, 0, 1, 0, 1, 1, 1, 1, 2]), 3, 3), 2);
    assert.equal(rankOf(new Float64Array(4), 2, 2), 0);
  });
});
