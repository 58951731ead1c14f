// The Width view: the width lab over the file's sweep, drawn as the widths come in. One log-log plot per quantity
// against m (‖H_f‖, ‖∇f‖, λ_min(K) at the start; ‖w_T - w0‖, the relative kernel change and the linearization error
// after T GD steps), each with its fitted line, the slope and its 95% interval, and a −1/2 reference line through
// the first width; the honest-fit notes under them. Controls: T and η (empty: the CLI's default).
import type { DocumentMessage } from '../src/protocol/panel';
import {
  MAX_WIDTH_STEPS,
  WIDTH_QUANTITIES,
  type WidthLabParams,
  type WidthLabResult,
  type WidthQuantity,
} from '../src/protocol/labs/widthLab';
import { num } from '../src/format';
import { Chart } from './charts';
import { el, uid } from './dom';
import { labChart, lineSet, pointSet, updateChart, type XY } from './labCharts';
import { LabRun } from './labRun';
import type { MessageOf, PanelView, ViewHost, ViewSection } from './view';

/** The plots' axis names. */
const NAMES: Record<WidthQuantity, string> = {
  hessianNorm: '‖H_f(w0)‖',
  gradNorm: '‖∇f(w0)‖',
  lambdaMin: 'λ_min(K(w0))',
  distance: '‖w_T − w0‖',
  kernelChange: '‖K(w_T) − K(w0)‖ / ‖K(w0)‖',
  linearizationError: 'max |f − f_lin|',
};

/** The lecture's reference slope. */
const REFERENCE = -0.5;

/** The fitted line's ends: least squares in log-log over the positive points (the slope is the lab's). */
function fitLine(pts: XY[], slope: number): XY[] {
  if (pts.length < 2 || !Number.isFinite(slope)) return [];
  const lx = pts.map((p) => Math.log(p.x)),
    ly = pts.map((p) => Math.log(p.y));
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length,
    my = ly.reduce((a, b) => a + b, 0) / ly.length;
  return [pts[0].x, pts[pts.length - 1].x].map((x) => ({ x, y: Math.exp(my + slope * (Math.log(x) - mx)) }));
}

/** Width view: log-log plots against the width with fits. */
export class WidthView implements PanelView<'document' | 'lab'> {
  private readonly steps = el('input', { type: 'number', step: '1', min: 0, class: 'num', id: uid('width', 1) });
  private readonly lr = el('input', {
    type: 'number',
    step: 'any',
    min: 0,
    class: 'num',
    id: uid('width', 2),
    placeholder: '1/max λ_max',
  });
  private readonly run: LabRun<'width'>;
  private readonly summary = el('p', { class: 'note width-summary' });
  private readonly notes = el('ul', { class: 'note width-notes' });
  private readonly figures: HTMLElement;
  private readonly cells = new Map<WidthQuantity, { canvas: HTMLCanvasElement; slope: HTMLElement }>();
  private charts: Map<WidthQuantity, Chart<'scatter', XY[]>> | null = null;
  private data: WidthLabResult | null = null;
  private partials = 0;
  private dirty = false;
  private version = -1;

  constructor(
    section: ViewSection,
    private readonly host: ViewHost,
  ) {
    this.steps.value = '100';
    this.run = new LabRun(host, 'width', 'the width lab', () => this.params(), {
      started: () => {
        this.data = null;
        this.partials = 0;
        this.figures.dataset.partials = '0';
        this.figures.dataset.phase = 'running';
        this.figures.hidden = false;
        this.notes.replaceChildren();
      },
      partial: (p) => {
        this.partials++;
        this.figures.dataset.partials = String(this.partials);
        this.show(p);
      },
      result: (r) => {
        this.figures.dataset.phase = 'done';
        this.show(r);
      },
    });
    const ctl = (text: string, input: HTMLElement): HTMLElement =>
      el('span', { class: 'ctl' }, el('label', { for: input.id }, text), input);
    section.controls?.append(ctl('GD steps T', this.steps), ctl('η', this.lr), this.run.element);
    this.figures = el('div', { class: 'training-figures width-figures' });
    for (const q of WIDTH_QUANTITIES) {
      const canvas = el('canvas', {
        class: `width-plot width-${q}`,
        role: 'img',
        'aria-label': `${NAMES[q]} against the width`,
      });
      const slope = el('p', { class: 'note width-slope', 'data-quantity': q });
      this.cells.set(q, { canvas, slope });
      this.figures.append(el('div', { class: 'training-canvas' }, canvas, slope));
    }
    this.figures.hidden = true;
    section.body.append(this.summary, this.figures, this.notes);
  }

