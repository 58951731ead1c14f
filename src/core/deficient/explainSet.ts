import type { CompiledModel } from '../model';
import { rowBasis } from './gramSolve';
import { jacobianDerivatives, rankCondition, type JacobianFrame } from './jacobianFrame';
import { echelonRows, tidyBasis } from './tidyBasis';

/** Why J loses rank, in the blog's words: a column that is zero, columns equal up to scale, or neither. */
export type DeficiencyReason = 'zero-columns' | 'parallel-columns' | 'rank-drop';

/** What J's columns say at one rank-deficient point. */
export interface PointExplanation {
  rank: number;
  /** Local dimension of the set: p minus the rank of the linearised rank condition (-1 when too large to form). */
  dimension: number;
  reason: DeficiencyReason;
  /** The parameters involved: the zero columns, then the parallel groups, or the columns of a generic rank drop. */
  columns: string[];
  /** Orthonormal basis of ker Jᵀ (length q each): the ghost-saddle directions of θ. */
  cokernel: number[][];
  /** The set's equations read off its normal space: `w[1] = 0`, `a[1] = a[2]`, `1 more condition on U[1,1], …`. */
  conditions: string[];
}

/** An explanation with the normal space it was read from (orthonormal, length p each; for sampledDimension). */
export interface ExplainedPoint {
  explanation: PointExplanation;
  normal: Float64Array[];
}

const MAX_G_ENTRIES = 400_000;

/** Shortest text of a value, with values within `zero` of 0 printed as 0. */
function formatValue(v: number, zero: number): string {
  return Math.abs(v) <= zero ? '0' : String(Number(v.toPrecision(6)));
}

/** Groups of live columns equal up to scale (‖c_i - λ c_j‖ <= 1e-8 ‖c_i‖), by union of pairs; singletons dropped. */
function parallelGroups(J: Float64Array, q: number, p: number, live: number[]): number[][] {
  const parent = Array.from({ length: p }, (_, j) => j);
  const find = (j: number): number => (parent[j] === j ? j : (parent[j] = find(parent[j])));
  const col = (j: number, i: number) => J[i * p + j];
  for (let x = 0; x < live.length; x++) {
    for (let y = x + 1; y < live.length; y++) {
      const a = live[x],
        b = live[y];
      let ab = 0,
        bb = 0,
        aa = 0;
      for (let i = 0; i < q; i++) {
        ab += col(a, i) * col(b, i);
        bb += col(b, i) * col(b, i);
        aa += col(a, i) * col(a, i);
      }
      // The residual of the best λ = ab / bb summed directly (aa - ab²/bb would cancel to rounding noise).
      const lambda = ab / bb;
      let rr = 0;
      for (let i = 0; i < q; i++) rr += (col(a, i) - lambda * col(b, i)) ** 2;
      if (rr <= 1e-16 * aa) parent[find(b)] = find(a);
    }
  }
  const groups = new Map<number, number[]>();
  for (const j of live) groups.set(find(j), [...(groups.get(find(j)) ?? []), j]);
  return [...groups.values()].filter((g) => g.length > 1);
}

/** Describes one echelon row n of the normal space as an equation in the parameters, or null when it is generic. */
function condition(n: Float64Array, W: Float64Array, names: readonly string[], zero: number): string | null {
  const support = Array.from(n.keys()).filter((i) => n[i] !== 0);
  if (support.length === 1) return `${names[support[0]]} = ${formatValue(W[support[0]], zero)}`;
  if (support.length !== 2) return null;
  const [a, b] = support;
  if (Math.abs(Math.abs(n[a]) - Math.abs(n[b])) > 1e-6 * Math.abs(n[a])) return null;
  if (n[a] * n[b] < 0) {
    const d = W[a] - W[b];
    return Math.abs(d) <= zero ? `${names[a]} = ${names[b]}` : `${names[a]} - ${names[b]} = ${formatValue(d, zero)}`;
  }
  const s = W[a] + W[b];
  return Math.abs(s) <= zero ? `${names[a]} = -${names[b]}` : `${names[a]} + ${names[b]} = ${formatValue(s, zero)}`;
}

