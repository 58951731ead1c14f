// The Landscape view (issue 10): the lab `landscape` run from the live point on the rank map's two axes. The slice
// figure (L contours, -∇_W L arrows, the ‖J‖ heat map as a layer, critical points by class, GD paths, the live
// point redrawn on every frame), the list of critical points (a click moves the live point there), and the
// trajectories' loss and cosine plots. A run starts on each new version of a file with a loss, and on Run.
import type {
  LandscapeLabParams,
  LandscapeLabResult,
  LandscapePoint,
  LandscapeSliceData,
} from '../src/protocol/labs/landscapeLab';
import type { LabMessageOf } from '../src/protocol/labs';
import type { DocumentMessage, ModelInfo } from '../src/protocol/panel';
import { num } from '../src/format';
import { LabRun } from './labRun';
import { el, uid } from './dom';
import { LandscapeCanvas } from './landscapeCanvas';
import { LandscapeCharts } from './landscapeCharts';
import { landscapeCsv, landscapeLegend } from './landscapeList';
import { onSlice } from './landscapeMarkers';
import { composeField, pngBase64 } from './exportFigure';
import type { MessageOf, PanelView, ViewHost, ViewSection } from './view';

/** What a run asks for besides the axes. */
export const LANDSCAPE_DEFAULTS = { grid: 81, arrows: 17, starts: 256, box: [-2, 2] as [number, number], steps: 300 };

/** How long the live point must rest off the slice before the slice follows it (ms). */
const FOLLOW_MS = 250;