  receive(m: MessageOf<'document' | 'lab'>): void {
    if (m.type === 'lab') return this.run.receive(m);
    this.onDocument(m);
  }

  draw(): void {
    if (!this.dirty || !this.data) return;
    this.dirty = false;
    const d = this.data;
    const charts = this.ensureCharts();
    for (const q of WIDTH_QUANTITIES) {
      const chart = charts.get(q)!;
      const pts = d.widths
        .map((x, i) => ({ x, y: d[q][i] ?? NaN }))
        .filter((p) => p.x > 0 && p.y > 0 && Number.isFinite(p.y));
      const fit = d.slopes[q];
      chart.data.datasets[0].data = pts.length ? fitLine([pts[0], pts[pts.length - 1]], REFERENCE) : [];
      if (pts.length === 1) chart.data.datasets[0].data = [pts[0]];
      chart.data.datasets[1].data = fit ? fitLine(pts, fit.value ?? NaN) : [];
      chart.data.datasets[2].data = pts;
      updateChart(chart);
    }
  }

  invalidate(): void {
    this.dirty = true;
  }

  retheme(): void {
    if (this.charts) for (const c of this.charts.values()) c.destroy();
    this.charts = null;
    this.dirty = this.data !== null;
  }

  private params(): WidthLabParams | string {
    const steps = this.steps.valueAsNumber;
    if (!Number.isInteger(steps) || steps < 0 || steps > MAX_WIDTH_STEPS)
      return `GD steps: a whole number from 0 to ${MAX_WIDTH_STEPS}`;
    if (this.lr.value.trim() === '') return { steps, lr: null };
    const lr = this.lr.valueAsNumber;
    return lr > 0 && Number.isFinite(lr) ? { steps, lr } : 'η: a positive step size, or empty for the default';
  }

  private onDocument(m: DocumentMessage): void {
    if (m.version === this.version) return;
    this.version = m.version;
    this.data = null;
    this.figures.hidden = true;
    this.notes.replaceChildren();
    this.summary.textContent = m.model?.hasLoss
      ? 'Run: every width of the file’s sweep from its first `at` point, then T GD steps with one η for all widths.'
      : '';
    this.run.reset();
  }

  private show(d: WidthLabResult): void {
    this.data = d;
    this.figures.hidden = false;
    this.figures.dataset.widths = String(d.widths.length);
    this.summary.textContent =
      `${d.widths.length} of ${d.total} widths (${d.sweep} = ${d.widths.join(', ')}); T = ${d.steps} GD steps at ` +
      `η = ${num(d.lr ?? NaN)} per width. Dots: measured; solid: the log-log fit; dashed: slope −1/2.`;
    for (const q of WIDTH_QUANTITIES) {
      const s = d.slopes[q];
      const cell = this.cells.get(q)!;
      cell.slope.textContent = !s
        ? `${NAMES[q]}: not measured${d.steps === 0 && q !== 'hessianNorm' && q !== 'gradNorm' && q !== 'lambdaMin' ? ' (T = 0)' : ''}`
        : `${NAMES[q]}: slope ${s.value === null || !Number.isFinite(s.value) ? '—' : s.value.toFixed(3)}` +
          (s.low !== null && s.high !== null ? ` (95% ${s.low.toFixed(3)} .. ${s.high.toFixed(3)})` : '');
      if (s && s.value !== null) cell.slope.dataset.slope = String(s.value);
    }
    this.notes.replaceChildren(...d.notes.map((n) => el('li', {}, n)));
    this.dirty = true;
    this.host.scheduleDraw();
  }

  private ensureCharts(): Map<WidthQuantity, Chart<'scatter', XY[]>> {
    if (this.charts) return this.charts;
    const t = this.host.theme();
    this.charts = new Map(
      WIDTH_QUANTITIES.map((q) => [
        q,
        labChart(
          this.cells.get(q)!.canvas,
          [lineSet('slope −1/2', t.foreground, true), lineSet('fit', t.theta), pointSet(NAMES[q], t.deficient, 4)],
          { x: 'width', y: NAMES[q], xLog: true, yLog: true },
        ),
      ]),
    );
    return this.charts;
  }
}
