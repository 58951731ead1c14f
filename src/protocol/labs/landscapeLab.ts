// The Landscape lab's messages: the critical points of L(W) in a box (the core's searchCritical, as `overparam
// critical` reports them), L, -∇_W L, ‖J‖ and σ_min on the rank map's 2-D slice through the live point, and short GD
// trajectories from it with cos(g, J Jᵀ g) and its bound. Plain data: JSON carries non-finite numbers as null.
import {
  isArrayOf,
  isBool,
  isInt,
  isNum,
  isOneOf,
  isReal,
  isRealArray,
  isRec,
  isStr,
  isStrOrNull,
  type Rec,
} from '../shapeChecks';

/** One slice axis: parameter column `param` from `from` to `to`. */
export interface LandscapeAxis {
  param: number;
  from: number;
  to: number;
}

/** What the Landscape view asks for. */
export interface LandscapeLabParams {
  x: LandscapeAxis;
  y: LandscapeAxis;
  /** Cells per axis of the loss / heat-map grid and of the arrow grid. */
  grid: number;
  arrows: number;
  /** Newton starts of the search, in the box [lo, hi] of every parameter. */
  starts: number;
  box: [number, number];
  /** GD steps of each trajectory. */
  steps: number;
}

/** The critical point types and origins (as the core names them). */
export const CRITICAL_TYPES = ['minimum', 'saddle', 'maximum', 'degenerate'] as const;
export const CRITICAL_ORIGINS = ['canonical', 'ghost'] as const;

/** One critical point as the view lists it. `setDimension` is -1 while a run has not measured it yet. */
export interface LandscapePoint {
  at: Record<string, number>;
  W: number[];
  loss: number;
  origin: (typeof CRITICAL_ORIGINS)[number];
  type: (typeof CRITICAL_TYPES)[number];
  setDimension: number;
  hits: number;
  /** Final points only (null in a partial): rank of J, ‖∇_θ L‖, the Hessian's eigenvalues. */
  rank: number | null;
  canonicalGradNorm: number | null;
  hessianEigenvalues: number[] | null;
}

/** The slice (grids row-major, index j * xs.length + i). */
export interface LandscapeSliceData {
  x: LandscapeAxis;
  y: LandscapeAxis;
  base: number[];
  xs: number[];
  ys: number[];
  loss: number[];
  opNorm: number[];
  sigmaMin: number[];
  ax: number[];
  ay: number[];
  dx: number[];
  dy: number[];
}

/** One record of a trajectory. */
export interface LandscapeTrajectoryPoint {
  t: number;
  W: number[];
  loss: number;
  gradNorm: number;
  canonicalGradNorm: number;
  cosine: number | null;
  bound: number | null;
  opNorm: number;
  sigmaMin: number;
}

/** A GD trajectory. */
export interface LandscapeTrajectoryData {
  label: string;
  lr: number;
  points: LandscapeTrajectoryPoint[];
  stopped: string | null;
  plateaus: { start: number; length: number; escaped: boolean }[];
}

/** What a run streams: the slice once computed, and the points found so far. */
export interface LandscapeLabPartial {
  slice: LandscapeSliceData | null;
  points: LandscapePoint[];
}

/** The Landscape lab's result. */
export interface LandscapeLabResult {
  slice: LandscapeSliceData;
  points: LandscapePoint[];
  search: { starts: number; converged: number; gdRuns: number; complete: boolean; method: string };
  trajectories: LandscapeTrajectoryData[];
  /** 2 / λmax(∇²_W L) at the live point (null when λmax ≤ 0). */
  stableStep: number | null;
  /** Milliseconds of the slice, the search and the trajectories. */
  timings: { sliceMs: number; searchMs: number; trajectoryMs: number };
}

/** Most cells per grid axis and most starts a panel run asks for. */
export const MAX_LANDSCAPE_GRID = 257;
export const MAX_LANDSCAPE_STARTS = 4096;
export const MAX_LANDSCAPE_STEPS = 100_000;