/** The Landscape view. */
export class LandscapeView implements PanelView<'document' | 'frame' | 'lab'> {
  private readonly run: LabRun<'landscape'>;
  private readonly figure: LandscapeCanvas;
  private readonly charts: LandscapeCharts;
  private readonly heat = el('input', { type: 'checkbox', id: uid('landscape', 1) });
  private readonly note = el('p', { class: 'note', role: 'status' });
  private readonly table = el('table', { class: 'landscape-points' });
  private readonly legend = el('div', { class: 'landscape-legend' });
  private readonly content: HTMLElement;
  private model: ModelInfo | null = null;
  private version = -1;
  private slice: LandscapeSliceData | null = null;
  private points: LandscapePoint[] = [];
  private result: LandscapeLabResult | null = null;
  /** The run going is a slice-only refresh (no search). */
  private sliceOnly = false;
  private nextSliceOnly = false;
  /** The search of the last full run (a slice-only run keeps its points and says where they came from). */
  private lastSearch: LandscapeLabResult['search'] | null = null;
  private follow: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly section: ViewSection,
    private readonly host: ViewHost,
  ) {
    this.run = new LabRun(host, 'landscape', 'the landscape search', () => this.params(), {
      // A slice-only run (the live point moved off the slice) keeps the points found; a full run starts afresh.
      started: () => (this.sliceOnly ? undefined : this.show(null, [], null)),
      partial: (p) => this.show(p.slice ?? this.slice, this.sliceOnly ? this.points : p.points, null),
      result: (r) => {
        const points = this.sliceOnly ? this.points : r.points;
        const search = this.sliceOnly && this.lastSearch ? this.lastSearch : r.search;
        this.lastSearch = search;
        this.sliceOnly = false;
        this.show(r.slice, points, { ...r, points, search });
      },
    });
    section.controls?.append(
      this.run.element,
      el('span', { class: 'ctl' }, this.heat, el('label', { for: this.heat.id }, '‖J‖ heat map')),
    );
    this.heat.addEventListener('change', () => {
      this.figure.heat = this.heat.checked;
      this.figure.invalidate();
      this.renderLegend();
      host.scheduleDraw();
    });
    this.content = el('div', { class: 'landscape-content' });
    section.body.append(this.note, this.content);
    this.figure = new LandscapeCanvas(this.content, host.theme);
    this.charts = new LandscapeCharts(host.theme);
    this.content.append(this.legend, this.table, this.charts.element);
    this.content.hidden = true;
  }

  receive(m: MessageOf<'document' | 'frame' | 'lab'>): void {
    if (m.type === 'document') return this.onDocument(m);
    if (m.type === 'lab') return this.run.receive(m as LabMessageOf<'landscape'>);
    const s = this.slice;
    // Cheap on every frame: the live point's two slice coordinates.
    this.figure.setLive(s ? [m.values[s.x.param], m.values[s.y.param]] : null);
    this.section.body.dataset.values = m.values.join(' ');
    // The slice goes through the live point on the rank map's axes: when another coordinate or an axis changed, a
    // slice-only run (about 10 ms of worker time for deep linear d = 4) follows once the drag rests for FOLLOW_MS.
    const v = m.view;
    const moved =
      s !== null &&
      (v.rankX.param !== s.x.param ||
        v.rankY.param !== s.y.param ||
        v.rankX.from !== s.x.from ||
        v.rankX.to !== s.x.to ||
        v.rankY.from !== s.y.from ||
        v.rankY.to !== s.y.to ||
        !onSlice(m.values, s.base, s.x.param, s.y.param) ||
        !onSlice(s.base, m.values, s.x.param, s.y.param));
    clearTimeout(this.follow);
    if (moved && this.result && !this.run.running())
      this.follow = setTimeout(() => {
        this.nextSliceOnly = true;
        this.run.start();
      }, FOLLOW_MS);
  }

  draw(): void {
    this.figure.draw();
  }

  invalidate(): void {
    this.figure.invalidate();
  }

  retheme(): void {
    this.figure.invalidate();
    this.charts.retheme();
    this.renderLegend();
  }

  exportData(format: string): string | null {
    if (format === 'png') return this.slice ? pngBase64(composeField(this.content, this.host.theme())) : null;
    return this.points.length ? landscapeCsv(this.points, this.model?.params ?? []) : null;
  }

  private onDocument(m: DocumentMessage): void {
    this.model = m.model;
    if (!m.model || !m.model.hasLoss || m.model.p < 2) {
      this.run.reset(
        m.model
          ? 'The landscape needs a loss (`loss = …`, or `model f(x) = …` with `data X, y`) and two parameters.'
          : '',
      );
      this.show(null, [], null);
      return;
    }
    if (m.version !== this.version) this.run.start();
    this.version = m.version;
  }

  private params(): LandscapeLabParams | string {
    const v = this.host.view();
    if (!v) return 'No view yet.';
    const ax = (a: { param: number; from: number; to: number }) => ({ param: a.param, from: a.from, to: a.to });
    // Read once per start: Run and a new version make full runs, the follow timer a slice-only one.
    this.sliceOnly = this.nextSliceOnly;
    this.nextSliceOnly = false;
    const starts = this.sliceOnly ? 0 : LANDSCAPE_DEFAULTS.starts;
    return { x: ax(v.rankX), y: ax(v.rankY), ...LANDSCAPE_DEFAULTS, starts };
  }

  private show(slice: LandscapeSliceData | null, points: LandscapePoint[], result: LandscapeLabResult | null): void {
    this.slice = slice;
    this.points = points;
    this.result = result;
    this.content.hidden = slice === null;
    const names = this.model?.params ?? [];
    const axisNames: [string, string] = slice ? [names[slice.x.param] ?? '', names[slice.y.param] ?? ''] : ['', ''];
    this.figure.setData(slice, points, result?.trajectories ?? [], axisNames);
    this.charts.set(result?.trajectories ?? []);
    this.renderTable();
    this.renderLegend();
    const body = this.section.body;
    body.dataset.points = JSON.stringify(points.map((c) => ({ W: c.W, type: c.type, origin: c.origin })));
    body.dataset.phase = result ? 'done' : slice ? 'partial' : 'empty';
    body.dataset.base = slice ? slice.base.join(' ') : '';
    body.dataset.runs = String(Number(body.dataset.runs ?? 0) + (result ? 1 : 0));
    if (result) {
      const t = result.timings;
      const st = result.stableStep === null ? 'none (λmax ≤ 0)' : num(result.stableStep);
      const plateaus = result.trajectories.flatMap((tr) =>
        tr.plateaus.map((p) => `${tr.label}: stall at step ${p.start} for ${p.length}${p.escaped ? ', escaped' : ''}`),
      );
      this.note.textContent =
        `${points.length} critical points (${points.filter((c) => c.origin === 'ghost').length} ghost) from ${result.search.starts} starts${result.search.complete ? '' : ' (search stopped early)'}; ` +
        `largest stable GD step at the live point 2/λmax = ${st}; ` +
        `slice ${t.sliceMs} ms, search ${t.searchMs} ms, trajectories ${t.trajectoryMs} ms.` +
        (plateaus.length ? ` Plateaus: ${plateaus.join('; ')}.` : '');
    } else if (slice) this.note.textContent = `Searching… ${points.length} critical points so far.`;
    this.host.scheduleDraw();
  }

  private renderTable(): void {
    const names = this.model?.params ?? [];
    const s = this.slice;
    const head = el(
      'tr',
      {},
      ...['', 'origin', 'type', 'L', 'set dim.', 'at'].map((h) => el('th', { scope: 'col' }, h)),
    );
    const rows = this.points.map((c, i) => {
      const faded = s && !onSlice(c.W, s.base, s.x.param, s.y.param);
      const at = names.map((n, j) => `${n} = ${num(c.W[j])}`).join(', ');
      const row = el(
        'tr',
        {
          tabindex: 0,
          class: faded ? 'off-slice' : '',
          'aria-label': `Move the live point to critical point ${i + 1}`,
        },
        el('td', {}, String(i + 1)),
        el('td', {}, c.origin),
        el('td', {}, c.type),
        el('td', {}, num(c.loss)),
        el('td', {}, c.setDimension < 0 ? '…' : String(c.setDimension)),
        el('td', {}, at),
      );
      const go = () => this.host.moveLive(Float64Array.from(c.W, (w) => w ?? NaN));
      row.addEventListener('click', go);
      row.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          go();
        }
      });
      return row;
    });
    this.table.replaceChildren(
      el('caption', {}, 'Critical points (click one to move the live point there)'),
      head,
      ...rows,
    );
  }

  private renderLegend(): void {
    this.legend.replaceChildren(...landscapeLegend(this.host.theme(), this.heat.checked, this.result));
  }
}
