import { applyUnary } from './unary';
import { Indexer, mergeVars, NO_VARS, PairTable, PAIR_LIMIT, sameArgs, sortedIds } from './nodeLists';

export { applyUnary } from './unary';
export { dependsOn } from './nodeLists';

/** The scalar functions of the language (beyond + - * / ^), each with one argument. */
export const UNARY_FUNCTIONS = [
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'exp',
  'log',
  'sqrt',
  'abs',
  'sigmoid',
  'relu',
  'softplus',
  'sign',
  'heaviside',
] as const;
export type UnaryFunction = (typeof UNARY_FUNCTIONS)[number];

/** Named constants kept symbolic in printed output (folded only when evaluated). */
export type NamedConstant = 'pi' | 'e';

/** A node of the hash-consed scalar expression DAG. Equal structure means the same object (and id). */
export type Expr =
  | { readonly kind: 'num'; readonly id: number; readonly value: number; readonly vars: Int32Array }
  | {
      readonly kind: 'const';
      readonly id: number;
      readonly name: NamedConstant;
      readonly value: number;
      readonly vars: Int32Array;
    }
  | { readonly kind: 'var'; readonly id: number; readonly index: number; readonly vars: Int32Array }
  | { readonly kind: 'add'; readonly id: number; readonly args: readonly Expr[]; readonly vars: Int32Array }
  | { readonly kind: 'mul'; readonly id: number; readonly args: readonly Expr[]; readonly vars: Int32Array }
  | { readonly kind: 'pow'; readonly id: number; readonly args: readonly [Expr, Expr]; readonly vars: Int32Array }
  | {
      readonly kind: 'call';
      readonly id: number;
      readonly fn: UnaryFunction;
      readonly args: readonly [Expr];
      readonly vars: Int32Array;
    };

/** Variables kept in an array by index (beyond it they are looked up by key). */
const VARIABLE_SLOTS = 1 << 24;

/** A factor the product's folding leaves as it is: not a number, product or power. */
const plain = (e: Expr): boolean => e.kind === 'var' || e.kind === 'call' || e.kind === 'add' || e.kind === 'const';

/**
 * Owns every expression node of one document: hash-consing gives common subexpressions for free, and the
 * smart constructors fold constants, drop `+ 0` / `* 1`, flatten sums and products and collect like terms,
 * so derivatives stay readable and structural zeros are exact. One store per document: nothing is shared.
 */
export class ExprStore {
  private readonly table = new Map<string, Expr>();
  /** Numbers by value (a number key is cheaper than its string, and numbers are the most looked-up nodes). */
  private readonly numbers = new Map<number, Expr>();
  /** Two-argument sums and products, powers and calls by a number made of their arguments' ids (no key string). */
  private readonly pairs = [new PairTable(), new PairTable(), new PairTable()];
  private readonly calls = new Map<number, Expr>();
  /** Sums and products of three or more arguments by an order-free hash of their ids (collisions compared). */
  private readonly many = [new Map<number, Expr[]>(), new Map<number, Expr[]>()];
  private nextId = 0;
  private readonly variables: Expr[] = [];
  /** Largest number of nodes this store may hold before it throws (a guard against exploding input). */
  constructor(readonly maxNodes = 2_000_000) {}

  get size(): number {
    return this.nextId;
  }

  /** As intern, keyed by a pair of ids (order-free for sums and products) below 2^26 each, else by `key()`. */
  private internPair<E extends Expr>(
    kind: 0 | 1 | 2,
    a: number,
    b: number,
    key: () => string,
    make: (id: number) => E,
  ): E {
    if (a >= PAIR_LIMIT || b >= PAIR_LIMIT) return this.intern(key(), make);
    const map = this.pairs[kind];
    const swap = kind !== 2 && b < a;
    const x = swap ? b : a,
      y = swap ? a : b;
    const hit = map.get(x, y);
    if (hit) return hit as E;
    const e = this.fresh(make);
    map.set(x, y, e);
    return e;
  }

