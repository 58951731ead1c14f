// The critical points of L(W) = L(ψ(W)) in a box: Levenberg-Marquardt on ∇_W L = 0 from seeded low-discrepancy
// starts and from the places where short GD runs stall, deduplicated into critical sets, each classified.
import { lowDiscrepancyPoints } from '../deficient/lowDiscrepancy';
import type { CompiledObjective } from '../objective/compileObjective';
import { gradientDescent } from '../training/gradientDescent';
import {
  criticalType,
  type CriticalOrigin,
  type CriticalScales,
  type CriticalType,
  type PointClass,
} from './classifyCritical';
import { CRITICAL_TOLERANCES } from './classifyCritical';
import type { CriticalPoint, CriticalSearchResult, CriticalSource } from './criticalPoint';
import { classifyAt, moveTowards, sameLevel, setDimension, tidyPoint, type SetContext } from './criticalSet';
import { levenbergMarquardt } from './levenbergMarquardt';
import { detectPlateaus } from './plateau';

export type { CriticalPoint, CriticalSearchResult, CriticalSource } from './criticalPoint';

/** Options of searchCritical. */
export interface CriticalSearchOptions {
  /** One [lo, hi] for every parameter, or one per parameter; default [-2, 2]. */
  box?: readonly [number, number] | ReadonlyArray<readonly [number, number]>;
  /** Number of Newton starts (points of the seeded scrambled Halton sequence); default 256. */
  starts?: number;
  /** Seed of the sequence; default 1. */
  seed?: number;
  /** GD runs (from the first starts) whose stalls seed more Newton runs; default min(8, starts). */
  gdRuns?: number;
  /** Steps of each GD run; default 2000. */
  gdSteps?: number;
  /** Date.now() past which the search stops starting runs and returns what it has (complete: false). */
  deadline?: number;
  /** Polled between runs; true stops the search like the deadline (complete: false). */
  shouldStop?: () => boolean;
  /** After each Newton start: starts done, of all, and the points found so far (provisional: grouped, not yet moved
   *  along their sets; the type assumes each set is as wide as its Hessian's null space). At most every 100 ms, and
   *  after the last start. */
  onProgress?: (done: number, total: number, found: CriticalPreview[]) => void;
}

/** A point found so far, before its set is measured (what onProgress streams). */
export interface CriticalPreview {
  W: number[];
  loss: number;
  origin: CriticalOrigin;
  type: CriticalType;
  hits: number;
}

/** Shortest interval between two onProgress calls (ms). */
const PROGRESS_MS = 100;

/** Most parameters the search takes: each Newton step factors a dense p x p matrix. */
export const MAX_CRITICAL_PARAMS = 400;

interface Group {
  /** The classified first member (or the nearest isolated point), the level key, hits and sources. */
  c: PointClass;
  key: string;
  hits: number;
  sources: Set<CriticalSource>;
  /** The member nearest the box's centre. */
  nearest: Float64Array;
  /** Every member (kept for a group with Hessian null directions, which may turn out to be isolated points). */
  members: Float64Array[];
  /** Split by position already (so an isolated result is final). */
  split: boolean;
}

/** The members of a group clustered by position (1e-6 of their size), each cluster a group of its own. */
function splitByPlace(g: Group): Group[] {
  const parts: Group[] = [];
  for (const W of g.members) {
    const near = parts.find((x) => dist(x.members[0], W) <= 1e-6 * Math.max(1, norm(W)));
    if (near) near.members.push(W);
    else parts.push({ ...g, members: [W], nearest: W, hits: 0, split: true });
  }
  const share = g.hits / g.members.length;
  for (const part of parts) part.hits = Math.round(share * part.members.length);
  return parts;
}

const median = (xs: number[]): number => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};
const norm = (x: ArrayLike<number>): number => Math.sqrt(Array.from(x).reduce((s, v) => s + v * v, 0));
const dist = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Math.sqrt(Array.from(a).reduce((s, v, i) => s + (v - b[i]) ** 2, 0));

function boxOf(options: CriticalSearchOptions, p: number): { lo: Float64Array; hi: Float64Array } {
  const b = options.box ?? [-2, 2];
  const per = (j: number): readonly [number, number] =>
    typeof b[0] === 'number' ? (b as readonly [number, number]) : (b as ReadonlyArray<readonly [number, number]>)[j];
  return {
    lo: Float64Array.from({ length: p }, (_, j) => per(j)[0]),
    hi: Float64Array.from({ length: p }, (_, j) => per(j)[1]),
  };
}

