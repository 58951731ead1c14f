// The SGD lab's runner: from the live point, the exact-fit search (findInterpolation), GD and SGD as `overparam
// train` runs them (SGD's batches from the seeded stream "sgd" of the file's seed), ‖W_t - W*‖ along SGD, and the
// batch-size report (`overparam batch`) for a linear least-squares file; equations in `excluded` are dropped first.
import {
  batchReport,
  compileDataJacobian,
  documentObjective,
  excludeSamples,
  findInterpolation,
  train,
  UnsuitableFileError,
  type TrainResult,
} from '../../core';
import { drawStream } from '../../core/random';
import { SGD_STREAM } from '../../core/training/sgd';
import type { SgdLabCurve, SgdLabResult } from '../../protocol/labs/sgdLab';
import type { LabRunner } from '../labRunners';

/** About this many records per run (the CLI's `--every` with the same value gives the same records). */
export const SGD_LAB_RECORDS = 400;

/** The record interval of a run of `steps` steps. */
export const sgdLabEvery = (steps: number): number => Math.max(1, Math.floor(steps / SGD_LAB_RECORDS));

const curveOf = (r: TrainResult['records']): SgdLabCurve => ({
  t: r.map((s) => s.t),
  loss: r.map((s) => s.loss),
  gradVariance: r.map((s) => s.gradVariance ?? NaN),
});

/** SGD against GD, the gradients' spread, the regime and the batch theory. */
export const sgdLab: LabRunner<'sgd'> = (ctx, params) => {
  const data = ctx.compiled.data;
  if (!data) throw new Error('the SGD lab needs a data file: `model f(x) = …` with `data X, y`');
  const excluded = [...new Set(params.excluded)].filter((k) => k < data.n).sort((a, b) => a - b);
  let lab;
  try {
    lab = excluded.length ? documentObjective(excludeSamples(ctx.compiled, excluded)) : ctx.objective();
  } catch (e) {
    if (e instanceof RangeError) throw new Error(e.message, { cause: e });
    throw e;
  }
  const dj = lab && compileDataJacobian(lab);
  if (!lab || !dj || !lab.objective.samples())
    throw new Error('the SGD lab needs per-sample losses: `model f(x) = …` with `data X, y` and no `loss` line');
  const rows = Array.from({ length: data.n }, (_, k) => ({
    x: Array.from(data.inputs.subarray(k * data.inputDim, (k + 1) * data.inputDim)),
    y: data.targets[k],
  }));
  const { steps, lr } = params;
  const every = sgdLabEvery(steps);
  const total = 2 * steps + 1;
  const gd: TrainResult['records'] = [],
    sg: TrainResult['records'] = [];
  const partial = () => ({ gd: curveOf(gd), sgd: curveOf(sg) });
  ctx.progress(0, total, partial());
  const fit = findInterpolation(dj, ctx.W0, { deadline: ctx.deadline });
  ctx.check();
  const control = { deadline: ctx.deadline, shouldStop: ctx.cancelled, every, progressMs: 100 };
  const gdRun = train(lab.objective, ctx.W0, {
    method: 'gd',
    lr,
    steps,
    ...control,
    onProgress: (u) => {
      gd.push(...u.records);
      ctx.progress(u.done, total, partial());
    },
  });
  gd.splice(0, gd.length, ...gdRun.records);
  ctx.check();
  const sgdRun = train(lab.objective, ctx.W0, {
    method: 'sgd',
    lr,
    steps,
    batch: Math.min(params.batch, dj.n),
    momentum: 0,
    schedule: params.tau === null ? undefined : { tau: params.tau },
    sampling: params.sampling,
    random: drawStream(lab.seed, SGD_STREAM).uniform,
    ...control,
    onProgress: (u) => {
      sg.push(...u.records);
      ctx.progress(steps + u.done, total, partial());
    },
  });
  sg.splice(0, sg.length, ...sgdRun.records);
  ctx.check();
  const distance = sg.map((r) => Math.hypot(...r.W.map((w, j) => w - fit.W[j])));
  const tail = distance.slice(Math.floor(distance.length / 2));
  let batchTheory: SgdLabResult['batchTheory'] = null,
    batchNote: string | null = null;
  try {
    const b = batchReport(lab, { deadline: ctx.deadline });
    batchTheory = {
      beta: b.beta,
      lambdaMax: b.lambdaMax,
      lambdaMin: b.lambdaMin,
      criticalBatch: b.criticalBatch,
      batches: b.batches,
      optimalStep: b.optimalStep,
      theoryRate: b.theoryRate,
      measuredRate: b.measuredRate,
    };
  } catch (e) {
    if (!(e instanceof UnsuitableFileError)) throw e;
    batchNote = e.message;
  }
  ctx.progress(total, total, partial());
  return {
    ...partial(),
    rows,
    excluded,
    n: dj.n,
    p: dj.p,
    interpolates: fit.interpolates,
    fitLoss: fit.loss,
    regime: fit.regime,
    words: fit.words,
    distance,
    tailDistance: tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length),
    schedule: params.tau === null ? `constant η = ${lr}` : `η_t = ${lr} / (1 + t/${params.tau})`,
    batchTheory,
    batchNote,
  };
};
