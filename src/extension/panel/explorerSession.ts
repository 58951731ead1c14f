// What the explorer panel shows for one document, computed with the core: the host side of the protocol without
// `vscode`, so the panel and the webview tests' driver run the very same code.
import { analyze, analyzePoint, compileDocument, gradientField, rankMap } from '../../core';
import type { CompiledModel, RankMapData } from '../../core';
import type {
  AxisSettings, DocumentMessage, FieldFrame, FrameMessage, ModelInfo, PanelDiagnostic, PointDetails, RankMapFrame, ViewSettings,
} from '../../protocol/messages';
import { formatPoint, paramGroups } from './paramGroups';
import { defaultView, sanitizeView } from './viewSettings';

/** Computes a rank map; in-process by default, the analysis worker when the host has one. */
export type RankMapper = (model: CompiledModel, text: string, base: Float64Array, x: AxisSettings, y: AxisSettings) => Promise<RankMapData>;

/** The rank map on the calling thread (the fallback when no worker is available). */
export const inProcessRankMap: RankMapper = async (model, _text, base, x, y) => rankMap(model, base, x, y);

const flatten = (rows: readonly (readonly number[])[] | undefined): Float64Array => Float64Array.from((rows ?? []).flat());
const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => v === b[i]);

/** One document's explorer state: the compiled model, the live values of each point, and the view. */
export class ExplorerSession {
  private model: CompiledModel | undefined;
  private info: ModelInfo | null = null;
  private text = '';
  private version = -1;
  private values: Float64Array[] = [];
  /** What the webview asked for (kept as asked: a model may arrive later) and what it gets for this model. */
  private requested: ViewSettings | null = null;
  private view: ViewSettings | null = null;
  private pointIndex = 0;
  private mapCache: { key: string; frame: RankMapFrame } | undefined;
  private diagnostics: PanelDiagnostic[] = [];

  constructor(private readonly mapRanks: RankMapper = inProcessRankMap) {}

  /** The document version last loaded (-1 before the first). */
  get loadedVersion(): number {
    return this.version;
  }

  /** Compiles `text` unless this version is loaded already; live values survive edits that keep a point's `at` values. */
  load(text: string, version: number): void {
    if (version === this.version && text === this.text) return;
    const report = analyze(text);
    const { model } = compileDocument(text);
    this.diagnostics = report.diagnostics.map((d) => ({ severity: d.severity, line: d.line, message: d.message }));
    const old = this.info;
    this.text = text;
    this.version = version;
    this.model = model;
    this.mapCache = undefined;
    if (!model) {
      this.info = null;
      this.values = [];
      return;
    }
    const groups = paramGroups(model.params);
    const written = model.points.length > 0
      ? model.points.map((pt) => ({ label: pt.label, values: Float64Array.from(pt.values) }))
      : [{ label: `no \`at\` line: ${formatPoint(groups, new Float64Array(model.p).fill(1))}`, values: new Float64Array(model.p).fill(1) }];
    this.values = written.map((pt, i) => {
      const before = old?.points[i];
      const kept = before && old.p === model.p && same(before.values, pt.values) ? this.values[i] : undefined;
      return kept ? kept : Float64Array.from(pt.values);
    });
    this.info = {
      params: model.params, outputs: model.outputs, groups, p: model.p, q: model.q,
      jacobianTex: report.jacobianTex, points: written,
    };
    this.pointIndex = Math.min(this.pointIndex, written.length - 1);
    this.view = this.sanitized(this.requested);
  }

  /** The loaded document as a message: the model, diagnostics and one field per point at its live values. */
  documentMessage(requestId: number, fileName: string, uri: string): DocumentMessage {
    const fields = this.values.map((v, i) => this.field(i, v)).filter((f): f is FieldFrame => f !== null);
    return {
      type: 'document', requestId, version: this.version, fileName, uri, model: this.info, diagnostics: this.diagnostics,
      fields, values: this.values.map((v) => Float64Array.from(v)), view: this.currentView(),
    };
  }

