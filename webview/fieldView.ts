// The gradient field: one chart.js subplot per point, arrows drawn by a plugin within the chart's axes.
import type { Plugin } from 'chart.js';
import type { FieldFrame, FieldGrid, LocusMessage } from '../src/protocol/panel';
import { Chart } from './charts';
import { el } from './dom';
import { drawLocusMarks } from './locusDraw';
import { arrowPolygons, arrowStats, fillPolygon, quiverScale, thetaPolygon } from './quiver';
import type { PlotArea } from './quiver';
import type { Theme } from './theme';

interface Subplot {
  figure: HTMLElement;
  title: HTMLElement;
  canvas: HTMLCanvasElement;
  chart: Chart<'scatter'>;
  field: FieldFrame;
  /** Its data changed since it was last drawn. */
  dirty: boolean;
  /** The chart without arrows (axes, grid, labels) as chart.js last drew it, to redraw only the arrows over it. */
  axes: HTMLCanvasElement | undefined;
}

/** The axis range of a grid, with a margin so edge arrows are not cut (like the blog's [-2.2, 2.2]). */
export function axisRange(grid: FieldGrid): [number, number] {
  const m = (grid.max - grid.min) * 0.05;
  return [grid.min - m, grid.max + m];
}

/** Shaft width in pixels for a plot of this width (quiver's 0.005 of the axes width, at least 1.2 px). */
export const shaftWidth = (plotWidth: number): number => Math.max(1.2, 0.005 * plotWidth);

/** Subplots of the gradient field; `draw` repaints what changed from the latest data without rebuilding charts. */
export class FieldView {
  private subplots: Subplot[] = [];
  private common = false;
  live = 0;
  /** The locus's image in θ and the subplot it marks (the live point's, whose slice the rank map shows). */
  private marks: { pointIndex: number; theta: NonNullable<LocusMessage['theta']> } | null = null;
  private coords: [number, number] = [0, 1];

  /** One arrow scale for all subplots (then one subplot's data moves every subplot's arrows). */
  get commonScale(): boolean {
    return this.common;
  }

  set commonScale(on: boolean) {
    if (on !== this.common) this.invalidate();
    this.common = on;
  }

  constructor(
    private readonly root: HTMLElement,
    private readonly theme: () => Theme,
    private readonly onSelect: (pointIndex: number) => void,
  ) {}

