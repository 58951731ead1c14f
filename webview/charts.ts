// The chart.js pieces this bundle uses (registered once, tree-shaken), with theme-driven defaults.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';
import type { Theme } from './theme';

Chart.register(
  ScatterController,
  BarController,
  LinearScale,
  LogarithmicScale,
  CategoryScale,
  PointElement,
  LineElement,
  BarElement,
  Tooltip,
);

/** Applies the theme's font and colours to chart.js defaults (call before building charts). */
export function applyChartTheme(t: Theme): void {
  Chart.defaults.color = t.foreground;
  Chart.defaults.borderColor = t.grid;
  Chart.defaults.font.family = t.font;
  Chart.defaults.font.size = 11;
  Chart.defaults.animation = false;
}

export { Chart };
