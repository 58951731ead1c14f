// The rank map: log10(sigma_min / sigma_max) over a 2-D parameter slice as an ImageData heatmap (one pixel per
// cell, scaled up unsmoothed), the rank-deficient set as an overlay, the live point marked, a probe tooltip.
import type { LocusMessage, RankMapFrame } from '../src/protocol/panel';
import { num as fmt } from '../src/format';
import { viridisTable } from './colormap';
import { el } from './dom';
import { paintCells, ratioRange, rgbOf } from './rankCells';
import { drawLocusCurves } from './locusDraw';
import { drawRankLegend } from './rankLegend';
import { niceTicks } from './ticks';
import type { Theme } from './theme';

const M = { left: 52, right: 92, top: 12, bottom: 40 };

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
  /** The locus of a map (drawn while it belongs to the map shown and the toggle is on). */
  private locus: LocusMessage | null = null;
  private locusOn = true;

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

  /** The locus of map `locus.mapId` (null: none), and whether it is shown. */
  setLocus(locus: LocusMessage | null, on: boolean): void {
    if (locus !== this.locus || on !== this.locusOn) this.dirty = true;
    this.locus = locus;
    this.locusOn = on;
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
    const locus = this.locusOn && this.locus && this.locus.mapId === f.id ? this.locus : null;
    if (locus) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(a.left, a.top, a.right - a.left, a.bottom - a.top);
      ctx.clip();
      drawLocusCurves(ctx, locus.lines, locus.points, (x, y) => this.toPx(a, x, y), t);
      ctx.restore();
    }
    // What is drawn of the locus (curves, points), for tests and assistive checks; empty when none is drawn.
    const drawn = locus ? `${locus.lines.length} ${locus.points.length / 2}` : '';
    if (this.canvas.dataset.locus !== drawn) this.canvas.dataset.locus = drawn;
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
    const place = { x: cssW - M.right + 14, top: a.top, bottom: a.bottom };
    const legend = { lut: this.lut, lo: this.lo, fullRank: this.frame?.fullRank, locus: this.locusOn };
    this.legend = drawRankLegend(ctx, place, t, legend, this.legend);
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