/** The equations of a set read off a basis of its normal space at W (echelon form: `w[1] = 0`, `a[1] = a[2]`). */
export function conditionsOf(
  normal: readonly ArrayLike<number>[],
  W: Float64Array,
  names: readonly string[],
): string[] {
  const p = W.length;
  const zeroValue = 1e-9 * Math.max(1, ...Array.from(W, Math.abs));
  const conditions: string[] = [];
  const generic: number[] = [];
  let others = 0;
  for (const row of echelonRows(normal, p)) {
    const c = condition(row, W, names, zeroValue);
    if (c) conditions.push(c);
    else {
      others++;
      row.forEach((x, j) => x !== 0 && !generic.includes(j) && generic.push(j));
    }
  }
  if (others > 0) {
    const list = generic.sort((a, b) => a - b).map((j) => names[j]);
    const shown = list.length > 6 ? [...list.slice(0, 6), '…'] : list;
    conditions.push(`${others} more condition${others > 1 ? 's' : ''} on ${shown.join(', ')}`);
  }
  return conditions;
}

/**
 * Explains a point of rank `rank` from J's columns: zero columns (a parameter that does not move θ there: a dead
 * neuron, a zero layer) when they alone bound the rank, groups of columns equal up to scale (identical or parallel
 * neurons) when those bound it, otherwise a generic rank drop; with ker Jᵀ, the local dimension of the set and its
 * equations. `colTol` is the norm below which a column counts as zero.
 */
export function explainPoint(
  model: CompiledModel,
  W: Float64Array,
  frame: JacobianFrame,
  rank: number,
  colTol: number,
): ExplainedPoint {
  const { q, p, params: names } = model;
  const J = frame.J;
  const norms = Array.from({ length: p }, (_, j) => {
    let s = 0;
    for (let i = 0; i < q; i++) s += J[i * p + j] * J[i * p + j];
    return Math.sqrt(s);
  });
  const zero = norms.map((n, j) => (n <= colTol ? j : -1)).filter((j) => j >= 0);
  const live = norms.map((n, j) => (n > colTol ? j : -1)).filter((j) => j >= 0);
  const groups = p <= 400 ? parallelGroups(J, q, p, live) : [];
  const merged = groups.reduce((s, g) => s + g.length - 1, 0);
  let reason: DeficiencyReason;
  let columns: number[];
  if (zero.length > 0 && Math.min(q, p - zero.length) <= rank) {
    reason = 'zero-columns';
    columns = zero;
  } else if (groups.length > 0 && Math.min(q, p - zero.length - merged) <= rank) {
    reason = 'parallel-columns';
    columns = [...zero, ...groups.flat()];
  } else {
    reason = 'rank-drop';
    if (q >= p) {
      const support = new Set<number>();
      for (let b = rank; b < p; b++)
        for (let j = 0; j < p; j++) if (Math.abs(frame.V[j * p + b]) > 1e-6) support.add(j);
      columns = [...support].sort((a, b) => a - b);
    } else columns = live;
  }

  const cokernel = tidyBasis(
    Array.from({ length: q - rank }, (_, a) => Array.from({ length: q }, (_, i) => frame.U[i * q + rank + a])),
    q,
  );

  let dimension = -1;
  const conditions: string[] = [];
  let normal: Float64Array[] = [];
  if ((q - rank) * (p - rank) * p <= MAX_G_ENTRIES) {
    const dJ = jacobianDerivatives(model, W);
    let scale = 0;
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let t = 0; t < q * p; t++) s += dJ[j * q * p + t] ** 2;
      scale = Math.max(scale, Math.sqrt(s));
    }
    const { G, rows } = rankCondition(frame, dJ, q, p, rank);
    normal = rowBasis(G, rows, p, 1e-7 * scale);
    dimension = p - normal.length;
    conditions.push(...conditionsOf(normal, W, names));
  }
  return {
    explanation: { rank, dimension, reason, columns: columns.map((j) => names[j]), cokernel, conditions },
    normal,
  };
}
