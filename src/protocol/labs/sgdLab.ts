// The SGD lab's messages: SGD (constant η, or η_t = η0 / (1 + t/τ)) against GD from the live point, the spread of
// the per-sample gradients against L, whether the data can be fit exactly, and for linear least squares the
// batch-size theory beside measured rates. `excluded` drops equations (data rows) from the run.
import { isArrayOf, isBool, isInt, isNum, isOneOf, isReal, isRealArray, isRec, isStr, type Rec } from '../shapeChecks';

/** What the SGD view asks for. */
export interface SgdLabParams {
  lr: number;
  steps: number;
  batch: number;
  /** τ of the schedule η_t = η0 / (1 + t/τ); null: constant η. */
  tau: number | null;
  sampling: 'shuffle' | 'iid';
  /** Data rows (0-based) left out of the run. */
  excluded: number[];
}

/** One run's records: step, L, and (SGD) the gradients' spread (1/n) Σ ‖∇ℓ_i - mean‖². */
export interface SgdLabCurve {
  t: number[];
  loss: number[];
  gradVariance: number[];
}

/** What a run streams: the curves so far. */
export interface SgdLabPartial {
  gd: SgdLabCurve;
  sgd: SgdLabCurve;
}

/** Batch-size theory (Ma, Bassily & Belkin) for a linear least-squares file, or why it does not apply. */
export interface SgdLabBatch {
  beta: number;
  lambdaMax: number;
  lambdaMin: number;
  criticalBatch: number;
  batches: number[];
  optimalStep: number[];
  theoryRate: number[];
  measuredRate: number[];
}

/** The SGD lab's result. */
export interface SgdLabResult extends SgdLabPartial {
  /** Data rows of the file (before exclusion): inputs and target, for the equation toggles. */
  rows: { x: number[]; y: number }[];
  excluded: number[];
  n: number;
  p: number;
  interpolates: boolean;
  /** The best loss found by the exact-fit search, the regime and the sentence the CLI prints. */
  fitLoss: number;
  regime: string;
  words: string;
  /** ‖W_t - W*‖ along SGD, W* the search's point (least squares when the data cannot be fit), and its tail mean. */
  distance: number[];
  tailDistance: number;
  /** The step's schedule in words. */
  schedule: string;
  batchTheory: SgdLabBatch | null;
  batchNote: string | null;
}

/** The most steps a panel run takes. */
export const MAX_SGD_STEPS = 1_000_000;

/** A well-formed request. */
export const isSgdLabParams = (x: unknown): boolean =>
  isRec(x) &&
  isNum(x.lr) &&
  (x.lr as number) > 0 &&
  Number.isFinite(x.lr) &&
  isInt(x.steps) &&
  (x.steps as number) >= 1 &&
  (x.steps as number) <= MAX_SGD_STEPS &&
  isInt(x.batch) &&
  (x.batch as number) >= 1 &&
  (x.tau === null || (isNum(x.tau) && (x.tau as number) > 0 && Number.isFinite(x.tau))) &&
  isOneOf(['shuffle', 'iid'] as const)(x.sampling) &&
  isArrayOf((k: unknown) => isInt(k) && (k as number) >= 0)(x.excluded);

const isCurve = (x: unknown): boolean =>
  isRec(x) && isRealArray(x.t) && isRealArray(x.loss) && isRealArray(x.gradVariance);

/** A well-formed partial. */
export const isSgdLabPartial = (x: unknown): boolean => isRec(x) && isCurve(x.gd) && isCurve(x.sgd);

const isBatch = (x: unknown): boolean =>
  isRec(x) &&
  [x.beta, x.lambdaMax, x.lambdaMin, x.criticalBatch].every(isReal) &&
  [x.batches, x.optimalStep, x.theoryRate, x.measuredRate].every((a) => isRealArray(a));

/** A well-formed result. */
export function isSgdLabResult(x: unknown): boolean {
  if (!isSgdLabPartial(x)) return false;
  const r = x as Rec;
  return (
    isArrayOf((row: unknown) => isRec(row) && isRealArray(row.x) && isReal(row.y))(r.rows) &&
    isArrayOf(isInt)(r.excluded) &&
    isInt(r.n) &&
    isInt(r.p) &&
    isBool(r.interpolates) &&
    isReal(r.fitLoss) &&
    isStr(r.regime) &&
    isStr(r.words) &&
    isRealArray(r.distance) &&
    isReal(r.tailDistance) &&
    isStr(r.schedule) &&
    (r.batchTheory === null || isBatch(r.batchTheory)) &&
    (r.batchNote === null || isStr(r.batchNote))
  );
}
