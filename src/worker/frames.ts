// The one place where the core's results become what travels to the panel: typed arrays whose buffers the worker
// transfers, single-precision rank maps, labelled fields. Everything else passes the core's shapes as they are.
import { analyzePoint, gradientField, type CompiledModel, type FieldGrid } from '../core';
import { pointLabel } from '../format';
import type { FieldFrame, ModelInfo, PointDetails, RankCells } from '../protocol/panel';

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => v === b[i]);

/** The points the panel shows, per model: built once (labelAt runs for every field of every frame). */
const shownPoints = new WeakMap<CompiledModel, ModelInfo['points']>();

function shown(model: CompiledModel): ModelInfo['points'] {
  let points = shownPoints.get(model);
  if (!points) {
    const ones = new Float64Array(model.p).fill(1);
    points = model.points.length
      ? model.points.map((pt) => ({ label: pt.label, values: pt.values }))
      : [{ label: `no \`at\` line: ${pointLabel(model.shape.params, ones)}`, values: ones }];
    shownPoints.set(model, points);
  }
  return points;
}

/** The points the panel shows: the `at` points, or one made-up point (all ones) when the file has none. */
export function panelPoints(model: CompiledModel): ModelInfo['points'] {
  // Copies: the worker transfers what it returns, and the cached values must survive that.
  return shown(model).map((pt) => ({ label: pt.label, values: Float64Array.from(pt.values) }));
}

/** The label of point `pointIndex` at `values`: the written one while the values are as written. */
export function labelAt(model: CompiledModel, pointIndex: number, values: Float64Array): string {
  const written = shown(model)[pointIndex];
  return written && same(written.values, values) ? written.label : pointLabel(model.shape.params, values);
}

/** The field of point `pointIndex` at `values` on `grid`, with θ on the two shown coordinates. */
export function fieldFrame(
  model: CompiledModel,
  pointIndex: number,
  values: Float64Array,
  grid: FieldGrid,
): FieldFrame {
  const theta = new Float64Array(model.q);
  const J = new Float64Array(model.q * model.p);
  model.evaluate(values, 1, theta, J);
  return {
    ...gradientField(J, model.q, model.p, grid),
    pointIndex,
    label: labelAt(model, pointIndex, values),
    theta: [theta[grid.coords[0]], theta[grid.coords[1]]],
  };
}

const flatten = (rows: readonly (readonly number[])[] | undefined): Float64Array =>
  Float64Array.from((rows ?? []).flat());

/** The core's PointReport at `values` as the details view takes it (flat typed arrays). */
export function pointDetails(model: CompiledModel, values: Float64Array, tol?: number): PointDetails {
  const r = analyzePoint(model, values, tol);
  return {
    finite: r.finite,
    theta: Float64Array.from(r.theta),
    J: flatten(r.J),
    singularValues: Float64Array.from(r.singularValues ?? []),
    rank: r.rank ?? 0,
    conditionNumber: r.conditionNumber ?? null,
    kernel: (r.kernel ?? []).map((v) => Float64Array.from(v)),
    cokernel: (r.cokernel ?? []).map((v) => Float64Array.from(v)),
    preconditioner: flatten(r.preconditioner),
  };
}

/** Empty rank-map cells for `n` cells of a model (byte ranks unless a rank can exceed 255). */
export function rankCells(model: CompiledModel, n: number): RankCells {
  return {
    sMin: new Float32Array(n),
    sMax: new Float32Array(n),
    rank: Math.min(model.p, model.q) < 256 ? new Uint8Array(n) : new Int32Array(n),
  };
}
