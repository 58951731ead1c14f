// A data model compiled once for all its inputs: f(W, x) with the input x as variables p .. p + d - 1, so row k of
// J = DF is ∇_W f at x = X_k. A width-m model on n inputs then has 2m derivatives to find, not 2mn, and the programs
// loop over the rows instead of spelling out every (row, parameter) entry.
import type { Expr, ExprStore } from './expr';
import type { FamilySum } from './familySum';
import { substitute } from './substitute';

/** The predictions F_k = f(W, X_k) as one expression of the parameters and the input, with its gradient in W. */
export interface RowTemplate {
  /** Parameters; the input's entries are the variables p .. p + d - 1. */
  p: number;
  d: number;
  /** Number of rows (data inputs) and the inputs themselves, n x d row-major. */
  n: number;
  inputs: Float64Array;
  f: Expr;
  /** J's columns in every row (ascending) and ∂f/∂W_col of each, expressions of W and x. */
  cols: Int32Array;
  grads: readonly Expr[];
  /** f's sum over an indexed family, when it has one: programs and second derivatives then loop over its members. */
  family?: FamilyLayout;
}

/** A family sum laid out over J's columns, with the template's derivatives (found once for all members). */
export interface FamilyLayout extends FamilySum {
  /** ∂T/∂(slot s): expressions of member 0's parameters and the input. */
  termGrads: readonly Expr[];
  /** Position in `cols` of member r's slot s: offsets[r * width + s]. */
  offsets: Int32Array;
  /** R's parameters, their positions in `cols` and ∂R/∂W_j of each. */
  restCols: Int32Array;
  restOffsets: Int32Array;
  restGrads: readonly Expr[];
}

/**
 * A function giving expressions of the template at row k (the input's variables replaced by the numbers X_k), rebuilt
 * through the store's constructors so they fold and share like any other expression; one memo per row.
 */
export function atRow(store: ExprStore, t: RowTemplate, k: number): (e: Expr) => Expr {
  const memo = new Map<number, Expr>();
  const input = (index: number): Expr =>
    index < t.p ? store.variable(index) : store.num(t.inputs[k * t.d + index - t.p]);
  // Subtrees of the parameters alone (every variable below p; `vars` is ascending) stay as they are.
  const paramsOnly = (x: Expr): boolean => x.vars.length === 0 || x.vars[x.vars.length - 1] < t.p;
  return (e) => substitute(store, e, input, memo, paramsOnly);
}
