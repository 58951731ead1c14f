// The SGD view: SGD (constant η or η_t = η0 / (1 + t/τ)) against GD from the live point, L on a log scale; the
// spread of the per-sample gradients against L (under interpolation it falls with L, otherwise it keeps a floor);
// p against n and whether the data can be fit exactly; for linear least squares the batch-size theory's rate per b
// beside SGD's measured one, m* marked. A checkbox per equation (data row) leaves it out and re-runs.
import type { SgdLabCurve, SgdLabPartial, SgdLabResult } from '../src/protocol/labs/sgdLab';
import { num } from '../src/format';
import type { Chart } from './charts';
import { el, uid } from './dom';
import { composeField, pngBase64 } from './exportFigure';
import { LabRun } from './labRun';
import { columnsCsv, lineChart, points } from './labFigure';
import type { MessageOf, PanelView, ViewHost, ViewSection } from './view';

/** The controls' defaults: the lecture's constant step. */
const DEFAULTS = { lr: 0.01, steps: 2000, batch: 1 } as const;

/** SGD against GD, with the equations as toggles. */
export class SgdView implements PanelView<'document' | 'lab'> {
  private readonly lr = el('input', { type: 'number', step: 'any', min: 0, class: 'num', id: uid('sgd', 1) });
  private readonly steps = el('input', { type: 'number', step: '1', min: 1, class: 'num', id: uid('sgd', 2) });
  private readonly batch = el('input', { type: 'number', step: '1', min: 1, class: 'num', id: uid('sgd', 3) });
  private readonly tau = el('input', { type: 'number', step: 'any', min: 0, class: 'num', id: uid('sgd', 4) });
  private readonly sampling = el('select', { id: uid('sgd', 5) });
  private readonly run: LabRun<'sgd'>;
  private readonly note = el('p', { class: 'note sgd-words' });
  private readonly equations = el('fieldset', { class: 'sgd-equations' });
  private readonly batchNote = el('p', { class: 'note sgd-batch-note' });
  private readonly lossCanvas = el('canvas', { class: 'sgd-loss', role: 'img', 'aria-label': 'L against step' });
  private readonly varCanvas = el('canvas', {
    class: 'sgd-variance',
    role: 'img',
    'aria-label': 'Gradient variance against L',
  });
  private readonly batchCanvas = el('canvas', { class: 'sgd-batch', role: 'img', 'aria-label': 'Rate per batch size' });
  private readonly figures: HTMLElement;
  private loss: Chart<'scatter'> | undefined;
  private variance: Chart<'scatter'> | undefined;
  private batches: Chart<'scatter'> | undefined;
  private shown: SgdLabPartial | null = null;
  private result: SgdLabResult | null = null;
  private excluded = new Set<number>();
  private version = -1;
  private dirty = false;

  constructor(
    section: ViewSection,
    private readonly host: ViewHost,
  ) {
    this.sampling.replaceChildren(
      el('option', { value: 'shuffle' }, 'reshuffle per epoch'),
      el('option', { value: 'iid' }, 'with replacement'),
    );
    this.lr.value = String(DEFAULTS.lr);
    this.steps.value = String(DEFAULTS.steps);
    this.batch.value = String(DEFAULTS.batch);
    this.tau.placeholder = 'constant';
    this.run = new LabRun(host, 'sgd', 'SGD against GD', () => this.params(), {
      started: () => {
        this.shown = null;
        this.dirty = true;
        this.figures.hidden = false;
      },
      partial: (p) => this.show(p),
      result: (r) => this.done(r),
    });
    const ctl = (text: string, input: HTMLElement): HTMLElement =>
      el('span', { class: 'ctl' }, el('label', { for: input.id }, text), input);
    section.controls?.append(
      ctl('η₀', this.lr),
      ctl('steps', this.steps),
      ctl('batch', this.batch),
      ctl('τ (η₀/(1+t/τ))', this.tau),
      ctl('sampling', this.sampling),
      this.run.element,
    );
    this.equations.hidden = true;
    this.figures = el(
      'div',
      { class: 'training-figures lab-figures' },
      el('div', { class: 'training-canvas' }, this.lossCanvas),
      el('div', { class: 'training-canvas' }, this.varCanvas),
      el('div', { class: 'training-canvas' }, this.batchCanvas),
    );
    this.figures.hidden = true;
    section.body.append(this.note, this.equations, this.figures, this.batchNote);
  }

  receive(m: MessageOf<'document' | 'lab'>): void {
    if (m.type === 'lab') return this.run.receive(m);
    if (m.version === this.version) return;
    this.version = m.version;
    this.run.reset(m.model?.hasLoss ? '' : 'The SGD lab needs a data file: `model f(x) = …` with `data X, y`.');
    this.result = null;
    this.shown = null;
    this.excluded.clear();
    this.equations.hidden = true;
    this.note.textContent = '';
    this.batchNote.textContent = '';
    this.figures.hidden = true;
  }

  draw(): void {
    if (!this.dirty || this.figures.hidden) return;
    this.dirty = false;
    this.ensureCharts();
    const s = this.shown ?? { gd: empty(), sgd: empty() };
    this.loss!.data.datasets[0].data = points(s.sgd.t, s.sgd.loss);
    this.loss!.data.datasets[1].data = points(s.gd.t, s.gd.loss);
    this.variance!.data.datasets[0].data = points(s.sgd.loss, s.sgd.gradVariance, true, true);
    const b = this.result?.batchTheory;
    this.batches!.data.datasets[0].data = b ? points(b.batches, b.theoryRate, true, false) : [];
    this.batches!.data.datasets[1].data = b ? points(b.batches, b.measuredRate, true, false) : [];
    this.loss!.update('none');
    this.variance!.update('none');
    this.batches!.update('none');
  }

