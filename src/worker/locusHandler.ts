// The panel's locus request on the worker thread: the core's rankLocus on the slice of a rank map the panel already
// holds (its σ_min is the locus's node pass for non-square J, so the map is not computed twice), and every vertex
// mapped to θ on the field's two coordinates (the markers on the live subplot).
import type { CompiledModel } from '../core';
import { rankLocus } from '../core/deficient/locus';
import type { RankMapData } from '../core/rankMap';
import type { PanelLocusParams, PanelLocusResult } from '../protocol/worker';
import type { ModelOf } from './panelHandlers';
import { cpuSince, threadCpu } from './threadCpu';

/** Flattens (x, y) pairs into [x0, y0, x1, y1, …]. */
const flat = (pairs: ReadonlyArray<readonly [number, number]>): Float64Array => {
  const out = new Float64Array(2 * pairs.length);
  pairs.forEach(([x, y], i) => {
    out[2 * i] = x;
    out[2 * i + 1] = y;
  });
  return out;
};

/** θ on `coords` at each flattened (x, y) vertex of the slice through `base` (one batch for all of them). */
function thetaOf(
  model: CompiledModel,
  p: PanelLocusParams,
  coords: [number, number],
  vertices: Float64Array,
): Float64Array {
  const m = vertices.length / 2;
  const W = new Float64Array(m * model.p);
  for (let k = 0; k < m; k++) {
    W.set(p.base, k * model.p);
    W[k * model.p + p.x.param] = vertices[2 * k];
    W[k * model.p + p.y.param] = vertices[2 * k + 1];
  }
  const theta = new Float64Array(m * model.q);
  model.evaluate(W, m, theta, null);
  const out = new Float64Array(2 * m);
  for (let k = 0; k < m; k++) {
    out[2 * k] = theta[k * model.q + coords[0]];
    out[2 * k + 1] = theta[k * model.q + coords[1]];
  }
  return out;
}

/** The locus of the map's slice and its image in θ. */
export function panelLocus(params: PanelLocusParams, deadline: number, modelOf: ModelOf): PanelLocusResult {
  const t0 = performance.now();
  const cpu = threadCpu();
  const model = modelOf(params, deadline);
  if (!model) throw new Error('the document does not compile');
  const { x, y, base } = params;
  if (base.length !== model.p) throw new Error(`expected ${model.p} parameter values, got ${base.length}`);
  if (model.p < 2 || x.param === y.param || [x.param, y.param].some((j) => j < 0 || j >= model.p))
    throw new Error('bad rank-map axes');
  const n = x.steps * y.steps;
  if (params.sMin.length !== n || params.sMax.length !== n) throw new Error(`expected ${n} rank-map cells`);
  // The map as the core computed it, back in double precision (the node pass reads σ_min and σ_max only; single
  // precision keeps an exact 0 at 0 and tiny values far above the 1e-13 relative test's rounding).
  const map: RankMapData = {
    xs: new Float64Array(x.steps),
    ys: new Float64Array(y.steps),
    sMin: Float64Array.from(params.sMin),
    sMax: Float64Array.from(params.sMax),
    rank: new Int32Array(n),
  };
  const locus = rankLocus(model, base, x, y, { map, tol: params.options.tol });
  const lines = locus.locus.map(flat);
  const points = flat(locus.locusPoints);
  const coords = params.coords;
  const theta =
    coords && coords.every((c) => c >= 0 && c < model.q)
      ? { lines: lines.map((l) => thetaOf(model, params, coords, l)), points: thetaOf(model, params, coords, points) }
      : null;
  return { lines, points, theta, ms: performance.now() - t0, cpu: cpuSince(cpu) };
}
