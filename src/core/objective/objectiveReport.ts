import { blockSpectrum, type SpectrumOptions } from './blockSpectrum';
import type { CompiledObjective } from './compileObjective';
import type { HessianPoint } from './hessianEvaluator';

/** What `analyze` reports about the loss at one point. */
export interface ObjectivePointReport {
  loss: number;
  /** ∇_W L (p) and ∇_θ L (q). */
  gradient: number[];
  canonicalGradient: number[];
  /**
   * Eigenvalues of ∇²_W L, ascending: all of them when `hessianComplete`, else those of the small blocks with the
   * extremes of the large ones (Lanczos).
   */
  hessianEigenvalues: number[];
  hessianComplete: boolean;
  /** Number of independent blocks of ∇²_W L found symbolically. */
  hessianBlocks: number;
  /** The unit eigenvector of the most negative eigenvalue (the escape direction), null when λ_min >= 0. */
  escapeDirection: number[] | null;
}

/** L, both gradients and the Hessian's spectrum at W (the Hessian is differentiated on the first call). */
export function objectiveAtPoint(
  obj: CompiledObjective,
  W: Float64Array,
  options: SpectrumOptions & { deadline?: number } = {},
): ObjectivePointReport {
  const point = obj.hessian(options.deadline).at(W);
  const s = blockSpectrum(point.loss2, options);
  return {
    loss: point.loss,
    gradient: Array.from(point.gradW),
    canonicalGradient: Array.from(point.gradTheta),
    hessianEigenvalues: Array.from(s.eigenvalues),
    hessianComplete: s.complete,
    hessianBlocks: s.blocks,
    escapeDirection: s.min < 0 ? Array.from(s.minVector) : null,
  };
}

/**
 * The spectral norm of each output's Hessian ∇²ψ_k at the point (for data files: ‖H_f(x_k)‖ per input), block by block
 * over the blocks the outputs share; the largest of them is max_k ‖H_f(x_k)‖.
 */
export function outputHessianNorms(point: HessianPoint, q: number, options: SpectrumOptions = {}): Float64Array {
  // Small blocks (a width-m model's m blocks of 2 x 2): every output's norm in one pass, in closed form for 2 x 2.
  const fast = point.outputNorms(options.denseMax);
  if (fast) return fast;
  const out = new Float64Array(q);
  const weights = new Float64Array(q);
  for (let k = 0; k < q; k++) {
    weights.fill(0);
    weights[k] = 1;
    out[k] = blockSpectrum(point.outputs2(weights), options).norm;
  }
  return out;
}
