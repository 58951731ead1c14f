import type { CompiledObjective } from '../objective/compileObjective';
import { compileCanonicalSteps } from './fusedSteps';
import { divergence } from './runControl';
import type { CanonicalRecord } from './trainingTypes';

/**
 * The canonical comparison: GD in θ on L(θ), θ_{t+1} = θ_t - η ∇_θ L(θ_t), from θ_0 = ψ(W_0), recorded at the same
 * steps as the parametric run (t = 0, K, ..., T). Stops (and says at which step) when it diverges on its own.
 */
export function canonicalDescent(
  obj: CompiledObjective,
  W0: Float64Array,
  lr: number,
  steps: number,
  every: number,
): { records: CanonicalRecord[]; divergedAt: number | null } {
  const q = obj.q;
  const theta = new Float64Array(q);
  obj.evaluateModel(W0, 1, theta, null);
  const loss = new Float64Array(1),
    grad = new Float64Array(q);
  const records: CanonicalRecord[] = [];
  const fused = compileCanonicalSteps(obj);
  for (let t = 0; ;) {
    obj.canonical(theta, 1, loss, grad);
    if (divergence(loss[0], theta) !== null) return { records, divergedAt: t };
    if (t % every === 0 || t === steps) records.push({ t, theta: Array.from(theta), loss: loss[0] });
    if (t >= steps) return { records, divergedAt: null };
    if (fused) {
      const k = Math.min(steps, (Math.floor(t / every) + 1) * every) - t;
      const done = fused(theta, lr, k, loss);
      t += done;
      if (done < k) return { records, divergedAt: t };
    } else {
      for (let k = 0; k < q; k++) theta[k] -= lr * grad[k];
      t++;
    }
  }
}
