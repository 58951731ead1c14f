// The blog's positive correlation: the parametric gradient moves θ along -M ∇_θ L with M = J Jᵀ positive
// semidefinite, so cos(g, M g) ≥ 0 for g = ∇_θ L; where M is positive definite the Kantorovich inequality bounds it
// below by 2√(λmin λmax)/(λmin + λmax). Also the largest stable GD step at a point.
import { blockSpectrum } from '../objective/blockSpectrum';
import type { CompiledObjective } from '../objective/compileObjective';
import { jacobiEigen } from '../objective/denseSymmetricEigen';

/**
 * The Kantorovich bound 2√(λmin λmax)/(λmin + λmax) on cos(g, M g) for a symmetric M with extreme eigenvalues
 * 0 < λmin ≤ λmax (attained at g = √λmax v_min + √λmin v_max); 0 when λmin ≤ 0 (only cos ≥ 0 then holds).
 */
export function correlationBound(lambdaMin: number, lambdaMax: number): number {
  if (!(lambdaMin > 0) || !(lambdaMax >= lambdaMin)) return 0;
  return (2 * Math.sqrt(lambdaMin * lambdaMax)) / (lambdaMin + lambdaMax);
}

/** cos(a, b) = a·b / (‖a‖ ‖b‖), null when either is 0. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : null;
}

/** M = J Jᵀ (q x q) of a dense row-major q x p J. */
export function preconditioner(J: ArrayLike<number>, q: number, p: number): Float64Array {
  const M = new Float64Array(q * q);
  for (let i = 0; i < q; i++)
    for (let k = i; k < q; k++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += J[i * p + j] * J[k * p + j];
      M[i * q + k] = M[k * q + i] = s;
    }
  return M;
}

/** The bound for M = J Jᵀ of a dense q x p J, with M's extreme eigenvalues (bound 0 when M is singular). */
export function preconditionerBound(
  J: ArrayLike<number>,
  q: number,
  p: number,
): { bound: number; lambdaMin: number; lambdaMax: number } {
  const { values } = jacobiEigen(preconditioner(J, q, p), q);
  const lambdaMin = values[0],
    lambdaMax = values[q - 1];
  // Eigenvalues at rounding level of the largest are zeros: M is then only semidefinite.
  const definite = lambdaMin > lambdaMax * q * Number.EPSILON * 16;
  return { bound: definite ? correlationBound(lambdaMin, lambdaMax) : 0, lambdaMin, lambdaMax };
}

/**
 * The largest stable step of GD at W: 2 / λmax(∇²_W L) (the blockwise spectrum of the exact Hessian). Near W, GD with
 * η above it is pushed away along the top eigenvector (|1 - η λmax| > 1); null when λmax ≤ 0 (no curvature bound).
 */
export function largestStableStep(obj: CompiledObjective, W: Float64Array): number | null {
  const max = blockSpectrum(obj.hessian().at(W).loss2).max;
  return max > 0 ? 2 / max : null;
}
