// The Double-descent lab's messages: over the file's sweep of the number of features, the minimum-norm (or ridge)
// fit's training and test risk, coefficient norm and σ_min of the feature matrix, averaged over seeds. A run streams
// the curve of the values done and every (value, repeat) fit so far, so points fill in as it goes.
import { isArrayOf, isInt, isNum, isReal, isRealArray, isRec, isStr } from '../shapeChecks';

/** What the Double-descent view asks for. */
export interface DoubleDescentLabParams {
  repeats: number;
  ridge: number;
}

/** One (value, repeat) fit. */
export interface DoubleDescentLabFit {
  value: number;
  repeat: number;
  train: number;
  test: number | null;
  norm: number;
  sigmaMin: number;
}

/** The curves (means over the repeats) of the values done, and each fit. */
export interface DoubleDescentLabResult {
  sweep: string;
  values: number[];
  trainRisk: number[];
  testRisk: (number | null)[];
  norm: number[];
  sigmaMin: number[];
  n: number;
  repeats: number;
  ridge: number;
  fits: DoubleDescentLabFit[];
}

/** What a run streams: the same, for the work done so far. */
export type DoubleDescentLabPartial = DoubleDescentLabResult;

/** The most seeds per value a panel run averages. */
export const MAX_DD_REPEATS = 100;

/** A well-formed request. */
export const isDoubleDescentLabParams = (x: unknown): boolean =>
  isRec(x) &&
  isInt(x.repeats) &&
  (x.repeats as number) >= 1 &&
  (x.repeats as number) <= MAX_DD_REPEATS &&
  isNum(x.ridge) &&
  (x.ridge as number) >= 0 &&
  Number.isFinite(x.ridge);

const isFit = (x: unknown): boolean =>
  isRec(x) &&
  isReal(x.value) &&
  isInt(x.repeat) &&
  isReal(x.train) &&
  isReal(x.test) &&
  isReal(x.norm) &&
  isReal(x.sigmaMin);

/** A well-formed result (and partial). */
export const isDoubleDescentLabResult = (x: unknown): boolean =>
  isRec(x) &&
  isStr(x.sweep) &&
  [x.values, x.trainRisk, x.testRisk, x.norm, x.sigmaMin].every((a) => isRealArray(a)) &&
  isInt(x.n) &&
  isInt(x.repeats) &&
  isReal(x.ridge) &&
  isArrayOf(isFit)(x.fits);
