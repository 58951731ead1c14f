// Builds the language's contract (LossSpec) by hand for tests: the language helper fills it from `loss`/`data` lines.
import type { CompiledModel } from '../../../src/core';
import type { LossSpec } from '../../../src/core/lossSpec';
import type { Expr, ExprStore } from '../../../src/core/symbolic/expr';
import { compileObjective, type CompiledObjective } from '../../../src/core/objective/compileObjective';
import { compileOk } from '../../support/model';

/** θ_k as a variable of the canonical loss, and the store to build with. */
export type LossBuilder = (s: ExprStore, theta: (k: number) => Expr) => Expr;

/** A LossSpec whose L is built by `loss` (variables = output indices). */
export function specOf(model: CompiledModel, loss: LossBuilder): LossSpec {
  const s = model.symbolic.store;
  return { loss: loss(s, (k) => s.variable(k)), samples: null, source: 'loss' };
}

/** The data convention: ℓ_k = ½ (θ_k - y_k)², L = Σ_k ℓ_k, with the outputs as predictions. */
export function dataSpec(model: CompiledModel, y: readonly number[]): LossSpec {
  const s = model.symbolic.store;
  const samples = y.map((yk, k) => s.mul([s.num(0.5), s.pow(s.sub(s.variable(k), s.num(yk)), s.num(2))]));
  return { loss: s.add(samples), samples, source: 'data' };
}

/** ½ Σ_k (θ_k - target_k)². */
export const halfSquares =
  (target: readonly number[]): LossBuilder =>
  (s, th) =>
    s.mul([s.num(0.5), s.add(target.map((t, k) => s.pow(s.sub(th(k), s.num(t)), s.num(2))))]);

/** Σ_k (θ_k - target_k)². */
export const squares =
  (target: readonly number[]): LossBuilder =>
  (s, th) =>
    s.add(target.map((t, k) => s.pow(s.sub(th(k), s.num(t)), s.num(2))));

/** Compiles `text` (which must be valid) and its objective with the loss `loss`. */
export function objectiveOf(text: string, loss: LossBuilder): CompiledObjective {
  const model = compileOk(text);
  return compileObjective(model, specOf(model, loss));
}

/** The dense deep linear model w = Uᵀ v of size d at a fixed, non-degenerate point. */
export function deepLinearText(d: number): string {
  const U = Array.from(
    { length: d },
    (_, i) =>
      `[${Array.from({ length: d }, (_, j) => ((((i * 7 + j * 3) % 5) / 5 - 0.4) * 0.5 + (i === j ? 0.6 : 0)).toFixed(2)).join(', ')}]`,
  );
  const v = Array.from({ length: d }, (_, i) => (0.3 + 0.1 * i).toFixed(2));
  return `param U[${d},${d}], v[${d}]\nw = U' * v\nat U = [${U.join(', ')}], v = [${v.join(', ')}]`;
}
