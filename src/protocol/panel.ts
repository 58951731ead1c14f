// The protocol between the extension host and the panel webview. Both sides import it type-only; the runtime checks
// of what arrives are in ./validate.ts. Nothing here touches `vscode` or the DOM. The shapes are the core's own
// (FieldGrid, MapAxis, FieldData, ModelShape, PointReport); what travels differs from them only where a transfer
// needs it (typed arrays, single precision), and src/worker/frames.ts is the one place that converts.
// Numbers travel as typed arrays or plain arrays (postMessage structured-clones typed arrays).
import type { CancelLabMessage, LabMessage, RunLabMessage } from './labs';
import type { LossSlice } from '../core/objective/lossSlice';
import type { FieldData, FieldGrid } from '../core/field';
import type { ModelShape } from '../core/modelShape';
import type { MapAxis } from '../core/rankMap';

/** A list of numbers as it arrives: a typed array from the host, a plain array from JSON. */
export type NumArray = Float64Array | Float32Array | Int32Array | Uint8Array | number[];

/** What the user chose to look at; owned by the webview, persisted with `setState`, sent to the host. */
export interface ViewSettings {
  grid: FieldGrid;
  rankX: MapAxis;
  rankY: MapAxis;
  /** Draw the rank-deficient locus over the rank map (and its image on the field); absent means on. */
  locus?: boolean;
}

/** The model as the webview needs it: names, the core's shape, and the symbolic Jacobian as TeX (q x p). */
export interface ModelInfo {
  params: string[];
  outputs: string[];
  shape: ModelShape;
  p: number;
  q: number;
  jacobianTex: string[][];
  /** The `at` points: their labels (`w = (0.1, 1)`) and values as written (one made-up point when there is none). */
  points: { label: string; values: Float64Array }[];
  /** The file defines a loss (a `loss` line, or `model` with `data`): the Training view can run. */
  hasLoss?: boolean;
}

/** A diagnostic reduced to what the panel shows. */
export interface PanelDiagnostic {
  severity: 'error' | 'warning' | 'information';
  line: number;
  message: string;
}

/** One subplot: the core's field (arrows from g = (gx, gy) along M g = (dx, dy)) at point `pointIndex`. */
export interface FieldFrame extends FieldData {
  pointIndex: number;
  /** The point's label (src/format/point.ts): the `at` line's while its values are as written. */
  label: string;
  /** theta on the two shown coordinates (the blue arrow). */
  theta: [number, number];
}

/** The analysis of the live point (what the details view shows): the core's PointReport as typed arrays. */
export interface PointDetails {
  finite: boolean;
  theta: NumArray;
  /** J row-major, q x p. */
  J: NumArray;
  singularValues: NumArray;
  rank: number;
  conditionNumber: number | null;
  kernel: NumArray[];
  cokernel: NumArray[];
  /** M = J Jᵀ row-major, q x q. */
  preconditioner: NumArray;
}

/** The cells of a rank map, row-major: the core's RankMapData in single precision (plenty for colours and
 *  tooltips; half the bytes) with byte ranks while a rank fits in a byte. */
export interface RankCells {
  sMin: Float32Array;
  sMax: Float32Array;
  rank: Uint8Array | Int32Array;
}

/** A rank map over two parameter axes (index = iy * nx + ix). */
export interface RankMapFrame extends RankCells {
  x: MapAxis;
  y: MapAxis;
  /** Cell centres along each axis (lengths x.steps and y.steps). */
  xs: Float64Array;
  ys: Float64Array;
  /** min(q, p): a cell whose rank is below it is rank-deficient. */
  fullRank: number;
  /** The session's serial number of this map: a `locus` message names the map it was computed for. */
  id?: number;
}

/** Host -> webview: a (re)compiled document, with one field per `at` point at the live values. */
export interface DocumentMessage {
  type: 'document';
  requestId: number;
  version: number;
  fileName: string;
  /** The document's URI, kept in the webview's state so a restarted VS Code can reopen it. */
  uri: string;
  model: ModelInfo | null;
  diagnostics: PanelDiagnostic[];
  fields: FieldFrame[];
  /** The live values of every point (slider edits survive edits elsewhere in the file). */
  values: NumArray[];
  /** The view the host used (the webview's request, made valid for this model). */
  view: ViewSettings;
}

/** Host -> webview: the live point after `setPoint`/`setView`/`document`: its field, details and rank map. */
export interface FrameMessage {
  type: 'frame';
  requestId: number;
  version: number;
  pointIndex: number;
  values: NumArray;
  view: ViewSettings;
  field: FieldFrame | null;
  details: PointDetails | null;
  /** The map; `unchanged` when the one last sent still holds (e.g. while one of its own axes is dragged). */
  rankMap: RankMapFrame | 'unchanged' | null;
}

/** Host -> webview: bring view `view` (a view id of webview/views.ts) into sight and, with `run`, start its run
 *  from the live point (a code lens's "show landscape", say). Unknown ids are ignored. */
