// The Implicit-bias lab's messages: per α of the file's sweep, the gradient flow's endpoint θ∞ and its ℓ1 and ℓ2
// norms beside the minimum-ℓ1 and minimum-ℓ2 solutions, the gap to Woodworth's Q_α argmin, and (d = 2) θ along
// each flow with the solution line X θ = y for the picture of the ℓ1 and ℓ2 balls.
import { isArrayOf, isRealArray, isRec, isStr, type Rec } from '../shapeChecks';

/** What the Implicit-bias view asks for (nothing yet: α comes from the file's sweep). */
export type BiasLabParams = Record<string, never>;

/** The report of the α values done. */
export interface BiasLabResult {
  sweep: string;
  alphas: number[];
  theta: number[][];
  l1: number[];
  l2: number[];
  qAlphaGap: number[];
  loss: number[];
  minL1: number;
  minL2: number;
  minL1Solution: number[];
  minL2Solution: number[];
  /** d = 2: θ along each α's flow; d > 2: empty. */
  paths: number[][][];
  /** The first equation's row a and target b (the line a·θ = b for d = 2). */
  line: { a: number[]; b: number } | null;
}

/** What a run streams: the same, for the α values done. */
export type BiasLabPartial = BiasLabResult;

/** A well-formed request. */
export const isBiasLabParams = (x: unknown): boolean => isRec(x) && Object.keys(x).length === 0;

const isRows = (x: unknown): boolean => isArrayOf((r: unknown) => isRealArray(r))(x);

/** A well-formed result (and partial). */
export function isBiasLabResult(x: unknown): boolean {
  if (!isRec(x)) return false;
  const line = x.line as Rec | null;
  return (
    isStr(x.sweep) &&
    [x.alphas, x.l1, x.l2, x.qAlphaGap, x.loss, x.minL1Solution, x.minL2Solution].every((a) => isRealArray(a)) &&
    isRows(x.theta) &&
    isArrayOf(isRows)(x.paths) &&
    [x.minL1, x.minL2].every((v) => v === null || typeof v === 'number') &&
    (line === null || (isRec(line) && isRealArray(line.a) && (line.b === null || typeof line.b === 'number')))
  );
}
