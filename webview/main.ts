// The panel webview: receives numbers from the host and draws them. It never parses user text. The views come from
// one table (webview/views.ts): the page has a section per view, and each message goes to the views consuming it.
import type { DocumentMessage, FrameMessage, HostMessage, ModelInfo, ViewSettings } from '../src/protocol/panel';
import { applyChartTheme } from './charts';
import { ViewControls } from './controls';
import { el, setChildren } from './dom';
import { wireExportButtons } from './exportButtons';
import { HostLink } from './hostLink';
import type { SavedState } from './hostLink';
import { buildLayout } from './layout';
import { Sliders } from './sliders';
import { readTheme, watchTheme, type Theme } from './theme';
import { consumes } from './view';
import type { AnyViewDefinition, PanelView, ViewHost } from './view';
import { VIEWS } from './views';

/** The whole panel: state, message handling and draw scheduling. */
class App {
  private readonly ui = buildLayout(document.getElementById('app')!, VIEWS);
  private readonly link = new HostLink((m) => this.receive(m));
  private theme: Theme = readTheme();
  private readonly views: { def: AnyViewDefinition; view: PanelView }[];
  private readonly setStatus = (text: string): void => void (this.ui.status.textContent = text);
  private readonly sliders = new Sliders(this.ui.sliders, (v) => this.moveLive(v));
  private readonly controls: ViewControls;
  private state: SavedState;
  private model: ModelInfo | null = null;
  private values: Float64Array[] = [];
  private view: ViewSettings | null = null;
  private version = -1;
  private frames = 0;
  private drawQueued = false;
  /** The newest frame not drawn yet. */
  private pendingFrame: FrameMessage | null = null;
  /** Time spent handling messages and drawing (ms, cumulative; the browser tests report it per frame). */
  private workMs = 0;
  /** The point the sliders were built for (-1: rebuild on the next frame). */
  private sliderPoint = -1;

  constructor() {
    applyChartTheme(this.theme);
    this.state = this.link.loadState() ?? { uri: '', view: null, pointIndex: 0, commonScale: false };
    const host: ViewHost = {
      theme: () => this.theme,
      model: () => this.model,
      view: () => this.view,
      pointIndex: () => this.state.pointIndex,
      commonScale: () => this.state.commonScale,
      busy: () => this.link.busy,
      selectPoint: (i) => this.selectPoint(i),
      moveLive: (v) => this.moveLive(v),
      send: (m) => this.link.send(m),
      scheduleDraw: () => this.scheduleDraw(),
    };
    this.views = VIEWS.map((def) => ({ def, view: def.create(this.ui.sections.get(def.id)!, host) }));
    this.controls = new ViewControls(
      this.ui.sections.get('field')!.controls!,
      this.ui.sections.get('rank')!.controls!,
      (v) => this.link.send({ type: 'setView', view: v, pointIndex: this.state.pointIndex }),
      (on) => {
        this.save({ commonScale: on });
        this.scheduleDraw();
      },
    );
    this.ui.pointPicker.addEventListener('change', () => this.selectPoint(Number(this.ui.pointPicker.value)));
    this.ui.reset.addEventListener('click', () => this.resetPoint());
    for (const { def, view } of this.views)
      wireExportButtons(this.ui.sections.get(def.id)!, view, this.ui.fileName, (m) => this.link.send(m));
    watchTheme(() => this.retheme());
    window.addEventListener('resize', () => {
      for (const { view } of this.views) view.invalidate?.();
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
      case 'training':
      case 'lab':
        // Only the view's own run is shown (it checks the request id); a stale version is dropped here.
        return m.version === this.version ? this.dispatch(m) : undefined;
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
    this.controls.setView(m.view, this.state.commonScale);
    this.dispatch(m);
    if (!m.model)
      this.setStatus(m.diagnostics.length > 0 ? 'The file has errors; fix them to see the panel.' : 'Nothing to show.');
    else if (m.model.q < 2)
      this.setStatus('The field needs at least two outputs; the rank map and details still apply.');
    else this.setStatus('');
    this.save({ uri: m.uri, view: m.view });
    this.scheduleDraw();
  }

  /** Hands `m` to every view that consumes its kind, in table order. */
  private dispatch(m: HostMessage): void {
    for (const { def, view } of this.views) if (consumes(def, m)) view.receive(m);
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
    if (JSON.stringify(m.view) !== JSON.stringify(this.view)) {
      this.view = m.view;
      this.controls.setView(m.view, this.state.commonScale);
      this.save({ view: m.view });
    }
    this.dispatch(m);
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
      for (const { view } of this.views) view.draw?.();
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
    for (const { view } of this.views) view.retheme();
    this.scheduleDraw();
  }
}

new App();
