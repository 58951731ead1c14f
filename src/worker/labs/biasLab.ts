// The Implicit-bias lab's runner: the core's implicitBias over the document's sweep of α (what `overparam bias`
// prints), streamed per α, with the flow's path in θ for d = 2.
import { documentObjective, implicitBias, predictionMap, type ImplicitBiasReport } from '../../core';
import type { BiasLabResult } from '../../protocol/labs/biasLab';
import type { LabRunner } from '../labRunners';

/** States per flow path sent to the panel (d = 2 only). */
const PATH_POINTS = 300;

/** ‖θ∞‖₁, ‖θ∞‖₂ per α, the references, the Q_α gap. */
export const biasLab: LabRunner<'bias'> = (ctx) => {
  const lab = ctx.objective() ?? documentObjective(ctx.compiled);
  if (!lab) throw new Error('the implicit-bias lab needs a data file with a sweep of α');
  const { A, c, q } = predictionMap(lab);
  const line = lab.data ? { a: Array.from(A.subarray(0, q)), b: lab.data.targets[0] - c[0] } : null;
  const copy = (r: ImplicitBiasReport): BiasLabResult => ({
    sweep: r.sweep,
    alphas: [...r.alphas],
    theta: r.theta.map((t) => [...t]),
    l1: [...r.l1],
    l2: [...r.l2],
    qAlphaGap: [...r.qAlphaGap],
    loss: [...r.loss],
    minL1: r.minL1,
    minL2: r.minL2,
    minL1Solution: [...r.minL1Solution],
    minL2Solution: [...r.minL2Solution],
    paths: (r.paths ?? []).map((p) => p.map((t) => [...t])),
    line,
  });
  ctx.check();
  const r = implicitBias(ctx.text, {
    deadline: ctx.deadline,
    shouldStop: ctx.cancelled,
    paths: q === 2 ? PATH_POINTS : undefined,
    onValue: (done, total, part) => ctx.progress(done, total, copy(part)),
  });
  ctx.check();
  return copy(r);
};
