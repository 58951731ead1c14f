// The rank map: log10(sigma_min / sigma_max) over a 2-D parameter slice as an ImageData heatmap (one pixel per
// cell, scaled up unsmoothed), the rank-deficient set as an overlay, the live point marked, a probe tooltip.
import type { RankMapFrame } from '../src/protocol/panel';
import { cssColor, viridisTable } from './colormap';
import { num as fmt } from '../src/format';
import { el } from './dom';
import { niceTicks } from './ticks';
import type { Theme } from './theme';

const M = { left: 52, right: 92, top: 12, bottom: 40 };

/** The log10 ratio range the colours span: [lo, 0], lo the data's minimum rounded down to half a decade, in [-16, -1]. */
export function ratioRange(frame: RankMapFrame): number {
  // log10 is monotonic: the smallest ratio gives the smallest logarithm (one log10 per map, not one per cell).
  let min = Infinity;
  const { sMin, sMax } = frame;
  for (let i = 0; i < sMin.length; i++) {
    const r = sMin[i] / sMax[i];
    if (r > 0 && r < min) min = r;
  }
  const log = Number.isFinite(min) ? Math.min(0, Math.log10(min)) : 0;
  return Math.max(-16, Math.min(-1, Math.floor(log * 2) / 2));
}

/** True where a Uint32 of bytes [r, g, b, a] reads r in its low byte (every browser VS Code runs on). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const rgba = (r: number, g: number, b: number): number =>
  (LITTLE_ENDIAN ? (255 << 24) | (b << 16) | (g << 8) | r : (r << 24) | (g << 16) | (b << 8) | 255) >>> 0;

/** The 256 colours of `lut` as RGBA words, and the same blended with the rank-deficient overlay colour. */
function palettes(lut: Uint8Array, deficient: [number, number, number]): { plain: Uint32Array; overlaid: Uint32Array } {
  const plain = new Uint32Array(256);
  const overlaid = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    const [R, G, B] = [lut[i * 3], lut[i * 3 + 1], lut[i * 3 + 2]];
    plain[i] = rgba(R, G, B);
    overlaid[i] = rgba(
      Math.round(R * 0.35 + deficient[0] * 0.65),
      Math.round(G * 0.35 + deficient[1] * 0.65),
      Math.round(B * 0.35 + deficient[2] * 0.65),
    );
  }
  return { plain, overlaid };
}

/** Paints the cells into RGBA pixels, row 0 at the top (= the last y step), into `into` when it has the map's size. */
export function paintCells(
  frame: RankMapFrame,
  lut: Uint8Array,
  deficient: [number, number, number],
  lo = ratioRange(frame),
  into?: ImageData,
): ImageData {
  const nx = frame.x.steps;
  const ny = frame.y.steps;
  const img = into && into.width === nx && into.height === ny ? into : new ImageData(nx, ny);
  // One word per pixel (a map is redrawn every frame while a slider drags).
  const px = new Uint32Array(img.data.buffer, img.data.byteOffset, nx * ny);
  const { plain, overlaid } = palettes(lut, deficient);
  const grey = rgba(128, 128, 128);
  const { sMin, sMax, rank, fullRank } = frame;
  for (let iy = 0; iy < ny; iy++) {
    const row = (ny - 1 - iy) * nx;
    for (let ix = 0; ix < nx; ix++) {
      const k = iy * nx + ix;
      const s0 = sMin[k];
      const s1 = sMax[k];
      if (!Number.isFinite(s0) || !Number.isFinite(s1)) {
        px[row + ix] = grey;
        continue;
      }
      const r = s1 > 0 ? s0 / s1 : 0;
      const t = r > 0 ? Math.max(0, Math.min(1, 1 - Math.log10(r) / lo)) : 0;
      const c = Math.round(t * 255);
      px[row + ix] = rank[k] < fullRank ? overlaid[c] : plain[c];
    }
  }
  return img;
}

const rgbOf = (css: string): [number, number, number] => {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(css.trim());
  return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : [241, 76, 76];
};

