// The Kernel view: the kernel lab from the live point. K = DF DFᵀ's eigenvalues (log scale, λ_min in red), λ_min(K)
// along GD with η = 1/β beside the ball's inf λ_min, L(w_t) under the theorem's bound (1 - ημ)^t L(w0) on a log
// scale, and ‖w_t - w0‖ against the radius R; the verdict sentence and μ in the convention chosen (a control: the
// default ½‖∇L‖² ≥ μ L or the notes' ‖∇L‖² ≥ μ L). Runs on Run (or a change of convention) through a LabRun.
import type { DocumentMessage } from '../src/protocol/panel';
import type { KernelLabResult } from '../src/protocol/labs/kernelLab';
import { MAX_KERNEL_SAMPLES } from '../src/protocol/labs/kernelLab';
import { num } from '../src/format';
import { Chart } from './charts';
import { el, uid } from './dom';
import { labChart, lineSet, pointSet, positive, updateChart, type XY } from './labCharts';
import { LabRun } from './labRun';
import type { MessageOf, PanelView, ViewHost, ViewSection } from './view';

/** The ball check's default points per round (the CLI's --samples default). */
const DEFAULT_SAMPLES = 1024;

/** Kernel view: spectrum, λ_min along GD, loss against the bound, distance against R. */
export class KernelView implements PanelView<'document' | 'lab'> {
  private readonly samples = el('input', {
    type: 'number',
    step: '1',
    min: 1,
    max: MAX_KERNEL_SAMPLES,
    class: 'num',
    id: uid('kernel', 1),
  });
  private readonly convention = el('select', { id: uid('kernel', 2) });
  private readonly run: LabRun<'kernel'>;
  private readonly verdict = el('p', { class: 'kernel-verdict' });
  private readonly facts = el('p', { class: 'note kernel-facts' });
  private readonly canvases = {
    spectrum: el('canvas', { class: 'kernel-spectrum', role: 'img', 'aria-label': 'Eigenvalues of K' }),
    lambda: el('canvas', { class: 'kernel-lambda', role: 'img', 'aria-label': 'λ_min(K) along GD' }),
    loss: el('canvas', { class: 'kernel-loss', role: 'img', 'aria-label': 'L(w_t) and the bound' }),
    distance: el('canvas', { class: 'kernel-distance', role: 'img', 'aria-label': 'Distance from w0 and R' }),
  };
  private readonly figures: HTMLElement;
  private charts: Record<keyof KernelView['canvases'], Chart<'scatter', XY[]>> | null = null;
  private result: KernelLabResult | null = null;
  private dirty = false;
  private version = -1;

  constructor(
    section: ViewSection,
    private readonly host: ViewHost,
  ) {
    this.samples.value = String(DEFAULT_SAMPLES);
    this.convention.replaceChildren(
      el('option', { value: 'half' }, '½‖∇L‖² ≥ μL (μ = λ_min)'),
      el('option', { value: 'notes' }, "‖∇L‖² ≥ μL (the notes', μ = 2λ_min)"),
    );
    this.run = new LabRun(host, 'kernel', 'the kernel lab', () => this.params(), {
      started: () => {
        this.figures.dataset.phase = 'running';
      },
      result: (r) => this.show(r),
    });
    const ctl = (text: string, input: HTMLElement): HTMLElement =>
      el('span', { class: 'ctl' }, el('label', { for: input.id }, text), input);
    section.controls?.append(
      ctl('ball samples', this.samples),
      ctl('PL* convention', this.convention),
      this.run.element,
    );
    this.convention.addEventListener('change', () => {
      if (this.result || this.run.running()) this.run.start();
    });
    this.figures = el(
      'div',
      { class: 'training-figures kernel-figures' },
      ...Object.values(this.canvases).map((c) => el('div', { class: 'training-canvas' }, c)),
    );
    this.figures.hidden = true;
    section.body.append(this.verdict, this.facts, this.figures);
  }

  receive(m: MessageOf<'document' | 'lab'>): void {
    if (m.type === 'lab') return this.run.receive(m);
    this.onDocument(m);
  }

