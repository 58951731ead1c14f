// Double descent over a file's sweep: per swept value (the number of features p), the minimum-norm least-squares fit
// from the first `at` point (W = W0 + DF⁺ (y - F(W0)), with ridge λ: Aᵀ (A Aᵀ + λ I)⁻¹ form), its training and test
// risk, coefficient norm and σ_min of the feature matrix DF, averaged over several seeds (each repeat recompiles the
// file with seed + r, so every seeded constant, features and data alike, is drawn afresh).
import { checkDeadline } from '../budget';
import { compileDocument } from '../compileDocument';
import type { DataSpec } from '../lossSpec';
import { documentObjective } from '../objective/documentObjective';
import { interpret } from '../symbolic/interpret';
import { compileDataJacobian, linearFeatures } from './dataJacobian';
import { minimumNormSolve, norm2 } from './minimumNorm';
import { UnsuitableFileError } from './unsuitable';

/** Options of doubleDescent. */
export interface DoubleDescentOptions {
  /** Seeds averaged per value (default 1): seed, seed + 1, … */
  repeats?: number;
  /** Ridge λ ≥ 0 (default 0: the minimum-norm interpolant past p = n). */
  ridge?: number;
  /** The first seed (default: the file's). */
  seed?: number;
  /** Values of the swept name to run (default: all of the file's first sweep). */
  values?: readonly number[];
  deadline?: number;
  /** Called after each value with its index, for progress bars and partial curves. */
  onValue?: (done: number, total: number, partial: DoubleDescentCurve) => void;
  /** Called after each (value, repeat) fit with the count done of values x repeats, the curve of the values
   *  completed so far and that one fit (for live progress and points that fill in). */
  onRepeat?: (done: number, total: number, partial: DoubleDescentCurve, fit: DoubleDescentFit) => void;
  /** Polled before every fit; true stops the run (the values completed are returned). */
  shouldStop?: () => boolean;
}

/** The curves; entry k belongs to values[k] (a run stopped early has fewer). */
export interface DoubleDescentCurve {
  sweep: string;
  values: number[];
  /** mean_k (F_k - y_k)² on the training set, mean_k (f(Xt_k) - yt_k)² on the test set (null without one). */
  trainRisk: number[];
  testRisk: (number | null)[];
  /** ‖W - W0‖ (the coefficients' norm from W0 = 0) and σ_min of DF (n x p, over min(n, p) singular values). */
  norm: number[];
  sigmaMin: number[];
  n: number;
}

/** One (value, repeat) fit: its risks, the coefficients' norm and σ_min (test null without a test set). */
export interface DoubleDescentFit {
  value: number;
  repeat: number;
  train: number;
  test: number | null;
  norm: number;
  sigmaMin: number;
}

/** The fit of one compiled value and seed. */
function fitOnce(
  text: string,
  sweep: string,
  value: number,
  seed: number,
  ridge: number,
): { train: number; test: number | null; norm: number; sigmaMin: number; n: number } {
  const result = compileDocument(text, { seed, sweep: { [sweep]: value } });
  const lab = documentObjective(result);
  const error = result.diagnostics.find((d) => d.severity === 'error');
  if (!lab || error) throw new UnsuitableFileError(`${sweep} = ${value}: ${error?.message ?? 'no loss'}`);
  const dj = compileDataJacobian(lab);
  if (!dj) throw new UnsuitableFileError('the double-descent fit needs a file with `model` and `data`');
  const W0 = lab.model.points[0]?.values ?? new Float64Array(lab.model.p);
  const { DF, linear } = linearFeatures(dj, W0);
  if (!linear) throw new UnsuitableFileError('the minimum-norm fit is for models linear in their parameters');
  const { n, p } = dj;
  const F0 = new Float64Array(n);
  dj.evaluate(W0, F0, null);
  const sol = minimumNormSolve(
    DF,
    n,
    p,
    Float64Array.from(F0, (f, i) => dj.targets[i] - f),
    { ridge },
  );
  const W = Float64Array.from(W0, (w, j) => w + sol.x[j]);
  const F = new Float64Array(n);
  dj.evaluate(W, F, null);
  const train = F.reduce((s, f, i) => s + (f - dj.targets[i]) ** 2, 0) / n;
  const theta = new Float64Array(lab.model.q);
  lab.model.evaluate(W, 1, theta, null);
  const S = sol.singularValues;
  return { train, test: testRisk(lab.data!, W, theta), norm: norm2(sol.x), sigmaMin: S[S.length - 1] ?? 0, n };
}

/**
 * mean_k (f(Xt_k) - yt_k)² at one point, or null without a test set. Walks the expressions once instead of generating
 * a program (compileDataReport): each fit evaluates its test set at a single point.
 */
function testRisk(data: DataSpec, W: Float64Array, theta: Float64Array): number | null {
  const test = data.test;
  if (!test || test.targets.length === 0) return null;
  const x = test.space === 'params' ? W : theta;
  let s = 0;
  test.predictions.forEach((e, k) => (s += (interpret(e, x) - test.targets[k]) ** 2));
  return s / test.targets.length;
}

/**
 * The double-descent curves of `text` over its first sweep (the others stay at their first value). Throws
 * UnsuitableFileError for a file without a sweep, data, or a model linear in its parameters; stops between values
 * at the deadline (BudgetExceededError) or when `shouldStop` says so (returning the values done).
 */
export function doubleDescent(text: string, options: DoubleDescentOptions = {}): DoubleDescentCurve {
  const first = compileDocument(text, { seed: options.seed });
  const sw = first.sweeps[0];
  if (!sw) throw new UnsuitableFileError('the fit runs over a sweep: add a line like `sweep p = 1..60`');
  const values = [...(options.values ?? sw.values)];
  const repeats = Math.max(1, Math.floor(options.repeats ?? 1)),
    ridge = options.ridge ?? 0,
    seed = options.seed ?? first.seed;
  const curve: DoubleDescentCurve = {
    sweep: sw.name,
    values: [],
    trainRisk: [],
    testRisk: [],
    norm: [],
    sigmaMin: [],
    n: 0,
  };
  const total = values.length * repeats;
  let stopped = false;
  for (const [k, v] of values.entries()) {
    if (options.shouldStop?.()) break;
    let train = 0,
      test: number | null = 0,
      nrm = 0,
      smin = 0;
    for (let r = 0; r < repeats; r++) {
      if (r > 0 && options.shouldStop?.()) {
        stopped = true;
        break;
      }
      checkDeadline(options.deadline, `fitting ${sw.name} = ${v}`);
      const f = fitOnce(text, sw.name, v, seed + r, ridge);
      train += f.train / repeats;
      test = f.test === null || test === null ? null : test + f.test / repeats;
      nrm += f.norm / repeats;
      smin += f.sigmaMin / repeats;
      curve.n = f.n;
      const fit = { value: v, repeat: r, train: f.train, test: f.test, norm: f.norm, sigmaMin: f.sigmaMin };
      options.onRepeat?.(k * repeats + r + 1, total, curve, fit);
    }
    // A value stopped between its repeats is not averaged over all of them: it is left out.
    if (stopped) break;
    curve.values.push(v);
    curve.trainRisk.push(train);
    curve.testRisk.push(test);
    curve.norm.push(nrm);
    curve.sigmaMin.push(smin);
    options.onValue?.(k + 1, values.length, curve);
  }
  return curve;
}
