// μ-PL* on the ball B(w0, R), R = 2 √(2 β L(w0)) / μ, checked by seeded sampling. μ and β depend on the ball and
// the ball on them, so the check iterates: sample a slightly inflated ball, μ <- inf λ_min(K), β <- sup ‖∇²L‖,
// recompute R; it is settled when the new R lies inside the ball just sampled (then every sample of a ball
// containing B(w0, R) satisfied μ-PL* and the β bound), and fails where λ_min(K) reaches 0.
import { checkDeadline } from '../budget';
import type { CompiledObjective } from '../objective/compileObjective';
import { drawStream } from '../random';
import { ballRadius } from './plConvention';
import { curvatureAt, foldBeta, type BetaEstimate } from './smoothness';
import type { TangentKernel } from './tangentKernel';

/** The seeded stream the ball's points come from. */
export const BALL_STREAM = 'kernel-ball';

/** Points per round when a caller names none (`overparam kernel`'s --samples default, and the hover's). */
export const DEFAULT_BALL_SAMPLES = 1024;

/** Each round samples B(w0, (1 + INFLATE) R), so an R that grows by less is already covered. */
const INFLATE = 0.1;

/** Options of checkBall. */
export interface BallOptions {
  /** Points per round, uniform in the ball. */
  samples: number;
  seed: number;
  /** Of each round's points, how many also get a Hessian norm for β (default 16). */
  betaSamples?: number;
  /** Rounds before giving up on a settled R (default 8). */
  maxRounds?: number;
  deadline?: number;
}

/** The outcome of the ball check (μ in the ½ form). */
export interface BallCheck {
  /** Every sample of the last ball had λ_min(K) ≥ μ and the radius settled inside it. */
  holds: boolean;
  settled: boolean;
  /** Samples of the last round, and rounds run. */
  samples: number;
  rounds: number;
  /** inf λ_min(K) over w0 and every sample. */
  minLambda: number;
  /** μ (½ form) and β the radius was computed from, and R itself. */
  mu: number;
  beta: BetaEstimate;
  radius: number;
  /** Radius of the last ball sampled ((1 + 0.1) R of the round before). */
  sampledRadius: number;
  /** Distance from w0 of the nearest sample where λ_min(K) = 0, or null. */
  zeroAt: number | null;
  /** 'deadline' when the time budget ended the check. */
  stopped: 'deadline' | null;
}

/**
 * Points uniform in B(w0, r): a normal direction scaled to radius r·u^{1/p} (the volume law). The same seed gives
 * the same unit draws every round, scaled by that round's radius.
 */
export function ballPoints(w0: Float64Array, r: number, count: number, seed: number): Float64Array {
  const p = w0.length;
  const s = drawStream(seed, BALL_STREAM);
  const out = new Float64Array(count * p);
  for (let i = 0; i < count; i++) {
    let sq = 0;
    for (let j = 0; j < p; j++) {
      const z = s.normal();
      out[i * p + j] = z;
      sq += z * z;
    }
    const scale = (r * Math.pow(s.uniform(), 1 / p)) / Math.sqrt(sq);
    for (let j = 0; j < p; j++) out[i * p + j] = w0[j] + scale * out[i * p + j];
  }
  return out;
}

/** Distance ‖W_i - w0‖ of point i of a batch. */
function distance(Ws: Float64Array, i: number, w0: Float64Array): number {
  const p = w0.length;
  let s = 0;
  for (let j = 0; j < p; j++) s += (Ws[i * p + j] - w0[j]) ** 2;
  return Math.sqrt(s);
}

/** Iterates μ, β and R on sampled balls around w0 (see the file's header). */
export function checkBall(
  obj: CompiledObjective,
  kernel: TangentKernel,
  w0: Float64Array,
  options: BallOptions,
): BallCheck {
  const { samples, seed } = options;
  const betaSamples = Math.min(samples, options.betaSamples ?? 16);
  const maxRounds = options.maxRounds ?? 8;
  const p0 = kernel.at(w0);
  const loss0 = p0.loss;
  let mu = kernel.spectrum(p0.K).lambdaMin;
  let beta = foldBeta({ beta: 0, bound: null, points: 0 }, curvatureAt(obj, kernel, w0));
  let radius = ballRadius(beta.beta, loss0, mu);
  let minLambda = mu,
    sampledRadius = 0,
    rounds = 0,
    zeroAt: number | null = null,
    settled = false,
    stopped: 'deadline' | null = null;
  const lambdas = new Float64Array(samples);
  while (mu > 0 && Number.isFinite(radius) && rounds < maxRounds) {
    if (options.deadline !== undefined && Date.now() > options.deadline) {
      stopped = 'deadline';
      break;
    }
    rounds++;
    sampledRadius = (1 + INFLATE) * radius;
    const Ws = ballPoints(w0, sampledRadius, samples, seed);
    kernel.lambdaMins(Ws, samples, lambdas);
    let next = mu;
    for (let i = 0; i < samples; i++) {
      next = Math.min(next, lambdas[i]);
      if (lambdas[i] === 0) {
        const d = distance(Ws, i, w0);
        zeroAt = zeroAt === null ? d : Math.min(zeroAt, d);
      }
    }
    minLambda = Math.min(minLambda, next);
    for (let i = 0; i < betaSamples; i++) {
      checkDeadline(options.deadline, 'estimating β on the ball');
      beta = foldBeta(beta, curvatureAt(obj, kernel, Ws.subarray(i * w0.length, (i + 1) * w0.length)));
    }
    mu = next;
    if (zeroAt !== null) break;
    const R = ballRadius(beta.beta, loss0, mu);
    radius = R;
    if (R <= sampledRadius) {
      settled = true;
      break;
    }
  }
  if (mu === 0) radius = Infinity;
  return {
    holds: settled && zeroAt === null,
    settled,
    samples: rounds > 0 ? samples : 0,
    rounds,
    minLambda,
    mu,
    beta,
    radius,
    sampledRadius,
    zeroAt,
    stopped,
  };
}