  invalidate(): void {
    this.dirty = true;
  }

  retheme(): void {
    for (const c of [this.loss, this.variance, this.batches]) c?.destroy();
    this.loss = this.variance = this.batches = undefined;
    this.dirty = true;
  }

  exportData(format: string): string | null {
    const r = this.result,
      s = this.shown;
    if (!s) return null;
    if (format === 'png') return pngBase64(composeField(this.figures, this.host.theme()));
    if (format !== 'csv') return null;
    return columnsCsv({
      step: s.sgd.t,
      'L (SGD)': s.sgd.loss,
      'gradVariance (SGD)': s.sgd.gradVariance,
      '‖W - W*‖ (SGD)': r?.distance ?? [],
      'step (GD)': s.gd.t,
      'L (GD)': s.gd.loss,
      b: r?.batchTheory?.batches ?? [],
      'η*(b)': r?.batchTheory?.optimalStep ?? [],
      'theory rate': r?.batchTheory?.theoryRate ?? [],
      'measured rate': r?.batchTheory?.measuredRate ?? [],
    });
  }

  private params() {
    const lr = this.lr.valueAsNumber,
      steps = Math.round(this.steps.valueAsNumber),
      batch = Math.round(this.batch.valueAsNumber);
    const tau = this.tau.value.trim() === '' ? null : this.tau.valueAsNumber;
    if (!(lr > 0) || !(steps >= 1) || !(batch >= 1)) return 'η₀ must be positive, steps and batch at least 1.';
    if (tau !== null && !(tau > 0)) return 'τ must be positive (or empty for a constant step).';
    return {
      lr,
      steps,
      batch,
      tau,
      sampling: this.sampling.value as 'shuffle' | 'iid',
      excluded: [...this.excluded].sort((a, b) => a - b),
    };
  }

  private show(p: SgdLabPartial): void {
    this.shown = p;
    this.figures.dataset.records = String(p.sgd.t.length);
    this.dirty = true;
    this.host.scheduleDraw();
  }

  private done(r: SgdLabResult): void {
    this.result = r;
    this.show(r);
    const lastL = r.sgd.loss.at(-1) ?? NaN;
    this.note.textContent =
      `${r.words}. SGD (${r.schedule}, batch ${Math.min(Number(this.batch.value), r.n)}) ends at L = ${num(lastL)}; ` +
      `its distance to the ${r.interpolates ? 'solution' : 'least-squares point'} over the last half: ${num(r.tailDistance)}.`;
    const b = r.batchTheory;
    this.batchNote.textContent = b
      ? `Batch size (linear least squares): β = ${num(b.beta)}, λ1 = ${num(b.lambdaMax)}, λn = ${num(b.lambdaMin)}, ` +
        `m* = β/(λ1 - λn) + 1 = ${num(b.criticalBatch)}; η*(b) = ${b.optimalStep.map((v) => num(v)).join(', ')} for b = ${b.batches.join(', ')}.`
      : `Batch size: ${r.batchNote ?? ''}`;
    this.figures.dataset.interpolates = String(r.interpolates);
    this.renderEquations(r);
  }

  /** One checkbox per data row: x · w = y, checked while the equation is in the run. */
  private renderEquations(r: SgdLabResult): void {
    this.equations.replaceChildren(el('legend', {}, 'Equations in the run (one click toggles one)'));
    r.rows.forEach((row, k) => {
      const id = uid('sgd-eq', k);
      const box = el('input', { type: 'checkbox', id, class: 'sgd-eq', 'data-row': k });
      box.checked = !this.excluded.has(k);
      box.addEventListener('change', () => {
        if (box.checked) this.excluded.delete(k);
        else this.excluded.add(k);
        this.run.start();
      });
      const text = `${row.x.map((v) => num(v)).join(', ')} → ${num(row.y)}`;
      this.equations.append(el('span', { class: 'ctl' }, box, el('label', { for: id }, `#${k + 1}: ${text}`)));
    });
    this.equations.hidden = false;
  }

  private ensureCharts(): void {
    if (this.loss) return;
    const t = this.host.theme();
    this.loss = lineChart(this.lossCanvas, t, {
      x: 'step',
      y: 'L',
      yLog: true,
      series: [
        { label: 'SGD', color: t.theta },
        { label: 'GD', color: t.foreground, dashed: true },
      ],
    });
    this.variance = lineChart(this.varCanvas, t, {
      x: 'L (SGD)',
      y: '(1/n) Σ ‖∇ℓ_i - mean‖²',
      xLog: true,
      yLog: true,
      series: [{ label: 'gradient variance', color: t.theta, dots: true }],
    });
    this.batches = lineChart(this.batchCanvas, t, {
      x: 'batch size b',
      y: 'rate of E‖w - w*‖² per step',
      xLog: true,
      series: [
        { label: 'theory', color: t.foreground, dashed: true },
        { label: 'measured', color: t.deficient },
      ],
      rules: () => {
        const m = this.result?.batchTheory?.criticalBatch;
        return m && Number.isFinite(m) ? [{ x: m, label: 'm*', color: t.accent }] : [];
      },
    });
  }
}

const empty = (): SgdLabCurve => ({ t: [], loss: [], gradVariance: [] });
