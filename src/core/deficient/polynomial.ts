import type { Expr, ExprStore, UnaryFunction } from '../symbolic/expr';

/** One monomial: a coefficient times atoms (expression nodes, by id) raised to integer powers, sorted by id. */
interface Term {
  coef: number;
  atoms: ReadonlyArray<readonly [number, number]>;
}

/** A sum of monomials keyed by their atoms (`id^power` joined), so equal monomials collect. */
export type Polynomial = Map<string, Term>;

/** Thrown when a polynomial would exceed its term budget. */
export class PolynomialTooLargeError extends Error {
  constructor(readonly terms: number) {
    super(`more than ${terms} terms`);
    this.name = 'PolynomialTooLargeError';
  }
}

// Functions that never vanish: a factor made of one of them says nothing about where the determinant is zero.
const NEVER_ZERO = new Set<UnaryFunction>(['exp', 'cosh', 'sigmoid', 'softplus']);
const MAX_POWER = 12;

const keyOf = (atoms: ReadonlyArray<readonly [number, number]>): string => atoms.map(([i, k]) => `${i}^${k}`).join('*');

/**
 * Expands expressions of one store into polynomials over their atoms (parameters, named constants, calls such as
 * `cos(φ)` with normalised arguments, non-integer powers), with cos² = 1 - sin², cosh² = 1 + sinh² and
 * heaviside^k = heaviside applied, so `r cos(φ)² + r sin(φ)²` becomes `r`. Every intermediate result is held to
 * `maxTerms` terms.
 */
export class PolynomialContext {
  private readonly atoms = new Map<number, Expr>();
  private readonly memo = new Map<number, Polynomial>();

  constructor(
    private readonly s: ExprStore,
    private readonly maxTerms = 4000,
  ) {}

  constant(c: number): Polynomial {
    const out: Polynomial = new Map();
    if (c !== 0) out.set('', { coef: c, atoms: [] });
    return out;
  }

  private atom(e: Expr, power = 1): Polynomial {
    this.atoms.set(e.id, e);
    return new Map([[keyOf([[e.id, power]]), { coef: 1, atoms: [[e.id, power]] }]]);
  }

  add(a: Polynomial, b: Polynomial, scale = 1): Polynomial {
    const out: Polynomial = new Map(a);
    for (const [k, t] of b) {
      const c = (out.get(k)?.coef ?? 0) + scale * t.coef;
      if (c === 0) out.delete(k);
      else out.set(k, { coef: c, atoms: t.atoms });
    }
    this.check(out);
    return out;
  }

  mul(a: Polynomial, b: Polynomial): Polynomial {
    const out: Polynomial = new Map();
    for (const x of a.values()) {
      for (const y of b.values()) {
        const merged = this.mergeAtoms(x.atoms, y.atoms);
        for (const t of this.reduce(x.coef * y.coef, merged)) {
          const k = keyOf(t.atoms);
          const c = (out.get(k)?.coef ?? 0) + t.coef;
          if (c === 0) out.delete(k);
          else out.set(k, { coef: c, atoms: t.atoms });
        }
        this.check(out);
      }
    }
    return out;
  }

  private check(p: Polynomial): void {
    if (p.size > this.maxTerms) throw new PolynomialTooLargeError(this.maxTerms);
  }

