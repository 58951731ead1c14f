// The Width lab's runner: the core's widthLab over the file's width sweep, one width at a time so the view gets a
// partial per width. The numbers are `overparam width`'s: each width compiled from the text with its sweep value,
// started at its first `at` point, trained with the same η (the CLI's default 1 / max_m λ_max(K(w0)) unless the view
// sets one), and the slopes fitted over the widths done.
import { compileDocument, logLogSlope, NO_KERNEL_MESSAGE, widthLab, type WidthRun } from '../../core';
import { honestNotes, type WidthReport } from '../../core/kernel/widthLab';
import { compileTangentKernel } from '../../core/kernel/tangentKernel';
import { documentObjective, NO_LOSS_MESSAGE } from '../../core/objective/documentObjective';
import { WIDTH_QUANTITIES, type WidthLabResult } from '../../protocol/labs/widthLab';
import type { LabRunner } from '../labRunners';

/** Why a file without a sweep cannot run the lab. */
export const NO_WIDTH_SWEEP_MESSAGE = 'the width lab needs a width sweep: add a line like `sweep m = 10, 100, 1000`';

/** The lab's result over the widths measured so far. */
function resultOf(sweep: string, total: number, parts: WidthReport[], lr: number, steps: number): WidthLabResult {
  const pick = <T>(f: (r: WidthReport) => T): T[] => parts.map(f);
  const r = {
    sweep,
    total,
    widths: pick((p) => p.widths[0]),
    blocks: pick((p) => p.blocks[0]),
    slopes: {},
    lr,
    steps,
    notes: parts.flatMap((p) => p.notes),
    ...Object.fromEntries(WIDTH_QUANTITIES.map((q) => [q, pick((p) => p[q][0])])),
  } as WidthLabResult;
  for (const q of WIDTH_QUANTITIES) {
    const ys = r[q].map((v) => v ?? NaN);
    if (ys.some((v) => Number.isFinite(v))) r.slopes[q] = logLogSlope(r.widths, ys);
  }
  return r;
}

/** The transition to linearity across the file's sweep (the first sweep with more than one value). */
export const widthLabRunner: LabRunner<'width'> = (ctx, params) => {
  const sweeps = ctx.compiled.sweeps;
  const swept = sweeps.find((s) => s.values.length > 1) ?? sweeps[0];
  if (!swept) throw new Error(NO_WIDTH_SWEEP_MESSAGE);
  const fixed = Object.fromEntries(sweeps.map((s) => [s.name, s.values[0]]));
  const total = swept.values.length;
  ctx.progress(0, total, null);
  // Every width compiled and its kernel at w0 first: the default η is the same at every width.
  const runs: WidthRun[] = swept.values.map((width) => {
    ctx.check();
    const compiled = compileDocument(ctx.text, {
      sweep: { ...fixed, [swept.name]: width },
      seed: ctx.compiled.seed,
      deadline: ctx.deadline,
    });
    const error = compiled.diagnostics.find((d) => d.severity === 'error');
    if (error || !compiled.model) throw new Error(`${swept.name} = ${width}: ${error?.message ?? 'does not compile'}`);
    const lab = documentObjective(compiled, { deadline: ctx.deadline });
    if (!lab) throw new Error(NO_LOSS_MESSAGE);
    const W0 = lab.model.points[0]?.values;
    if (!W0) throw new Error('the width lab starts from the first `at` point: add one like `at v ~ normal(0, 1)`');
    return { width, lab, W0 };
  });
  let lr = params.lr;
  if (lr === null) {
    let top = 0;
    for (const run of runs) {
      ctx.check();
      const kernel = compileTangentKernel(run.lab);
      if (!kernel) throw new Error(NO_KERNEL_MESSAGE);
      top = Math.max(top, kernel.spectrum(kernel.at(run.W0).K).lambdaMax);
    }
    lr = 1 / top;
  }
  const parts: WidthReport[] = [];
  for (const run of runs) {
    ctx.check();
    parts.push(widthLab([run], { steps: params.steps, lr, deadline: ctx.deadline }));
    ctx.progress(parts.length, total, resultOf(swept.name, total, parts, lr, params.steps));
  }
  const result = resultOf(swept.name, total, parts, lr, params.steps);
  result.notes.unshift(...honestNotes(result));
  return result;
};
