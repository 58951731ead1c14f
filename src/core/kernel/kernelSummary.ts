// The kernel lab's figures at one point without its GD run: n, p, the regime, λ_min(K), μ under a named convention
// and the ball's R, exactly as `overparam kernel` reports them (same ball check, same samples, same seed), for the
// editor's hover on `data` and `model` lines.
import { checkBall, DEFAULT_BALL_SAMPLES } from './ballCheck';
import { muConventionText, muOf, plRatio, type MuConvention } from './plConvention';
import type { DocumentObjective } from '../objective/documentObjective';
import { compileTangentKernel } from './tangentKernel';

/** Options of kernelSummary (the defaults are analyzeKernel's). */
export interface KernelSummaryOptions {
  samples?: number;
  seed?: number;
  convention?: MuConvention;
  deadline?: number;
}

/** The tangent kernel K = DF DFᵀ at one point and μ-PL* on its ball, as plain data. */
export interface KernelSummary {
  /** Samples and parameters. */
  n: number;
  p: number;
  /** p < n: rank K ≤ p < n, so K is singular everywhere and PL* cannot hold. */
  underParameterized: boolean;
  /** λ_min(K) and λ_max(K) at the point (λ_min is 0 where the rank rule says so), and λ_max / λ_min. */
  lambdaMin: number;
  lambdaMax: number;
  condition: number;
  /** μ under `convention`: inf λ_min(K) over the point and the ball's samples (twice that for `notes`). */
  mu: number;
  convention: MuConvention;
  /** The convention in words (muConventionText). */
  muConvention: string;
  /** The theorem's R = 2 √(2 β L(w0)) / μ_½ (Infinity when μ = 0). */
  radius: number;
  /** The β estimate R was computed from, and at how many points. */
  beta: number;
  betaPoints: number;
  /** L(w0) = ½‖F - y‖² and the PL ratio at the point (under `convention`; NaN at L = 0). */
  loss: number;
  plRatio: number;
  /** The ball check: whether μ-PL* held on every sample of a settled ball, samples per round, rounds run. */
  holds: boolean;
  samples: number;
  rounds: number;
  /** Distance from w0 of the nearest sample with λ_min(K) = 0, or null. */
  zeroAt: number | null;
  /** 'deadline' when the time budget ended the ball check. */
  stopped: 'deadline' | null;
}

/** The kernel summary at W0, or null when the document has no tangent kernel (NO_KERNEL_MESSAGE). */
export function kernelSummary(
  lab: DocumentObjective,
  W0: Float64Array,
  options: KernelSummaryOptions = {},
): KernelSummary | null {
  const kernel = compileTangentKernel(lab);
  if (!kernel) return null;
  const convention = options.convention ?? 'half';
  const at0 = kernel.at(W0);
  const spectrum = kernel.spectrum(at0.K);
  const ball = checkBall(lab.objective, kernel, W0, {
    samples: options.samples ?? DEFAULT_BALL_SAMPLES,
    seed: options.seed ?? lab.seed,
    deadline: options.deadline,
  });
  return {
    n: kernel.n,
    p: kernel.p,
    underParameterized: spectrum.underParameterized,
    lambdaMin: spectrum.lambdaMin,
    lambdaMax: spectrum.lambdaMax,
    condition: spectrum.condition,
    mu: muOf(ball.mu, convention),
    convention,
    muConvention: muConventionText(convention),
    radius: ball.radius,
    beta: ball.beta.beta,
    betaPoints: ball.beta.points,
    loss: at0.loss,
    plRatio: plRatio(at0.K, at0.residual, convention),
    holds: ball.holds,
    samples: ball.samples,
    rounds: ball.rounds,
    zeroAt: ball.zeroAt,
    stopped: ball.stopped,
  };
}
