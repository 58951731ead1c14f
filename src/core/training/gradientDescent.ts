import type { CompiledObjective } from '../objective/compileObjective';
import { canonicalDescent } from './canonicalDescent';
import { compileFusedSteps } from './fusedSteps';
import { createRecorder } from './recorder';
import { controller, divergence, DIVERGENCE_LOSS, recordEvery } from './runControl';
import type { RecordOptions, RunControl, StopReason, TrainRecord, TrainResult } from './trainingTypes';

/** Options of gradientDescent. */
export interface GradientDescentOptions extends RunControl, RecordOptions {
  /** Step size η. */
  lr: number;
  /** Number of steps T (records t = 0, K, 2K, ..., T). */
  steps: number;
  /** Also run GD in θ on L(θ) from θ_0 = ψ(W_0) with the same η (default true). */
  canonical?: boolean;
  /** false: step by step through θ, J and the chain rule even where the generated loop exists (default true). */
  fused?: boolean;
}

/** Steps run by the fused loop between two checks of the deadline and of cancellation. */
const CHUNK = 1024;

/**
 * Gradient descent W_{t+1} = W_t - η ∇_W L(W_t), exactly this formula with ∇_W L = Jᵀ ∇_θ L, so a plain loop in
 * any language reproduces the trajectory. Between records the steps run in one generated loop where the model allows
 * it (else step by step through θ, J and the chain rule); nothing is allocated between records. Stops at divergence
 * (the loss non-finite or past 1e12) with the step, at the deadline, or when cancelled.
 */
export function gradientDescent(
  obj: CompiledObjective,
  W0: Float64Array,
  options: GradientDescentOptions,
): TrainResult {
  const { lr, steps } = options;
  const every = recordEvery(options.every, steps);
  const W = Float64Array.from(W0);
  const ws = obj.workspace();
  const recorder = createRecorder(obj, options.watches);
  const control = controller(options, steps);
  const records: TrainRecord[] = [];
  const p = obj.p;
  const fused = options.fused === false ? null : compileFusedSteps(obj);
  const out = new Float64Array(1);
  let stopped: StopReason | null = null,
    stoppedAt: number | null = null,
    message: string | null = null,
    t = 0;
  const stop = (why: StopReason, detail: string): void => {
    stopped = why;
    stoppedAt = t;
    message =
      why === 'diverged'
        ? `diverged at step ${t}: ${detail}`
        : `${why === 'deadline' ? 'ran past its time budget' : 'cancelled'} at step ${t}`;
  };
  const record = (): void => {
    const r = recorder.record(t, t, W, ws);
    records.push(r);
    control.recorded(r, t);
  };
  while (true) {
    const due = t % every === 0 || t === steps;
    // The per-step route evaluates every step; the fused one only where a record is due.
    if (due || !fused) {
      const loss = obj.at(W, ws);
      if (loss > DIVERGENCE_LOSS || loss - loss !== 0) {
        stop('diverged', divergence(loss, W)!);
        break;
      }
      if (due) record();
    }
    if (t === steps) break;
    if (fused) {
      const why = control.check();
      if (why !== null) {
        stop(why, '');
        if (!due) {
          obj.at(W, ws);
          record();
        }
        break;
      }
      const nextRecord = Math.min(steps, (Math.floor(t / every) + 1) * every);
      const k = Math.min(nextRecord - t, CHUNK);
      const done = fused(W, lr, k, out);
      t += done;
      if (done < k) {
        stop('diverged', divergence(out[0], W)!);
        break;
      }
      continue;
    }
    const why = control.poll();
    if (why !== null) {
      stop(why, '');
      if (!due) record();
      break;
    }
    const grad = ws.gradW;
    for (let j = 0; j < p; j++) W[j] -= lr * grad[j];
    t++;
  }
  control.flush(t);
  const canonical =
    options.canonical === false ? null : canonicalDescent(obj, W0, lr, stoppedAt ?? steps, every).records;
  return { method: 'gd', records, canonical, stopped, stoppedAt, message, steps: t };
}
