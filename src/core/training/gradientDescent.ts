import type { CompiledObjective } from '../objective/compileObjective';
import { canonicalDescent } from './canonicalDescent';
import { createRecorder } from './recorder';
import { controller, divergence, recordEvery } from './runControl';
import type { RecordOptions, RunControl, TrainRecord, TrainResult } from './trainingTypes';

/** Options of gradientDescent. */
export interface GradientDescentOptions extends RunControl, RecordOptions {
  /** Step size η. */
  lr: number;
  /** Number of steps T (records t = 0, K, 2K, ..., T). */
  steps: number;
  /** Also run GD in θ on L(θ) from θ_0 = ψ(W_0) with the same η (default true). */
  canonical?: boolean;
}

/**
 * Gradient descent W_{t+1} = W_t - η ∇_W L(W_t), exactly this formula with ∇_W L = Jᵀ ∇_θ L, so a plain loop in
 * any language reproduces the trajectory. Allocation-free between records; stops at divergence (the loss non-finite or
 * past 1e12) with the step, at the deadline, or when cancelled.
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
  const gradW = ws.gradW;
  const p = obj.p;
  let stopped: TrainResult['stopped'] = null,
    stoppedAt: number | null = null,
    message: string | null = null,
    t = 0;
  for (; ; t++) {
    const loss = obj.at(W, ws);
    const bad = divergence(loss, W);
    if (bad !== null) {
      stopped = 'diverged';
      stoppedAt = t;
      message = `diverged at step ${t}: ${bad}`;
      break;
    }
    if (t % every === 0 || t === steps) {
      const r = recorder.record(t, t, W, ws);
      records.push(r);
      control.recorded(r, t);
    }
    if (t === steps) break;
    const why = control.poll();
    if (why !== null) {
      stopped = why;
      stoppedAt = t;
      message = `${why === 'deadline' ? 'ran past its time budget' : 'cancelled'} at step ${t}`;
      if (records[records.length - 1].t !== t) records.push(recorder.record(t, t, W, ws));
      break;
    }
    for (let j = 0; j < p; j++) W[j] -= lr * gradW[j];
  }
  control.flush(t);
  const canonical =
    options.canonical === false ? null : canonicalDescent(obj, W0, lr, stoppedAt ?? steps, every).records;
  return { method: 'gd', records, canonical, stopped, stoppedAt, message, steps: t };
}
