import { checkDeadline } from '../budget';
import type { CompiledModel } from '../model';
import { explainPoint, type PointExplanation } from './explainSet';
import { jacobianFrame, type JacobianFrame } from './jacobianFrame';
import { sampledDimension } from './localDimension';
import { lowDiscrepancyPoints } from './lowDiscrepancy';
import { descendProduct, dropRank, type DropSettings } from './rankDrop';

/** Options of the global search. */
export interface SearchOptions {
  /** One [lo, hi] for every parameter, or one per parameter; default [-2, 2]. */
  box?: readonly [number, number] | ReadonlyArray<readonly [number, number]>;
  /** Number of starts (points of the seeded low-discrepancy sequence); default 256. */
  starts?: number;
  /** Seed of the sequence's shift; default 1. */
  seed?: number;
  /** A singular value counts as zero below relTol * max(σ_max there, the box's typical ‖J‖_F); default 1e-12. */
  relTol?: number;
  /** Also search the deeper sets inside each one found (rank r - 1, r - 2, … down to 0); default true. */
  strata?: boolean;
  /** Date.now() value after which the search stops with BudgetExceededError. */
  deadline?: number;
}

/** One rank-deficient set: a representative point, the rank there and J's explanation (JSON-ready). */
export interface DeficientSet extends PointExplanation {
  /** The representative by parameter name. */
  at: Record<string, number>;
  /** The representative as a vector in column order. */
  W: number[];
  /** How many converged points fell into this set. */
  hits: number;
}

/** What the global search found. */
export interface SearchResult {
  /** The largest rank of J over the starts: "loses rank" means rank below this. */
  genericRank: number;
  sets: DeficientSet[];
  /** Starts used and how many of them converged onto a rank-deficient point. */
  starts: number;
  converged: number;
}

interface Candidate {
  W: Float64Array;
  frame: JacobianFrame;
  explanation: PointExplanation;
  normal: Float64Array[];
  key: string;
}

const MAX_STRATA_ATTEMPTS = 96;

const keyOf = (e: PointExplanation): string =>
  [e.rank, e.dimension, e.reason, e.columns.join(','), e.conditions.join(';')].join('|');

function boxOf(options: SearchOptions, p: number): { lo: Float64Array; hi: Float64Array } {
  const b = options.box ?? [-2, 2];
  const per = (j: number): readonly [number, number] =>
    typeof b[0] === 'number' ? (b as readonly [number, number]) : (b as ReadonlyArray<readonly [number, number]>)[j];
  return {
    lo: Float64Array.from({ length: p }, (_, j) => per(j)[0]),
    hi: Float64Array.from({ length: p }, (_, j) => per(j)[1]),
  };
}

/**
 * Searches a box for points where J loses rank: Newton onto {rank J <= r} (see dropRank) from seeded
 * Halton starts, r one below the generic rank, then (with `strata`) from each set found onto the next
 * lower rank. Converged points are explained (explainPoint) and deduplicated by rank, dimension, reason, columns
 * and equations; each set keeps the point nearest the box's centre, rounded to few decimals when that stays on the set.
 */