const isAxis = (x: unknown): boolean =>
  isRec(x) && isInt(x.param) && (x.param as number) >= 0 && isNum(x.from) && isNum(x.to) && x.from < x.to;
const intIn = (x: unknown, lo: number, hi: number): boolean => isInt(x) && x >= lo && x <= hi;

/** A well-formed request. */
export const isLandscapeLabParams = (x: unknown): boolean =>
  isRec(x) &&
  isAxis(x.x) &&
  isAxis(x.y) &&
  intIn(x.grid, 2, MAX_LANDSCAPE_GRID) &&
  intIn(x.arrows, 2, MAX_LANDSCAPE_GRID) &&
  intIn(x.starts, 0, MAX_LANDSCAPE_STARTS) &&
  Array.isArray(x.box) &&
  x.box.length === 2 &&
  isNum(x.box[0]) &&
  isNum(x.box[1]) &&
  x.box[0] < x.box[1] &&
  intIn(x.steps, 1, MAX_LANDSCAPE_STEPS);

const isPoint = (x: unknown): boolean =>
  isRec(x) &&
  isRec(x.at) &&
  Object.values(x.at as Rec).every(isReal) &&
  isRealArray(x.W) &&
  isReal(x.loss) &&
  isOneOf(CRITICAL_ORIGINS)(x.origin) &&
  isOneOf(CRITICAL_TYPES)(x.type) &&
  isInt(x.setDimension) &&
  isInt(x.hits) &&
  (x.rank === null || isInt(x.rank)) &&
  isReal(x.canonicalGradNorm) &&
  (x.hessianEigenvalues === null || isRealArray(x.hessianEigenvalues));

const isSlice = (x: unknown): boolean => {
  if (!isRec(x) || !isAxis(x.x) || !isAxis(x.y) || !isRealArray(x.xs) || !isRealArray(x.ys)) return false;
  const n = (x.xs as unknown[]).length * (x.ys as unknown[]).length;
  const na = isRealArray(x.ax) && isRealArray(x.ay) ? (x.ax as unknown[]).length * (x.ay as unknown[]).length : -1;
  return (
    isRealArray(x.base) &&
    isRealArray(x.loss, n) &&
    isRealArray(x.opNorm, n) &&
    isRealArray(x.sigmaMin, n) &&
    na >= 0 &&
    isRealArray(x.dx, na) &&
    isRealArray(x.dy, na)
  );
};

const isTrajectoryPoint = (x: unknown): boolean =>
  isRec(x) &&
  isReal(x.t) &&
  isRealArray(x.W) &&
  [x.loss, x.gradNorm, x.canonicalGradNorm, x.cosine, x.bound, x.opNorm, x.sigmaMin].every(isReal);

const isTrajectory = (x: unknown): boolean =>
  isRec(x) &&
  isStr(x.label) &&
  isReal(x.lr) &&
  isArrayOf(isTrajectoryPoint)(x.points) &&
  isStrOrNull(x.stopped) &&
  isArrayOf((s: unknown) => isRec(s) && isReal(s.start) && isReal(s.length) && isBool(s.escaped))(x.plateaus);

/** A well-formed partial. */
export const isLandscapeLabPartial = (x: unknown): boolean =>
  isRec(x) && (x.slice === null || isSlice(x.slice)) && isArrayOf(isPoint)(x.points);

/** A well-formed result. */
export function isLandscapeLabResult(x: unknown): boolean {
  if (!isRec(x) || !isRec(x.search) || !isRec(x.timings)) return false;
  const s = x.search as Rec,
    t = x.timings as Rec;
  return (
    isSlice(x.slice) &&
    isArrayOf(isPoint)(x.points) &&
    isInt(s.starts) &&
    isInt(s.converged) &&
    isInt(s.gdRuns) &&
    isBool(s.complete) &&
    isStr(s.method) &&
    isArrayOf(isTrajectory)(x.trajectories) &&
    isReal(x.stableStep) &&
    [t.sliceMs, t.searchMs, t.trajectoryMs].every(isReal)
  );
}
