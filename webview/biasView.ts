// The Implicit-bias view: per initialization scale α (the file's sweep) the gradient flow's endpoint's ‖θ∞‖₁ and
// ‖θ∞‖₂ on a log α axis, the minimum-ℓ1 and minimum-ℓ2 norms as reference lines, the gap to Woodworth's Q_α argmin;
// for d = 2 the flows in θ beside the ℓ1 and ℓ2 balls that touch the solution line a·θ = b.
import type { BiasLabResult } from '../src/protocol/labs/biasLab';
import { num } from '../src/format';
import type { Chart } from './charts';
import { el } from './dom';
import { composeField, pngBase64 } from './exportFigure';
import { LabRun } from './labRun';
import { columnsCsv, lineChart, points, type XY } from './labFigure';
import type { MessageOf, PanelView, ViewHost, ViewSection } from './view';

/** The ℓ1 ball (a diamond) and the ℓ2 ball (a circle) of radius r, as closed polylines. */
function balls(r1: number, r2: number): { l1: XY[]; l2: XY[] } {
  const l1 = [
    { x: r1, y: 0 },
    { x: 0, y: r1 },
    { x: -r1, y: 0 },
    { x: 0, y: -r1 },
    { x: r1, y: 0 },
  ];
  const l2 = Array.from({ length: 97 }, (_, i) => {
    const a = (2 * Math.PI * i) / 96;
    return { x: r2 * Math.cos(a), y: r2 * Math.sin(a) };
  });
  return { l1, l2 };
}

/** Implicit bias over α. */
export class BiasView implements PanelView<'document' | 'lab'> {
  private readonly run: LabRun<'bias'>;
  private readonly note = el('p', { class: 'note' });
  private readonly normCanvas = el('canvas', { class: 'bias-norms', role: 'img', 'aria-label': 'Norms against α' });
  private readonly gapCanvas = el('canvas', { class: 'bias-gap', role: 'img', 'aria-label': 'Q_α gap against α' });
  private readonly planeCanvas = el('canvas', { class: 'bias-plane', role: 'img', 'aria-label': 'Flows in θ' });
  private readonly planeBox: HTMLElement;
  private readonly figures: HTMLElement;
  private charts: Chart<'scatter'>[] = [];
  private shown: BiasLabResult | null = null;
  private version = -1;
  private dirty = false;

  constructor(
    section: ViewSection,
    private readonly host: ViewHost,
  ) {
    this.run = new LabRun(host, 'bias', 'the implicit-bias sweep', () => ({}), {
      started: () => {
        this.shown = null;
        this.dirty = true;
        this.figures.hidden = false;
      },
      partial: (p) => this.show(p),
      result: (r) => this.show(r),
    });
    section.controls?.append(this.run.element);
    this.planeBox = el('div', { class: 'training-canvas' }, this.planeCanvas);
    this.figures = el(
      'div',
      { class: 'training-figures lab-figures' },
      el('div', { class: 'training-canvas' }, this.normCanvas),
      el('div', { class: 'training-canvas' }, this.gapCanvas),
      this.planeBox,
    );
    this.figures.hidden = true;
    section.body.append(this.note, this.figures);
  }

  receive(m: MessageOf<'document' | 'lab'>): void {
    if (m.type === 'lab') return this.run.receive(m);
    if (m.version === this.version) return;
    this.version = m.version;
    this.run.reset();
    this.shown = null;
    this.figures.hidden = true;
    this.note.textContent = '';
  }

  draw(): void {
    if (!this.dirty || this.figures.hidden) return;
    this.dirty = false;
    this.ensureCharts();
    const s = this.shown;
    const [norms, gap, plane] = this.charts;
    norms.data.datasets[0].data = s ? points(s.alphas, s.l1, true) : [];
    norms.data.datasets[1].data = s ? points(s.alphas, s.l2, true) : [];
    gap.data.datasets[0].data = s ? points(s.alphas, s.qAlphaGap, true) : [];
    const two = s !== null && s.minL2Solution.length === 2;
    this.planeBox.hidden = !two;
    if (two && s) {
      const { l1, l2 } = balls(s.minL1, s.minL2);
      const line = s.line;
      // The line a·θ = b across the box |θ| ≤ 1.6 · max(‖θ*‖₁).
      const R = 1.6 * Math.max(s.minL1, s.minL2, ...s.theta.map((t) => Math.hypot(...t)));
      let seg: XY[] = [];
      if (line && Math.abs(line.a[1]) > 1e-12)
        seg = [-R, R].map((x) => ({ x, y: (line.b - line.a[0] * x) / line.a[1] }));
      else if (line) seg = [-R, R].map((y) => ({ x: line.b / line.a[0], y }));
      plane.data.datasets[0].data = seg;
      plane.data.datasets[1].data = l1;
      plane.data.datasets[2].data = l2;
      plane.data.datasets[3].data = s.paths.flatMap((p) => [...p.map(([x, y]) => ({ x, y })), { x: NaN, y: NaN }]);
      plane.data.datasets[4].data = s.theta.map(([x, y]) => ({ x, y }));
      const sc = plane.options.scales!;
      sc.x!.min = sc.y!.min = -R;
      sc.x!.max = sc.y!.max = R;
    }
    for (const c of this.charts) c.update('none');
  }

