import type { Expr, ExprStore } from './expr';

/**
 * `e` with every variable k replaced by `replacement(k)`, rebuilt through the store's constructors (so shared nodes
 * stay shared and the result is hash-consed like any other expression). Subtrees for which `keep` is true are returned
 * as they are, unvisited (the caller knows they hold no replaced variable). Used to write ∇_θ L(θ) at θ = ψ(W) and a
 * row template at one data input.
 */
export function substitute(
  store: ExprStore,
  e: Expr,
  replacement: (k: number) => Expr,
  memo = new Map<number, Expr>(),
  keep?: (x: Expr) => boolean,
): Expr {
  const walk = (x: Expr): Expr => {
    if (keep?.(x)) return x;
    const hit = memo.get(x.id);
    if (hit) return hit;
    let r: Expr;
    switch (x.kind) {
      case 'num':
      case 'const':
        r = x;
        break;
      case 'var':
        r = replacement(x.index);
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
    }
    memo.set(x.id, r);
    return r;
  };
  return walk(e);
}
