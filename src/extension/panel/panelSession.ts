// What the panel shows for one document: the live values of each point, the view, and the messages for
// the webview. No `vscode` and no core on this thread: every number comes from an PanelCompute (the analysis
// workers), so the panel and the webview tests' driver run the very same code.
import type {
  DocumentMessage,
  FieldFrame,
  FrameMessage,
  ModelInfo,
  PanelDiagnostic,
  RankMapFrame,
  ViewSettings,
} from '../../protocol/panel';
import type { PanelCompute, FrameRequest, FrameResult } from './panelCompute';
import { BLOG_FIELD, defaultAxis, defaultView, sanitizeView, withFieldDefaults } from '../../protocol/viewSettings';
import type { FieldDefaults } from '../../protocol/viewSettings';

const linspace = (from: number, to: number, steps: number): Float64Array =>
  Float64Array.from({ length: steps }, (_, i) => (steps === 1 ? from : from + ((to - from) * i) / (steps - 1)));

/** One document's panel state: the model as shown, the live values of each point, and the view. */
export class PanelSession {
  private info: ModelInfo | null = null;
  private text = '';
  private version = -1;
  private values: Float64Array[] = [];
  /** What the webview asked for (kept as asked: a model may arrive later) and what it gets for this model. */
  private requested: ViewSettings | null = null;
  private view: ViewSettings | null = null;
  private pointIndex = 0;
  /** The last rank map computed, and which inputs it was computed for. */
  private mapCache: { key: string; frame: RankMapFrame } | undefined;
  /** The key of the rank map the webview holds (frames then say `unchanged` instead of resending it). */
  private shownMapKey: string | undefined;
  private diagnostics: PanelDiagnostic[] = [];
  private field: FieldDefaults = BLOG_FIELD;
  /** The first frame that came with the model, until documentAndFrame sends it (dropped when the state moves). */
  private first: FrameResult | undefined;
  /** Serial number of the maps computed (a map's `id`). */
  private maps = 0;

  constructor(private readonly compute: PanelCompute) {}

  /** The document version last loaded (-1 before the first). */
  get loadedVersion(): number {
    return this.version;
  }

  /** The loaded document's text and version, and whether a model compiled from it (null: nothing loaded). */
  get loaded(): { text: string; version: number; model: ModelInfo } | null {
    return this.info && { text: this.text, version: this.version, model: this.info };
  }

  /** The map the webview holds for the live point's slice, with the live values and the view (null: none). */
  heldMap(): { frame: RankMapFrame; base: Float64Array; view: ViewSettings } | null {
    const map = this.mapCache;
    const live = this.values[this.pointIndex];
    if (!this.info || !map || !live || this.shownMapKey !== map.key || map.key !== this.mapKey()) return null;
    return { frame: map.frame, base: live, view: this.currentView() };
  }

  /** Forgets the loaded version (the options changed): the next load recompiles and every map is recomputed. */
  forgetModel(): void {
    this.first = undefined;
    this.version = -1;
    this.mapCache = undefined;
  }

  /** Compiles `text` (in the worker) unless this version is loaded; live values survive edits that keep a point's
   *  `at` values. The first frame comes with the model (one round trip); `pointIndex` selects the live point. */
  async load(text: string, version: number, signal?: AbortSignal, pointIndex?: number): Promise<void> {
    if (version === this.version && text === this.text) {
      if (pointIndex !== undefined) this.selectPoint(pointIndex);
      return;
    }
    const old = this.info;
    const { model, diagnostics, first } = await this.compute.model(
      text,
      {
        view: this.requested,
        field: this.field,
        pointIndex: pointIndex ?? this.pointIndex,
        previous: old && {
          p: old.p,
          points: old.points.map((pt, i) => ({ written: pt.values, live: this.values[i] ?? pt.values })),
        },
      },
      signal,
    );
    this.diagnostics = diagnostics;
    this.text = text;
    this.version = version;
    this.mapCache = undefined;
    this.first = undefined;
    if (!model || !first) {
      this.info = null;
      this.values = [];
      return;
    }
    // The worker chose what to show with the host's own rule (panelState), and computed its first frame.
    this.info = model;
    this.values = first.values;
    this.pointIndex = first.pointIndex;
    this.view = first.view;
    this.first = first.frame;
  }

  /** The loaded document and the live frame, from one round of work: every point's field, the live details and map. */
  async documentAndFrame(
    requestId: number,
    fileName: string,
    uri: string,
    signal?: AbortSignal,
  ): Promise<[DocumentMessage, FrameMessage]> {
    const all = this.values.map((values, pointIndex) => ({ pointIndex, values }));
    const first = this.first;
    this.first = undefined;
    const result = first ?? (this.info ? await this.compute.frame(this.text, this.frameRequest(all), signal) : null);
    const fields = result?.fields ?? [];
    const document: DocumentMessage = {
      type: 'document',
      requestId,
      version: this.version,
      fileName,
      uri,
      model: this.info,
      diagnostics: this.diagnostics,
      fields,
      values: this.values.map((v) => Float64Array.from(v)),
      view: this.currentView(),
    };
    // The webview redraws everything on a document: its rank map is sent again.
    this.shownMapKey = undefined;
    return [document, this.frameMessage(requestId, result, fields[this.pointIndex] ?? null)];
  }