  invalidate(): void {
    this.dirty = true;
  }

  retheme(): void {
    for (const c of this.charts) c.destroy();
    this.charts = [];
    this.dirty = true;
  }

  exportData(format: string): string | null {
    const s = this.shown;
    if (!s) return null;
    if (format === 'png') return pngBase64(composeField(this.figures, this.host.theme()));
    if (format !== 'csv') return null;
    const d = s.theta[0]?.length ?? 0;
    const thetas: Record<string, number[]> = {};
    for (let k = 0; k < Math.min(d, 100); k++) thetas[`θ${k + 1}`] = s.theta.map((t) => t[k]);
    return columnsCsv({
      [s.sweep]: s.alphas,
      '‖θ∞‖₁': s.l1,
      '‖θ∞‖₂': s.l2,
      '‖θ∞ - argmin Q_α‖': s.qAlphaGap,
      'final L': s.loss,
      'min ℓ1': s.alphas.map(() => s.minL1),
      'min ℓ2': s.alphas.map(() => s.minL2),
      ...thetas,
    });
  }

  private show(s: BiasLabResult): void {
    this.shown = s;
    const first = s.alphas.length ? `at ${s.sweep} = ${num(s.alphas[0])}: ‖θ∞‖₁ = ${num(s.l1[0])}` : '';
    const last = s.alphas.length ? `; at ${s.sweep} = ${num(s.alphas.at(-1)!)}: ‖θ∞‖₂ = ${num(s.l2.at(-1)!)}` : '';
    this.note.textContent =
      `Gradient flow from u = v = ${s.sweep} to convergence; minimum ℓ1 norm ${num(s.minL1)} (simplex), minimum ℓ2 ` +
      `norm ${num(s.minL2)} (pseudo-inverse). ${first}${last}. Small ${s.sweep} ends near the sparse ℓ1 solution, large ` +
      `${s.sweep} near the ℓ2 one.`;
    this.normCanvas.dataset.alphas = String(s.alphas.length);
    this.dirty = true;
    this.host.scheduleDraw();
  }

  private ensureCharts(): void {
    if (this.charts.length) return;
    const t = this.host.theme();
    const sweep = this.shown?.sweep ?? 'α';
    this.charts = [
      lineChart(this.normCanvas, t, {
        x: sweep,
        y: 'norm of θ∞',
        xLog: true,
        yLog: false,
        series: [
          { label: '‖θ∞‖₁', color: t.deficient, width: 2 },
          { label: '‖θ∞‖₂', color: t.theta, width: 2 },
        ],
        rules: () =>
          this.shown
            ? [
                { y: this.shown.minL1, label: 'min ℓ1', color: t.deficient },
                { y: this.shown.minL2, label: 'min ℓ2', color: t.theta },
              ]
            : [],
      }),
      lineChart(this.gapCanvas, t, {
        x: sweep,
        y: '‖θ∞ - argmin Q_α‖₂',
        xLog: true,
        yLog: true,
        series: [{ label: 'Q_α gap', color: t.foreground, width: 2 }],
      }),
      lineChart(this.planeCanvas, t, {
        x: 'θ1',
        y: 'θ2',
        aspect: 1,
        series: [
          { label: 'a·θ = b', color: t.foreground },
          { label: 'ℓ1 ball', color: t.deficient, dashed: true },
          { label: 'ℓ2 ball', color: t.theta, dashed: true },
          { label: 'flows', color: t.accent },
          { label: 'θ∞', color: t.foreground, dots: true },
        ],
      }),
    ];
    this.charts[2].data.datasets[3].spanGaps = false;
  }
}
