// Minimum-norm least squares through the core's SVD: x = A⁺ b = Σ_{σ_i > tol} v_i (u_iᵀ b) / σ_i, and its ridge
// version x_λ = Σ_i v_i σ_i (u_iᵀ b) / (σ_i² + λ) = Aᵀ (A Aᵀ + λ I)⁻¹ b (λ > 0 keeps every direction, damped).
import { numericalRank, rankTolerance } from '../linalg/rank';
import { svd } from '../linalg/svd';

/** A minimum-norm (or ridge) solution and the spectrum it came from. */
export interface MinimumNormSolution {
  x: Float64Array;
  /** The singular values of A (min(rows, cols) of them, descending); σ_min is the last. */
  singularValues: Float64Array;
  /** The numerical rank (the core's rank rule). */
  rank: number;
}

/**
 * argmin ‖x‖ over the minimizers of ‖A x - b‖ (A rows x cols, row-major), or with `ridge` λ > 0 the minimizer of
 * ‖A x - b‖² + λ ‖x‖². Singular values at or below the rank tolerance (σ_max · max(rows, cols) · ε unless `tol`)
 * count as zero when λ = 0.
 */
export function minimumNormSolve(
  A: Float64Array,
  rows: number,
  cols: number,
  b: ArrayLike<number>,
  options: { ridge?: number; tol?: number } = {},
): MinimumNormSolution {
  const lambda = options.ridge ?? 0;
  const { U, S, V, k } = svd(A, rows, cols);
  const tol = rankTolerance(S[0] ?? 0, rows, cols, options.tol);
  const rank = numericalRank(S, tol);
  const x = new Float64Array(cols);
  for (let i = 0; i < k; i++) {
    const s = S[i];
    if (lambda === 0 && !(s > tol)) continue;
    let ub = 0;
    for (let r = 0; r < rows; r++) ub += U[r * k + i] * b[r];
    const c = lambda === 0 ? ub / s : (s * ub) / (s * s + lambda);
    for (let j = 0; j < cols; j++) x[j] += c * V[j * k + i];
  }
  return { x, singularValues: S, rank };
}

/** A x (A rows x cols row-major). */
export function matVec(A: Float64Array, rows: number, cols: number, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += A[r * cols + j] * x[j];
    out[r] = s;
  }
  return out;
}

/** The Euclidean norm. */
export function norm2(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}
