// The Landscape lab's runner: the slice of L(W) through the live point on the rank map's axes (core
// landscapeSlice), the critical-point search (core searchCritical, as `overparam critical` runs it: same box
// default, the document's seed), its points streamed as they are found, then two short GD trajectories (core
// landscapeTrajectory): one from the live point, one from a seeded nudge of it.
import { landscapeSlice } from '../../core/landscape/landscapeSlice';
import { landscapeTrajectory, trajectoryStep } from '../../core/landscape/landscapeTrajectory';
import { largestStableStep } from '../../core/landscape/correlation';
import { MAX_CRITICAL_PARAMS, searchCritical, type CriticalPoint } from '../../core/landscape/searchCritical';
import { NO_LOSS_MESSAGE } from '../../core/objective/documentObjective';
import { normalAt, streamId } from '../../core/random';
import type { LandscapeLabPartial, LandscapePoint } from '../../protocol/labs/landscapeLab';
import type { LabRunner } from '../labRunners';

/** Size of the nudge of the second trajectory's start (times max(1, ‖W0‖∞)). */
const NUDGE = 0.05;

const named = (names: readonly string[], W: ArrayLike<number>): Record<string, number> =>
  Object.fromEntries(names.map((n, j) => [n, W[j]]));

const listed = (c: CriticalPoint): LandscapePoint => ({
  at: c.at,
  W: c.W,
  loss: c.loss,
  origin: c.origin,
  type: c.type,
  setDimension: c.setDimension,
  hits: c.hits,
  rank: c.rank,
  canonicalGradNorm: c.canonicalGradNorm,
  hessianEigenvalues: c.hessianEigenvalues,
});

/** Slice, critical points and trajectories from the live point. */
export const landscapeLab: LabRunner<'landscape'> = (ctx, params) => {
  const lab = ctx.objective();
  if (!lab) throw new Error(NO_LOSS_MESSAGE);
  const obj = lab.objective;
  const { p } = obj;
  const names = obj.model.params;
  if (params.x.param >= p || params.y.param >= p || params.x.param === params.y.param)
    throw new Error(`the slice needs two different parameters of the ${p} this model has`);
  const starts = p > MAX_CRITICAL_PARAMS ? 0 : params.starts;
  ctx.progress(0, starts, { slice: null, points: [] });
  let t0 = Date.now();
  const slice = landscapeSlice(obj, ctx.W0, params.x, params.y, params.grid, params.arrows, () => ctx.check());
  const sliceMs = Date.now() - t0;
  const partial: LandscapeLabPartial = { slice, points: [] };
  ctx.progress(0, starts, partial);
  ctx.check();

  t0 = Date.now();
  const search =
    starts === 0
      ? null
      : searchCritical(obj, {
          box: params.box,
          starts,
          seed: lab.seed,
          deadline: ctx.deadline,
          shouldStop: ctx.cancelled,
          onProgress: (done, total, found) => {
            partial.points = found.map((f) => ({
              at: named(names, f.W),
              W: f.W,
              loss: f.loss,
              origin: f.origin,
              type: f.type,
              setDimension: -1,
              hits: f.hits,
              rank: null,
              canonicalGradNorm: null,
              hessianEigenvalues: null,
            }));
            ctx.progress(done, total, { slice, points: partial.points });
          },
        });
  const searchMs = Date.now() - t0;
  ctx.check();
  const points = search ? search.criticalPoints.map(listed) : [];
  ctx.progress(starts, starts, { slice, points });

  t0 = Date.now();
  const lr = trajectoryStep(obj, ctx.W0);
  const seed = lab.seed ?? 1;
  const scale = NUDGE * Math.max(1, ...Array.from(ctx.W0, Math.abs));
  const stream = streamId('landscape-nudge');
  const nudged = Float64Array.from(ctx.W0, (w, j) => w + scale * normalAt(seed, stream, j));
  const trajectories = [
    landscapeTrajectory(obj, ctx.W0, lr, params.steps, 'GD from the live point', ctx.deadline, ctx.cancelled),
    landscapeTrajectory(obj, nudged, lr, params.steps, 'GD from a nudged start', ctx.deadline, ctx.cancelled),
  ];
  ctx.check();
  const trajectoryMs = Date.now() - t0;
  return {
    slice,
    points,
    search: search
      ? {
          starts: search.starts,
          converged: search.converged,
          gdRuns: search.gdRuns,
          complete: search.complete,
          method: search.method,
        }
      : { starts: 0, converged: 0, gdRuns: 0, complete: true, method: 'none (slice only)' },
    trajectories,
    stableStep: largestStableStep(obj, ctx.W0),
    timings: { sliceMs, searchMs, trajectoryMs },
  };
};
