import { dependsOn, type Expr, type ExprStore } from './expr';

/**
 * Differentiates expressions of one store with respect to one parameter at a time. Subtrees that do not depend
 * on the parameter are structural zeros found by one lookup, and results are memoised per node, so the work is
 * proportional to the part of the DAG that actually depends on the parameter.
 */
export class Differentiator {
  private memo = new Map<number, Expr>();
  private wrt = -1;

  constructor(private readonly s: ExprStore) {}

  /** d e / d (parameter j). */
  derivative(e: Expr, j: number): Expr {
    if (j !== this.wrt) {
      this.memo.clear();
      this.wrt = j;
    }
    return this.d(e);
  }

  private d(e: Expr): Expr {
    const s = this.s;
    if (!dependsOn(e, this.wrt)) return s.num(0);
    const hit = this.memo.get(e.id);
    if (hit) return hit;
    let r: Expr;
    switch (e.kind) {
      case 'num':
      case 'const':
        r = s.num(0);
        break;
      case 'var':
        r = s.num(1);
        break;
      case 'add':
        r = s.add(e.args.map((a) => this.d(a)));
        break;
      case 'mul': {
        const terms: Expr[] = [];
        e.args.forEach((a, i) => {
          if (!dependsOn(a, this.wrt)) return;
          const rest = e.args.filter((_, k) => k !== i);
          terms.push(s.mul([...rest, this.d(a)]));
        });
        r = s.add(terms);
        break;
      }
      case 'pow': {
        const [b, x] = e.args;
        if (!dependsOn(x, this.wrt)) {
          // d(b^x) = x b^(x-1) db
          r = s.mul([x, s.pow(b, s.add([x, s.num(-1)])), this.d(b)]);
        } else {
          // d(b^x) = b^x (dx log b + x db / b)
          r = s.mul([e, s.add([s.mul([this.d(x), s.call('log', b)]), s.mul([x, this.d(b), s.pow(b, s.num(-1))])])]);
        }
        break;
      }
      case 'call':
        r = s.mul([this.outer(e.fn, e.args[0], e), this.d(e.args[0])]);
        break;
    }
    this.memo.set(e.id, r);
    return r;
  }

  /** f'(a) for the function of the language applied in `whole` = f(a). */
  private outer(fn: Extract<Expr, { kind: 'call' }>['fn'], a: Expr, whole: Expr): Expr {
    const s = this.s;
    const one = s.num(1);
    switch (fn) {
      case 'sin':
        return s.call('cos', a);
      case 'cos':
        return s.neg(s.call('sin', a));
      case 'tan':
        return s.pow(s.call('cos', a), s.num(-2));
      case 'asin':
        return s.pow(s.sub(one, s.pow(a, s.num(2))), s.num(-0.5));
      case 'acos':
        return s.neg(s.pow(s.sub(one, s.pow(a, s.num(2))), s.num(-0.5)));
      case 'atan':
        return s.pow(s.add([one, s.pow(a, s.num(2))]), s.num(-1));
      case 'sinh':
        return s.call('cosh', a);
      case 'cosh':
        return s.call('sinh', a);
      case 'tanh':
        return s.sub(one, s.pow(whole, s.num(2)));
      case 'exp':
        return whole;
      case 'log':
        return s.pow(a, s.num(-1));
      case 'sqrt':
        return s.mul([s.num(0.5), s.pow(a, s.num(-0.5))]);
      case 'abs':
        return s.call('sign', a);
      case 'sigmoid':
        return s.mul([whole, s.sub(one, whole)]);
      case 'relu':
        return s.call('heaviside', a);
      case 'softplus':
        return s.call('sigmoid', a);
      // Piecewise constant: derivative zero almost everywhere (the kink is a measure-zero set).
      case 'sign':
      case 'heaviside':
        return s.num(0);
    }
  }
}
