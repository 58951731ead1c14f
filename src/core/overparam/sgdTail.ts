// SGD with a constant step around a point: the distance of the iterates to it over the run's tail, with the loss and
// the spread of the per-sample gradients recorded beside it (the lecture's automatic variance reduction: under
// interpolation both go to 0; otherwise SGD hovers at a distance ~ √η with a variance floor).
import type { CompiledObjective } from '../objective/compileObjective';
import { drawStream } from '../random';
import { sgd, SGD_STREAM } from '../training/sgd';
import type { TrainResult } from '../training/trainingTypes';

export { SGD_STREAM };

/** Options of sgdTail. */
export interface SgdTailOptions {
  lr: number;
  steps: number;
  /** Batch size (default 1). */
  batch?: number;
  /** Seed of the batches (stream "sgd"). */
  seed: number;
  /** The tail is the last `tail` fraction of the recorded steps (default 0.5). */
  tail?: number;
  /** `iid` (default): B indices with replacement per step, the noise of the √η law; `shuffle`: a permutation per
   * epoch (random reshuffling cancels the noise within an epoch, and the hover shrinks like η instead). */
  sampling?: 'iid' | 'shuffle';
  /** Record every K steps (default: about 2000 records). */
  every?: number;
  deadline?: number;
}

/** Distances to the reference point along an SGD run. */
export interface SgdTail {
  /** Recorded steps, ‖W_t - W*‖, L and gradVariance per record. */
  t: number[];
  distance: number[];
  loss: number[];
  gradVariance: number[];
  /** Mean of ‖W_t - W*‖ over the tail, and of gradVariance. */
  meanDistance: number;
  meanVariance: number;
  final: number;
  run: TrainResult;
}

/** Runs SGD with a constant step from W0 and measures ‖W_t - target‖ (the reference point, e.g. least squares). */
export function sgdTail(
  obj: CompiledObjective,
  W0: Float64Array,
  target: ArrayLike<number>,
  options: SgdTailOptions,
): SgdTail {
  const every = options.every ?? Math.max(1, Math.floor(options.steps / 2000));
  const run = sgd(obj, W0, {
    lr: options.lr,
    steps: options.steps,
    batch: options.batch ?? 1,
    random: drawStream(options.seed, SGD_STREAM).uniform,
    sampling: options.sampling ?? 'iid',
    every,
    canonical: false,
    deadline: options.deadline,
  });
  const t = run.records.map((r) => r.t);
  const distance = run.records.map((r) => Math.hypot(...r.W.map((w, j) => w - target[j])));
  const loss = run.records.map((r) => r.loss);
  const gradVariance = run.records.map((r) => r.gradVariance ?? NaN);
  const from = Math.floor(distance.length * (1 - (options.tail ?? 0.5)));
  const mean = (x: number[]): number => x.slice(from).reduce((a, b) => a + b, 0) / Math.max(1, x.length - from);
  return {
    t,
    distance,
    loss,
    gradVariance,
    meanDistance: mean(distance),
    meanVariance: mean(gradVariance),
    final: distance[distance.length - 1],
    run,
  };
}
