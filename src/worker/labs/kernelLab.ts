// The Kernel lab's runner: the core's analyzeKernel at the live point (exactly what `overparam kernel` reports),
// as the view's plain data.
import { analyzeKernel, NO_KERNEL_MESSAGE } from '../../core';
import { NO_LOSS_MESSAGE } from '../../core/objective/documentObjective';
import type { LabRunner } from '../labRunners';

/** K, μ-PL* on its ball and GD with η = 1/β from the live point. */
export const kernelLab: LabRunner<'kernel'> = (ctx, params) => {
  const lab = ctx.objective();
  if (!lab) throw new Error(NO_LOSS_MESSAGE);
  ctx.progress(0, 1, null);
  ctx.check();
  const r = analyzeKernel(lab, ctx.W0, {
    samples: params.samples,
    convention: params.convention,
    deadline: ctx.deadline,
  });
  if (!r) throw new Error(NO_KERNEL_MESSAGE);
  ctx.progress(1, 1, null);
  return {
    n: r.n,
    p: r.p,
    eigenvalues: Array.from(r.spectrum.eigenvalues),
    lambdaMin: r.spectrum.lambdaMin,
    lambdaMax: r.spectrum.lambdaMax,
    condition: r.spectrum.condition,
    underParameterized: r.spectrum.underParameterized,
    mu: r.mu,
    convention: r.convention,
    muConvention: r.muConvention,
    beta: r.beta.beta,
    betaBound: r.beta.bound,
    betaPoints: r.beta.points,
    radius: r.radius,
    loss: r.loss,
    plRatio: r.plRatio,
    plStar: { ...r.plStar, rounds: r.ball.rounds, zeroAt: r.ball.zeroAt },
    gd: {
      lr: r.gd.lr,
      steps: r.gd.steps,
      convergedAt: r.gd.convergedAt,
      insideBall: r.gd.insideBall,
      stopped: r.gd.stopped,
    },
    hessianNorm: r.hessianNorm,
    blocks: r.blocks,
    verdict: r.verdict,
  };
};
