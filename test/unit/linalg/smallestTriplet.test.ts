// The allocation-free smallest singular triplet the locus uses, against the full SVD and against its definition
// (J v = σ u, Jᵀ u = σ v, unit vectors) on tall, wide, rank-deficient and diagonal matrices.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { smallestTripletInto, svd, tripletScratch } from '../../../src/core/linalg/svd';
import { randomMatrix, rng, withSingularValues } from './fixtures';

/** ‖J v - σ u‖ and ‖Jᵀ u - σ v‖ and the vectors' norms. */
function residuals(a: Float64Array, rows: number, cols: number, s: number, u: Float64Array, v: Float64Array) {
  let r1 = 0,
    r2 = 0;
  for (let i = 0; i < rows; i++) {
    let t = -s * u[i];
    for (let j = 0; j < cols; j++) t += a[i * cols + j] * v[j];
    r1 += t * t;
  }
  for (let j = 0; j < cols; j++) {
    let t = -s * v[j];
    for (let i = 0; i < rows; i++) t += a[i * cols + j] * u[i];
    r2 += t * t;
  }
  const nu = Math.hypot(...u),
    nv = Math.hypot(...v);
  return { r1: Math.sqrt(r1), r2: Math.sqrt(r2), nu, nv };
}

describe('smallestTripletInto', () => {
  const next = rng(7);
  const cases: Array<[string, number, number, Float64Array]> = [];
  for (const [rows, cols] of [
    [3, 4],
    [4, 3],
    [2, 2],
    [5, 5],
    [1, 4],
  ])
    cases.push([`random ${rows}x${cols}`, rows, cols, randomMatrix(rows, cols, next)]);
  cases.push(['rank-deficient 3x4 (σ = 2, 1, 0)', 3, 4, withSingularValues([2, 1, 0], 3, 4, next)]);
  cases.push(['rank-deficient 4x3 (σ = 3, 1e-9, 0)', 4, 3, withSingularValues([3, 1e-9, 0], 4, 3, next)]);
  cases.push(['diagonal 2x2', 2, 2, Float64Array.of(0.5, 0, 0, -2)]);
  cases.push(['zero 2x3', 2, 3, new Float64Array(6)]);
  for (const [name, rows, cols, a] of cases)
    test(`${name}: σ equals svd's last, J v = σ u and Jᵀ u = σ v with unit vectors`, () => {
      const u = new Float64Array(rows),
        v = new Float64Array(cols);
      const s = smallestTripletInto(a, rows, cols, u, v, tripletScratch(rows, cols));
      const full = svd(a, rows, cols);
      const scale = Math.max(1, full.S[0]);
      assert.ok(Math.abs(s - full.S[full.k - 1]) <= 1e-14 * scale, `${s} vs ${full.S[full.k - 1]}`);
      const r = residuals(a, rows, cols, s, u, v);
      assert.ok(r.r1 <= 1e-13 * scale && r.r2 <= 1e-13 * scale, JSON.stringify(r));
      assert.ok(Math.abs(r.nu - 1) < 1e-13 && Math.abs(r.nv - 1) < 1e-13, JSON.stringify(r));
    });
});
