// The Width lab's messages: the lecture's transition to linearity across the file's width sweep, one width per unit
// of work. The run streams the widths measured so far (same shape as the result), so the view's log-log plots fill
// in while it runs; the result is the whole sweep with its fitted slopes, the numbers `overparam width --json` prints.
import { isArrayOf, isInt, isReal, isRealArray, isRec, isStr, type Rec } from '../shapeChecks';

/** What the Width view asks for: GD steps T after the start (0: the start quantities only) and η (null: the
 *  CLI's default, 1 / max over widths of λ_max(K(w0)), the same η at every width). */
export interface WidthLabParams {
  steps: number;
  lr: number | null;
}

/** A fitted log-log slope with its 95% interval (null bounds below 3 points). */
export interface WidthLabSlope {
  value: number;
  low: number | null;
  high: number | null;
  points: number;
}

/** The quantities plotted against the width, in the view's order (the CLI's JSON keys). */
export const WIDTH_QUANTITIES = [
  'hessianNorm',
  'gradNorm',
  'lambdaMin',
  'distance',
  'kernelChange',
  'linearizationError',
] as const;
/** One of WIDTH_QUANTITIES. */
export type WidthQuantity = (typeof WIDTH_QUANTITIES)[number];

/** The widths measured (all of them in a result; those done so far in a partial), one entry per width. */
export type WidthLabResult = {
  /** The swept name (`m`) and how many widths the sweep has. */
  sweep: string;
  total: number;
  widths: number[];
  blocks: (number | null)[];
  /** Fits over the widths so far (keys of WIDTH_QUANTITIES that have a finite value). */
  slopes: Partial<Record<WidthQuantity, WidthLabSlope>>;
  lr: number;
  steps: number;
  notes: string[];
} & Record<WidthQuantity, (number | null)[]>;

/** Most GD steps a panel run asks for. */
export const MAX_WIDTH_STEPS = 100_000;

/** A well-formed request. */
export const isWidthLabParams = (x: unknown): boolean =>
  isRec(x) &&
  isInt(x.steps) &&
  (x.steps as number) >= 0 &&
  (x.steps as number) <= MAX_WIDTH_STEPS &&
  (x.lr === null || (typeof x.lr === 'number' && x.lr > 0 && Number.isFinite(x.lr)));

const isSlope = (x: unknown): boolean =>
  isRec(x) && isReal(x.value) && isReal(x.low) && isReal(x.high) && isInt(x.points);

/** A well-formed partial or result. */
export function isWidthLabResult(x: unknown): boolean {
  if (!isRec(x) || !isStr(x.sweep) || !isInt(x.total) || !isRealArray(x.widths) || !isRec(x.slopes)) return false;
  const k = (x.widths as number[]).length;
  const slopes = x.slopes as Rec;
  return (
    WIDTH_QUANTITIES.every((q) => isRealArray(x[q], k)) &&
    isRealArray(x.blocks, k) &&
    Object.keys(slopes).every((q) => (WIDTH_QUANTITIES as readonly string[]).includes(q) && isSlope(slopes[q])) &&
    isReal(x.lr) &&
    isInt(x.steps) &&
    isArrayOf(isStr)(x.notes)
  );
}
