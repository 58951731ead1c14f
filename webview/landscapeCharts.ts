// The Landscape view's trajectory plots: L along each GD run (log scale), and the blog's positive correlation
// cos(g, J Jᵀ g) along it with the Kantorovich bound 2√(λmin λmax)/(λmin + λmax) of M = J Jᵀ (drawn where M is
// positive definite, i.e. the bound is above 0).
import type { LandscapeTrajectoryData } from '../src/protocol/labs/landscapeLab';
import { num } from '../src/format';
import { Chart } from './charts';
import { el } from './dom';
import type { Theme } from './theme';

type XY = { x: number; y: number };

/** The loss and cosine charts of the trajectories. */
export class LandscapeCharts {
  readonly element: HTMLElement;
  private readonly lossCanvas = el('canvas', { class: 'landscape-loss', role: 'img', 'aria-label': 'L along GD' });
  private readonly cosCanvas = el('canvas', {
    class: 'landscape-cosine',
    role: 'img',
    'aria-label': 'cos(g, J Jᵀ g) along GD, with its bound',
  });
  private loss: Chart<'scatter'> | undefined;
  private cos: Chart<'scatter'> | undefined;
  private data: LandscapeTrajectoryData[] = [];

  constructor(private readonly theme: () => Theme) {
    this.element = el(
      'div',
      { class: 'landscape-figures' },
      el('div', { class: 'landscape-chart' }, this.lossCanvas),
      el('div', { class: 'landscape-chart' }, this.cosCanvas),
    );
  }

  set(trajectories: LandscapeTrajectoryData[]): void {
    this.data = trajectories;
    this.update();
  }

  retheme(): void {
    this.loss?.destroy();
    this.cos?.destroy();
    this.loss = this.cos = undefined;
    this.update();
  }

  private update(): void {
    if (this.data.length === 0) return;
    this.ensure();
    const t = this.theme();
    const colour = (k: number) => (k === 0 ? t.theta : t.foreground);
    const line = (label: string, data: XY[], color: string, dash: number[]) => ({
      label,
      data,
      showLine: true,
      pointRadius: 0,
      borderWidth: 1.5,
      borderColor: color,
      backgroundColor: color,
      borderDash: dash,
    });
    this.loss!.data.datasets = this.data.map((tr, k) =>
      line(
        tr.label,
        tr.points.filter((p) => p.loss > 0).map((p) => ({ x: p.t, y: p.loss })),
        colour(k),
        k === 0 ? [] : [5, 4],
      ),
    );
    this.cos!.data.datasets = this.data.flatMap((tr, k) => [
      line(
        `cos, ${tr.label}`,
        tr.points.filter((p) => p.cosine !== null).map((p) => ({ x: p.t, y: p.cosine! })),
        colour(k),
        k === 0 ? [] : [5, 4],
      ),
      line(
        `bound, ${tr.label}`,
        tr.points.filter((p) => p.bound !== null && p.bound > 0).map((p) => ({ x: p.t, y: p.bound! })),
        t.accent,
        k === 0 ? [2, 2] : [1, 3],
      ),
    ]);
    this.loss!.update('none');
    this.cos!.update('none');
  }

  private ensure(): void {
    if (this.loss && this.cos) return;
    const common = { responsive: true, maintainAspectRatio: true, aspectRatio: 1.3, animation: false as const };
    this.loss = new Chart(this.lossCanvas, {
      type: 'scatter',
      data: { datasets: [] },
      options: {
        ...common,
        scales: {
          x: { type: 'linear', title: { display: true, text: 'step' } },
          y: {
            type: 'logarithmic',
            title: { display: true, text: 'L' },
            ticks: {
              callback: (v) => {
                const e = Math.log10(Number(v));
                return Math.abs(e - Math.round(e)) < 1e-9 ? num(Number(v)) : '';
              },
            },
          },
        },
        plugins: { tooltip: { enabled: false } },
      },
    });
    this.cos = new Chart(this.cosCanvas, {
      type: 'scatter',
      data: { datasets: [] },
      options: {
        ...common,
        scales: {
          x: { type: 'linear', title: { display: true, text: 'step' } },
          y: { type: 'linear', min: -0.05, max: 1.05, title: { display: true, text: 'cos(g, J Jᵀ g)' } },
        },
        plugins: { tooltip: { enabled: false } },
      },
    });
  }
}
