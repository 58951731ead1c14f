// The notes' argument run on the user's model: K at w0, μ-PL* and its ball, β, then GD with η = 1/β against the
// theorem's bound (1 - η μ)^t L(w0), the distance from w0 against R, and λ_min(K) along the path, in one report.
import { num } from '../../format';
import type { DocumentObjective } from '../objective/documentObjective';
import { train } from '../training/train';
import { checkBall, DEFAULT_BALL_SAMPLES, type BallCheck } from './ballCheck';
import { muConventionText, muOf, plRatio, type MuConvention } from './plConvention';
import { curvatureAt, foldBeta, type BetaEstimate } from './smoothness';
import { compileTangentKernel, type KernelSpectrum } from './tangentKernel';

/** Options of analyzeKernel. */
export interface KernelOptions {
  /** Points per round of the ball check (default DEFAULT_BALL_SAMPLES, 1024). */
  samples?: number;
  /** The seed of the ball's draws (default: the document's seed). */
  seed?: number;
  convention?: MuConvention;
  /** GD steps (default ⌈(β/μ) ln 10¹⁰⌉, the theorem's count to L ≤ 10⁻¹⁰ L(w0), capped at 20,000). */
  steps?: number;
  deadline?: number;
}

/** One recorded GD state. */
export interface KernelStep {
  t: number;
  loss: number;
  /** (1 - η μ)^t L(w0) with μ in the ½ form. */
  bound: number;
  distance: number;
  lambdaMin: number;
}

/** Everything the kernel lab reports at one point. */
export interface KernelReport {
  n: number;
  p: number;
  K: number[][];
  spectrum: KernelSpectrum;
  /** μ under `convention`, and the convention in words. */
  mu: number;
  convention: MuConvention;
  muConvention: string;
  /** The β estimate (largest sampled ‖∇²L‖) and the bound sup (L_F² + β_F ‖F - y‖), with the point counts. */
  beta: BetaEstimate;
  radius: number;
  loss: number;
  plRatio: number;
  ball: BallCheck;
  /** PL* on the ball and the GD path: holds, ball samples, inf λ_min over them, R. */
  plStar: { holds: boolean; samples: number; pathPoints: number; minLambda: number; radius: number };
  gd: { lr: number; steps: KernelStep[]; convergedAt: number | null; insideBall: boolean; stopped: string | null };
  /** max_k ‖H_{F_k}(w0)‖ (null when the predictions go through outputs). */
  hessianNorm: number | null;
  /** Blocks of the output Hessians (the lecture's independent sub-models). */
  blocks: number;
  verdict: string;
}

/** L(w_t) ≤ CONVERGED · L(w0) counts as converged. */
const CONVERGED = 1e-10;
const MAX_STEPS = 20_000;
/** Path points that also get a Hessian norm for β. */
const PATH_BETA_POINTS = 8;

