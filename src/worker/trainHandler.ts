// The panel's `train` request on the worker thread: the core's `train` on the document's objective, from the live
// point, exactly as `overparam train` runs it (same objective, same SGD stream), with its records streamed as they
// are made and a shared flag that stops it.
import type { CompileResult } from '../core';
import { NO_LOSS_MESSAGE, type DocumentObjective } from '../core/objective/documentObjective';
import { lossSlice, paddedBox } from '../core/objective/lossSlice';
import { drawStream } from '../core/random';
import { SGD_STREAM } from '../core/training/sgd';
import { train, type TrainOptions } from '../core/training/train';
import type { RunControl, TrainRecord } from '../core/training/trainingTypes';
import { objectiveOf } from './objectives';
import type { TrainOutcome, TrainParams, TrainPartial, TrainSample } from '../protocol/worker';

const sample = (r: { t: number; loss: number; theta: number[] }): TrainSample => ({
  t: r.t,
  loss: r.loss,
  theta: r.theta,
});

/** The core's options for the panel's method, step size and steps (the flow runs to time lr x steps). */
function options(p: TrainParams, lab: DocumentObjective, control: RunControl): TrainOptions {
  const common = { ...control, watches: lab.watches };
  if (p.method === 'gd') return { method: 'gd', lr: p.lr, steps: p.steps, ...common };
  if (p.method === 'flow') return { method: 'flow', time: p.lr * p.steps, ...common };
  if (!lab.objective.samples()) throw new Error('SGD needs per-sample losses: a file with `model` and `data`');
  return {
    method: 'sgd',
    lr: p.lr,
    steps: p.steps,
    batch: p.batch ?? 1,
    momentum: 0,
    sampling: 'shuffle',
    random: drawStream(lab.seed, SGD_STREAM).uniform,
    ...common,
  };
}

/** Runs one trajectory; `emit` receives the records made since its last call while the run goes on. */
export function trainHandler(
  p: TrainParams,
  deadline: number,
  compiledOf: (p: TrainParams, deadline: number) => CompileResult,
  emit?: (partial: TrainPartial) => void,
): TrainOutcome {
  const compiled = compiledOf(p, deadline);
  const lab = objectiveOf(compiled);
  if (!lab)
    return {
      records: [],
      canonical: null,
      stopped: null,
      message: NO_LOSS_MESSAGE,
      steps: 0,
      noLoss: true,
      contours: null,
    };
  if (p.W0.length !== lab.model.p) throw new Error(`expected ${lab.model.p} parameter values, got ${p.W0.length}`);
  const cancel = p.cancel;
  const control: RunControl = {
    deadline,
    shouldStop: cancel ? () => Atomics.load(cancel, 0) !== 0 : undefined,
    onProgress: emit
      ? (u: { records: TrainRecord[]; done: number; total: number }) =>
          emit({ records: u.records.map(sample), done: u.done, total: u.total })
      : undefined,
    progressMs: p.progressMs,
  };
  const r = train(lab.objective, Float64Array.from(p.W0), options(p, lab, control));
  const [cx, cy] = p.coords ?? [0, 1];
  const paths = [...r.records, ...(r.canonical ?? [])];
  const contours =
    p.coords && lab.model.q >= 2 && cx !== cy && paths.length
      ? lossSlice(
          lab.objective,
          r.records[0].theta,
          [cx, cy],
          paddedBox(
            paths.map((s) => s.theta[cx]),
            paths.map((s) => s.theta[cy]),
          ),
        )
      : null;
  return {
    records: r.records.map(sample),
    canonical: r.canonical?.map(sample) ?? null,
    stopped: r.stopped,
    message: r.message,
    steps: r.steps,
    noLoss: false,
    contours,
  };
}
