import type { DataSpec } from '../lossSpec';
import type { CompiledModel } from '../model';
import { generateProgram, type BatchProgram } from '../numeric/codegen';
import type { Expr } from '../symbolic/expr';

/** Predictions, residuals and test risk of a data file at one point. */
export interface DataReport {
  /** F_k = f(X_k) on the training inputs, and F_k - y_k. */
  predictions: number[];
  residuals: number[];
  /** mean_k (f(Xt_k) - yt_k)² over the test set, null without one. */
  testRisk: number | null;
}

/** A program for expressions over W (space 'params', stride p) or over θ (space 'outputs', stride q). */
function programOf(exprs: readonly Expr[], stride: number): BatchProgram {
  return generateProgram(
    exprs.map((expr, i) => ({ expr, target: 'theta' as const, offset: i })),
    stride,
    Math.max(1, exprs.length),
    0,
  );
}

/** Compiles the data side once; the result evaluates predictions, residuals and test risk at any W. */
export function compileDataReport(model: CompiledModel, data: DataSpec): (W: Float64Array) => DataReport {
  const { p, q } = model;
  const train = data.predictions ? programOf(data.predictions, q) : null;
  const test = data.test ? programOf(data.test.predictions, data.test.space === 'params' ? p : q) : null;
  const theta = new Float64Array(q),
    F = new Float64Array(Math.max(1, data.n)),
    Ft = new Float64Array(Math.max(1, data.test?.targets.length ?? 0));
  return (W) => {
    model.evaluate(W, 1, theta, null);
    if (train) train(theta, 1, F, null);
    else F.set(theta.subarray(0, data.n));
    const predictions = Array.from(F.subarray(0, data.n));
    const residuals = predictions.map((f, k) => f - data.targets[k]);
    let testRisk: number | null = null;
    if (data.test && test) {
      test(data.test.space === 'params' ? W : theta, 1, Ft, null);
      const m = data.test.targets.length;
      let s = 0;
      for (let k = 0; k < m; k++) s += (Ft[k] - data.test.targets[k]) ** 2;
      testRisk = m > 0 ? s / m : null;
    }
    return { predictions, residuals, testRisk };
  };
}