  /** As internPair for sums (kind 0) and products (1) of any length: equal multisets of arguments are one node. */
  private internMany(kind: 0 | 1, args: readonly Expr[], make: (id: number) => Expr): Expr {
    let sum = args.length,
      xor = 0;
    for (const a of args) {
      const h = Math.imul(a.id ^ (a.id >>> 15), 0x2c1b3c6d) ^ 0x9e3779b9;
      sum = (sum + h) | 0;
      xor ^= Math.imul(h, 0x297a2d39) >>> 11;
    }
    const key = (sum >>> 0) * 2 ** 21 + (xor & 0x1fffff);
    const map = this.many[kind];
    const bucket = map.get(key);
    if (bucket) for (const e of bucket) if (sameArgs((e as { args: readonly Expr[] }).args, args)) return e;
    const e = this.fresh(make);
    if (bucket) bucket.push(e);
    else map.set(key, [e]);
    return e;
  }

  /** A new node (every route to a kind of node uses one table, so a node is never made twice). */
  private fresh<E extends Expr>(make: (id: number) => E): E {
    if (this.nextId >= this.maxNodes)
      throw new RangeError(`the expression has more than ${this.maxNodes} distinct nodes`);
    return make(this.nextId++);
  }

  private intern<E extends Expr>(key: string, make: (id: number) => E): E {
    const hit = this.table.get(key);
    if (hit) return hit as E;
    const e = this.fresh(make);
    this.table.set(key, e);
    return e;
  }

  num(value: number): Expr {
    const v = value === 0 ? 0 : value;
    const hit = this.numbers.get(v);
    if (hit) return hit;
    const e = this.intern(`n${v}`, (id) => ({ kind: 'num', id, value: v, vars: NO_VARS }));
    this.numbers.set(v, e);
    return e;
  }

  constant(name: NamedConstant): Expr {
    return this.intern(`c${name}`, (id) => ({
      kind: 'const',
      id,
      name,
      value: name === 'pi' ? Math.PI : Math.E,
      vars: NO_VARS,
    }));
  }

  variable(index: number): Expr {
    // By index in an array: a width-m model makes 2m of them, and a key string each was much of its compile time.
    const make = (id: number): Expr => ({ kind: 'var', id, index, vars: Int32Array.of(index) });
    if (index >= VARIABLE_SLOTS) return this.intern(`v${index}`, make);
    return (this.variables[index] ??= this.fresh(make));
  }

  /** Sum with flattening, constant folding and collection of like terms (2x + 3x = 5x). */
  add(terms: readonly Expr[]): Expr {
    let constant = 0;
    // Distinct terms in first-written order with their coefficients (arrays: most sums are short, and a Map per
    // call was much of the garbage of a large model); long sums get an index.
    const base: Expr[] = [],
      coef: number[] = [];
    const seen = new Indexer(base);
    const visit = (t: Expr): void => {
      if (t.kind === 'num') {
        constant += t.value;
        return;
      }
      if (t.kind === 'add') {
        for (const a of t.args) visit(a);
        return;
      }
      let c = 1,
        rest: Expr = t;
      if (t.kind === 'mul' && t.args[0].kind === 'num') {
        c = t.args[0].value;
        rest = t.args.length === 2 ? t.args[1] : this.rawMul(t.args.slice(1));
      }
      const i = seen.find(rest);
      if (i >= 0) coef[i] += c;
      else {
        seen.push(rest);
        coef.push(c);
      }
    };
    for (const t of terms) visit(t);
    const out: Expr[] = [];
    for (let i = 0; i < base.length; i++) {
      const c = coef[i];
      if (c === 0) continue;
      out.push(c === 1 ? base[i] : this.mul([this.num(c), base[i]]));
    }
    if (constant !== 0 || Number.isNaN(constant)) out.push(this.num(constant));
    if (out.length === 0) return this.num(0);
    if (out.length === 1) return out[0];
    // The key is order-free (a + b and b + a are one node); the node keeps the order it was first written in.
    const make = (id: number): Expr => ({ kind: 'add', id, args: out, vars: mergeVars(out) });
    if (out.length === 2) return this.internPair(0, out[0].id, out[1].id, () => `+${sortedIds(out)}`, make);
    return this.internMany(0, out, make);
  }

