// The Landscape view's slice figure: the ‖J‖ heat map (a toggleable layer), contours of L(W), arrows of -∇_W L,
// the trajectories' paths, the critical points by class, and the live point. Everything but the live point is drawn
// once per result into an offscreen layer; a frame (a slider move) only blits it and draws the live point.
import type { LandscapeLabResult, LandscapePoint, LandscapeSliceData } from '../src/protocol/labs/landscapeLab';
import { num as fmt } from '../src/format';
import { cssColor, viridisTable } from './colormap';
import { contourLevels, isolineSegments } from './contours';
import { el } from './dom';
import { drawMarker, onSlice } from './landscapeMarkers';
import { arrowPolygons, arrowStats, fillPolygon, quiverScale, type PlotArea } from './quiver';
import { niceTicks } from './ticks';
import type { Theme } from './theme';

const M = { left: 52, right: 16, top: 12, bottom: 40 };

/** The slice figure (its canvas carries `data-plot-area` = left top right bottom xmin xmax ymin ymax). */
export class LandscapeCanvas {
  readonly canvas = el('canvas', { class: 'landscape-slice', role: 'img', 'aria-label': 'Loss landscape slice' });
  private readonly layer = document.createElement('canvas');
  private readonly lut = viridisTable();
  private slice: LandscapeSliceData | null = null;
  private points: LandscapePoint[] = [];
  private paths: number[][][] = [];
  private names: [string, string] = ['', ''];
  private live: [number, number] | null = null;
  private layerDirty = true;
  private dirty = true;
  private width = 460;
  /** Show the ‖J‖ heat map under the contours. */
  heat = false;

