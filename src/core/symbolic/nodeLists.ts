// The bookkeeping of the expression store: variable lists shared between nodes, argument lists compared and
// indexed without Maps or key strings where they are short.
import type { Expr } from './expr';

/** The variable list of a node without parameters (shared). */
export const NO_VARS = new Int32Array(0);
/** Ids below this pack two to a number (a * PAIR_LIMIT + b) as a node's key. */
export const PAIR_LIMIT = 2 ** 26;

/** The sorted union of the arguments' variables, sharing an argument's list when it is the whole union. */
export function mergeVars(args: readonly Expr[]): Int32Array {
  if (args.length === 1) return args[0].vars;
  // Most nodes of a large model take their variables from one argument, or from two that have the same ones: share
  // that array (allocating one per node is most of the garbage of a 100,000-neuron model).
  let only: Int32Array | undefined;
  let total = 0;
  for (const a of args) {
    if (a.vars.length === 0) continue;
    total += a.vars.length;
    if (only === undefined) only = a.vars;
    else if (only !== a.vars && !sameVars(only, a.vars)) only = NO_VARS;
  }
  if (total === 0) return NO_VARS;
  if (only !== undefined && only !== NO_VARS) return only;
  if (args.length === 2) return mergeTwo(args[0].vars, args[1].vars);
  const all = new Int32Array(total);
  let k = 0;
  for (const a of args) {
    all.set(a.vars, k);
    k += a.vars.length;
  }
  all.sort();
  let w = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[w++] = all[i];
  return all.slice(0, w);
}

/** The sorted union of two sorted lists, by one merge (no sort: v_i * tanh(w_i x) is most nodes of a wide model). */
function mergeTwo(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0,
    j = 0,
    k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i],
      y = b[j];
    if (x <= y) i++;
    if (y <= x) j++;
    out[k++] = x <= y ? x : y;
  }
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return k === out.length ? out : out.slice(0, k);
}

/**
 * A hash table from a pair of ids (each below PAIR_LIMIT) to a node: open addressing over Int32Array keys, so no key
 * number or string is allocated per lookup (a Map keyed by a * 2^26 + b boxed every key past 2^31).
 */
export class PairTable {
  private keys = new Int32Array(2 * 1024).fill(-1);
  private values: (Expr | undefined)[] = new Array(1024);
  private count = 0;
  private mask = 1023;

  private slot(a: number, b: number): number {
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 0;
    h ^= h >>> 15;
    let i = h & this.mask;
    const k = this.keys;
    while (k[2 * i] !== -1 && (k[2 * i] !== a || k[2 * i + 1] !== b)) i = (i + 1) & this.mask;
    return i;
  }

  get(a: number, b: number): Expr | undefined {
    return this.values[this.slot(a, b)];
  }

  set(a: number, b: number, e: Expr): void {
    if (2 * (this.count + 1) > this.mask) this.grow();
    const i = this.slot(a, b);
    if (this.keys[2 * i] === -1) this.count++;
    this.keys[2 * i] = a;
    this.keys[2 * i + 1] = b;
    this.values[i] = e;
  }

  private grow(): void {
    const keys = this.keys,
      values = this.values;
    this.mask = 2 * this.mask + 1;
    this.keys = new Int32Array(2 * (this.mask + 1)).fill(-1);
    this.values = new Array(this.mask + 1);
    this.count = 0;
    for (let i = 0; i < values.length; i++) if (keys[2 * i] !== -1) this.set(keys[2 * i], keys[2 * i + 1], values[i]!);
  }
}

/** Positions of distinct nodes in a list: a linear search while it is short, a Map once it is long. */
export class Indexer {
  private index: Map<number, number> | undefined;
  constructor(private readonly list: Expr[]) {}
  find(e: Expr): number {
    if (this.index) return this.index.get(e.id) ?? -1;
    const l = this.list;
    for (let i = 0; i < l.length; i++) if (l[i].id === e.id) return i;
    return -1;
  }
  push(e: Expr): void {
    this.list.push(e);
    if (this.index) this.index.set(e.id, this.list.length - 1);
    else if (this.list.length > 16) this.index = new Map(this.list.map((x, i) => [x.id, i]));
  }
}

/** True when two argument lists hold the same nodes, in any order. */
export function sameArgs(a: readonly Expr[], b: readonly Expr[]): boolean {
  if (a.length !== b.length) return false;
  if (a.length <= 8) {
    // Short lists: each node of one in the other, counted (no allocation).
    for (const x of a) {
      let inA = 0,
        inB = 0;
      for (const y of a) if (y === x) inA++;
      for (const y of b) if (y === x) inB++;
      if (inA !== inB) return false;
    }
    return true;
  }
  const ids = (x: readonly Expr[]) => Int32Array.from(x, (e) => e.id).sort();
  const x = ids(a),
    y = ids(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function sameVars(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The ids of a list in ascending order, as a key string. */
export function sortedIds(args: readonly Expr[]): string {
  // Two factors or terms are most nodes of a large model: no array, no sort.
  if (args.length === 2) {
    const a = args[0].id,
      b = args[1].id;
    return a < b ? `${a},${b}` : `${b},${a}`;
  }
  const ids = new Int32Array(args.length);
  for (let i = 0; i < args.length; i++) ids[i] = args[i].id;
  return ids.sort().join(',');
}

/** True when `e` depends on parameter `j` (binary search in its sorted free-parameter list). */
export function dependsOn(e: Expr, j: number): boolean {
  const v = e.vars;
  let lo = 0,
    hi = v.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (v[mid] === j) return true;
    if (v[mid] < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
