import { applyUnary, type Expr } from './expr';

/** Evaluates one expression at one point by walking it (slow; for constants, tests and checks, not hot loops). */
export function interpret(e: Expr, x: ArrayLike<number> = []): number {
  const memo = new Map<number, number>();
  const go = (e: Expr): number => {
    const hit = memo.get(e.id);
    if (hit !== undefined) return hit;
    let v: number;
    switch (e.kind) {
      case 'num':
      case 'const':
        v = e.value;
        break;
      case 'var':
        v = x[e.index];
        break;
      case 'add':
        v = 0;
        for (const a of e.args) v += go(a);
        break;
      case 'mul':
        v = 1;
        for (const a of e.args) v *= go(a);
        break;
      case 'pow':
        v = Math.pow(go(e.args[0]), go(e.args[1]));
        break;
      case 'call':
        v = applyUnary(e.fn, go(e.args[0]));
        break;
    }
    memo.set(e.id, v);
    return v;
  };
  return go(e);
}
