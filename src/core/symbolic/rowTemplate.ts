// A data model compiled once for all its inputs: f(W, x) with the input x as variables p .. p + d - 1, so row k of
// J = DF is ∇_W f at x = X_k. A width-m model on n inputs then has 2m derivatives to find, not 2mn, and the programs
// loop over the rows instead of spelling out every (row, parameter) entry.
import type { Expr, ExprStore } from './expr';

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
}

/**
 * A function giving expressions of the template at row k (the input's variables replaced by the numbers X_k), rebuilt
 * through the store's constructors so they fold and share like any other expression; one memo per row.
 */
export function atRow(store: ExprStore, t: RowTemplate, k: number): (e: Expr) => Expr {
  const memo = new Map<number, Expr>();
  const walk = (x: Expr): Expr => {
    if (x.vars.length === 0 || x.vars[x.vars.length - 1] < t.p) return x;
    const hit = memo.get(x.id);
    if (hit) return hit;
    let r: Expr;
    switch (x.kind) {
      case 'var':
        r = store.num(t.inputs[k * t.d + x.index - t.p]);
        break;
      case 'add':
        r = store.add(x.args.map(walk));
        break;
      case 'mul':
        r = store.mul(x.args.map(walk));
        break;
      case 'pow':
        r = store.pow(walk(x.args[0]), walk(x.args[1]));
        break;
      case 'call':
        r = store.call(x.fn, walk(x.args[0]));
        break;
      default:
        r = x;
    }
    memo.set(x.id, r);
    return r;
  };
  return walk;
}