  /** Product with flattening, constant folding, and powers of equal bases merged (x * x^2 = x^3). */
  mul(factors: readonly Expr[]): Expr {
    if (factors.length === 2) {
      // Two factors with nothing to fold or merge (x * y, 2 * x): most products of a large model, built directly.
      const [x, y] = factors;
      if (x !== y && plain(x) && plain(y)) return this.rawMul([x, y]);
      if (x.kind === 'num' && plain(y) && x.value !== 0 && x.value !== 1 && !Number.isNaN(x.value))
        return this.rawMul([this.num(x.value), y]);
    }
    let coefficient = 1;
    const base: Expr[] = [],
      exponent: Expr[][] = [];
    const seen = new Indexer(base);
    const visit = (f: Expr): void => {
      if (f.kind === 'num') {
        coefficient *= f.value;
        return;
      }
      if (f.kind === 'mul') {
        for (const a of f.args) visit(a);
        return;
      }
      let b: Expr = f,
        e: Expr | undefined;
      if (f.kind === 'pow') {
        b = f.args[0];
        e = f.args[1];
      }
      const i = seen.find(b);
      if (i >= 0) exponent[i].push(e ?? this.num(1));
      else {
        seen.push(b);
        exponent.push([e ?? this.num(1)]);
      }
    };
    for (const f of factors) visit(f);
    // A structural zero: 0 * f is 0 (like every CAS; non-finite f is reported when evaluated elsewhere).
    if (coefficient === 0) return this.num(0);
    const out: Expr[] = [];
    for (let i = 0; i < base.length; i++) {
      const e = exponent[i];
      const p = e.length === 1 ? e[0] : this.add(e);
      if (p.kind === 'num' && p.value === 0) continue;
      out.push(this.pow(base[i], p));
    }
    if (coefficient !== 1) out.unshift(this.num(coefficient));
    if (out.length === 0) return this.num(1);
    if (out.length === 1) return out[0];
    return this.rawMul(out);
  }

  private rawMul(args: readonly Expr[]): Expr {
    if (args.length === 1) return args[0];
    const make = (id: number): Expr => ({ kind: 'mul', id, args, vars: mergeVars(args) });
    if (args.length === 2) return this.internPair(1, args[0].id, args[1].id, () => `*${sortedIds(args)}`, make);
    return this.internMany(1, args, make);
  }

  /** b^e, folding numeric cases and (x^a)^n = x^(a n) for integer n. */
  pow(b: Expr, e: Expr): Expr {
    if (e.kind === 'num') {
      if (e.value === 0) return this.num(1);
      if (e.value === 1) return b;
      if (b.kind === 'num') return this.num(Math.pow(b.value, e.value));
      if (b.kind === 'pow' && b.args[1].kind === 'num' && Number.isInteger(e.value))
        return this.pow(b.args[0], this.num(b.args[1].value * e.value));
      if (b.kind === 'mul' && b.args[0].kind === 'num' && Number.isInteger(e.value)) {
        return this.mul([this.num(Math.pow(b.args[0].value, e.value)), this.pow(this.rawMul(b.args.slice(1)), e)]);
      }
    }
    if (b.kind === 'num' && b.value === 1) return b;
    const args = [b, e] as const;
    return this.internPair(
      2,
      b.id,
      e.id,
      () => `^${b.id},${e.id}`,
      (id) => ({ kind: 'pow', id, args, vars: mergeVars(args) }),
    );
  }

  /** f(a) for a function of the language, folded when `a` is a number. */
  call(fn: UnaryFunction, a: Expr): Expr {
    if (a.kind === 'num') return this.num(applyUnary(fn, a.value));
    if (fn === 'sqrt') return this.pow(a, this.num(0.5));
    const args = [a] as const;
    const k = a.id * UNARY_FUNCTIONS.length + UNARY_FUNCTIONS.indexOf(fn);
    const hit = this.calls.get(k);
    if (hit) return hit;
    const e = this.fresh((id): Expr => ({ kind: 'call', id, fn, args, vars: a.vars }));
    this.calls.set(k, e);
    return e;
  }

  neg(a: Expr): Expr {
    return this.mul([this.num(-1), a]);
  }
  sub(a: Expr, b: Expr): Expr {
    return this.add([a, this.neg(b)]);
  }
  div(a: Expr, b: Expr): Expr {
    return this.mul([a, this.pow(b, this.num(-1))]);
  }
}
