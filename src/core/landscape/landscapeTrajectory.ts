// A short GD trajectory for the Landscape view: its loss curve, the blog's positive correlation cos(g, J Jᵀ g)
// along it beside the Kantorovich bound of M = J Jᵀ at each record (0 where M is only semidefinite), ‖J‖ and σ_min,
// and its plateaus (stalls at ghost saddles).
import type { CompiledObjective } from '../objective/compileObjective';
import { blockSpectrum } from '../objective/blockSpectrum';
import { gradientDescent } from '../training/gradientDescent';
import type { StopReason } from '../training/trainingTypes';
import { preconditionerBound } from './correlation';
import { detectPlateaus } from './plateau';

/** One record of the trajectory. */
export interface TrajectoryPoint {
  t: number;
  W: number[];
  loss: number;
  gradNorm: number;
  canonicalGradNorm: number;
  /** cos(∇_θ L, J Jᵀ ∇_θ L) (null where either vector is 0) and 2√(λmin λmax)/(λmin + λmax) of M (0 unless M ≻ 0;
   *  null when q is too large to form M). */
  cosine: number | null;
  bound: number | null;
  opNorm: number;
  sigmaMin: number;
}

/** A trajectory from one start. */
export interface LandscapeTrajectory {
  label: string;
  lr: number;
  points: TrajectoryPoint[];
  stopped: StopReason | null;
  /** Stalls: t where they start, their length, whether the run escaped. */
  plateaus: { start: number; length: number; escaped: boolean }[];
}

/** Largest q for which M = J Jᵀ (q x q) is formed and its extreme eigenvalues computed per record. */
export const MAX_BOUND_OUTPUTS = 64;

/** The step the Landscape view's runs take: 1 / λmax(∇²_W L(W0)), half the largest stable step (2 / λmax); 0.01
 *  when the Hessian has no positive eigenvalue there. */
export function trajectoryStep(obj: CompiledObjective, W0: Float64Array): number {
  const max = blockSpectrum(obj.hessian().at(W0).loss2).max;
  return max > 0 && Number.isFinite(max) ? 1 / max : 0.01;
}

/** GD from W0 with step `lr` for `steps` steps (about 100 records), each record with its correlation bound. */
export function landscapeTrajectory(
  obj: CompiledObjective,
  W0: Float64Array,
  lr: number,
  steps: number,
  label: string,
  deadline?: number,
  shouldStop?: () => boolean,
): LandscapeTrajectory {
  const run = gradientDescent(obj, W0, {
    lr,
    steps,
    every: Math.max(1, Math.floor(steps / 100)),
    canonical: false,
    deadline,
    shouldStop,
  });
  const { p, q } = obj;
  const ws = obj.workspace();
  const dense = new Float64Array(q * p);
  const points = run.records.map((r): TrajectoryPoint => {
    let bound: number | null = null;
    if (q <= MAX_BOUND_OUTPUTS) {
      obj.at(Float64Array.from(r.W), ws);
      dense.fill(0);
      for (let e = 0; e < obj.jRows.length; e++) dense[obj.jRows[e] * p + obj.jCols[e]] = ws.J[e];
      bound = dense.every(Number.isFinite) ? preconditionerBound(dense, q, p).bound : null;
    }
    return {
      t: r.t,
      W: r.W,
      loss: r.loss,
      gradNorm: r.gradNorm,
      canonicalGradNorm: r.canonicalGradNorm,
      cosine: r.cosine,
      bound,
      opNorm: r.opNorm,
      sigmaMin: r.sigmaMin,
    };
  });
  const plateaus = detectPlateaus(run).map((s) => ({ start: s.start, length: s.length, escaped: s.escaped }));
  return { label, lr, points, stopped: run.stopped, plateaus };
}
