// The host's say on what the webview asked to see: defaults for a new model, and clamping to the model's sizes.
import type { MapAxis, ViewSettings } from '../../protocol/panel';

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
  };
}
