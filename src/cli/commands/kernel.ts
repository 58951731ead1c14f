// `overparam kernel`: the tangent kernel K = DF DFᵀ at an `at` point, μ-PL* on the theorem's ball and GD with
// η = 1/β against the bound (1 - η μ)^t L(w0), as a summary or JSON whose keys are fixed.
import { analyzeKernel, NO_KERNEL_MESSAGE, type KernelReport, type MuConvention } from '../../core';
import { num } from '../../format';
import { UsageError } from '../args';
import { positiveInt, readInput, toJson, type CliCommand } from '../command';
import { LAB_FLAGS, labRuns } from '../labInput';
import { chosenPoint } from './compiled';

/** Defaults of the flags, stated in the README. */
export const KERNEL_DEFAULTS = { samples: 1024, budgetSeconds: 60 } as const;

/** The fixed JSON of a report. */
function kernelJson(r: KernelReport, sweep: Record<string, number>, point: number): Record<string, unknown> {
  return {
    n: r.n,
    p: r.p,
    K: r.K,
    eigenvalues: Array.from(r.spectrum.eigenvalues),
    lambdaMin: r.spectrum.lambdaMin,
    condition: r.spectrum.condition,
    mu: r.mu,
    muConvention: r.muConvention,
    beta: r.beta.beta,
    betaBound: r.beta.bound,
    betaPoints: r.beta.points,
    radius: r.radius,
    loss: r.loss,
    plRatio: r.plRatio,
    plStar: {
      holds: r.plStar.holds,
      samples: r.plStar.samples,
      minLambda: r.plStar.minLambda,
      radius: r.plStar.radius,
      rounds: r.ball.rounds,
      pathPoints: r.plStar.pathPoints,
      zeroAt: r.ball.zeroAt,
    },
    gd: { lr: r.gd.lr, steps: r.gd.steps, convergedAt: r.gd.convergedAt, insideBall: r.gd.insideBall },
    hessianNorm: r.hessianNorm,
    blocks: r.blocks,
    verdict: r.verdict,
    point,
    sweep,
  };
}

/** The summary: K's spectrum, μ and its convention, β, R, the ball and the path, the verdict. */
function text(file: string, r: KernelReport, sweep: Record<string, number>): string[] {
  const sw = Object.entries(sweep).map(([k, v]) => `${k} = ${v}`);
  const ev = Array.from(r.spectrum.eigenvalues, (x) => num(x)).join(', ');
  const first = r.gd.steps[0],
    last = r.gd.steps[r.gd.steps.length - 1];
  return [
    `${file}${sw.length ? ` (${sw.join(', ')})` : ''}: n = ${r.n} samples, p = ${r.p} parameters (${r.p >= r.n ? 'over' : 'under'}-parameterized)`,
    `  K = DF DFᵀ eigenvalues: ${ev}`,
    `  λ_min(K) = ${num(r.spectrum.lambdaMin)}, condition ${num(r.spectrum.condition)}`,
    `  μ = ${num(r.mu)} (${r.muConvention}); PL ratio at w0 ${num(r.plRatio)}`,
    `  β ≈ ${num(r.beta.beta)} (estimate: largest ‖∇²L‖ at ${r.beta.points} points of the ball and the GD path)` +
      (r.beta.bound === null ? '' : `; bound L_F² + β_F ‖F - y‖ ≤ ${num(r.beta.bound)}`),
    `  R = 2 √(2 β L(w0)) / μ = ${num(r.radius)}, L(w0) = ${num(r.loss)}; ball: ${r.ball.rounds} round${r.ball.rounds === 1 ? '' : 's'} of ${r.plStar.samples} samples, inf λ_min = ${num(r.plStar.minLambda)}`,
    `  GD η = 1/β = ${num(r.gd.lr)}: L ${num(first?.loss ?? NaN)} → ${num(last?.loss ?? NaN)} in ${last?.t ?? 0} steps (bound ${num(last?.bound ?? NaN)}), distance ${num(last?.distance ?? NaN)}`,
    `  ${r.verdict}`,
  ];
}

/** `overparam kernel FILE`: exit 0 with a report (PL* failing is a finding), 1 for a file without a tangent kernel. */
export const kernelCommand: CliCommand = {
  name: 'kernel',
  synopsis:
    'overparam kernel FILE [--point K] [--sweep NAME=VALUE] [--samples N] [--convention half|notes] [--seed S]\n' +
    '                        [--json]',
  valued: ['--point', '--samples', '--convention', ...LAB_FLAGS],
  switches: ['--json'],
  run(args, io) {
    const { file, text: source } = readInput(args, io);
    const convention = String(args.flags.get('--convention') ?? 'half');
    if (convention !== 'half' && convention !== 'notes') throw new UsageError('--convention takes half or notes');
    const samples = positiveInt(args, '--samples', KERNEL_DEFAULTS.samples);
    const runs = labRuns(file, source, args, io, { all: false });
    if (!runs) return 1;
    const run = runs[0];
    const point = positiveInt(args, '--point', 1);
    const report = analyzeKernel(run.lab, chosenPoint(run.lab.model, args), {
      samples,
      convention: convention as MuConvention,
      deadline: Date.now() + KERNEL_DEFAULTS.budgetSeconds * 1000,
    });
    if (!report) {
      io.out(`${file}:1:1: error: ${NO_KERNEL_MESSAGE} [syntax]`);
      return 1;
    }
    if (args.flags.has('--json')) io.out(toJson(kernelJson(report, run.sweep, point)));
    else text(file, report, run.sweep).forEach((l) => io.out(l));
    return 0;
  },
};