  /** The live point's field, details and rank map (the map is reused while only its axes' values move). */
  async frame(requestId: number, signal?: AbortSignal): Promise<FrameMessage> {
    this.first = undefined;
    const live = this.values[this.pointIndex];
    const points = live ? [{ pointIndex: this.pointIndex, values: live }] : [];
    const result = this.info && live ? await this.compute.frame(this.text, this.frameRequest(points), signal) : null;
    return this.frameMessage(requestId, result, result?.fields[0] ?? null);
  }

  /** What a trajectory of point `pointIndex` starts from: the text, its version and the point's live values (null
   *  when nothing is loaded). */
  trainingStart(
    pointIndex: number,
  ): { text: string; version: number; values: Float64Array; coords?: [number, number] } | null {
    const live = this.info ? this.values[pointIndex] : undefined;
    const coords = this.view?.grid.coords;
    return live
      ? {
          text: this.text,
          version: this.version,
          values: Float64Array.from(live),
          coords: coords && [coords[0], coords[1]],
        }
      : null;
  }

  /** Adopts the webview's view (made valid for the model); an axis switched to another parameter gets that one's range. */
  setView(view: ViewSettings | null, pointIndex: number): void {
    this.first = undefined;
    this.selectPoint(pointIndex);
    const live = this.values[this.pointIndex];
    const old = this.view;
    if (view && old && live) {
      const axis = (a: ViewSettings['rankX'], b: ViewSettings['rankX']): ViewSettings['rankX'] =>
        a.param !== b.param && a.from === b.from && a.to === b.to
          ? { ...defaultAxis(a.param, live[a.param] ?? 0), steps: a.steps }
          : a;
      view = { ...view, rankX: axis(view.rankX, old.rankX), rankY: axis(view.rankY, old.rankY) };
    }
    this.requested = view;
    this.view = this.sanitized(view);
  }

  /** New field-grid defaults (the settings changed): they apply to the current view too. */
  setFieldDefaults(field: FieldDefaults): void {
    this.first = undefined;
    this.field = field;
    if (this.requested) this.requested = withFieldDefaults(this.requested, field);
    if (this.view) this.view = withFieldDefaults(this.view, field);
  }

  /** Moves point `pointIndex` to `values` and makes it live (ignored when the length does not match the model). */
  setPoint(pointIndex: number, values: ArrayLike<number>): void {
    this.first = undefined;
    this.selectPoint(pointIndex);
    if (this.info && values.length === this.info.p) this.values[this.pointIndex] = Float64Array.from(values);
  }

  /** Makes point `pointIndex` (clamped; kept as asked while no model is loaded, for the next load) the live one. */
  selectPoint(pointIndex: number): void {
    const n = this.values.length;
    const i = n === 0 ? Math.max(0, Math.round(pointIndex)) : Math.min(n - 1, Math.max(0, Math.round(pointIndex)));
    if (i !== this.pointIndex) this.first = undefined;
    this.pointIndex = i;
  }

  private currentView(): ViewSettings {
    return this.view ?? defaultView(1, 1, [0], this.field);
  }

  private sanitized(view: ViewSettings | null): ViewSettings | null {
    if (!this.info) return view;
    const fallback = defaultView(this.info.p, this.info.q, this.values[this.pointIndex] ?? [], this.field);
    return sanitizeView(view, this.info.p, this.info.q, fallback);
  }

  /** The key of the live point's rank map: the document, the axes and every value but the axes' own. */
  private mapKey(): string | null {
    const live = this.values[this.pointIndex];
    if (!this.info || !live || this.info.p < 2) return null;
    const { rankX: x, rankY: y } = this.currentView();
    if (x.param === y.param) return null;
    return JSON.stringify([this.version, x, y, Array.from(live, (v, j) => (j === x.param || j === y.param ? 0 : v))]);
  }

  /** Fields at `points`, details of the live point, and the rank map unless the cached one still holds. */
  private frameRequest(points: FrameRequest['fields']): FrameRequest {
    const view = this.currentView();
    const key = this.mapKey();
    const live = this.values[this.pointIndex];
    return {
      grid: view.grid,
      fields: this.info && this.info.q >= 2 ? points : [],
      details: live ?? null,
      rankMap: key !== null && this.mapCache?.key !== key ? { base: live, x: view.rankX, y: view.rankY } : null,
    };
  }

  private frameMessage(requestId: number, result: FrameResult | null, field: FieldFrame | null): FrameMessage {
    const i = this.pointIndex;
    const values = this.values[i] ?? new Float64Array(0);
    return {
      type: 'frame',
      requestId,
      version: this.version,
      pointIndex: i,
      values: Float64Array.from(values),
      view: this.currentView(),
      field,
      details: result?.details ?? null,
      rankMap: this.rankMapFrame(result),
    };
  }

  /** The map for this frame: new cells, `unchanged` when the webview already has them, or null when there is none. */
  private rankMapFrame(result: FrameResult | null): FrameMessage['rankMap'] {
    const key = this.mapKey();
    if (key === null || !this.info) return null;
    const cells = result?.rankMap;
    if (cells) {
      const { rankX: x, rankY: y } = this.currentView();
      const frame: RankMapFrame = {
        x,
        y,
        xs: linspace(x.from, x.to, x.steps),
        ys: linspace(y.from, y.to, y.steps),
        ...cells,
        fullRank: Math.min(this.info.p, this.info.q),
        id: ++this.maps,
      };
      this.mapCache = { key, frame };
    }
    if (this.mapCache?.key !== key) return null;
    if (this.shownMapKey === key) return 'unchanged';
    this.shownMapKey = key;
    return this.mapCache.frame;
  }
}