  /** Adopts the webview's view (made valid for the model). */
  setView(view: ViewSettings | null, pointIndex: number): void {
    this.requested = view;
    this.view = this.sanitized(view);
    this.selectPoint(pointIndex);
  }

  /** Moves point `pointIndex` to `values` and makes it live (ignored when the length does not match the model). */
  setPoint(pointIndex: number, values: ArrayLike<number>): void {
    this.selectPoint(pointIndex);
    if (this.info && values.length === this.info.p) this.values[this.pointIndex] = Float64Array.from(values);
  }

  /** The live point's field, details and rank map (the rank map is reused while only its axes' values move). */
  async frame(requestId: number): Promise<FrameMessage> {
    const i = this.pointIndex;
    const values = this.values[i] ?? new Float64Array(0);
    const base: FrameMessage = { type: 'frame', requestId, version: this.version, pointIndex: i, values: Float64Array.from(values), view: this.currentView(), field: null, details: null, rankMap: null };
    if (!this.model || !this.info) return base;
    return { ...base, field: this.field(i, values), details: this.details(values), rankMap: await this.rankMapFrame(values) };
  }

  /** Makes point `pointIndex` (clamped) the live one. */
  selectPoint(pointIndex: number): void {
    const n = this.values.length;
    this.pointIndex = n === 0 ? 0 : Math.min(n - 1, Math.max(0, Math.round(pointIndex)));
  }

  private currentView(): ViewSettings {
    return this.view ?? defaultView(1, 1, [0]);
  }

  private sanitized(view: ViewSettings | null): ViewSettings | null {
    if (!this.info) return view;
    const fallback = defaultView(this.info.p, this.info.q, this.values[this.pointIndex] ?? []);
    return sanitizeView(view, this.info.p, this.info.q, fallback);
  }

  private field(i: number, values: Float64Array): FieldFrame | null {
    const model = this.model;
    const info = this.info;
    if (!model || !info || model.q < 2) return null;
    const grid = this.currentView().grid;
    const theta = new Float64Array(model.q);
    const J = new Float64Array(model.q * model.p);
    model.evaluate(values, 1, theta, J);
    const f = gradientField(J, model.q, model.p, grid);
    const label = same(values, info.points[i].values) ? info.points[i].label : formatPoint(info.groups, values);
    return { pointIndex: i, label, size: f.size, gx: f.gx, gy: f.gy, dx: f.dx, dy: f.dy, theta: [theta[grid.coords[0]], theta[grid.coords[1]]] };
  }

  private details(values: Float64Array): PointDetails {
    const r = analyzePoint(this.model!, values);
    return {
      finite: r.finite, theta: Float64Array.from(r.theta), J: flatten(r.J),
      singularValues: Float64Array.from(r.singularValues ?? []), rank: r.rank ?? 0,
      conditionNumber: r.conditionNumber ?? null,
      kernel: (r.kernel ?? []).map((v) => Float64Array.from(v)),
      cokernel: (r.cokernel ?? []).map((v) => Float64Array.from(v)),
      preconditioner: flatten(r.preconditioner),
    };
  }

  private async rankMapFrame(values: Float64Array): Promise<RankMapFrame | null> {
    const model = this.model!;
    if (model.p < 2) return null;
    const { rankX: x, rankY: y } = this.currentView();
    if (x.param === y.param) return null;
    const rest = Array.from(values, (v, j) => (j === x.param || j === y.param ? 0 : v));
    const key = JSON.stringify([this.version, x, y, rest]);
    if (this.mapCache?.key === key) return this.mapCache.frame;
    const m = await this.mapRanks(model, this.text, values, x, y);
    // Single precision and byte ranks: plenty for colours and tooltips, and a third of the bytes to post per frame.
    const fullRank = Math.min(model.p, model.q);
    const frame: RankMapFrame = {
      x, y, xs: m.xs, ys: m.ys, sMin: Float32Array.from(m.sMin), sMax: Float32Array.from(m.sMax),
      rank: fullRank < 256 ? Uint8Array.from(m.rank) : m.rank, fullRank,
    };
    this.mapCache = { key, frame };
    return frame;
  }
}
