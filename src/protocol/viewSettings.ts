// The host's say on what the webview asked to see: defaults for a new model, clamping to the model's sizes, and
// what the panel shows of a freshly compiled model (panelState). Plain data: the host's session and the worker
// (which computes the first frame together with the model) run the same functions.
import type { MapAxis, ViewSettings } from './panel';

const clampInt = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Math.round(x)));

/** The field grid's defaults (settings `overparam.field.gridSize` and `overparam.field.range`). */
export interface FieldDefaults {
  size: number;
  range: number;
}

/** The blog's grid: 9 x 9 over [-2, 2]^2. */
export const BLOG_FIELD: FieldDefaults = { size: 9, range: 2 };

/** Rank-map cells per axis by default: odd, so a symmetric range has a cell centred exactly on 0. */
export const RANK_STEPS = 129;

/** A rank-map axis over [-r, r] with r >= 2 covering the value `v` (the centre cell sits on 0). */
export function defaultAxis(param: number, v: number): MapAxis {
  const r = Math.max(2, Math.ceil(Math.abs(Number.isFinite(v) ? v : 0) + 1));
  return { param, from: -r, to: r, steps: RANK_STEPS };
}

/** The field grid from `field` on the first two outputs, and a 129 x 129 map of the first two parameters. */
export function defaultView(
  p: number,
  q: number,
  values: ArrayLike<number>,
  field: FieldDefaults = BLOG_FIELD,
): ViewSettings {
  const axis = (param: number): MapAxis => defaultAxis(param, values[param] ?? 0);
  return {
    grid: {
      size: clampInt(field.size, 2, 64),
      min: -field.range,
      max: field.range,
      coords: [0, Math.min(1, Math.max(0, q - 1))],
    },
    rankX: axis(0),
    rankY: axis(Math.min(1, Math.max(0, p - 1))),
  };
}

/** `view` with the field grid's size and range replaced by `field` (the settings changed). */
export function withFieldDefaults(view: ViewSettings, field: FieldDefaults): ViewSettings {
  return { ...view, grid: { ...view.grid, size: clampInt(field.size, 2, 64), min: -field.range, max: field.range } };
}

/** `view` made valid for a model with p parameters and q outputs; `fallback` supplies what no longer fits. */
export function sanitizeView(view: ViewSettings | null, p: number, q: number, fallback: ViewSettings): ViewSettings {
  if (!view) return fallback;
  const coordsOk = view.grid.coords.every((c) => c >= 0 && c < q);
  const axisOk = (a: MapAxis): boolean =>
    a.param >= 0 && a.param < p && Number.isFinite(a.from) && Number.isFinite(a.to) && a.from !== a.to;
  const fix = (a: MapAxis, fb: MapAxis): MapAxis => (axisOk(a) ? { ...a, steps: clampInt(a.steps, 2, 256) } : fb);
  return {
    grid: {
      size: clampInt(view.grid.size, 2, 64),
      min: view.grid.min,
      max: view.grid.max > view.grid.min ? view.grid.max : view.grid.min + 1,
      coords: coordsOk ? [view.grid.coords[0], view.grid.coords[1]] : fallback.grid.coords,
    },
    rankX: fix(view.rankX, fallback.rankX),
    rankY: fix(view.rankY, fallback.rankY),
    // The locus toggle: on unless the webview turned it off (absent from views saved before it existed).
    ...(view.locus === false ? { locus: false } : {}),
  };
}

/** What the host knows before a new model arrives, to choose what the panel shows of it. */
export interface PanelStateRequest {
  /** The view the webview asked for (null: the defaults). */
  view: ViewSettings | null;
  field: FieldDefaults;
  /** The live point as asked (clamped to the new model's points). */
  pointIndex: number;
  /** The previous model's points (its p, each point's written and live values), or null for a first load. */
  previous: { p: number; points: { written: ArrayLike<number>; live: ArrayLike<number> }[] } | null;
}

/** What the panel shows of a model: every point's live values, the live point and the view, made valid. */
export interface PanelState {
  values: Float64Array[];
  pointIndex: number;
  view: ViewSettings;
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => v === b[i]);

/** The state for a model of p parameters, q outputs and these points: a point whose `at` values are as before keeps
 *  its live (slider) values, the live point is clamped, and the asked view made valid for the model. */
export function panelState(
  model: { p: number; q: number; points: readonly { values: ArrayLike<number> }[] },
  req: PanelStateRequest,
): PanelState {
  const before = req.previous;
  const values = model.points.map((pt, i) => {
    const old = before?.points[i];
    return Float64Array.from(old && before.p === model.p && same(old.written, pt.values) ? old.live : pt.values);
  });
  const pointIndex = Math.max(0, Math.min(Math.round(req.pointIndex), values.length - 1));
  const fallback = defaultView(model.p, model.q, values[pointIndex] ?? [], req.field);
  return { values, pointIndex, view: sanitizeView(req.view, model.p, model.q, fallback) };
}