  constructor(
    root: HTMLElement,
    private readonly theme: () => Theme,
  ) {
    const wrap = el('div', { class: 'landscape-wrap' }, this.canvas);
    root.append(wrap);
    new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentRect.width ?? this.width);
      if (w > 0 && w !== this.width) {
        this.width = w;
        this.invalidate();
      }
    }).observe(wrap);
  }

  /** A slice (or a partial's) with the points found so far and the trajectories' paths. */
  setData(
    slice: LandscapeSliceData | null,
    points: LandscapePoint[],
    trajectories: LandscapeLabResult['trajectories'],
    names: [string, string],
  ): void {
    this.slice = slice;
    this.points = points;
    this.names = names;
    this.paths = slice ? trajectories.map((t) => t.points.map((p) => [p.W[slice.x.param], p.W[slice.y.param]])) : [];
    this.invalidate();
  }

  /** The live point's two slice coordinates (drawn on each frame, cheaply). */
  setLive(live: [number, number] | null): void {
    if (live?.[0] === this.live?.[0] && live?.[1] === this.live?.[1]) return;
    this.live = live;
    this.dirty = true;
  }

  /** Everything is drawn again on the next `draw` (size, theme, layer toggle). */
  invalidate(): void {
    this.layerDirty = true;
    this.dirty = true;
  }

  /** Plot area in CSS px and its data range. */
  area(): PlotArea {
    const s = this.slice!;
    const cssW = this.cssWidth();
    return {
      left: M.left,
      top: M.top,
      right: cssW - M.right,
      bottom: cssW - M.right - M.left + M.top,
      xmin: s.x.from,
      xmax: s.x.to,
      ymin: s.y.from,
      ymax: s.y.to,
    };
  }

  draw(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const s = this.slice;
    const cssW = this.cssWidth(),
      cssH = cssW - M.right - M.left + M.top + M.bottom;
    const dpr = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(cssW * dpr) || this.canvas.height !== Math.round(cssH * dpr)) {
      for (const c of [this.canvas, this.layer]) {
        c.width = Math.round(cssW * dpr);
        c.height = Math.round(cssH * dpr);
      }
      this.canvas.style.width = `${cssW}px`;
      this.canvas.style.height = `${cssH}px`;
      this.layerDirty = true;
    }
    const ctx = this.canvas.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    if (this.layerDirty) {
      this.layerDirty = false;
      this.paintLayer(cssW, cssH, dpr);
    }
    ctx.drawImage(this.layer, 0, 0);
    if (!s || !this.live) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const a = this.area();
    const [px, py] = toPx(a, this.live[0], this.live[1]);
    const t = this.theme();
    ctx.lineWidth = 3;
    ctx.strokeStyle = t.background;
    ctx.beginPath();
    ctx.arc(px, py, 4, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = t.marker;
    ctx.beginPath();
    ctx.arc(px, py, 4, 0, 2 * Math.PI);
    ctx.moveTo(px - 11, py);
    ctx.lineTo(px - 5, py);
    ctx.moveTo(px + 5, py);
    ctx.lineTo(px + 11, py);
    ctx.moveTo(px, py - 11);
    ctx.lineTo(px, py - 5);
    ctx.moveTo(px, py + 5);
    ctx.lineTo(px, py + 11);
    ctx.stroke();
    this.canvas.dataset.live = `${px.toFixed(2)} ${py.toFixed(2)}`;
  }

  private cssWidth(): number {
    return Math.max(300, Math.min(560, this.width));
  }

  private paintLayer(cssW: number, cssH: number, dpr: number): void {
    const ctx = this.layer.getContext('2d')!;
    const t = this.theme();
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = t.background;
    ctx.fillRect(0, 0, cssW, cssH);
    const s = this.slice;
    if (!s) return;
    const a = this.area();
    ctx.save();
    ctx.beginPath();
    ctx.rect(a.left, a.top, a.right - a.left, a.bottom - a.top);
    ctx.clip();
    if (this.heat) this.paintHeat(ctx, s, a);
    this.paintContours(ctx, s, a, t);
    // On the heat map the arrows take the background colour (the foreground would vanish on viridis' bright end).
    ctx.fillStyle = this.heat ? t.background : t.foreground;
    ctx.globalAlpha = 0.55;
    const arrows = { gx: gridX(s.ax, s.ay), gy: gridY(s.ax, s.ay), dx: nums(s.dx), dy: nums(s.dy) };
    const st = arrowStats(arrows);
    const scale = quiverScale(s.x.to - s.x.from, st.n, st.mean);
    for (const poly of arrowPolygons(arrows, a, scale, 2)) fillPolygon(ctx, poly);
    ctx.globalAlpha = 1;
    ctx.lineWidth = 2;
    this.paths.forEach((path, k) => {
      ctx.strokeStyle = t.theta;
      ctx.setLineDash(k === 0 ? [] : [5, 4]);
      ctx.beginPath();
      path.forEach(([x, y], i) => {
        const [px, py] = toPx(a, x, y);
        if (i === 0) ctx.moveTo(px, py);
        else ctx.lineTo(px, py);
      });
      ctx.stroke();
    });
    ctx.setLineDash([]);
    // Faded (off-slice) points first, so the ones on the slice stay on top.
    const placed = this.points.map((c) => ({ c, on: onSlice(c.W, s.base, s.x.param, s.y.param) }));
    for (const { c, on } of [...placed.filter((p) => !p.on), ...placed.filter((p) => p.on)]) {
      const [px, py] = toPx(a, c.W[s.x.param], c.W[s.y.param]);
      drawMarker(ctx, c, px, py, t.background, on ? 1 : 0.35);
    }
    ctx.restore();
    this.paintAxes(ctx, a, t);
    this.canvas.dataset.plotArea = [a.left, a.top, a.right, a.bottom, a.xmin, a.xmax, a.ymin, a.ymax]
      .map((v) => v.toFixed(4))
      .join(' ');
  }

  private paintHeat(ctx: CanvasRenderingContext2D, s: LandscapeSliceData, a: PlotArea): void {
    // log10 ‖J‖ over the finite positive cells, in viridis: dark = vanishing gradients, bright = exploding.
    const logs = s.opNorm.map((v) => (v !== null && v > 0 ? Math.log10(v) : NaN));
    const finite = logs.filter(Number.isFinite);
    const lo = Math.min(...finite),
      hi = Math.max(...finite);
    const nx = s.xs.length,
      ny = s.ys.length;
    const cw = (a.right - a.left) / nx,
      ch = (a.bottom - a.top) / ny;
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const v = logs[j * nx + i];
        if (!Number.isFinite(v)) continue;
        ctx.fillStyle = cssColor(this.lut, hi > lo ? (v - lo) / (hi - lo) : 0.5);
        ctx.fillRect(a.left + i * cw, a.bottom - (j + 1) * ch, cw + 0.5, ch + 0.5);
      }
  }

  private paintContours(ctx: CanvasRenderingContext2D, s: LandscapeSliceData, a: PlotArea, t: Theme): void {
    const grid = { x: s.xs, y: s.ys, loss: s.loss };
    // High contrast's accent is orange, the saddles' colour: its contours are the foreground, thinner in alpha.
    ctx.strokeStyle = this.heat ? t.background : t.highContrast ? t.foreground : t.accent;
    ctx.globalAlpha = t.highContrast && !this.heat ? 0.45 : 0.7;
    ctx.lineWidth = 1;
    for (const level of contourLevels(grid, 12)) {
      ctx.beginPath();
      for (const [x0, y0, x1, y1] of isolineSegments(grid, level)) {
        ctx.moveTo(...toPx(a, x0, y0));
        ctx.lineTo(...toPx(a, x1, y1));
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }

  private paintAxes(ctx: CanvasRenderingContext2D, a: PlotArea, t: Theme): void {
    ctx.strokeStyle = t.foreground;
    ctx.fillStyle = t.foreground;
    ctx.lineWidth = 1;
    ctx.strokeRect(a.left - 0.5, a.top - 0.5, a.right - a.left + 1, a.bottom - a.top + 1);
    ctx.font = `11px ${t.font}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const v of niceTicks(a.xmin, a.xmax)) ctx.fillText(fmt(v), toPx(a, v, 0)[0], a.bottom + 6);
    ctx.fillText(this.names[0], (a.left + a.right) / 2, a.bottom + 22);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of niceTicks(a.ymin, a.ymax)) ctx.fillText(fmt(v), a.left - 6, toPx(a, 0, v)[1]);
    ctx.save();
    ctx.translate(12, (a.top + a.bottom) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillText(this.names[1], 0, 0);
    ctx.restore();
  }
}

/** Data to CSS px in the plot area. */
export function toPx(a: PlotArea, x: number, y: number): [number, number] {
  return [
    a.left + ((x - a.xmin) / (a.xmax - a.xmin)) * (a.right - a.left),
    a.bottom - ((y - a.ymin) / (a.ymax - a.ymin)) * (a.bottom - a.top),
  ];
}

const nums = (v: (number | null)[]): number[] => v.map((x) => x ?? NaN);
const gridX = (xs: number[], ys: number[]): number[] => ys.flatMap(() => xs);
const gridY = (xs: number[], ys: number[]): number[] => ys.flatMap((y) => xs.map(() => y));