  private mergeAtoms(
    a: ReadonlyArray<readonly [number, number]>,
    b: ReadonlyArray<readonly [number, number]>,
  ): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let i = 0,
      j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i][0] < b[j][0])) out.push([a[i][0], a[i++][1]]);
      else if (i >= a.length || b[j][0] < a[i][0]) out.push([b[j][0], b[j++][1]]);
      else {
        const k = a[i][1] + b[j][1];
        if (k !== 0) out.push([a[i][0], k]);
        i++;
        j++;
      }
    }
    return out;
  }

  /** Applies the identities of the class comment to one monomial; returns the monomials it expands into. */
  private reduce(coef: number, atoms: Array<[number, number]>): Term[] {
    for (let i = 0; i < atoms.length; i++) {
      const [id, k] = atoms[i];
      const e = this.atoms.get(id)!;
      if (e.kind !== 'call' || k < 2) continue;
      if (e.fn === 'heaviside') {
        atoms[i] = [id, 1];
        continue;
      }
      if (e.fn !== 'cos' && e.fn !== 'cosh') continue;
      // cos^k = cos^(k-2) (1 - sin²): expand once and reduce the results again.
      const other = this.s.call(e.fn === 'cos' ? 'sin' : 'sinh', e.args[0]);
      this.atoms.set(other.id, other);
      const rest = atoms.map((a, x) => (x === i ? ([id, k - 2] as [number, number]) : a)).filter((a) => a[1] !== 0);
      const sq = this.mergeAtoms(rest, [[other.id, 2]]);
      return [...this.reduce(coef, rest), ...this.reduce(e.fn === 'cos' ? -coef : coef, sq)];
    }
    return [{ coef, atoms }];
  }

  /** The polynomial of an expression (memoised per node). */
  fromExpr(e: Expr): Polynomial {
    const hit = this.memo.get(e.id);
    if (hit) return hit;
    const s = this.s;
    let out: Polynomial;
    switch (e.kind) {
      case 'num':
        out = this.constant(e.value);
        break;
      case 'const':
      case 'var':
        out = this.atom(e);
        break;
      case 'add':
        out = e.args.reduce((acc, a) => this.add(acc, this.fromExpr(a)), this.constant(0));
        break;
      case 'mul':
        out = e.args.reduce((acc, a) => this.mul(acc, this.fromExpr(a)), this.constant(1));
        break;
      case 'call':
        out = this.atom(s.call(e.fn, this.toExpr(this.fromExpr(e.args[0]))));
        break;
      case 'pow': {
        const [b, x] = e.args;
        const base = this.fromExpr(b);
        const n = x.kind === 'num' ? x.value : NaN;
        if (Number.isInteger(n) && n >= 0 && n <= MAX_POWER) {
          out = this.constant(1);
          for (let i = 0; i < n; i++) out = this.mul(out, base);
        } else if (Number.isInteger(n) && n < 0 && n >= -MAX_POWER && base.size === 1) {
          // A monomial's negative power stays a monomial (Laurent powers of its atoms).
          const t = [...base.values()][0];
          out = new Map();
          const atoms = t.atoms.map(([i, k]) => [i, k * n] as [number, number]);
          out.set(keyOf(atoms), { coef: Math.pow(t.coef, n), atoms });
        } else if (Number.isInteger(n) && n < 0 && n >= -MAX_POWER) {
          out = this.atom(s.pow(this.toExpr(base), s.num(-1)), -n);
        } else {
          out = this.atom(s.pow(this.toExpr(base), this.toExpr(this.fromExpr(x))));
        }
        break;
      }
    }
    this.memo.set(e.id, out);
    return out;
  }

  /** The polynomial back as an expression: terms by descending degree, then by atoms. */
  toExpr(p: Polynomial): Expr {
    const s = this.s;
    const terms = [...p.values()].sort((a, b) => degree(b) - degree(a) || (keyOf(a.atoms) < keyOf(b.atoms) ? -1 : 1));
    return s.add(
      terms.map((t) =>
        s.mul([
          s.num(t.coef),
          ...t.atoms.map(([id, k]) => (k === 1 ? this.atoms.get(id)! : s.pow(this.atoms.get(id)!, s.num(k)))),
        ]),
      ),
    );
  }

  /** Drops terms whose coefficient is below `rel` times the largest (rounding left over from cancellation). */
  dropTiny(p: Polynomial, rel = 1e-12): Polynomial {
    let max = 0;
    for (const t of p.values()) max = Math.max(max, Math.abs(t.coef));
    return new Map([...p].filter(([, t]) => Math.abs(t.coef) > rel * max));
  }

  /**
   * Splits p into the atoms every term shares (each one whose vanishing makes p vanish, never-zero functions and
   * denominators left out) and the rest, made sign-normal (first term positive, integer coefficients divided by
   * their gcd). The rest is null when it is a constant.
   */
  factor(p: Polynomial): { atoms: Expr[]; rest: Polynomial | null } {
    const terms = [...p.values()];
    if (terms.length === 0) return { atoms: [], rest: null };
    const common = new Map<number, number>();
    for (const [id, k] of terms[0].atoms) common.set(id, k);
    for (const t of terms.slice(1)) {
      const here = new Map(t.atoms);
      for (const [id, k] of common) common.set(id, Math.min(k, here.get(id) ?? 0));
    }
    for (const [id] of terms[0].atoms) if (!terms.every((t) => t.atoms.some((a) => a[0] === id))) common.set(id, 0);
    const atoms: Expr[] = [];
    for (const [id, k] of common) {
      const e = this.atoms.get(id)!;
      if (k > 0 && e.kind !== 'const' && !(e.kind === 'call' && NEVER_ZERO.has(e.fn))) atoms.push(e);
    }
    const divide: Array<[number, number]> = [...common].filter(([, k]) => k !== 0).map(([id, k]) => [id, -k]);
    const rest: Polynomial = new Map();
    for (const t of terms) {
      const a = this.mergeAtoms(t.atoms, divide);
      rest.set(keyOf(a), { coef: t.coef, atoms: a });
    }
    if (rest.size === 1 && [...rest.values()][0].atoms.length === 0) return { atoms, rest: null };
    const ordered = [...this.toTerms(rest)];
    const sign = ordered[0].coef < 0 ? -1 : 1;
    const g = ordered.every((t) => Number.isInteger(t.coef))
      ? ordered.reduce((x, t) => gcd(x, Math.abs(t.coef)), 0)
      : 1;
    for (const t of rest.values()) t.coef = (sign * t.coef) / (g || 1);
    return { atoms, rest };
  }

  private toTerms(p: Polynomial): Term[] {
    return [...p.values()].sort((a, b) => degree(b) - degree(a) || (keyOf(a.atoms) < keyOf(b.atoms) ? -1 : 1));
  }
}

const degree = (t: Term): number => t.atoms.reduce((d, [, k]) => d + k, 0);

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
