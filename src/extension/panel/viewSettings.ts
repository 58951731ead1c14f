// The host's say on what the webview asked to see: defaults for a new model, and clamping to the model's sizes.
import type { AxisSettings, ViewSettings } from '../../protocol/messages';

/** The blog's grid (9 x 9 over [-2, 2]^2 on the first two outputs) and a 128 x 128 map of the first two parameters. */
export function defaultView(p: number, q: number, values: ArrayLike<number>): ViewSettings {
  const axis = (param: number): AxisSettings => {
    const v = values[param] ?? 0;
    const r = Math.max(2, Math.ceil(Math.abs(v) + 1));
    return { param, from: -r, to: r, steps: 128 };
  };
  return {
    grid: { size: 9, min: -2, max: 2, coords: [0, Math.min(1, Math.max(0, q - 1))] },
    rankX: axis(0),
    rankY: axis(Math.min(1, Math.max(0, p - 1))),
  };
}

const clampInt = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Math.round(x)));

/** `view` made valid for a model with p parameters and q outputs; `fallback` supplies what no longer fits. */
export function sanitizeView(view: ViewSettings | null, p: number, q: number, fallback: ViewSettings): ViewSettings {
  if (!view) return fallback;
  const coordsOk = view.grid.coords.every((c) => c >= 0 && c < q);
  const axisOk = (a: AxisSettings): boolean => a.param >= 0 && a.param < p && Number.isFinite(a.from) && Number.isFinite(a.to) && a.from !== a.to;
  const fix = (a: AxisSettings, fb: AxisSettings): AxisSettings => axisOk(a) ? { ...a, steps: clampInt(a.steps, 2, 256) } : fb;
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
