// The rank map's legend: the viridis bar from 1 down to 10^lo, and the rank-deficient swatch.
import { cssColor } from './colormap';
import type { Theme } from './theme';

/** Where the legend goes: its left edge, and the plot's top and bottom (CSS pixels). */
export interface LegendPlace {
  x: number;
  top: number;
  bottom: number;
}

/**
 * Draws the legend; the bar is a 1-pixel-wide canvas made once per height (`cached`, returned for the next call).
 */
export function drawRankLegend(
  ctx: CanvasRenderingContext2D,
  at: LegendPlace,
  t: Theme,
  lut: Uint8Array,
  lo: number,
  fullRank: number | undefined,
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
  return bar;
}