/** The yardsticks of the zero tests: medians over the starts (the Hessian's over at most 16 of them). */
function scalesOf(obj: CompiledObjective, starts: Float64Array, n: number): CriticalScales {
  const { p, q } = obj;
  const loss = new Float64Array(n),
    gW = new Float64Array(n * p),
    gT = new Float64Array(n * q),
    J = new Float64Array(n * obj.jRows.length);
  obj.evaluate(starts, n, loss, gW, gT);
  obj.evaluateModel(starts, n, null, J);
  const nnz = obj.jRows.length;
  const rows = (x: Float64Array, m: number) =>
    Array.from({ length: n }, (_, i) => norm(x.subarray(i * m, (i + 1) * m)));
  const hessian = obj.hessian();
  const hs = Array.from({ length: Math.min(n, 16) }, (_, i) =>
    norm(hessian.at(starts.subarray(i * p, (i + 1) * p)).dense()),
  );
  return {
    loss: median(Array.from(loss, Math.abs)),
    grad: median(rows(gW, p)),
    canonical: median(rows(gT, q)),
    jacobian: median(rows(J, nnz)),
    hessian: median(hs),
  };
}

/**
 * Searches the box for critical points of L(W): Levenberg-Marquardt (levenbergMarquardt.ts) on ∇_W L = 0 with the
 * exact Hessian from `starts` seeded scrambled-Halton points, and from where `gdRuns` short GD runs (step 0.5 /
 * ‖∇²_W L(W_0)‖_F) stall: their plateaus (detectPlateaus) and their last state. Converged points are grouped by
 * origin and level of L (L is constant on a connected critical set): a point joins a group that is a set (its
 * Hessian has null directions) or an isolated point at the same place, else it is classified and opens a group. Each
 * group's member nearest the box's centre walks along its set toward the centre (moveTowards); the representative must
 * lie in the box; its set's dimension is sampled (setDimension) and its type follows (criticalType). Representatives
 * of equal origin, type, dimension and level merge (isolated ones only at the same place). Past the deadline no run
 * starts and no group is processed: what was found is returned with complete: false.
 */