  /** Rebuilds the subplots for a new set of fields (new document, grid or axes). */
  setFields(fields: FieldFrame[], grid: FieldGrid, axisNames: [string, string]): void {
    this.destroy();
    this.coords = [grid.coords[0], grid.coords[1]];
    const [lo, hi] = axisRange(grid);
    for (const field of fields) {
      const canvas = el('canvas', { role: 'img', 'aria-label': `Gradient field at ${field.label}` });
      const title = el('h3', { class: 'subplot-title' }, field.label);
      const figure = el(
        'figure',
        {
          class: 'subplot',
          tabindex: 0,
          'data-point': field.pointIndex,
          'aria-label': `Subplot ${field.label}; press Enter to make it the live point`,
        },
        title,
        el('div', { class: 'subplot-canvas' }, canvas),
      );
      figure.addEventListener('click', () => this.onSelect(field.pointIndex));
      figure.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          this.onSelect(field.pointIndex);
        }
      });
      this.root.append(figure);
      const sub: Subplot = {
        figure,
        title,
        canvas,
        field,
        dirty: true,
        axes: undefined,
        chart: undefined as unknown as Chart<'scatter'>,
      };
      sub.chart = new Chart(canvas, {
        type: 'scatter',
        data: { datasets: [{ data: [], pointRadius: 0 }] },
        options: {
          responsive: true,
          maintainAspectRatio: true,
          aspectRatio: 1.15,
          animation: false,
          events: [],
          scales: {
            x: {
              type: 'linear',
              min: lo,
              max: hi,
              title: { display: true, text: axisNames[0] },
              ticks: { maxTicksLimit: 5 },
            },
            y: {
              type: 'linear',
              min: lo,
              max: hi,
              title: { display: true, text: axisNames[1] },
              ticks: { maxTicksLimit: 5 },
            },
          },
          plugins: { tooltip: { enabled: false } },
        },
        plugins: [this.arrowPlugin(sub)],
      });
      this.subplots.push(sub);
    }
    this.markLive();
  }

  /** Replaces one subplot's arrows (the live point while dragging). */
  updateField(field: FieldFrame): void {
    const sub = this.subplots.find((s) => s.field.pointIndex === field.pointIndex);
    if (!sub) return;
    sub.field = field;
    if (this.common) this.invalidate();
    else sub.dirty = true;
    if (sub.title.textContent === field.label) return;
    sub.title.textContent = field.label;
    sub.canvas.setAttribute('aria-label', `Gradient field at ${field.label}`);
  }

  /** Marks subplot `pointIndex` with the locus's image in θ (null: no marks). */
  setLocusMarks(pointIndex: number, theta: LocusMessage['theta']): void {
    const old = this.marks;
    this.marks = theta ? { pointIndex, theta } : null;
    if (old === null && this.marks === null) return;
    for (const s of this.subplots)
      if (s.field.pointIndex === old?.pointIndex || s.field.pointIndex === pointIndex) s.dirty = true;
  }

  /** Every subplot is redrawn on the next `draw` (scale, size or theme changed). */
  invalidate(): void {
    for (const s of this.subplots) s.dirty = true;
  }

  /** Marks the live subplot. */
  markLive(): void {
    for (const s of this.subplots) {
      const live = s.field.pointIndex === this.live;
      if (s.figure.classList.contains('live') !== live) s.figure.classList.toggle('live', live);
    }
  }

  /** Repaints the subplots whose data changed (while a slider drags, only the live one unless one scale is shared):
   *  the arrows over a copy of the chart's last axes, or the whole chart when its size changed since. */
  draw(): void {
    for (const s of this.subplots) {
      if (!s.dirty) continue;
      s.dirty = false;
      const axes = s.axes;
      if (!axes || axes.width !== s.canvas.width || axes.height !== s.canvas.height) {
        s.chart.draw();
        continue;
      }
      const ctx = s.chart.ctx;
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.globalCompositeOperation = 'copy';
      ctx.drawImage(axes, 0, 0);
      ctx.restore();
      this.drawArrows(s, s.chart);
    }
  }

  /** Destroys every chart. */
  destroy(): void {
    this.marks = null;
    for (const s of this.subplots) s.chart.destroy();
    this.subplots = [];
    this.root.replaceChildren();
  }

  private area(chart: Chart<'scatter'>): PlotArea {
    const a = chart.chartArea;
    const x = chart.scales.x;
    const y = chart.scales.y;
    return {
      left: a.left,
      top: a.top,
      right: a.right,
      bottom: a.bottom,
      xmin: x.min,
      xmax: x.max,
      ymin: y.min,
      ymax: y.max,
    };
  }

  /** Data units per unit of M g: per subplot, or one scale from the mean over all subplots. */
  private scaleFor(sub: Subplot, chart: Chart<'scatter'>): number {
    const width = chart.scales.x ? chart.scales.x.max - chart.scales.x.min : 0;
    if (!this.commonScale) {
      const s = arrowStats(sub.field);
      return quiverScale(width, s.n, s.mean);
    }
    let sum = 0;
    let n = 0;
    for (const o of this.subplots) {
      const s = arrowStats(o.field);
      sum += s.mean * s.n;
      n += s.n;
    }
    return quiverScale(width, n / Math.max(1, this.subplots.length), n > 0 ? sum / n : 0);
  }

  /** Keeps a copy of what chart.js drew before the (empty) dataset: the axes the arrows go over. */
  private keepAxes(sub: Subplot, chart: Chart<'scatter'>): void {
    const src = chart.canvas;
    const axes = sub.axes ?? document.createElement('canvas');
    if (axes.width !== src.width || axes.height !== src.height) {
      axes.width = src.width;
      axes.height = src.height;
    } else {
      axes.getContext('2d')!.clearRect(0, 0, axes.width, axes.height);
    }
    axes.getContext('2d')!.drawImage(src, 0, 0);
    sub.axes = axes;
  }

  private drawArrows(sub: Subplot, chart: Chart<'scatter'>): void {
    const area = this.area(chart);
    const ctx = chart.ctx;
    const t = this.theme();
    const w = shaftWidth(area.right - area.left);
    ctx.save();
    ctx.beginPath();
    ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    ctx.clip();
    const marks = this.marks;
    let rings = 0;
    if (
      marks &&
      marks.pointIndex === sub.field.pointIndex &&
      marks.theta.coords.every((c, i) => c === this.coords[i])
    ) {
      const sx = (area.right - area.left) / (area.xmax - area.xmin),
        sy = (area.bottom - area.top) / (area.ymax - area.ymin);
      const toPx = (x: number, y: number): [number, number] => [
        area.left + (x - area.xmin) * sx,
        area.bottom - (y - area.ymin) * sy,
      ];
      rings = drawLocusMarks(ctx, marks.theta.lines, marks.theta.points, toPx, t);
    }
    // How many locus markers the subplot shows (for tests); absent when none.
    if (chart.canvas.dataset.locusMarks !== String(rings)) chart.canvas.dataset.locusMarks = String(rings);
    ctx.fillStyle = t.foreground;
    for (const poly of arrowPolygons(sub.field, area, this.scaleFor(sub, chart), w)) {
      if (poly.length === 2) ctx.fillRect(poly[0] - 0.5, poly[1] - 0.5, 1, 1);
      else fillPolygon(ctx, poly);
    }
    ctx.fillStyle = t.theta;
    const th = thetaPolygon(sub.field.theta, area, w);
    if (th.length === 2) {
      ctx.beginPath();
      ctx.arc(th[0], th[1], w * 1.5, 0, 2 * Math.PI);
      ctx.fill();
    } else fillPolygon(ctx, th);
    ctx.restore();
    const plotArea = [area.left, area.top, area.right, area.bottom, area.xmin, area.xmax, area.ymin, area.ymax]
      .map((v) => v.toFixed(2))
      .join(' ');
    if (chart.canvas.dataset.plotArea !== plotArea) chart.canvas.dataset.plotArea = plotArea;
  }

  private arrowPlugin(sub: Subplot): Plugin<'scatter'> {
    return {
      id: 'overparamArrows',
      beforeDatasetsDraw: (chart) => this.keepAxes(sub, chart),
      afterDatasetsDraw: (chart) => this.drawArrows(sub, chart),
    };
  }
}
