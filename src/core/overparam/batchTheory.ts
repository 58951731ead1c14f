// Mini-batch size for linear least squares (Ma, Bassily & Belkin, "The power of interpolation", ICML 2018). With
// features x_i (rows of DF), ℓ_i = ½ (x_iᵀ w - y_i)² and a step w ← w - η (1/b) Σ_{i ∈ B} ∇ℓ_i over b indices drawn
// with replacement, e = w - w* obeys E‖e'‖² = eᵀ (I - 2ηH + η² (E[‖x‖² x xᵀ]/b + (b-1)/b H²)) e, H = (1/n) Σ x_i x_iᵀ;
// bounding E[‖x‖² x xᵀ] ≼ β H (β = max_i ‖x_i‖²) and taking the worst eigenvalue λ ∈ [λn, λ1] gives the per-step
// contraction g(η; b) = max_λ 1 - 2ηλ + η² λ (β + (b-1) λ) / b, minimized by η*(b) below.
import { svd } from '../linalg/svd';
import { numericalRank, rankTolerance } from '../linalg/rank';

/** β, the extreme non-zero eigenvalues of H and the critical batch size. */
export interface BatchConstants {
  beta: number;
  /** λ1 and λn: the largest and smallest non-zero eigenvalues of H = (1/n) Σ x_i x_iᵀ (the core's rank rule). */
  lambdaMax: number;
  lambdaMin: number;
  /** m* = β / (λ1 - λn) + 1 (Infinity when λ1 = λn: every batch size is below it). */
  criticalBatch: number;
  n: number;
  p: number;
}

/** The constants of the features DF (n x p, row-major: row i = x_i). */
export function batchConstants(DF: Float64Array, n: number, p: number): BatchConstants {
  let beta = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += DF[i * p + j] ** 2;
    beta = Math.max(beta, s);
  }
  // The non-zero eigenvalues of H = DFᵀ DF / n are σ_i² / n for the non-zero singular values of DF.
  const { S } = svd(DF, n, p);
  const rank = numericalRank(S, rankTolerance(S[0] ?? 0, n, p));
  const lambdaMax = rank > 0 ? (S[0] * S[0]) / n : 0,
    lambdaMin = rank > 0 ? (S[rank - 1] * S[rank - 1]) / n : 0;
  const gap = lambdaMax - lambdaMin;
  // λ1 = λn up to rounding counts as equal (H a multiple of the identity on its range).
  const criticalBatch = gap > 1e-12 * lambdaMax ? beta / gap + 1 : Infinity;
  return { beta, lambdaMax, lambdaMin, criticalBatch, n, p };
}

/** η*(b) = b / (β + (b-1) λn) for b ≤ m*, else 2b / (β + (b-1)(λ1 + λn)). */
export function optimalStep(c: BatchConstants, b: number): number {
  return b <= c.criticalBatch
    ? b / (c.beta + (b - 1) * c.lambdaMin)
    : (2 * b) / (c.beta + (b - 1) * (c.lambdaMax + c.lambdaMin));
}

/**
 * The guaranteed contraction of E‖w - w*‖² per step at η*(b): 1 - b λn / (β + (b-1) λn) for b ≤ m*, else
 * 1 - 4 b (b-1) λ1 λn / (β + (b-1)(λ1 + λn))² (both are g(η*(b); b) above).
 */
export function theoryRate(c: BatchConstants, b: number): number {
  const { beta, lambdaMax: l1, lambdaMin: ln } = c;
  if (b <= c.criticalBatch) return 1 - (b * ln) / (beta + (b - 1) * ln);
  const d = beta + (b - 1) * (l1 + ln);
  return 1 - (4 * b * (b - 1) * l1 * ln) / (d * d);
}

/** g(η; b) = max over λ ∈ {λn, λ1} of 1 - 2ηλ + η² λ (β + (b-1) λ) / b (a convex quadratic in λ: an end wins). */
export function contraction(c: BatchConstants, b: number, eta: number): number {
  const g = (l: number) => 1 - 2 * eta * l + (eta * eta * l * (c.beta + (b - 1) * l)) / b;
  return Math.max(g(c.lambdaMin), g(c.lambdaMax));
}
