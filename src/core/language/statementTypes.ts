// The statements of the language as the parser hands them to compilation (one per non-blank line).
import type { Span } from '../diagnostic';
import type { ParsedExpr } from './syntax';

/** A dimension of a declared size: a whole number, or the name of a sweep (`param v[m]` with `sweep m = …`). */
export type Dim = number | { name: string; span: Span };

/** A distribution after `~`: `normal(mean, sd)` or `uniform(lo, hi)`, each argument a numeric expression. */
export interface Distribution {
  dist: 'normal' | 'uniform';
  /** The span of the distribution's name. */
  distSpan: Span;
  args: [ParsedExpr, ParsedExpr];
  span: Span;
}

/** `param w[3], U[m, 2], r`. */
export interface ParamStatement {
  kind: 'param';
  line: number;
  decls: Array<{ name: string; dims: Dim[]; span: Span }>;
}
/** `const x = [1, 2]`, or a seeded draw `const a[m] ~ normal(0, 1)` (then `draw` is set and `value` is not). */
export interface ConstStatement {
  kind: 'const';
  line: number;
  name: string;
  nameSpan: Span;
  value?: ParsedExpr;
  draw?: { dims: Dim[]; dist: Distribution };
}
/** An output definition `θ_i = w_i^2`. */
export interface OutputStatement {
  kind: 'output';
  line: number;
  name: string;
  nameSpan: Span;
  span: Span;
  value: ParsedExpr;
}
/** One `name = value` or `name ~ distribution` of an `at` line (exactly one of value and draw). */
export interface AtAssignment {
  name: string;
  index?: number[];
  nameSpan: Span;
  value?: ParsedExpr;
  draw?: Distribution;
}
/** `at U ~ normal(0, 0.1), v = 0.5`. */
export interface AtStatement {
  kind: 'at';
  line: number;
  span: Span;
  assignments: AtAssignment[];
}
/** `seed 7`. */
export interface SeedStatement {
  kind: 'seed';
  line: number;
  span: Span;
  value: number;
}
/** `sweep m = 10, 100, 1000` or `sweep p = 1..60`. */
export interface SweepStatement {
  kind: 'sweep';
  line: number;
  span: Span;
  name: string;
  nameSpan: Span;
  values: number[];
  /** The span of the item each value came from (a range's values share its span). */
  valueSpans: Span[];
}
/** `loss = (θ[1] - 3)^2 + …`. */
export interface LossStatement {
  kind: 'loss';
  line: number;
  span: Span;
  value: ParsedExpr;
}
/** `model f(x) = v' * tanh(U * x)`. */
export interface ModelStatement {
  kind: 'model';
  line: number;
  span: Span;
  name: string;
  nameSpan: Span;
  arg: string;
  argSpan: Span;
  value: ParsedExpr;
}
/** `data X, y` (kind 'data') or `test Xt, yt` (kind 'test'): names of constants. */
export interface DataStatement {
  kind: 'data' | 'test';
  line: number;
  span: Span;
  inputs: { name: string; span: Span };
  targets: { name: string; span: Span };
}
/** `watch balance = norm(U)^2 - norm(v)^2`. */
export interface WatchStatement {
  kind: 'watch';
  line: number;
  span: Span;
  name: string;
  nameSpan: Span;
  value: ParsedExpr;
}

/** Any statement. */
export type Statement =
  | ParamStatement
  | ConstStatement
  | OutputStatement
  | AtStatement
  | SeedStatement
  | SweepStatement
  | LossStatement
  | ModelStatement
  | DataStatement
  | WatchStatement;

/** The line keywords (a line starting with one of them, then white space, is that statement). */
export const KEYWORDS = ['param', 'const', 'at', 'seed', 'sweep', 'loss', 'model', 'data', 'test', 'watch'] as const;
