// The panel webview: receives numbers from the host and draws them. It never parses user text.
import type {
  DocumentMessage,
  FieldFrame,
  FrameMessage,
  HostMessage,
  ModelInfo,
  ViewSettings,
} from '../src/protocol/panel';
import { applyChartTheme } from './charts';
import { ViewControls } from './controls';
import { DetailsView } from './detailsView';
import { el, setChildren } from './dom';
import { wireExportButtons } from './exportButtons';
import { composeField, fieldCsv, fieldSvg, pngBase64, rankMapSvg } from './exportFigure';
import { FieldView } from './fieldView';
import { HostLink } from './hostLink';
import type { SavedState } from './hostLink';
import { buildLayout } from './layout';
import { RankMapView } from './rankMapView';
import { Sliders } from './sliders';
import { readTheme, watchTheme, type Theme } from './theme';

/** The shortest interval between two refreshes of the details while a slider drags (ms). */
const DETAILS_MS = 250;

/** The whole panel: state, message handling and draw scheduling. */
class App {
  private readonly ui = buildLayout(document.getElementById('app')!);
  private readonly link = new HostLink((m) => this.receive(m));
  private theme: Theme = readTheme();
  private readonly field = new FieldView(
    this.ui.subplots,
    () => this.theme,
    (i) => this.selectPoint(i),
  );
  private readonly rank = new RankMapView(this.ui.rankMap, () => this.theme);
  private readonly details = new DetailsView(this.ui.details, () => this.theme);
  private readonly setStatus = (text: string): void => void (this.ui.status.textContent = text);
  private readonly sliders = new Sliders(this.ui.sliders, (v) => this.moveLive(v));
  private readonly controls: ViewControls;
  private state: SavedState;
  private model: ModelInfo | null = null;
  private fields: FieldFrame[] = [];
  private values: Float64Array[] = [];
  private view: ViewSettings | null = null;
  private version = -1;
  private frames = 0;
  private drawQueued = false;
  /** The newest frame not drawn yet. */
  private pendingFrame: FrameMessage | null = null;
  /** Time spent handling messages and drawing (ms, cumulative; the browser tests report it per frame). */
  private workMs = 0;
  private pendingDetails: FrameMessage['details'] = null;
  private detailsTimer: ReturnType<typeof setTimeout> | undefined;
  private detailsAt = 0;
  /** The point the sliders were built for (-1: rebuild on the next frame). */
  private sliderPoint = -1;

  constructor() {
    applyChartTheme(this.theme);
    this.state = this.link.loadState() ?? { uri: '', view: null, pointIndex: 0, commonScale: false };
    this.field.commonScale = this.state.commonScale;
    this.controls = new ViewControls(
      this.ui.fieldControls,
      this.ui.rankControls,
      (v) => this.link.send({ type: 'setView', view: v, pointIndex: this.state.pointIndex }),
      (on) => {
        this.field.commonScale = on;
        this.save({ commonScale: on });
        this.scheduleDraw();
      },
    );
    this.ui.pointPicker.addEventListener('change', () => this.selectPoint(Number(this.ui.pointPicker.value)));
    this.ui.reset.addEventListener('click', () => this.resetPoint());
    this.wireExports();
    watchTheme(() => this.retheme());
    window.addEventListener('resize', () => {
      this.field.invalidate();
      this.rank.invalidate();
      this.scheduleDraw();
    });
    this.link.send({ type: 'ready', view: this.state.view, pointIndex: this.state.pointIndex });
  }

  private receive(m: HostMessage): void {
    const t0 = performance.now();
    try {
      this.handle(m);
    } finally {
      this.workMs += performance.now() - t0;
    }
  }

  private handle(m: HostMessage): void {
    switch (m.type) {
      case 'document':
        return this.onDocument(m);
      case 'frame':
        return this.onFrame(m);
      case 'exportResult':
        return this.setStatus(m.message);
      case 'error':
        return this.setStatus(m.message);
      default: {
        const never: never = m;
        return never;
      }
    }
  }

  private onDocument(m: DocumentMessage): void {
    this.version = m.version;
    this.pendingFrame = null;
    this.model = m.model;
    this.fields = m.fields;
    this.values = m.values.map((v) => Float64Array.from(v));
    this.view = m.view;
    this.sliderPoint = -1;
    this.ui.fileName.textContent = m.fileName;
    setChildren(
      this.ui.diagnostics,
      ...m.diagnostics
        .filter((d) => d.severity === 'error')
        .slice(0, 20)
        .map((d) => el('li', { class: d.severity }, `line ${d.line}: ${d.message}`)),
    );
    this.ui.pointPicker.replaceChildren(
      ...(m.model?.points ?? []).map((p, i) => el('option', { value: i }, `${i + 1}: ${p.label}`)),
    );
    this.controls.setModel(m.model);
    this.controls.setView(m.view, this.field.commonScale);
    this.details.setModel(m.model);
    const names = this.coordNames();
    this.field.setFields(m.fields, m.view.grid, names);
    if (!m.model)
      this.setStatus(m.diagnostics.length > 0 ? 'The file has errors; fix them to see the panel.' : 'Nothing to show.');
    else if (m.model.q < 2)
      this.setStatus('The field needs at least two outputs; the rank map and details still apply.');
    else this.setStatus('');
    this.save({ uri: m.uri, view: m.view });
    this.scheduleDraw();
  }