export function searchCritical(obj: CompiledObjective, options: CriticalSearchOptions = {}): CriticalSearchResult {
  const { p } = obj;
  if (p > MAX_CRITICAL_PARAMS)
    throw new RangeError(
      `the critical-point search takes at most ${MAX_CRITICAL_PARAMS} parameters (a dense Hessian per Newton step); this model has ${p}`,
    );
  const n = options.starts ?? 256;
  const { lo, hi } = boxOf(options, p);
  const unit = lowDiscrepancyPoints(n, p, options.seed ?? 1);
  const starts = Float64Array.from(unit, (u, i) => lo[i % p] + u * (hi[i % p] - lo[i % p]));
  const centre = Float64Array.from(lo, (l, j) => (l + hi[j]) / 2);
  const width = Array.from(lo, (l, j) => (hi[j] - l) / 2).reduce((s, w) => s + w, 0) / Math.max(1, p);
  const scales = scalesOf(obj, starts, n);
  const hessian = obj.hessian();
  const gradTol = CRITICAL_TOLERANCES.grad * Math.max(scales.grad, Number.MIN_VALUE);
  const ctx: SetContext = { obj, hessian, scales, gradTol, width };
  const late = (): boolean =>
    (options.deadline !== undefined && Date.now() > options.deadline) || options.shouldStop?.() === true;
  // Iterates may leave the box on their way (one width of slack); the points they reach must lie in it.
  const loose = { lo: lo.map((l, j) => l - (hi[j] - l)), hi: hi.map((h, j) => h + (h - lo[j])) };
  const inBox = (W: Float64Array) =>
    W.every((w, j) => w >= lo[j] - 1e-9 * (hi[j] - lo[j]) && w <= hi[j] + 1e-9 * (hi[j] - lo[j]));
  // Grouping as the runs converge (see the JSDoc): a point joins a group of its origin and level of L when that
  // group is a set (Hessian null directions), or when it is an isolated point at the same place; else it is
  // classified (the Hessian's spectrum) and opens a group. Members of a set are never classified one by one.
  const groups: Group[] = [];
  const ws = obj.workspace();
  const levelKey = (loss: number) => Number((Math.abs(loss) <= 1e-9 * scales.loss ? 0 : loss).toPrecision(6));
  const canonicalTol = CRITICAL_TOLERANCES.canonical * scales.canonical;
  let complete = true,
    converged = 0,
    gdRuns = 0;
  const add = (W: Float64Array, source: CriticalSource): void => {
    const loss = obj.at(W, ws);
    const key = `${norm(ws.gradTheta) > canonicalTol ? 'ghost' : 'canonical'}|${levelKey(loss)}`;
    const close = (g: Group) => dist(g.c.W, W) <= 1e-6 * Math.max(1, norm(W));
    let g = groups.find((x) => x.key === key && (x.c.nullity > 0 || close(x)));
    if (!g) {
      g = { c: classifyAt(ctx, W), key, hits: 0, sources: new Set(), nearest: W, members: [], split: false };
      groups.push(g);
    }
    if (g.c.nullity > 0) g.members.push(W);
    g.hits++;
    g.sources.add(source);
    if (dist(W, centre) < dist(g.nearest, centre)) g.nearest = W;
  };
  const newton = (W0: Float64Array, source: CriticalSource): boolean => {
    const r = levenbergMarquardt(obj, hessian, W0, { gradTol, ...loose, deadline: options.deadline });
    if (!r.converged) return false;
    add(tidyPoint(ctx, r.W), source);
    return true;
  };
  let reported = Date.now();
  const preview = (): CriticalPreview[] =>
    groups.map((g) => ({
      W: Array.from(g.c.W),
      loss: g.c.loss,
      origin: g.c.origin,
      type: criticalType(g.c, g.c.nullity),
      hits: g.hits,
    }));
  for (let i = 0; i < n; i++) {
    if (late()) {
      complete = false;
      break;
    }
    if (newton(starts.slice(i * p, (i + 1) * p), 'newton')) converged++;
    if (options.onProgress && (i === n - 1 || Date.now() - reported >= PROGRESS_MS)) {
      reported = Date.now();
      options.onProgress(i + 1, n, preview());
    }
  }
  const runs = Math.min(options.gdRuns ?? Math.min(8, n), n);
  for (let i = 0; i < runs && complete; i++) {
    if (late()) {
      complete = false;
      break;
    }
    const W0 = starts.slice(i * p, (i + 1) * p);
    const curvature = norm(hessian.at(W0).dense());
    if (!(curvature > 0) || !Number.isFinite(curvature)) continue;
    const steps = options.gdSteps ?? 2000;
    const run = gradientDescent(obj, W0, {
      lr: 0.5 / curvature,
      steps,
      every: Math.max(1, Math.floor(steps / 100)),
      canonical: false,
      deadline: options.deadline,
    });
    gdRuns++;
    const stops = detectPlateaus(run).map((s) => Float64Array.from(s.W));
    const last = run.records[run.records.length - 1];
    if (last && run.stopped !== 'diverged') stops.push(Float64Array.from(last.W));
    for (const W of stops) newton(W, 'gd');
  }

  const found: { point: CriticalPoint; c: PointClass }[] = [];
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi];
    if (late()) {
      complete = false;
      break;
    }
    const start = g.nearest === g.c.W ? g.c : classifyAt(ctx, g.nearest);
    const rep = moveTowards(ctx, start, centre, options.deadline);
    const dimension = inBox(rep.W) ? setDimension(ctx, rep, options.deadline) : -1;
    if (dimension === 0 && !g.split && g.members.length > 1) {
      // Isolated degenerate points (null directions but no set) of one level: one group per place, in the queue.
      for (const part of splitByPlace(g)) groups.push(part);
      continue;
    }
    if (dimension < 0) continue;
    const type = criticalType(rep, dimension);
    const sources = [...g.sources].sort();
    const same = found.find(
      (f) =>
        f.point.origin === rep.origin &&
        f.point.type === type &&
        f.point.setDimension === dimension &&
        sameLevel(f.c.loss, rep.loss, scales.loss) &&
        (dimension > 0 || dist(f.c.W, rep.W) <= 1e-6 * Math.max(1, norm(rep.W))),
    );
    if (same) {
      same.point.hits += g.hits;
      same.point.sources = [...new Set([...same.point.sources, ...sources])].sort();
      continue;
    }
    const at: Record<string, number> = {};
    obj.model.params.forEach((name, j) => (at[name] = rep.W[j]));
    found.push({
      c: rep,
      point: {
        at,
        W: Array.from(rep.W),
        theta: rep.theta,
        loss: rep.loss,
        gradNorm: rep.gradNorm,
        canonicalGradNorm: rep.canonicalGradNorm,
        rank: rep.rank,
        hessianEigenvalues: Array.from(rep.eigen.values),
        origin: rep.origin,
        type,
        ghostDirection: rep.ghostDirection,
        setDimension: dimension,
        escapeDirection: rep.escapeDirection,
        stableStep: rep.stableStep,
        nullity: rep.nullity,
        hits: g.hits,
        sources,
      },
    });
  }
  const points = found.map((f) => f.point);
  const order = (a: CriticalPoint, b: CriticalPoint) => a.loss - b.loss || a.W.reduce((s, w, j) => s || w - b.W[j], 0);
  points.sort(order);
  return { criticalPoints: points, starts: n, converged, gdRuns, complete, method: 'levenberg-marquardt' };
}
