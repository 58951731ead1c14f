// The Kernel lab's messages: K = DF DFᵀ at the live point, μ-PL* on the theorem's ball, GD with η = 1/β against
// the bound (1 - η μ)^t L(w0). The result is the core's KernelReport without K itself (n x n: the view draws its
// spectrum), as plain data.
import type { MuConvention } from '../../core/kernel/plConvention';
import {
  isArrayOf,
  isBool,
  isInt,
  isOneOf,
  isReal,
  isRealArray,
  isRec,
  isStr,
  isStrOrNull,
  type Rec,
} from '../shapeChecks';

/** The conventions of μ (½‖∇L‖² ≥ μ L is `half`, the default; ‖∇L‖² ≥ μ L is `notes`). */
export const MU_CONVENTIONS: readonly MuConvention[] = ['half', 'notes'];

/** What the Kernel view asks for. */
export interface KernelLabParams {
  /** Points per round of the ball check. */
  samples: number;
  convention: MuConvention;
}

/** One recorded GD state: L, the theorem's bound, the distance from w0 and λ_min(K) there. */
export interface KernelLabStep {
  t: number;
  loss: number;
  bound: number;
  distance: number;
  lambdaMin: number;
}

/** The kernel lab at the live point (numbers may arrive as null where they are not finite). */
export interface KernelLabResult {
  n: number;
  p: number;
  /** K's eigenvalues, ascending. */
  eigenvalues: number[];
  lambdaMin: number;
  lambdaMax: number;
  condition: number;
  underParameterized: boolean;
  mu: number;
  convention: MuConvention;
  muConvention: string;
  /** β's estimate (largest sampled ‖∇²L‖), its bound L_F² + β_F ‖F - y‖ when known, and the points sampled. */
  beta: number;
  betaBound: number | null;
  betaPoints: number;
  radius: number;
  loss: number;
  plRatio: number;
  plStar: {
    holds: boolean;
    samples: number;
    pathPoints: number;
    minLambda: number;
    rounds: number;
    zeroAt: number | null;
  };
  gd: { lr: number; steps: KernelLabStep[]; convergedAt: number | null; insideBall: boolean; stopped: string | null };
  hessianNorm: number | null;
  blocks: number;
  verdict: string;
}

/** The most ball samples a panel run asks for. */
export const MAX_KERNEL_SAMPLES = 65_536;

/** A well-formed request. */
export const isKernelLabParams = (x: unknown): boolean =>
  isRec(x) &&
  isInt(x.samples) &&
  (x.samples as number) >= 1 &&
  (x.samples as number) <= MAX_KERNEL_SAMPLES &&
  isOneOf(MU_CONVENTIONS)(x.convention);

const isStep = (x: unknown): boolean =>
  isRec(x) && isInt(x.t) && isReal(x.loss) && isReal(x.bound) && isReal(x.distance) && isReal(x.lambdaMin);

/** A well-formed result. */
export function isKernelLabResult(x: unknown): boolean {
  if (!isRec(x) || !isInt(x.n) || !isInt(x.p) || !isRec(x.plStar) || !isRec(x.gd)) return false;
  const pl = x.plStar as Rec;
  const gd = x.gd as Rec;
  return (
    isRealArray(x.eigenvalues) &&
    [x.lambdaMin, x.lambdaMax, x.condition, x.mu, x.beta, x.radius, x.loss, x.plRatio].every(isReal) &&
    isBool(x.underParameterized) &&
    isOneOf(MU_CONVENTIONS)(x.convention) &&
    isStr(x.muConvention) &&
    isReal(x.betaBound) &&
    isInt(x.betaPoints) &&
    isBool(pl.holds) &&
    isInt(pl.samples) &&
    isInt(pl.pathPoints) &&
    isReal(pl.minLambda) &&
    isInt(pl.rounds) &&
    isReal(pl.zeroAt) &&
    isReal(gd.lr) &&
    isArrayOf(isStep)(gd.steps) &&
    (gd.convergedAt === null || isInt(gd.convergedAt)) &&
    isBool(gd.insideBall) &&
    isStrOrNull(gd.stopped) &&
    isReal(x.hessianNorm) &&
    isInt(x.blocks) &&
    isStr(x.verdict)
  );
}
