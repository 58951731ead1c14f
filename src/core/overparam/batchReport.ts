// The batch-size experiment of a data file: the theory's constants, step and rate per batch size b, and the rate SGD
// actually shows with that step (the core's `sgd`, batches drawn with replacement as the theory assumes).
import type { DocumentObjective } from '../objective/documentObjective';
import { drawStream } from '../random';
import { sgd } from '../training/sgd';
import { batchConstants, optimalStep, theoryRate, type BatchConstants } from './batchTheory';
import { compileDataJacobian, linearFeatures } from './dataJacobian';
import { findInterpolation, type InterpolationReport } from './interpolation';
import { minimumNormSolve } from './minimumNorm';
import { UnsuitableFileError } from './unsuitable';

/** Options of batchReport. */
export interface BatchReportOptions {
  /** Batch sizes (default 1, 2, 4, … up to n). */
  batches?: readonly number[];
  /** SGD runs averaged per batch size (default 50). */
  repeats?: number;
  /** Seed of the runs (default the file's); run r of batch b draws from stream `sgd/b<b>/r<r>`. */
  seed?: number;
  deadline?: number;
}

/** Everything the CLI's `batch` prints. */
export interface BatchReport extends BatchConstants {
  batches: number[];
  optimalStep: number[];
  theoryRate: number[];
  /** exp of the least-squares slope of log E‖w_t - w*‖² over t (E: the mean over the repeats); NaN if none ran. */
  measuredRate: number[];
  /** The nearest least-squares point to the start, w* = W0 - DF⁺ (F(W0) - y). */
  wStar: number[];
  interpolation: InterpolationReport;
}

/** Powers of two up to n. */
export function defaultBatches(n: number): number[] {
  const out: number[] = [];
  for (let b = 1; b <= Math.max(1, n); b *= 2) out.push(b);
  return out;
}

/**
 * The batch report of a linear least-squares file from its first `at` point. Each b runs T steps of SGD with η*(b),
 * T chosen so the theory predicts a decay of E‖e‖² by 1e-2 (5 to 20,000 steps): long enough to measure, short enough
 * that the sample mean of the heavy-tailed ‖e_t‖² still estimates its expectation. Throws for a model that is not
 * linear in its parameters (the theory is for linear least squares).
 */
export function batchReport(lab: DocumentObjective, options: BatchReportOptions = {}): BatchReport {
  const dj = compileDataJacobian(lab);
  if (!dj) throw new UnsuitableFileError('the batch-size theory needs a file with `model` and `data`');
  const W0 = lab.model.points[0]?.values ?? new Float64Array(lab.model.p);
  const { DF, linear } = linearFeatures(dj, W0);
  if (!linear)
    throw new UnsuitableFileError(
      'the batch-size theory is for linear least squares: F is not linear in the parameters',
    );
  const { n, p } = dj;
  const c = batchConstants(DF, n, p);
  const F0 = new Float64Array(n);
  dj.evaluate(W0, F0, null);
  const step = minimumNormSolve(
    DF,
    n,
    p,
    Float64Array.from(F0, (f, i) => f - dj.targets[i]),
  );
  const wStar = Float64Array.from(W0, (w, j) => w - step.x[j]);
  const batches = [...(options.batches ?? defaultBatches(n))];
  const bad = batches.find((b) => !Number.isInteger(b) || b < 1 || b > n);
  if (bad !== undefined) throw new UnsuitableFileError(`batch size ${bad}: a batch holds 1 to n = ${n} samples`);
  const repeats = options.repeats ?? 50,
    seed = options.seed ?? lab.seed;
  const measured = batches.map((b) => {
    const eta = optimalStep(c, b),
      g = theoryRate(c, b);
    const steps = Math.min(20_000, Math.max(5, Math.ceil(Math.log(1e-2) / Math.log(Math.min(g, 1 - 1e-12)))));
    return measureRate(lab, W0, wStar, { b, eta, steps, repeats, seed, deadline: options.deadline });
  });
  return {
    ...c,
    batches,
    optimalStep: batches.map((b) => optimalStep(c, b)),
    theoryRate: batches.map((b) => theoryRate(c, b)),
    measuredRate: measured,
    wStar: Array.from(wStar),
    interpolation: findInterpolation(dj, W0),
  };
}

/** The mean of ‖w_t - w*‖² over `repeats` SGD runs, and the rate its logarithm falls at. */
function measureRate(
  lab: DocumentObjective,
  W0: Float64Array,
  wStar: Float64Array,
  o: { b: number; eta: number; steps: number; repeats: number; seed: number; deadline?: number },
): number {
  const every = Math.max(1, Math.floor(o.steps / 20));
  let sums: number[] = [],
    t: number[] = [],
    runs = 0;
  for (let r = 0; r < o.repeats; r++) {
    if (o.deadline !== undefined && Date.now() > o.deadline) break;
    const run = sgd(lab.objective, W0, {
      lr: o.eta,
      steps: o.steps,
      batch: o.b,
      sampling: 'iid',
      random: drawStream(o.seed, `sgd/b${o.b}/r${r}`).uniform,
      every,
      canonical: false,
    });
    if (run.stopped !== null) continue;
    const e2 = run.records.map((rec) => rec.W.reduce((s, w, j) => s + (w - wStar[j]) ** 2, 0));
    if (runs === 0) {
      sums = e2;
      t = run.records.map((rec) => rec.t);
    } else e2.forEach((v, i) => (sums[i] += v));
    runs++;
  }
  if (runs === 0) return NaN;
  // Least-squares slope of log(mean e²) against t, over the records above rounding.
  const pts = t.map((x, i) => [x, Math.log(sums[i] / runs)] as const).filter(([, y]) => y > Math.log(1e-28));
  if (pts.length < 2) return NaN;
  const mx = pts.reduce((s, [x]) => s + x, 0) / pts.length,
    my = pts.reduce((s, [, y]) => s + y, 0) / pts.length;
  let sxy = 0,
    sxx = 0;
  for (const [x, y] of pts) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return Math.exp(sxy / sxx);
}