/** The kernel lab at W0, or null when the document has no tangent kernel (NO_KERNEL_MESSAGE). */
export function analyzeKernel(
  lab: DocumentObjective,
  W0: Float64Array,
  options: KernelOptions = {},
): KernelReport | null {
  const kernel = compileTangentKernel(lab);
  if (!kernel) return null;
  const obj = lab.objective;
  const convention = options.convention ?? 'half';
  const { n, p } = kernel;
  const at0 = kernel.at(W0);
  const spectrum = kernel.spectrum(at0.K);
  const ball = checkBall(obj, kernel, W0, {
    samples: options.samples ?? DEFAULT_BALL_SAMPLES,
    seed: options.seed ?? lab.seed,
    deadline: options.deadline,
  });
  const mu = ball.mu;
  const lr = 1 / ball.beta.beta;
  const kappa = ball.beta.beta / mu;
  const steps =
    options.steps ?? (mu > 0 ? Math.min(MAX_STEPS, Math.max(1, Math.ceil(kappa * Math.log(1 / CONVERGED)))) : 1000);
  const every = Math.max(1, Math.ceil(steps / 200));
  const run = train(obj, W0, { method: 'gd', lr, steps, every, canonical: false, deadline: options.deadline });
  const gdSteps: KernelStep[] = [];
  let beta = ball.beta;
  let pathMin = Infinity,
    convergedAt: number | null = null,
    maxDistance = 0;
  const stride = Math.max(1, Math.floor(run.records.length / PATH_BETA_POINTS));
  run.records.forEach((r, i) => {
    const W = Float64Array.from(r.W);
    let d = 0;
    for (let j = 0; j < p; j++) d += (W[j] - W0[j]) ** 2;
    d = Math.sqrt(d);
    maxDistance = Math.max(maxDistance, d);
    const lambdaMin = kernel.spectrum(kernel.at(W).K).lambdaMin;
    pathMin = Math.min(pathMin, lambdaMin);
    if (convergedAt === null && r.loss <= CONVERGED * at0.loss) convergedAt = r.t;
    gdSteps.push({
      t: r.t,
      loss: r.loss,
      bound: Math.pow(Math.max(0, 1 - lr * mu), r.t) * at0.loss,
      distance: d,
      lambdaMin,
    });
    if (i % stride === 0 && i > 0) beta = foldBeta(beta, curvatureAt(obj, kernel, W));
  });
  const insideBall = maxDistance <= ball.radius;
  const holds = ball.holds && pathMin >= mu && insideBall;
  const hessianNorm = curvatureAt(obj, kernel, W0).modelHessianNorm;
  const blocks = obj.hessian(options.deadline).outputStructure.blocks.length;
  const report: KernelReport = {
    n,
    p,
    K: Array.from({ length: n }, (_, k) => Array.from(at0.K.subarray(k * n, (k + 1) * n))),
    spectrum,
    mu: muOf(mu, convention),
    convention,
    muConvention: muConventionText(convention),
    beta,
    radius: ball.radius,
    loss: at0.loss,
    plRatio: plRatio(at0.K, at0.residual, convention),
    ball,
    plStar: {
      holds,
      samples: ball.samples,
      pathPoints: run.records.length,
      minLambda: Math.min(ball.minLambda, pathMin),
      radius: ball.radius,
    },
    gd: { lr, steps: gdSteps, convergedAt, insideBall, stopped: run.stopped },
    hessianNorm,
    blocks,
    verdict: '',
  };
  report.verdict = verdictOf(report);
  return report;
}

/** The report in one sentence. */
export function verdictOf(r: KernelReport): string {
  const last = r.gd.steps[r.gd.steps.length - 1];
  const gd =
    r.gd.convergedAt !== null
      ? `GD (η = 1/β) converged in ${r.gd.convergedAt} steps${r.gd.insideBall ? ', inside the ball' : ', but left the ball'}`
      : `GD (η = 1/β) reached L = ${num(last?.loss ?? NaN)} in ${last?.t ?? 0} steps`;
  if (r.spectrum.underParameterized)
    return `p = ${r.p} < n = ${r.n}: rank K ≤ p < n, so λ_min(K) ≡ 0 and PL* cannot hold; ${gd}.`;
  if (r.spectrum.lambdaMin === 0) return `λ_min(K(w0)) = 0: PL* fails at w0 itself; ${gd}.`;
  if (r.ball.zeroAt !== null)
    return `λ_min(K) reaches 0 at distance ${num(r.ball.zeroAt)} from w0, inside the ball (R = ${num(r.ball.sampledRadius)} sampled): PL* fails there; ${gd}.`;
  if (r.ball.stopped) return `the ball check ran past its time budget after ${r.ball.rounds} rounds; ${gd}.`;
  if (!r.ball.settled)
    return `R did not settle in ${r.ball.rounds} rounds (μ fell to ${num(r.ball.mu)}, R grew to ${num(r.ball.radius)}); ${gd}.`;
  const where = `B(w0, ${num(r.radius)}) by ${r.plStar.samples.toLocaleString('en-US')} samples`;
  if (r.plStar.minLambda < r.ball.mu)
    return `PL* holds on ${where}, but λ_min(K) falls to ${num(r.plStar.minLambda)} < μ along the GD path; ${gd}.`;
  return `PL* holds on ${where}; ${gd}.`;
}
