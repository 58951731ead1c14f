// Shared by the over-parameterization views: a chart.js line chart on linear or log axes (powers of ten labelled in
// the shared number format), vertical and horizontal reference lines drawn by a plugin, the plot area recorded on
// the canvas (tests read pixels inside it), and CSV from columns.
import type { Plugin } from 'chart.js';
import { num } from '../src/format';
import { Chart } from './charts';
import { csvCell } from './exportFigure';
import type { Theme } from './theme';

/** A point of a chart. */
export type XY = { x: number; y: number };

/** A line (or dots) of a chart. */
export interface Series {
  label: string;
  color: string;
  dashed?: boolean;
  dots?: boolean;
  width?: number;
}

/** A reference line: vertical at x, or horizontal at y, with a label. */
export interface Rule {
  x?: number;
  y?: number;
  label: string;
  color: string;
}

const isPower = (v: number): boolean => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;
/** Powers of ten only; every tick when the axis holds no power of ten (a range inside one decade, like L's floor). */
const powerTicks = (v: number | string, _i: number, ticks: { value: number }[]): string =>
  isPower(Number(v)) || !ticks.some((t) => isPower(t.value)) ? num(Number(v)) : '';

/** A scatter chart with lines; `rules()` gives the reference lines drawn over the plot. */
export function lineChart(
  canvas: HTMLCanvasElement,
  t: Theme,
  o: { x: string; y: string; xLog?: boolean; yLog?: boolean; series: Series[]; rules?: () => Rule[]; aspect?: number },
): Chart<'scatter'> {
  const rules: Plugin<'scatter'> = {
    id: 'rules',
    afterDatasetsDraw: (chart) => {
      const { ctx, chartArea: a, scales } = chart;
      ctx.save();
      ctx.lineWidth = 1;
      ctx.setLineDash([4, 3]);
      ctx.font = `11px ${t.font}`;
      for (const r of o.rules?.() ?? []) {
        ctx.strokeStyle = r.color;
        ctx.fillStyle = r.color;
        ctx.beginPath();
        if (r.x !== undefined) {
          const px = scales.x.getPixelForValue(r.x);
          if (px < a.left || px > a.right) continue;
          ctx.moveTo(px, a.top);
          ctx.lineTo(px, a.bottom);
          ctx.stroke();
          ctx.fillText(r.label, Math.min(px + 3, a.right - 40), a.top + 11);
        } else if (r.y !== undefined) {
          const py = scales.y.getPixelForValue(r.y);
          if (py < a.top || py > a.bottom) continue;
          ctx.moveTo(a.left, py);
          ctx.lineTo(a.right, py);
          ctx.stroke();
          ctx.fillText(r.label, a.left + 4, py - 3);
        }
      }
      ctx.restore();
      canvas.dataset.plotArea = [a.left, a.top, a.right, a.bottom].map((v) => v.toFixed(2)).join(' ');
      // The axes' ranges, so a test can turn a pixel row back into a value.
      canvas.dataset.yRange = `${scales.y.min} ${scales.y.max}`;
      canvas.dataset.xRange = `${scales.x.min} ${scales.x.max}`;
    },
  };
  const axis = (log: boolean | undefined, title: string) => ({
    type: log ? ('logarithmic' as const) : ('linear' as const),
    title: { display: true, text: title },
    ...(log ? { ticks: { callback: powerTicks } } : {}),
  });
  return new Chart(canvas, {
    type: 'scatter',
    data: {
      datasets: o.series.map((s) => ({
        label: s.label,
        data: [] as XY[],
        showLine: !s.dots,
        pointRadius: s.dots ? 2.5 : 0,
        borderWidth: s.width ?? 1.5,
        borderColor: s.color,
        backgroundColor: s.color,
        borderDash: s.dashed ? [5, 4] : [],
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: true,
      aspectRatio: o.aspect ?? 1.4,
      animation: false,
      scales: { x: axis(o.xLog, o.x), y: axis(o.yLog, o.y) },
      plugins: { tooltip: { enabled: false } },
    },
    plugins: [rules],
  });
}

/** The points (x_i, y_i) that a log axis can show (finite, and positive where the axis is logarithmic). */
export function points(
  xs: readonly (number | null)[],
  ys: readonly (number | null)[],
  logX = false,
  logY = true,
): XY[] {
  const out: XY[] = [];
  xs.forEach((x, i) => {
    const y = ys[i];
    if (x === null || y === null || !Number.isFinite(x) || !Number.isFinite(y)) return;
    if ((logX && !(x > 0)) || (logY && !(y > 0))) return;
    out.push({ x, y });
  });
  return out;
}

/** A CSV from named columns of equal length (null and non-finite cells left empty). */
export function columnsCsv(columns: Record<string, readonly (number | string | null)[]>): string {
  const names = Object.keys(columns);
  const rows = Math.max(0, ...names.map((n) => columns[n].length));
  const cell = (v: number | string | null | undefined): string =>
    v === null || v === undefined ? '' : typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : csvCell(v);
  const out = [names.map(csvCell).join(',')];
  for (let i = 0; i < rows; i++) out.push(names.map((n) => cell(columns[n][i])).join(','));
  return `${out.join('\n')}\n`;
}
