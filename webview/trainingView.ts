// The Training view: one trajectory of the core's `train` from the live point, streamed in while it runs. L against
// the step on a log scale, and θ in the field's two shown canonical coordinates beside canonical GD from the same
// start (TrainResult.canonical). Method, η and steps controls; a run starts on each new version of a file with a
// loss and on Run; the host cancels the one running.
import type { DocumentMessage, ModelInfo, TrainingMessage, TrainingSample } from '../src/protocol/panel';
import { num } from '../src/format';
import { Chart } from './charts';
import { contourLevels, isolineSegments } from './contours';
import { el, uid } from './dom';
import type { MessageOf, PanelView, ViewHost, ViewSection } from './view';
import { coordNames } from './viewNames';

/** The defaults of the controls: the CLI's (`overparam train`: gd, η = 0.01, 1000 steps). */
const DEFAULTS = { method: 'gd', lr: 0.01, steps: 1000 } as const;

type XY = { x: number; y: number };

/** The trajectory view; what the user set survives documents. */
export class TrainingView implements PanelView<'document' | 'training'> {
  private readonly method = el('select', { id: uid('train', 1) });
  private readonly lr = el('input', { type: 'number', step: 'any', min: 0, class: 'num', id: uid('train', 2) });
  private readonly steps = el('input', { type: 'number', step: '1', min: 1, class: 'num', id: uid('train', 3) });
  private readonly run = el('button', { type: 'button', 'aria-label': 'Run a trajectory from the live point' }, 'Run');
  private readonly note = el('p', { class: 'note', role: 'status' });
  private readonly lossCanvas = el('canvas', {
    class: 'training-loss',
    role: 'img',
    'aria-label': 'Loss against step',
  });
  private readonly pathCanvas = el('canvas', { class: 'training-path', role: 'img', 'aria-label': 'θ along the run' });
  private readonly figures: HTMLElement;
  private loss: Chart<'scatter'> | undefined;
  private path: Chart<'scatter'> | undefined;
  private model: ModelInfo | null = null;
  private version = -1;
  /** The request whose records are shown (older runs' messages are ignored). */
  private requestId = 0;
  private records: TrainingSample[] = [];
  private canonical: TrainingSample[] = [];
  /** L(θ) around both paths, and its contour segments by level (drawn behind the paths). */
  private contours: TrainingMessage['contours'] = null;
  private segments: Array<Array<[number, number, number, number]>> = [];
  private drawnSegments: Array<Array<[number, number, number, number]>> = [];
  private dirty = false;
  /** The method of the run shown (the flow's records are at times, not steps). */
  private ranMethod = 'gd';

  constructor(
    section: ViewSection,
    private readonly host: ViewHost,
  ) {
    this.method.replaceChildren(
      el('option', { value: 'gd' }, 'gradient descent'),
      el('option', { value: 'flow' }, 'gradient flow (time η × steps)'),
      el('option', { value: 'sgd' }, 'SGD (batch 1)'),
    );
    this.method.value = DEFAULTS.method;
    this.lr.value = String(DEFAULTS.lr);
    this.steps.value = String(DEFAULTS.steps);
    const ctl = (text: string, input: HTMLElement): HTMLElement =>
      el('span', { class: 'ctl' }, el('label', { for: input.id }, text), input);
    section.controls?.append(ctl('method', this.method), ctl('η', this.lr), ctl('steps', this.steps), this.run);
    this.run.addEventListener('click', () => this.start());
    this.figures = el(
      'div',
      { class: 'training-figures' },
      el('div', { class: 'training-canvas' }, this.lossCanvas),
      el('div', { class: 'training-canvas' }, this.pathCanvas),
    );
    section.body.append(this.note, this.figures);
    this.figures.hidden = true;
  }

  receive(m: MessageOf<'document' | 'training'>): void {
    if (m.type === 'document') return this.onDocument(m);
    this.onTraining(m);
  }

  draw(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.ensureCharts();
    const [cx, cy] = this.host.view()?.grid.coords ?? [0, 1];
    const lossPts = (rs: TrainingSample[]): XY[] =>
      rs.filter((r) => r.loss > 0 && Number.isFinite(r.loss)).map((r) => ({ x: r.t, y: r.loss }));
    const pathPts = (rs: TrainingSample[]): XY[] => rs.map((r) => ({ x: r.theta[cx], y: r.theta[cy] }));
    this.loss!.data.datasets[0].data = lossPts(this.records);
    this.loss!.data.datasets[1].data = lossPts(this.canonical);
    this.path!.data.datasets[0].data = pathPts(this.records);
    this.path!.data.datasets[1].data = pathPts(this.canonical);
    const names = coordNames(this.model, this.host.view());
    this.loss!.options.scales!.x!.title = { display: true, text: this.ranMethod === 'flow' ? 'time' : 'step' };
    const scales = this.path!.options.scales!;
    scales.x!.title = { display: true, text: names[0] };
    scales.y!.title = { display: true, text: names[1] };
    // The contours' box when they are for the coordinates shown (else chart.js fits the paths).
    const c = this.contours;
    const fits = c && c.coords[0] === cx && c.coords[1] === cy;
    scales.x!.min = fits ? c.x[0] : undefined;
    scales.x!.max = fits ? c.x[c.x.length - 1] : undefined;
    scales.y!.min = fits ? c.y[0] : undefined;
    scales.y!.max = fits ? c.y[c.y.length - 1] : undefined;
    this.drawnSegments = fits ? this.segments : [];
    this.loss!.update('none');
    this.path!.update('none');
    const a = this.loss!.chartArea;
    this.lossCanvas.dataset.plotArea = [a.left, a.top, a.right, a.bottom].map((v) => v.toFixed(2)).join(' ');
  }