  /** Frames wait for the next animation frame; only the newest is drawn (its map is the newest sent). */
  private onFrame(m: FrameMessage): void {
    if (m.version !== this.version || !this.model) return;
    const before = this.pendingFrame;
    this.pendingFrame =
      m.rankMap === 'unchanged' && before && before.rankMap !== null ? { ...m, rankMap: before.rankMap } : m;
    this.scheduleDraw();
  }

  private applyFrame(m: FrameMessage): void {
    if (m.version !== this.version || !this.model) return;
    const i = m.pointIndex;
    // While a drag is in flight the host's answer lags the sliders: the local values stay the truth.
    if (!this.link.busy) this.values[i] = Float64Array.from(m.values);
    if (i !== this.state.pointIndex) this.save({ pointIndex: i });
    if (this.ui.pointPicker.value !== String(i)) this.ui.pointPicker.value = String(i);
    if (this.sliderPoint !== i) {
      this.sliders.setModel(this.model, i, this.values[i]);
      this.sliderPoint = i;
    } else if (!this.link.busy) {
      this.sliders.setValues(this.values[i]);
    }
    this.field.live = i;
    this.field.markLive();
    if (m.field) {
      this.fields[i] = m.field;
      this.field.updateField(m.field);
    }
    if (JSON.stringify(m.view) !== JSON.stringify(this.view)) {
      this.view = m.view;
      this.controls.setView(m.view, this.field.commonScale);
      this.save({ view: m.view });
    }
    const r = m.rankMap === 'unchanged' ? this.rank.current : m.rankMap;
    this.rank.setData(
      r,
      r ? [this.model.params[r.x.param], this.model.params[r.y.param]] : ['', ''],
      r ? [m.values[r.x.param], m.values[r.y.param]] : null,
    );
    this.showDetails(m.details);
  }

  /** Details (tables, bar chart) are secondary to the figures and cost about as much as a figure frame (chart.js
   *  lays out the whole bar chart): during a drag they refresh at most every DETAILS_MS, in a task of their own. */
  private showDetails(d: FrameMessage['details']): void {
    this.pendingDetails = d;
    if (this.detailsTimer !== undefined) return;
    const wait = Math.max(0, DETAILS_MS - (performance.now() - this.detailsAt));
    this.detailsTimer = setTimeout(
      () => {
        this.detailsTimer = undefined;
        this.detailsAt = performance.now();
        this.details.setPoint(this.pendingDetails);
      },
      this.link.busy ? wait : 0,
    );
  }

  private moveLive(values: Float64Array): void {
    const i = this.state.pointIndex;
    this.values[i] = values;
    this.link.sendPoint(i, values);
  }

  private selectPoint(i: number): void {
    if (!this.model || !this.values[i]) return;
    this.save({ pointIndex: i });
    this.link.sendPoint(i, this.values[i]);
  }

  private resetPoint(): void {
    const i = this.state.pointIndex;
    const written = this.model?.points[i]?.values;
    if (!written) return;
    this.values[i] = Float64Array.from(written);
    this.sliderPoint = -1;
    this.link.sendPoint(i, this.values[i]);
  }

  private coordNames(): [string, string] {
    const c = this.view?.grid.coords ?? [0, 1];
    return [this.model?.outputs[c[0]] ?? '', this.model?.outputs[c[1]] ?? ''];
  }

  private save(part: Partial<SavedState>): void {
    this.state = { ...this.state, ...part };
    this.link.saveState(this.state);
  }

  private scheduleDraw(): void {
    if (this.drawQueued) return;
    this.drawQueued = true;
    requestAnimationFrame(() => {
      this.drawQueued = false;
      const t0 = performance.now();
      const frame = this.pendingFrame;
      this.pendingFrame = null;
      if (frame) this.applyFrame(frame);
      this.field.draw();
      this.rank.draw();
      this.workMs += performance.now() - t0;
      document.body.dataset.workMs = this.workMs.toFixed(1);
      this.frames++;
      document.body.dataset.frames = String(this.frames);
      document.body.dataset.version = String(this.version);
    });
  }

  private retheme(): void {
    this.theme = readTheme();
    applyChartTheme(this.theme);
    if (this.view) this.field.setFields(this.fields, this.view.grid, this.coordNames());
    this.field.live = this.state.pointIndex;
    this.field.markLive();
    this.details.destroy();
    this.details.setModel(this.model);
    this.rank.retheme();
    this.scheduleDraw();
  }

  private wireExports(): void {
    wireExportButtons(
      this.ui,
      {
        field: {
          png: {
            format: 'png',
            suffix: 'field.png',
            data: () => pngBase64(composeField(this.ui.subplots, this.theme)),
          },
          svg: {
            format: 'svg',
            suffix: 'field.svg',
            data: () =>
              this.view && fieldSvg(this.fields, this.view.grid, this.coordNames(), this.field.commonScale, this.theme),
          },
          csv: { format: 'csv', suffix: 'field.csv', data: () => fieldCsv(this.fields, this.coordNames()) },
        },
        rank: {
          png: { format: 'png', suffix: 'rankmap.png', data: () => pngBase64(this.rank.canvas) },
          svg: {
            format: 'svg',
            suffix: 'rankmap.svg',
            data: () => {
              const snap = this.rank.snapshot();
              return snap ? rankMapSvg(snap, this.theme) : null;
            },
          },
        },
      },
      (m) => this.link.send(m),
    );
  }
}

new App();