/** The rank map panel: canvas, tooltip, keyboard probe. */
export class RankMapView {
  readonly canvas: HTMLCanvasElement;
  private readonly tip: HTMLElement;
  private readonly lut = viridisTable();
  private readonly cells = document.createElement('canvas');
  /** The cells' pixels, reused from map to map of the same size. */
  private pixels: ImageData | undefined;
  private frame: RankMapFrame | null = null;
  /** The colour scale's lower end of the map shown (log10 of the ratio). */
  private lo = -1;
  /** Something shown changed since the last `draw`. */
  private dirty = true;
  private names: [string, string] = ['', ''];
  private marker: [number, number] | null = null;
  private probe: [number, number] | null = null;
  /** The wrapper's width, tracked by a ResizeObserver (reading clientWidth per frame would force a layout). */
  private width = 420;
  private legend: HTMLCanvasElement | null = null;

  constructor(
    root: HTMLElement,
    private readonly theme: () => Theme,
  ) {
    this.canvas = el('canvas', {
      class: 'rankmap',
      tabindex: 0,
      role: 'img',
      'aria-label': 'Rank map; arrow keys move the probe',
      'aria-describedby': 'op-rank-tip',
    });
    this.tip = el('div', { class: 'tooltip', id: 'op-rank-tip', role: 'status', hidden: true });
    const wrap = el('div', { class: 'rankmap-wrap' }, this.canvas, this.tip);
    root.append(wrap);
    new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentRect.width ?? this.width);
      if (w > 0 && w !== this.width) {
        this.width = w;
        this.dirty = true;
        this.draw();
      }
    }).observe(wrap);
    this.canvas.addEventListener('mousemove', (e) => this.probeAt(e.offsetX, e.offsetY));
    this.canvas.addEventListener('mouseleave', () => this.hideTip());
    this.canvas.addEventListener('keydown', (e) => this.onKey(e));
    this.canvas.addEventListener('blur', () => this.hideTip());
  }

  /** The map shown (null before the first). */
  get current(): RankMapFrame | null {
    return this.frame;
  }

  /** New data (or the same data with the live point moved). */
  setData(frame: RankMapFrame | null, names: [string, string], marker: [number, number] | null): void {
    if (frame !== this.frame && frame) {
      if (this.cells.width !== frame.x.steps || this.cells.height !== frame.y.steps) {
        this.cells.width = frame.x.steps;
        this.cells.height = frame.y.steps;
      }
      this.lo = ratioRange(frame);
      this.pixels = paintCells(frame, this.lut, rgbOf(this.theme().deficient), this.lo, this.pixels);
      this.cells.getContext('2d')!.putImageData(this.pixels, 0, 0);
    }
    const moved = marker?.[0] !== this.marker?.[0] || marker?.[1] !== this.marker?.[1];
    if (frame !== this.frame || moved || names[0] !== this.names[0] || names[1] !== this.names[1]) this.dirty = true;
    this.frame = frame;
    this.names = names;
    this.marker = marker;
    const label = frame
      ? `Rank map over ${names[0]} and ${names[1]}; arrow keys move the probe`
      : 'Rank map (needs two parameters)';
    if (this.canvas.getAttribute('aria-label') !== label) this.canvas.setAttribute('aria-label', label);
  }

  /** Redraw on the next `draw` even when nothing shown changed (size or theme). */
  invalidate(): void {
    this.dirty = true;
  }

  /** What is shown, for the SVG export (null before the first map). */
  snapshot(): {
    cells: HTMLCanvasElement;
    frame: RankMapFrame;
    names: [string, string];
    marker: [number, number] | null;
  } | null {
    return this.frame && { cells: this.cells, frame: this.frame, names: this.names, marker: this.marker };
  }

  /** Repaints the cells with the current theme's overlay colour. */
  retheme(): void {
    const f = this.frame;
    this.frame = null;
    this.setData(f, this.names, this.marker);
    this.dirty = true;
  }

  /** Repaints the heatmap, axes, marker and legend when any of them changed. */
  draw(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const t = this.theme();
    const cssW = Math.max(280, Math.min(560, this.width));
    const cssH = Math.round(cssW - M.left - M.right + M.top + M.bottom);
    const dpr = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(cssW * dpr) || this.canvas.height !== Math.round(cssH * dpr)) {
      this.canvas.width = Math.round(cssW * dpr);
      this.canvas.height = Math.round(cssH * dpr);
      this.canvas.style.width = `${cssW}px`;
      this.canvas.style.height = `${cssH}px`;
    }
    const ctx = this.canvas.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = t.background;
    ctx.fillRect(0, 0, cssW, cssH);
    const f = this.frame;
    if (!f) return;
    const a = this.plotArea(cssW, cssH);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.cells, a.left, a.top, a.right - a.left, a.bottom - a.top);
    this.drawAxes(ctx, a, t);
    if (this.marker) {
      const [px, py] = this.toPx(a, this.marker[0], this.marker[1]);
      ctx.lineWidth = 3;
      ctx.strokeStyle = t.background;
      ctx.beginPath();
      ctx.arc(px, py, 6, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = t.marker;
      ctx.beginPath();
      ctx.arc(px, py, 6, 0, 2 * Math.PI);
      ctx.moveTo(px - 10, py);
      ctx.lineTo(px + 10, py);
      ctx.moveTo(px, py - 10);
      ctx.lineTo(px, py + 10);
      ctx.stroke();
    }
    this.drawLegend(ctx, cssW, a, t, this.lo);
    const plotArea = [a.left, a.top, a.right, a.bottom, a.xmin, a.xmax, a.ymin, a.ymax]
      .map((v) => v.toFixed(2))
      .join(' ');
    if (this.canvas.dataset.plotArea !== plotArea) this.canvas.dataset.plotArea = plotArea;
  }

  /** Plot area in CSS pixels and its data range (cell edges, half a step beyond the first and last centres). */
  plotArea(
    cssW: number,
    cssH: number,
  ): {
    left: number;
    top: number;
    right: number;
    bottom: number;
    xmin: number;
    xmax: number;
    ymin: number;
    ymax: number;
  } {
    const f = this.frame!;
    const hx = (f.x.to - f.x.from) / (f.x.steps - 1) / 2;
    const hy = (f.y.to - f.y.from) / (f.y.steps - 1) / 2;
    return {
      left: M.left,
      top: M.top,
      right: cssW - M.right,
      bottom: cssH - M.bottom,
      xmin: f.x.from - hx,
      xmax: f.x.to + hx,
      ymin: f.y.from - hy,
      ymax: f.y.to + hy,
    };
  }

  private toPx(a: ReturnType<RankMapView['plotArea']>, x: number, y: number): [number, number] {
    return [
      a.left + ((x - a.xmin) / (a.xmax - a.xmin)) * (a.right - a.left),
      a.bottom - ((y - a.ymin) / (a.ymax - a.ymin)) * (a.bottom - a.top),
    ];
  }

  private drawAxes(ctx: CanvasRenderingContext2D, a: ReturnType<RankMapView['plotArea']>, t: Theme): void {
    ctx.strokeStyle = t.foreground;
    ctx.fillStyle = t.foreground;
    ctx.lineWidth = 1;
    ctx.strokeRect(a.left - 0.5, a.top - 0.5, a.right - a.left + 1, a.bottom - a.top + 1);
    ctx.font = `11px ${t.font}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of niceTicks(a.xmin, a.xmax)) {
      const [px] = this.toPx(a, v, 0);
      ctx.beginPath();
      ctx.moveTo(px, a.bottom);
      ctx.lineTo(px, a.bottom + 4);
      ctx.stroke();
      ctx.fillText(fmt(v), px, a.bottom + 6);
    }
    ctx.fillText(this.names[0], (a.left + a.right) / 2, a.bottom + 22);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of niceTicks(a.ymin, a.ymax)) {
      const [, py] = this.toPx(a, 0, v);
      ctx.beginPath();
      ctx.moveTo(a.left, py);
      ctx.lineTo(a.left - 4, py);
      ctx.stroke();
      ctx.fillText(fmt(v), a.left - 6, py);
    }
    ctx.save();
    ctx.translate(12, (a.top + a.bottom) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillText(this.names[1], 0, 0);
    ctx.restore();
  }

  private drawLegend(
    ctx: CanvasRenderingContext2D,
    cssW: number,
    a: ReturnType<RankMapView['plotArea']>,
    t: Theme,
    lo: number,
  ): void {
    const x = cssW - M.right + 14;
    const h = Math.round((a.bottom - a.top) * 0.7);
    if (!this.legend || this.legend.height !== h) {
      this.legend = document.createElement('canvas');
      this.legend.width = 1;
      this.legend.height = h;
      const lc = this.legend.getContext('2d')!;
      for (let i = 0; i < h; i++) {
        lc.fillStyle = cssColor(this.lut, 1 - i / h);
        lc.fillRect(0, i, 1, 1);
      }
    }
    ctx.drawImage(this.legend, x, a.top, 12, h);
    ctx.fillStyle = t.foreground;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText('1', x + 16, a.top);
    ctx.fillText(`1e${lo}`, x + 16, a.top + h);
    ctx.fillText('σmin/σmax', x - 4, a.top + h + 16);
    ctx.fillStyle = t.deficient;
    ctx.fillRect(x, a.top + h + 30, 12, 12);
    ctx.fillStyle = t.foreground;
    ctx.fillText('rank <', x + 16, a.top + h + 36);
    ctx.fillText(`${this.frame?.fullRank ?? ''} (deficient)`, x - 4, a.top + h + 52);
  }

  private probeAt(offsetX: number, offsetY: number): void {
    const f = this.frame;
    if (!f) return;
    const a = this.plotArea(parseFloat(this.canvas.style.width) || 420, parseFloat(this.canvas.style.height) || 400);
    const ix = Math.floor(((offsetX - a.left) / (a.right - a.left)) * f.x.steps);
    const iy = f.y.steps - 1 - Math.floor(((offsetY - a.top) / (a.bottom - a.top)) * f.y.steps);
    if (ix < 0 || iy < 0 || ix >= f.x.steps || iy >= f.y.steps) return this.hideTip();
    this.probe = [ix, iy];
    this.showTip(offsetX, offsetY);
  }

  private onKey(e: KeyboardEvent): void {
    const f = this.frame;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, 1],
      ArrowDown: [0, -1],
    };
    if (e.key === 'Escape') return this.hideTip();
    if (!f || !moves[e.key]) return;
    e.preventDefault();
    const [ix, iy] = this.probe ?? [Math.floor(f.x.steps / 2), Math.floor(f.y.steps / 2)];
    const step = e.shiftKey ? 8 : 1;
    this.probe = [
      Math.max(0, Math.min(f.x.steps - 1, ix + moves[e.key][0] * step)),
      Math.max(0, Math.min(f.y.steps - 1, iy + moves[e.key][1] * step)),
    ];
    const a = this.plotArea(parseFloat(this.canvas.style.width) || 420, parseFloat(this.canvas.style.height) || 400);
    const [px, py] = this.toPx(a, f.xs[this.probe[0]], f.ys[this.probe[1]]);
    this.showTip(px, py);
  }

  private showTip(px: number, py: number): void {
    const f = this.frame!;
    const [ix, iy] = this.probe!;
    const k = iy * f.x.steps + ix;
    this.tip.textContent = `${this.names[0]} = ${fmt(f.xs[ix])}, ${this.names[1]} = ${fmt(f.ys[iy])}: rank ${f.rank[k]}/${f.fullRank}, σmin = ${fmt(f.sMin[k])}, σmax = ${fmt(f.sMax[k])}`;
    this.tip.hidden = false;
    this.tip.style.left = `${Math.round(px + 14)}px`;
    this.tip.style.top = `${Math.round(py + 14)}px`;
  }

  private hideTip(): void {
    this.tip.hidden = true;
  }
}
