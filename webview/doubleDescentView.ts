// The Double-descent view: over the file's sweep of the number of features p, the minimum-norm (or ridge) fit's
// training and test risk (test on a log axis), the coefficients' norm and σ_min of the feature matrix, averaged over
// seeds, the interpolation threshold p = n marked. Every (p, repeat) fit is drawn as it arrives (a dot); the means
// fill in per p. The ridge slider re-runs: the peak flattens as λ grows.
import type { DoubleDescentLabResult } from '../src/protocol/labs/doubleDescentLab';
import { num } from '../src/format';
import type { Chart } from './charts';
import { el, uid } from './dom';
import { composeField, pngBase64 } from './exportFigure';
import { LabRun } from './labRun';
import { columnsCsv, lineChart, points, type Rule } from './labFigure';
import type { MessageOf, PanelView, ViewHost, ViewSection } from './view';

/** The ridge slider's stops: 0, then 1e-6 … 1. */
export const RIDGE_STOPS = [0, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1] as const;

/** Double descent over the file's sweep. */
export class DoubleDescentView implements PanelView<'document' | 'lab'> {
  private readonly repeats = el('input', {
    type: 'number',
    step: '1',
    min: 1,
    max: 100,
    class: 'num',
    id: uid('dd', 1),
  });
  private readonly ridge = el('input', {
    type: 'range',
    min: 0,
    max: RIDGE_STOPS.length - 1,
    step: 1,
    id: uid('dd', 2),
    'aria-label': 'Ridge λ (re-runs)',
  });
  private readonly ridgeText = el('output', { for: uid('dd', 2), class: 'dd-ridge' });
  private readonly run: LabRun<'doubleDescent'>;
  private readonly note = el('p', { class: 'note' });
  private readonly riskCanvas = el('canvas', { class: 'dd-risk', role: 'img', 'aria-label': 'Risk against p' });
  private readonly normCanvas = el('canvas', {
    class: 'dd-norm',
    role: 'img',
    'aria-label': 'Coefficient norm against p',
  });
  private readonly sigmaCanvas = el('canvas', { class: 'dd-sigma', role: 'img', 'aria-label': 'σ_min against p' });
  private readonly figures: HTMLElement;
  private charts: Chart<'scatter'>[] = [];
  private shown: DoubleDescentLabResult | null = null;
  private version = -1;
  private dirty = false;

  constructor(
    section: ViewSection,
    private readonly host: ViewHost,
  ) {
    this.repeats.value = '3';
    this.ridge.value = '0';
    this.ridgeText.textContent = 'λ = 0';
    this.run = new LabRun(host, 'doubleDescent', 'the double-descent sweep', () => this.params(), {
      started: () => {
        this.shown = null;
        this.dirty = true;
        this.figures.hidden = false;
      },
      partial: (p) => this.show(p),
      result: (r) => this.show(r),
    });
    this.ridge.addEventListener('input', () => (this.ridgeText.textContent = `λ = ${num(this.lambda())}`));
    this.ridge.addEventListener('change', () => this.run.start());
    const ctl = (text: string, input: HTMLElement, ...more: HTMLElement[]): HTMLElement =>
      el('span', { class: 'ctl' }, el('label', { for: input.id }, text), input, ...more);
    section.controls?.append(ctl('repeats', this.repeats), ctl('ridge', this.ridge, this.ridgeText), this.run.element);
    this.figures = el(
      'div',
      { class: 'training-figures lab-figures' },
      el('div', { class: 'training-canvas' }, this.riskCanvas),
      el('div', { class: 'training-canvas' }, this.normCanvas),
      el('div', { class: 'training-canvas' }, this.sigmaCanvas),
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
    const [risk, norm, sigma] = this.charts;
    risk.data.datasets[0].data = s ? points(s.values, s.testRisk) : [];
    risk.data.datasets[1].data = s ? points(s.values, s.trainRisk) : [];
    risk.data.datasets[2].data = s
      ? points(
          s.fits.map((f) => f.value),
          s.fits.map((f) => f.test),
        )
      : [];
    // The axis is the test risk's (with room above its peak): training risk past p = n is ~1e-27, and on its
    // range the test peak would sit squeezed against the top; below the axis it is 0 to plotting accuracy.
    const tests = (s?.testRisk ?? []).filter((v): v is number => v !== null && v > 0);
    const ys = risk.options.scales!.y!;
    ys.min = tests.length ? Math.min(...tests) / 30 : undefined;
    ys.max = tests.length ? Math.max(...tests) * 3 : undefined;
    norm.data.datasets[0].data = s ? points(s.values, s.norm) : [];
    sigma.data.datasets[0].data = s ? points(s.values, s.sigmaMin) : [];
    for (const c of this.charts) c.update('none');
    if (s) {
      const x = risk.scales.x.getPixelForValue(s.n);
      this.riskCanvas.dataset.thresholdX = x.toFixed(2);
      this.riskCanvas.dataset.points = String(s.values.length);
      this.riskCanvas.dataset.fits = String(s.fits.length);
    }
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
    return columnsCsv({
      [s.sweep]: s.values,
      'train risk': s.trainRisk,
      'test risk': s.testRisk,
      '‖w‖': s.norm,
      'σ_min(DF)': s.sigmaMin,
    });
  }

  private lambda(): number {
    return RIDGE_STOPS[Math.max(0, Math.min(RIDGE_STOPS.length - 1, Number(this.ridge.value)))];
  }

  private params() {
    const repeats = Math.round(this.repeats.valueAsNumber);
    if (!(repeats >= 1 && repeats <= 100)) return 'repeats: 1 to 100 seeds per p.';
    return { repeats, ridge: this.lambda() };
  }

  private show(s: DoubleDescentLabResult): void {
    this.shown = s;
    const peak = s.testRisk.reduce<number>((k, v, i, a) => (v !== null && (k < 0 || v > a[k]!) ? i : k), -1);
    this.note.textContent =
      `Minimum-norm least squares${s.ridge > 0 ? ` with ridge λ = ${num(s.ridge)}` : ''} over ${s.sweep}, ` +
      `n = ${s.n} samples, ${s.repeats} seed${s.repeats > 1 ? 's' : ''} per value; ${s.values.length} values done` +
      (peak >= 0 ? `; the test risk peaks at ${s.sweep} = ${s.values[peak]} (${num(s.testRisk[peak]!)}).` : '.') +
      ' Red: test risk (dots: each seed), blue: training risk (below the axis: 0 to plotting accuracy).';
    this.dirty = true;
    this.host.scheduleDraw();
  }

  private ensureCharts(): void {
    if (this.charts.length) return;
    const t = this.host.theme();
    const sweep = this.shown?.sweep ?? 'p';
    const rules = (): Rule[] => (this.shown ? [{ x: this.shown.n, label: `${sweep} = n`, color: t.accent }] : []);
    this.charts = [
      lineChart(this.riskCanvas, t, {
        x: sweep,
        y: 'risk (mean squared error)',
        yLog: true,
        rules,
        series: [
          { label: 'test risk', color: t.deficient, width: 2 },
          { label: 'train risk', color: t.theta },
          { label: 'test risk per seed', color: t.deficient, dots: true },
        ],
      }),
      lineChart(this.normCanvas, t, {
        x: sweep,
        y: '‖w‖',
        yLog: true,
        rules,
        series: [{ label: '‖w‖', color: t.theta }],
      }),
      lineChart(this.sigmaCanvas, t, {
        x: sweep,
        y: 'σ_min of the feature matrix',
        yLog: true,
        rules,
        series: [{ label: 'σ_min', color: t.theta }],
      }),
    ];
  }
}
