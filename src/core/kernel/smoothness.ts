// β, the smoothness of L on a set, estimated from Hessian spectral norms at sampled points (an estimate: a sample
// maximum is a lower bound on the true supremum), beside the bound ‖∇²L‖ ≤ L_F² + β_F ‖F - y‖.
import { blockSpectrum } from '../objective/blockSpectrum';
import type { CompiledObjective } from '../objective/compileObjective';
import { outputHessianNorms } from '../objective/objectiveReport';
import type { TangentKernel } from './tangentKernel';

/** Second-order figures at one point. */
export interface CurvatureAt {
  /** ‖∇²_W L‖ (spectral norm). */
  hessianNorm: number;
  /** max_k ‖H_{F_k}‖, the model Hessians over the data inputs (null when the predictions are not the outputs). */
  modelHessianNorm: number | null;
  /** L_F² + β_F ‖F - y‖ with L_F² = λ_max(K) and β_F = (Σ_k ‖H_{F_k}‖²)^½ (null with modelHessianNorm). */
  bound: number | null;
}

/** ‖∇²L‖ and the model-Hessian bound at W. */
export function curvatureAt(obj: CompiledObjective, kernel: TangentKernel, W: Float64Array): CurvatureAt {
  const point = obj.hessian().at(W);
  const hessianNorm = blockSpectrum(point.loss2).norm;
  if (kernel.throughOutputs) return { hessianNorm, modelHessianNorm: null, bound: null };
  const norms = outputHessianNorms(point, obj.q);
  let sq = 0,
    mx = 0,
    rr = 0;
  for (let k = 0; k < norms.length; k++) {
    sq += norms[k] * norms[k];
    mx = Math.max(mx, norms[k]);
  }
  const kp = kernel.at(W);
  for (const r of kp.residual) rr += r * r;
  const lambdaMax = kernel.spectrum(kp.K).lambdaMax;
  return { hessianNorm, modelHessianNorm: mx, bound: lambdaMax + Math.sqrt(sq) * Math.sqrt(rr) };
}

/** The β estimate over a set of points: the largest ‖∇²L‖ and the largest bound, with how many points. */
export interface BetaEstimate {
  beta: number;
  bound: number | null;
  points: number;
}

/** Folds one point's curvature into an estimate. */
export function foldBeta(est: BetaEstimate, c: CurvatureAt): BetaEstimate {
  return {
    beta: Math.max(est.beta, c.hessianNorm),
    bound: c.bound === null ? est.bound : Math.max(est.bound ?? 0, c.bound),
    points: est.points + 1,
  };
}
