import { dependsOn, type Expr, type ExprStore } from './expr';

/** Sums up to this many terms are scanned; longer ones are indexed by variable. */
const SHORT_SUM = 16;

/**
 * Differentiates expressions of one store with respect to one parameter at a time. Subtrees that do not depend
 * on the parameter are structural zeros found by one lookup, and results are memoised per node, so the work is
 * proportional to the part of the DAG that actually depends on the parameter.
 */
export class Differentiator {
  private memo = new Map<number, Expr>();
  private wrt = -1;
  /** Per long sum: which terms contain each of its variables (built once, on the sum's first derivative). */
  private termsOf = new Map<number, { start: Int32Array; terms: Int32Array }>();

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
        r = s.add(this.dependentTerms(e).map((a) => this.d(a)));
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

  /**
   * The terms of a sum that contain the current parameter. A long sum (a width-m model's Σ_i v_i σ(w_i x)) is indexed
   * once by variable, so each of its p derivatives visits only its own terms: linear in the sum's size overall, where
   * scanning every term for every parameter was quadratic.
   */
  private dependentTerms(e: Extract<Expr, { kind: 'add' }>): readonly Expr[] {
    if (e.args.length <= SHORT_SUM) return e.args;
    let index = this.termsOf.get(e.id);
    if (!index) {
      const vars = e.vars;
      const start = new Int32Array(vars.length + 1);
      const slot = (v: number): number => {
        let lo = 0,
          hi = vars.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (vars[mid] < v) lo = mid + 1;
          else hi = mid;
        }
        return lo;
      };
      for (const a of e.args) for (const v of a.vars) start[slot(v) + 1]++;
      for (let k = 0; k < vars.length; k++) start[k + 1] += start[k];
      const fill = start.slice(0, vars.length);
      const terms = new Int32Array(start[vars.length]);
      e.args.forEach((a, i) => {
        for (const v of a.vars) terms[fill[slot(v)]++] = i;
      });
      index = { start, terms };
      this.termsOf.set(e.id, index);
    }
    const v = e.vars;
    let lo = 0,
      hi = v.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v[mid] < this.wrt) lo = mid + 1;
      else hi = mid;
    }
    const out: Expr[] = [];
    for (let t = index.start[lo]; t < index.start[lo + 1]; t++) out.push(e.args[index.terms[t]]);
    return out;
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