  draw(): void {
    if (!this.dirty || !this.result) return;
    this.dirty = false;
    const r = this.result;
    const c = this.ensureCharts();
    const steps = r.gd.steps;
    const red = (x: number) => x === 0;
    const eig = r.eigenvalues.map((y, i) => ({ x: i + 1, y: y ?? NaN }));
    c.spectrum.data.datasets[0].data = positive(eig.filter((_, i) => !red(i)));
    c.spectrum.data.datasets[1].data = positive(eig.filter((_, i) => red(i)));
    const span = (y: number | null): XY[] =>
      y !== null && Number.isFinite(y) && steps.length
        ? [
            { x: 0, y },
            { x: steps.at(-1)!.t, y },
          ]
        : [];
    c.lambda.data.datasets[1].data = span(r.plStar.minLambda);
    c.lambda.data.datasets[0].data = steps.map((s) => ({ x: s.t, y: s.lambdaMin }));
    c.loss.data.datasets[0].data = positive(steps.map((s) => ({ x: s.t, y: s.bound })));
    c.loss.data.datasets[1].data = positive(steps.map((s) => ({ x: s.t, y: s.loss })));
    c.distance.data.datasets[0].data = span(r.radius);
    c.distance.data.datasets[1].data = steps.map((s) => ({ x: s.t, y: s.distance }));
    for (const chart of Object.values(c)) updateChart(chart);
  }

  invalidate(): void {
    this.dirty = true;
  }

  retheme(): void {
    if (this.charts) for (const chart of Object.values(this.charts)) chart.destroy();
    this.charts = null;
    this.dirty = this.result !== null;
  }

  private params(): { samples: number; convention: 'half' | 'notes' } | string {
    const samples = this.samples.valueAsNumber;
    if (!Number.isInteger(samples) || samples < 1 || samples > MAX_KERNEL_SAMPLES)
      return `ball samples: a whole number from 1 to ${MAX_KERNEL_SAMPLES}`;
    return { samples, convention: this.convention.value === 'notes' ? 'notes' : 'half' };
  }

  private onDocument(m: DocumentMessage): void {
    if (m.version === this.version) return;
    this.version = m.version;
    this.result = null;
    this.figures.hidden = true;
    this.verdict.textContent = '';
    this.facts.textContent = m.model?.hasLoss
      ? 'Run: K = DF DFᵀ at the live point, μ-PL* on its ball B(w0, R), then GD with η = 1/β against the bound.'
      : m.model
        ? 'The kernel lab needs `model f(x) = …` with `data X, y`.'
        : '';
    this.run.reset();
  }

  private show(r: KernelLabResult): void {
    this.result = r;
    const mu = `μ = ${num(r.mu ?? NaN)} (${r.muConvention})`;
    this.verdict.textContent = r.verdict;
    this.facts.textContent =
      `n = ${r.n}, p = ${r.p} (${r.underParameterized ? 'under' : 'over'}-parameterized); λ_min(K) = ${num(r.lambdaMin ?? 0)}, ` +
      `λ_max = ${num(r.lambdaMax ?? NaN)}, κ = ${num(r.condition ?? Infinity)}; ${mu}; PL ratio at w0 ${num(r.plRatio ?? NaN)}; ` +
      `β ≈ ${num(r.beta ?? NaN)} (estimate: largest ‖∇²L‖ at ${r.betaPoints} points of the ball and the GD path)` +
      `${r.betaBound !== null ? `, bound ${num(r.betaBound)}` : ''}; R = ${num(r.radius ?? Infinity)}; ` +
      `GD η = 1/β = ${num(r.gd.lr ?? NaN)}. Red: λ_min; dashed: the bound (1 - ημ)^t L(w0), inf λ_min over the ball, R.`;
    this.figures.hidden = false;
    this.figures.dataset.phase = 'done';
    this.figures.dataset.steps = String(r.gd.steps.length);
    this.dirty = true;
    this.host.scheduleDraw();
  }

  private ensureCharts(): NonNullable<KernelView['charts']> {
    if (this.charts) return this.charts;
    const t = this.host.theme();
    const cv = this.canvases;
    this.charts = {
      spectrum: labChart(cv.spectrum, [pointSet('eigenvalues', t.theta), pointSet('λ_min', t.deficient, 5)], {
        x: 'index (ascending)',
        y: 'eigenvalue of K',
        yLog: true,
      }),
      lambda: labChart(
        cv.lambda,
        [lineSet('λ_min(K(w_t))', t.theta), lineSet('inf λ_min (ball)', t.foreground, true)],
        {
          x: 'step t',
          y: 'λ_min(K)',
        },
      ),
      loss: labChart(cv.loss, [lineSet('(1 - ημ)^t L(w0)', t.deficient, true), lineSet('L(w_t)', t.theta)], {
        x: 'step t',
        y: 'L',
        yLog: true,
      }),
      distance: labChart(cv.distance, [lineSet('R', t.deficient, true), lineSet('‖w_t - w0‖', t.theta)], {
        x: 'step t',
        y: 'distance from w0',
      }),
    };
    return this.charts;
  }
}