export function searchDeficient(model: CompiledModel, options: SearchOptions = {}): SearchResult {
  const { p, q } = model;
  const n = options.starts ?? 256;
  const relTol = options.relTol ?? 1e-12;
  const { lo, hi } = boxOf(options, p);
  const unit = lowDiscrepancyPoints(n, p, options.seed ?? 1);
  const starts = Float64Array.from(unit, (u, i) => lo[i % p] + u * (hi[i % p] - lo[i % p]));

  // The box's scale: the median ‖J‖_F over the starts, so that J = 0 at a point still has a yardstick.
  const Js = new Float64Array(n * q * p);
  model.evaluate(starts, n, null, Js);
  const norms = Array.from({ length: n }, (_, i) => Math.hypot(...Js.subarray(i * q * p, (i + 1) * q * p)))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const scale = norms.length ? norms[Math.floor(norms.length / 2)] : 1;
  const tolerance = (f: JacobianFrame): number => relTol * Math.max(f.S.length ? f.S[0] : 0, scale);
  const rankOf = (f: JacobianFrame): number => {
    const t = tolerance(f);
    return f.S.reduce((r, s) => r + (s > t ? 1 : 0), 0);
  };
  const settings: DropSettings = { lo, hi, tolerance };

  const frames: JacobianFrame[] = [];
  let genericRank = 0;
  for (let i = 0; i < n; i++) {
    frames.push(jacobianFrame(model, starts.subarray(i * p, (i + 1) * p)));
    if (frames[i].finite) genericRank = Math.max(genericRank, rankOf(frames[i]));
  }

  const groups = new Map<string, Candidate[]>();
  const accept = (W: Float64Array, frame: JacobianFrame): Candidate | null => {
    const rank = rankOf(frame);
    if (rank >= genericRank) return null;
    // Coordinates at rounding level are exact zeros of the set (w[1] = 1e-17 is w[1] = 0).
    const zero = 1e-12 * Math.max(1, ...Array.from(W, Math.abs));
    if (W.some((w) => w !== 0 && Math.abs(w) <= zero)) {
      const snapped = W.map((w) => (Math.abs(w) <= zero ? 0 : w));
      const f = jacobianFrame(model, snapped);
      if (f.finite && rankOf(f) === rank) [W, frame] = [snapped, f];
    }
    const { explanation, normal } = explainPoint(model, W, frame, rank, tolerance(frame));
    const c: Candidate = { W, frame, explanation, normal, key: keyOf(explanation) };
    const g = groups.get(c.key);
    if (g) g.push(c);
    else groups.set(c.key, [c]);
    return c;
  };

  let converged = 0;
  if (genericRank > 0) {
    for (let i = 0; i < n; i++) {
      if ((i & 15) === 0)
        checkDeadline(options.deadline, `searching for rank-deficient points (start ${i + 1} of ${n})`);
      if (!frames[i].finite) continue;
      const W0 = starts.subarray(i * p, (i + 1) * p);
      let res = dropRank(model, W0, genericRank - 1, settings);
      if (!res.converged)
        res = dropRank(model, descendProduct(model, W0, genericRank - 1, settings), genericRank - 1, settings);
      if (res.converged && accept(res.W, res.frame)) converged++;
    }
  }

  if (options.strata ?? true) {
    const tried = new Set<string>();
    let attempts = 0;
    for (let again = true; again && attempts < MAX_STRATA_ATTEMPTS;) {
      again = false;
      for (const [key, members] of [...groups]) {
        if (tried.has(key)) continue;
        tried.add(key);
        const rank = members[0].explanation.rank;
        if (rank === 0) continue;
        for (const m of members.slice(0, 2)) {
          if (attempts++ >= MAX_STRATA_ATTEMPTS) break;
          checkDeadline(options.deadline, 'searching the deeper rank-deficient sets');
          const res = dropRank(model, m.W, rank - 1, settings);
          if (res.converged && accept(res.W, res.frame)) again = true;
        }
      }
    }
  }

  const center = Float64Array.from(lo, (l, j) => (l + hi[j]) / 2);
  const dist = (W: Float64Array) => W.reduce((s, w, j) => s + (w - center[j]) ** 2, 0);
  // Rounding may clean a point that converged only to ~1e-7 of a set where σ vanishes to second order (b[1] =
  // 1e-7 next to b[1] = 0): its explanation then changes, so sets are merged again by the rounded explanation.
  const merged = new Map<string, DeficientSet>();
  for (const members of groups.values()) {
    const best = members.reduce((a, b) => (dist(b.W) < dist(a.W) ? b : a));
    const rounded = roundOnSet(model, best, rankOf, tolerance);
    const explanation = sampledDimension(model, rounded.W, rounded.explanation, rounded.normal, settings);
    const rep = { ...rounded, explanation, key: keyOf(explanation) };
    const known = merged.get(rep.key);
    if (known) {
      known.hits += members.length;
      continue;
    }
    const at: Record<string, number> = {};
    model.params.forEach((name, j) => (at[name] = rep.W[j]));
    merged.set(rep.key, { ...rep.explanation, at, W: Array.from(rep.W), hits: members.length });
  }
  const sets = [...merged.values()];
  sets.sort((a, b) => b.dimension - a.dimension || b.rank - a.rank || (a.columns.join() < b.columns.join() ? -1 : 1));
  return { genericRank, sets, starts: n, converged };
}

/**
 * The candidate with its coordinates rounded to 0..4 decimals: the first rounding that keeps its rank and either its
 * explanation or every coordinate within 1e-4 (a cleanup of a point that converged slowly), explained again.
 */
function roundOnSet(
  model: CompiledModel,
  c: Candidate,
  rankOf: (f: JacobianFrame) => number,
  tolerance: (f: JacobianFrame) => number,
): Candidate {
  for (let d = 0; d <= 4; d++) {
    const f = 10 ** d;
    const W = c.W.map((w) => Math.round(w * f) / f + 0);
    if (W.every((w, j) => w === c.W[j])) return c;
    const frame = jacobianFrame(model, W);
    if (!frame.finite || rankOf(frame) !== c.explanation.rank) continue;
    const { explanation, normal } = explainPoint(model, W, frame, c.explanation.rank, tolerance(frame));
    const key = keyOf(explanation);
    if (key === c.key || W.every((w, j) => Math.abs(w - c.W[j]) <= 1e-4)) return { W, frame, explanation, normal, key };
  }
  return c;
}