export interface RevealMessage {
  type: 'reveal';
  requestId: number;
  view: string;
  run: boolean;
}

/** Host -> webview: the outcome of an `export` request. */
export interface ExportResultMessage {
  type: 'exportResult';
  requestId: number;
  ok: boolean;
  message: string;
}

/** Host -> webview: a request failed (the message is for the user); a slider request's id when it answers one. */
export interface ErrorMessage {
  type: 'error';
  requestId: number;
  message: string;
}

/** One recorded state of a trajectory as the Training view draws it. */
export interface TrainingSample {
  t: number;
  loss: number;
  theta: NumArray;
}

/** Host -> webview: a trajectory of the `train` request `requestId`, streamed: `running` carries the records made
 *  since the last message, `done` every record with canonical GD from the same start, `failed` the reason. */
export interface TrainingMessage {
  type: 'training';
  requestId: number;
  version: number;
  phase: 'running' | 'done' | 'failed';
  records: TrainingSample[];
  canonical: TrainingSample[] | null;
  /** How far the run is (steps or time done of total). */
  done: number;
  total: number;
  stopped: string | null;
  message: string | null;
  /** With `done`: L(θ) on the slice of the two shown coordinates around both paths (null otherwise). */
  contours?: LossSlice | null;
}

/** Host -> webview, after a frame with a new map (when the host is idle and the view's `locus` is on): where J loses
 *  rank on that map's slice (the core's rankLocus), and its image in θ on the field's two coordinates. Coordinates
 *  are flattened pairs: [x0, y0, x1, y1, …]. */
export interface LocusMessage {
  type: 'locus';
  requestId: number;
  version: number;
  /** The `id` of the rank map this locus belongs to. */
  mapId: number;
  /** Polylines in slice coordinates (x = the map's x parameter, y = its y parameter). */
  lines: NumArray[];
  /** Isolated points of the set. */
  points: NumArray;
  /** The same vertices mapped to θ on the field's coordinates (`coords`), for the markers on the live subplot. */
  theta: { coords: [number, number]; lines: NumArray[]; points: NumArray } | null;
}

/** One rank-deficient set of the whole box, as the details list shows it. */
export interface PanelSet {
  /** Its equations (`w[1] = 0`), or a phrase when it has none. */
  conditions: string;
  /** Why J loses rank there, in words (`zero column of w[1]`). */
  reason: string;
  rank: number;
  dimension: number;
  /** The representative point (J's column order): "move the live point here" sets the live values to it. */
  W: NumArray;
}

/** Host -> webview, once per document version (when the host is idle): the `deficient` search's sets. */
export interface SetsMessage {
  type: 'sets';
  requestId: number;
  version: number;
  sets: PanelSet[];
  /** Why there is no list (the search failed or ran out of time); null when it completed. */
  message: string | null;
}

/** Everything the host sends. */
export type HostMessage =
  | DocumentMessage
  | FrameMessage
  | TrainingMessage
  | LabMessage
  | RevealMessage
  | LocusMessage
  | SetsMessage
  | ExportResultMessage
  | ErrorMessage;

/** Webview -> host: the page is up; carries the restored view state so the first frame matches it. */
export interface ReadyMessage {
  type: 'ready';
  requestId: number;
  view: ViewSettings | null;
  pointIndex: number;
}

/** Webview -> host: move the live point (slider drag). */
export interface SetPointMessage {
  type: 'setPoint';
  requestId: number;
  pointIndex: number;
  values: NumArray;
}

/** Webview -> host: the grid, coordinates or rank-map axes changed. */
export interface SetViewMessage {
  type: 'setView';
  requestId: number;
  pointIndex: number;
  view: ViewSettings;
}

/** Webview -> host: save a figure or data; `data` is base64 for png, text otherwise. */
export interface ExportMessage {
  type: 'export';
  requestId: number;
  format: 'png' | 'svg' | 'csv';
  suggestedName: string;
  data: string;
}

/** Webview -> host: run a trajectory from the live values of point `pointIndex` (cancels the one running). */
export interface TrainMessage {
  type: 'train';
  requestId: number;
  pointIndex: number;
  method: 'gd' | 'flow' | 'sgd';
  lr: number;
  steps: number;
}

/** Everything the webview sends. */
export type WebviewMessage =
  ReadyMessage | SetPointMessage | SetViewMessage | ExportMessage | TrainMessage | RunLabMessage | CancelLabMessage;

/** A table with one handler per message type of the union M (the host's table of webview messages, say). */
export type MessageTable<M extends { type: string }> = { [K in M['type']]: (m: Extract<M, { type: K }>) => void };

/** The core's own shapes, re-exported for the webview (which may not import the core itself). */
export type { Declaration, ModelShape } from '../core/modelShape';
export type { FieldData, FieldGrid } from '../core/field';
export type { MapAxis } from '../core/rankMap';
