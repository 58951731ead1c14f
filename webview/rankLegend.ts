// The rank map's legend: the viridis bar from 1 down to 10^lo, the rank-deficient swatch and, while it is shown, the
// locus's line.
import { cssColor } from './colormap';
import type { Theme } from './theme';

/** Where the legend goes: its left edge, and the plot's top and bottom (CSS pixels). */
export interface LegendPlace {
  x: number;
  top: number;
  bottom: number;
}

/** What the legend shows: the colour table, its lower end (log10), min(q, p), whether the locus is drawn. */
export interface LegendContent {
  lut: Uint8Array;
  lo: number;
  fullRank: number | undefined;
  locus: boolean;
}

/**
 * Draws the legend; the bar is a 1-pixel-wide canvas made once per height (`cached`, returned for the next call).
 */
export function drawRankLegend(
  ctx: CanvasRenderingContext2D,
  at: LegendPlace,
  t: Theme,
  { lut, lo, fullRank, locus }: LegendContent,
  cached: HTMLCanvasElement | null,
): HTMLCanvasElement {
  const { x } = at;
  const h = Math.round((at.bottom - at.top) * 0.7);
  let bar = cached;
  if (!bar || bar.height !== h) {
    bar = document.createElement('canvas');
    bar.width = 1;
    bar.height = h;
    const lc = bar.getContext('2d')!;
    for (let i = 0; i < h; i++) {
      lc.fillStyle = cssColor(lut, 1 - i / h);
      lc.fillRect(0, i, 1, 1);
    }
  }
  ctx.drawImage(bar, x, at.top, 12, h);
  ctx.fillStyle = t.foreground;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText('1', x + 16, at.top);
  ctx.fillText(`1e${lo}`, x + 16, at.top + h);
  ctx.fillText('σmin/σmax', x - 4, at.top + h + 16);
  ctx.fillStyle = t.deficient;
  ctx.fillRect(x, at.top + h + 30, 12, 12);
  ctx.fillStyle = t.foreground;
  ctx.fillText('rank <', x + 16, at.top + h + 36);
  ctx.fillText(`${fullRank ?? ''} (deficient)`, x - 4, at.top + h + 52);
  if (locus) {
    const y = at.top + h + 72;
    for (const [colour, width] of [
      [t.locusHalo, 4.5],
      [t.locus, 2],
    ] as const) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + 12, y);
      ctx.stroke();
    }
    ctx.fillStyle = t.foreground;
    ctx.fillText('locus', x + 16, y);
    ctx.fillText('(rank drops)', x - 4, y + 16);
  }
  return bar;
}
