// Small chart.js helpers the lab views share: a line dataset, a scatter chart with linear or log axes whose log
// ticks are powers of ten in the shared number format, and the plot area stamped on the canvas (for the pixel tests).
import type { ChartDataset } from 'chart.js';
import { num } from '../src/format';
import { Chart } from './charts';

/** A chart point. */
export type XY = { x: number; y: number };

/** A polyline dataset without markers. */
export function lineSet(label: string, color: string, dashed = false): ChartDataset<'scatter', XY[]> {
  return {
    label,
    data: [],
    showLine: true,
    pointRadius: 0,
    borderWidth: 1.5,
    borderColor: color,
    backgroundColor: color,
    borderDash: dashed ? [5, 4] : [],
  };
}

/** A markers-only dataset. */
export function pointSet(label: string, color: string, radius = 3): ChartDataset<'scatter', XY[]> {
  return { label, data: [], showLine: false, pointRadius: radius, borderColor: color, backgroundColor: color };
}

const powerTicks = (v: number | string): string => {
  const e = Math.log10(Number(v));
  return Math.abs(e - Math.round(e)) < 1e-9 ? num(Number(v)) : '';
};

/** A scatter chart with titled axes (`log` scales take powers-of-ten ticks). */
export function labChart(
  canvas: HTMLCanvasElement,
  datasets: ChartDataset<'scatter', XY[]>[],
  axes: { x: string; y: string; xLog?: boolean; yLog?: boolean },
): Chart<'scatter', XY[]> {
  const scale = (title: string, log: boolean | undefined) => ({
    type: log ? ('logarithmic' as const) : ('linear' as const),
    title: { display: true, text: title },
    ...(log ? { ticks: { callback: powerTicks } } : {}),
  });
  return new Chart<'scatter', XY[]>(canvas, {
    type: 'scatter',
    data: { datasets },
    options: {
      responsive: true,
      maintainAspectRatio: true,
      aspectRatio: 1.4,
      animation: false,
      scales: { x: scale(axes.x, axes.xLog), y: scale(axes.y, axes.yLog) },
      plugins: { tooltip: { enabled: false } },
    },
  });
}

/** Updates a chart and stamps its plot area as `data-plot-area="left top right bottom"`. */
export function updateChart(chart: Chart<'scatter', XY[]>): void {
  chart.update('none');
  const a = chart.chartArea;
  (chart.canvas as HTMLCanvasElement).dataset.plotArea = [a.left, a.top, a.right, a.bottom]
    .map((v) => v.toFixed(2))
    .join(' ');
}

/** The points with a positive finite y (what a log axis can show). */
export const positive = (pts: XY[]): XY[] => pts.filter((p) => p.y > 0 && Number.isFinite(p.y));