  invalidate(): void {
    this.dirty = true;
  }

  retheme(): void {
    this.loss?.destroy();
    this.path?.destroy();
    this.loss = undefined;
    this.path = undefined;
    this.dirty = this.records.length > 0;
  }

  private onDocument(m: DocumentMessage): void {
    this.model = m.model;
    if (!m.model || !m.model.hasLoss) {
      this.requestId = 0;
      this.records = [];
      this.canonical = [];
      this.contours = null;
      this.segments = [];
      this.figures.hidden = true;
      this.note.textContent = m.model
        ? 'The file defines no loss: add `loss = …`, or `model f(x) = …` with `data X, y`.'
        : '';
      this.run.disabled = true;
      delete this.figures.dataset.phase;
      return;
    }
    this.run.disabled = false;
    // An edit (a new version) restarts the run; a new view of the same version keeps it.
    if (m.version !== this.version) this.start();
    this.version = m.version;
  }

  reveal(run: boolean): void {
    if (run) this.start();
  }

  private start(): void {
    const lr = this.lr.valueAsNumber;
    const steps = Math.round(this.steps.valueAsNumber);
    if (!(lr > 0) || !(steps >= 1)) {
      this.note.textContent = 'η must be positive and steps at least 1.';
      return;
    }
    this.records = [];
    this.canonical = [];
    this.contours = null;
    this.segments = [];
    this.figures.dataset.phase = 'running';
    this.note.textContent = 'running…';
    const method = this.method.value as 'gd' | 'flow' | 'sgd';
    this.ranMethod = method;
    this.requestId = this.host.send({ type: 'train', pointIndex: this.host.pointIndex(), method, lr, steps });
  }

  private onTraining(m: TrainingMessage): void {
    if (m.requestId !== this.requestId) return;
    if (m.phase === 'failed') {
      this.figures.dataset.phase = 'failed';
      this.note.textContent = m.message ?? 'the run failed';
      return;
    }
    if (m.phase === 'running') this.records = this.records.concat(m.records);
    else {
      this.records = m.records;
      this.canonical = m.canonical ?? [];
      this.contours = m.contours ?? null;
      const c = this.contours;
      this.segments = c ? contourLevels(c).map((level) => isolineSegments(c, level)) : [];
      this.figures.dataset.contours = String(this.segments.reduce((a, s) => a + s.length, 0));
    }
    this.figures.hidden = false;
    this.figures.dataset.phase = m.phase;
    this.figures.dataset.records = String(this.records.length);
    const last = this.records.at(-1);
    const ended = m.stopped ? `stopped: ${m.stopped}${m.message ? ` (${m.message})` : ''}` : 'done';
    this.note.textContent =
      m.phase === 'running'
        ? `running: ${Math.round((100 * m.done) / Math.max(1, m.total))}%`
        : `${ended}; L = ${last ? last.loss.toPrecision(4) : '—'} after ${last?.t ?? 0} (blue: the run in W; dashed: canonical GD in θ from θ₀ = ψ(W₀), same η; contours: L(θ), the other coordinates at θ₀).`;
    this.dirty = true;
    this.host.scheduleDraw();
  }

  private ensureCharts(): void {
    if (this.loss && this.path) return;
    const t = this.host.theme();
    const line = (label: string, color: string, dashed: boolean) => ({
      label,
      data: [] as XY[],
      showLine: true,
      pointRadius: 0,
      borderWidth: 1.5,
      borderColor: color,
      backgroundColor: color,
      borderDash: dashed ? [5, 4] : [],
    });
    const common = { responsive: true, maintainAspectRatio: true, aspectRatio: 1.3, animation: false as const };
    this.loss = new Chart(this.lossCanvas, {
      type: 'scatter',
      data: { datasets: [line('L (run)', t.theta, false), line('L (canonical GD)', t.foreground, true)] },
      options: {
        ...common,
        scales: {
          x: { type: 'linear', title: { display: true, text: 'step' } },
          y: {
            type: 'logarithmic',
            title: { display: true, text: 'L' },
            // Powers of ten only, in the shared number format (chart.js writes 1e-20 out in full).
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
    this.path = new Chart(this.pathCanvas, {
      type: 'scatter',
      data: { datasets: [line('θ (run)', t.theta, false), line('θ (canonical GD)', t.foreground, true)] },
      options: {
        ...common,
        scales: { x: { type: 'linear' }, y: { type: 'linear' } },
        plugins: { tooltip: { enabled: false } },
      },
      plugins: [
        {
          // The canonical loss's contours behind the paths, in the theme's grid colour, thicker for higher L.
          id: 'lossContours',
          beforeDatasetsDraw: (chart) => {
            const { ctx, chartArea: a, scales: sc } = chart;
            if (!this.drawnSegments.length) return;
            ctx.save();
            ctx.beginPath();
            ctx.rect(a.left, a.top, a.right - a.left, a.bottom - a.top);
            ctx.clip();
            ctx.strokeStyle = t.accent;
            ctx.globalAlpha = 0.55;
            ctx.lineWidth = 1;
            for (const level of this.drawnSegments) {
              ctx.beginPath();
              for (const [x0, y0, x1, y1] of level) {
                ctx.moveTo(sc.x.getPixelForValue(x0), sc.y.getPixelForValue(y0));
                ctx.lineTo(sc.x.getPixelForValue(x1), sc.y.getPixelForValue(y1));
              }
              ctx.stroke();
            }
            ctx.restore();
          },
        },
      ],
    });
  }
}
