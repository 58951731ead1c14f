// The Double-descent lab's runner: the core's doubleDescent over the document's sweep (what `overparam fit` prints),
// with every (value, repeat) fit streamed as it finishes.
import { doubleDescent, type DoubleDescentCurve, type DoubleDescentFit } from '../../core';
import type { DoubleDescentLabResult } from '../../protocol/labs/doubleDescentLab';
import type { LabRunner } from '../labRunners';

/** Risks, norms and σ_min over the sweep, the threshold p = n in `n`. */
export const doubleDescentLab: LabRunner<'doubleDescent'> = (ctx, params) => {
  const fits: DoubleDescentFit[] = [];
  const { repeats, ridge } = params;
  const copy = (c: DoubleDescentCurve): DoubleDescentLabResult => ({
    sweep: c.sweep,
    values: [...c.values],
    trainRisk: [...c.trainRisk],
    testRisk: [...c.testRisk],
    norm: [...c.norm],
    sigmaMin: [...c.sigmaMin],
    n: c.n,
    repeats,
    ridge,
    fits: [...fits],
  });
  ctx.check();
  const curve = doubleDescent(ctx.text, {
    repeats,
    ridge,
    deadline: ctx.deadline,
    shouldStop: ctx.cancelled,
    onRepeat: (done, total, c, fit) => {
      fits.push(fit);
      ctx.progress(done, total, copy(c));
    },
  });
  // A stop on request returns the values done: answer as a stopped run (with the newest partial).
  ctx.check();
  return copy(curve);
};
