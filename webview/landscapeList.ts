// The Landscape view's legend (the markers' shapes, fills and fading, the layers) and its CSV export of the
// critical points.
import type { LandscapeLabResult, LandscapePoint } from '../src/protocol/labs/landscapeLab';
import { el } from './dom';
import { csvCell } from './exportFigure';
import { drawMarker, LEGEND_TEXT } from './landscapeMarkers';
import type { Theme } from './theme';

/** The critical points as CSV: index, origin, type, L, set dimension, hits, then one column per parameter. */
export function landscapeCsv(points: LandscapePoint[], names: readonly string[]): string {
  const head = ['point', 'origin', 'type', 'loss', 'setDimension', 'hits', ...names].map(csvCell).join(',');
  const rows = points.map((c, i) =>
    [String(i + 1), c.origin, c.type, String(c.loss), String(c.setDimension), String(c.hits), ...c.W.map(String)].join(
      ',',
    ),
  );
  return `${[head, ...rows].join('\n')}\n`;
}

/** The legend: a row of markers (each type, canonical then ghost), and the words for fills, fading and layers. */
export function landscapeLegend(t: Theme, heat: boolean, result: LandscapeLabResult | null): HTMLElement[] {
  const dpr = window.devicePixelRatio || 1;
  const w = 4 * 104,
    h = 44;
  const canvas = el('canvas', { class: 'landscape-key', role: 'img', 'aria-label': 'Marker key' });
  canvas.width = w * dpr;
  canvas.height = h * dpr;
  canvas.style.width = `${w}px`;
  canvas.style.height = `${h}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = t.background;
  ctx.fillRect(0, 0, w, h);
  ctx.font = `11px ${t.font}`;
  ctx.fillStyle = t.foreground;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  LEGEND_TEXT.types.forEach((type, k) => {
    const x = k * 104 + 30;
    drawMarker(ctx, { type, origin: 'canonical' }, x - 12, 14, t.background);
    drawMarker(ctx, { type, origin: 'ghost' }, x + 12, 14, t.background);
    ctx.fillStyle = t.foreground;
    ctx.fillText(type, x, 35);
  });
  const lines = [
    LEGEND_TEXT.origin,
    LEGEND_TEXT.faded,
    `lines: contours of L(W) on the slice (log-spaced levels); arrows: -∇_W L; blue: GD from the live point (dashed: from a nudged start); crosshair: the live point${heat ? '; colours: log10 ‖J‖ (viridis: dark = vanishing, bright = exploding gradients)' : ''}.`,
  ];
  if (result?.trajectories.some((tr) => tr.points.some((p) => (p.bound ?? 0) > 0)))
    lines.push('cosine plot: dotted, the bound 2√(λmin λmax)/(λmin + λmax) of M = J Jᵀ where M is positive definite.');
  else if (result)
    lines.push('cosine plot: M = J Jᵀ is singular along these runs, so only cos ≥ 0 holds (no bound drawn).');
  return [canvas, ...lines.map((l) => el('p', { class: 'note' }, l))];
}
