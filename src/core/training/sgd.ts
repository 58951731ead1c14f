import type { CompiledObjective } from '../objective/compileObjective';
import { canonicalDescent } from './canonicalDescent';
import { createRecorder } from './recorder';
import { controller, divergence, recordEvery } from './runControl';
import type { RecordOptions, RunControl, TrainRecord, TrainResult } from './trainingTypes';

/**
 * The name of the seeded stream (src/core/random.ts) every layer draws SGD's batches from under the file's seed: the
 * CLI's `train`, the panel's worker and the over-parameterization lab, so the same file gives the same run in each.
 */
export const SGD_STREAM = 'sgd';

/** Options of sgd. */
export interface SgdOptions extends RunControl, RecordOptions {
  /** Step size η (η_0 with a schedule). */
  lr: number;
  /** Number of steps T (mini-batches). */
  steps: number;
  /** Mini-batch size B (1 <= B <= n). */
  batch: number;
  /** η_t = η_0 / (1 + t / τ) when given; constant η otherwise. */
  schedule?: { tau: number };
  /** `shuffle` (default): a fresh permutation every epoch, cut into consecutive batches (the last one holds the n mod B
   * left over); `iid`: B indices drawn uniformly with replacement per step. */
  sampling?: 'shuffle' | 'iid';
  /** Heavy-ball momentum β (default 0): v_{t+1} = β v_t + d_t, W_{t+1} = W_t - η_t v_{t+1}. */
  momentum?: number;
  /** The only source of randomness: uniform numbers in [0, 1). */
  random: () => number;
  /** Also run GD in θ on L / n with step η_0 (the full-batch equivalent) from θ_0 = ψ(W_0) (default true). */
  canonical?: boolean;
}

/**
 * Mini-batch SGD: d_t = Jᵀ ((1/|B_t|) Σ_{i ∈ B_t} ∇_θ ℓ_i) at W_t, so a full batch (B = n) is GD on L / n. The records
 * carry the full ∇_W L and the spread of the per-sample gradients (`gradVariance`). Deterministic given `random`.
 */
export function sgd(obj: CompiledObjective, W0: Float64Array, options: SgdOptions): TrainResult {
  const samples = obj.samples();
  if (!samples) throw new Error('sgd: the loss has no per-sample terms (a file with `data`)');
  const n = samples.n,
    B = Math.max(1, Math.min(n, Math.floor(options.batch)));
  const { steps, lr, random } = options;
  const beta = options.momentum ?? 0,
    tau = options.schedule?.tau;
  const iid = options.sampling === 'iid';
  const every = recordEvery(options.every, steps);
  const { p, q } = obj;
  const W = Float64Array.from(W0);
  const ws = obj.workspace();
  const recorder = createRecorder(obj, options.watches, samples);
  const control = controller(options, steps);
  const records: TrainRecord[] = [];
  const values = new Float64Array(Math.max(1, samples.sample.length));
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  const chosen = new Int32Array(B);
  const gb = new Float64Array(q),
    d = new Float64Array(p),
    velocity = new Float64Array(p);
  let pos = n;
  const nextBatch = (): number => {
    if (iid) {
      for (let b = 0; b < B; b++) chosen[b] = Math.min(n - 1, Math.floor(random() * n));
      return B;
    }
    if (pos >= n) {
      for (let i = n - 1; i > 0; i--) {
        const j = Math.min(i, Math.floor(random() * (i + 1)));
        const x = perm[i];
        perm[i] = perm[j];
        perm[j] = x;
      }
      pos = 0;
    }
    const size = Math.min(B, n - pos);
    for (let b = 0; b < size; b++) chosen[b] = perm[pos + b];
    pos += size;
    return size;
  };
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
    const size = nextBatch();
    samples.evaluate(ws.theta, values);
    gb.fill(0);
    for (let b = 0; b < size; b++) {
      const i = chosen[b];
      for (let s = samples.start[i]; s < samples.start[i + 1]; s++) gb[samples.k[s]] += values[s];
    }
    for (let k = 0; k < q; k++) gb[k] /= size;
    d.fill(0);
    for (let e = 0; e < obj.jRows.length; e++) d[obj.jCols[e]] += ws.J[e] * gb[obj.jRows[e]];
    const eta = tau === undefined ? lr : lr / (1 + t / tau);
    for (let j = 0; j < p; j++) {
      velocity[j] = beta * velocity[j] + d[j];
      W[j] -= eta * velocity[j];
    }
  }
  control.flush(t);
  const canonical =
    options.canonical === false ? null : canonicalDescent(obj, W0, lr / n, stoppedAt ?? steps, every).records;
  return { method: 'sgd', records, canonical, stopped, stoppedAt, message, steps: t };
}
