// The sum over an indexed family inside a model: f(W, x) = c(x) Σ_r T(W_r, x) + R(W, x), where the m terms T(W_r, x)
// are one template (v_r σ(w_r x)) over disjoint parameters W_r. Found once from the expression, it lets the programs
// loop over r with one term compiled, and the derivatives come from the template alone: ∂f/∂W_r = c ∂T/∂W_r, and
// the Hessian of f is block diagonal with one block per member (the lecture's independent sub-models).
import { Differentiator } from './differentiate';
import { dependsOn, type Expr, type ExprStore } from './expr';
import { substitute } from './substitute';

/** f = scale · Σ_r term(W_r, x) + rest, term given as member 0's own expression. */
export interface FamilySum {
  /** Parameters per member (the template's slots, in member 0's order) and the number of members. */
  width: number;
  members: number;
  /** Member r's slot s is parameter vars[r * width + s]. */
  vars: Int32Array;
  /** Member 0's term: an expression of vars[0 .. width - 1] and the input (variables p, p + 1, …). */
  term: Expr;
  /** c: an expression of the input alone. */
  scale: Expr;
  /** R: f without the family's terms (no member's parameter in it). */
  rest: Expr;
}

/** Fewest members worth a family (smaller sums are expanded as before). */
export const FAMILY_MIN_MEMBERS = 256;
/** Largest template (in tree nodes). */
const TERM_NODES = 64;

/**
 * Matches `e` against the template `t` (member 0's term): the same tree with numbers and input variables equal and
 * each parameter of t standing for one parameter of e. Fills `map` (slot -> parameter) and returns success.
 */
function matches(t: Expr, e: Expr, slotOf: Map<number, number>, map: Int32Array, p: number): boolean {
  let budget = TERM_NODES;
  const go = (a: Expr, b: Expr): boolean => {
    if (--budget < 0 || a.kind !== b.kind) return false;
    switch (a.kind) {
      case 'num':
      case 'const':
        return a.value === (b as typeof a).value;
      case 'var': {
        const bi = (b as typeof a).index;
        if (a.index >= p) return bi === a.index;
        if (bi >= p) return false;
        const s = slotOf.get(a.index)!;
        if (map[s] < 0) map[s] = bi;
        return map[s] === bi;
      }
      case 'call':
        return a.fn === (b as typeof a).fn && go(a.args[0], (b as typeof a).args[0]);
      default: {
        const bs = (b as { args: readonly Expr[] }).args;
        if (a.args.length !== bs.length) return false;
        for (let i = 0; i < bs.length; i++) if (!go(a.args[i], bs[i])) return false;
        return true;
      }
    }
  };
  return go(t, e);
}

/** The parameters of a term in first-occurrence order (its slots), or null for a tree over TERM_NODES. */
function slotsOf(t: Expr, p: number): number[] | null {
  const out: number[] = [];
  let budget = TERM_NODES;
  const go = (x: Expr): boolean => {
    if (--budget < 0) return false;
    if (x.kind === 'var') {
      if (x.index < p && !out.includes(x.index)) out.push(x.index);
      return true;
    }
    return x.kind === 'num' || x.kind === 'const' || x.args.every(go);
  };
  return go(t) ? out : null;
}

/** The sums of at least `min` terms in f, found without entering them. */
function longSums(f: Expr, min: number): Expr[] {
  const out: Expr[] = [],
    seen = new Set<number>();
  const go = (x: Expr): void => {
    if (seen.has(x.id) || x.vars.length < min) return;
    seen.add(x.id);
    if (x.kind === 'add' && x.args.length >= min) out.push(x);
    else if ('args' in x) x.args.forEach(go);
  };
  go(f);
  return out;
}

/**
 * The family sum of a row template f over p parameters and d inputs, or null when f has no long sum of copies of one
 * term over disjoint parameters entering linearly (f = σ(Σ …) couples every member: the dense route stays).
 */
export function findFamilySum(store: ExprStore, f: Expr, p: number, d: number): FamilySum | null {
  const sums = longSums(f, FAMILY_MIN_MEMBERS);
  if (sums.length !== 1) return null;
  const S = sums[0] as Extract<Expr, { kind: 'add' }>;
  const term = S.args.find((a) => a.vars.length > 0 && a.vars[0] < p);
  const slots = term ? slotsOf(term, p) : null;
  if (!term || !slots || slots.length === 0) return null;
  const width = slots.length;
  const slotOf = new Map(slots.map((v, s) => [v, s]));
  const used = new Uint8Array(p);
  const vars: number[] = [],
    others: Expr[] = [];
  const map = new Int32Array(width);
  for (const a of S.args) {
    map.fill(-1);
    let ok = a.vars.length === width + countInputs(a, p) && matches(term, a, slotOf, map, p);
    for (let s = 0; ok && s < width; s++) ok = map[s] >= 0 && !used[map[s]];
    if (!ok) {
      others.push(a);
      continue;
    }
    for (let s = 0; s < width; s++) {
      used[map[s]] = 1;
      vars.push(map[s]);
    }
  }
  const members = vars.length / width;
  if (members < FAMILY_MIN_MEMBERS) return null;
  // f with the family's terms replaced by one variable σ beyond the inputs: f = f̃(σ = Σ_r T_r).
  const sigma = store.variable(p + d);
  const v0 = vars[0];
  const tilde = substitute(
    store,
    f,
    (k) => store.variable(k),
    new Map([[S.id, store.add([sigma, ...others])]]),
    (x) => !dependsOn(x, v0),
  );
  for (const v of tilde.vars) if (v < p && used[v]) return null;
  const scale = new Differentiator(store).derivative(tilde, p + d);
  if (scale.vars.some((v) => v < p || v === p + d)) return null;
  const rest = substitute(
    store,
    tilde,
    (k) => (k === p + d ? store.num(0) : store.variable(k)),
    new Map(),
    (x) => !dependsOn(x, p + d),
  );
  return { width, members, vars: Int32Array.from(vars), term, scale, rest };
}

/** Number of input variables (index >= p) of an expression. */
function countInputs(e: Expr, p: number): number {
  let n = 0;
  for (const v of e.vars) if (v >= p) n++;
  return n;
}
