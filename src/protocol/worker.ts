// The protocol between the extension host and the analysis worker (worker_threads). Type-only on both sides; the
// host checks each reply's envelope with ./validate.ts. To add a request (a lab's `train`, `kernel`…): add an entry
// to RequestMap below and a handler with the same key in src/worker/handlers.ts (the worker's table);
// `AnalysisClient.request('train', params)` is then typed end to end.
import type { DeficiencyReport } from '../core/deficient/analyzeDeficiency';
import type { KernelSummary } from '../core/kernel/kernelSummary';
import type { MuConvention } from '../core/kernel/plConvention';
import type { FieldGrid } from '../core/field';
import type { LossSlice } from '../core/objective/lossSlice';
import type { CriticalSearchResult } from '../core/landscape/searchCritical';
import type { MapAxis, RankMapData } from '../core/rankMap';
import type { AnalysisReport, PointReport } from '../core/report';
import type { FieldFrame, ModelInfo, PanelDiagnostic, PointDetails, RankCells } from './panel';
import type { LabName, LabParams, LabPartial, LabResult } from './labs';
import type { PanelState, PanelStateRequest } from './viewSettings';

/** Core options a request carries (a plain-data subset of the core's AnalyzeOptions). */
export interface AnalysisOptions {
  tol?: number;
  simplify?: boolean;
  simplifyBudgetMs?: number;
  checkDerivatives?: boolean;
}

/** Every request the worker answers: its parameters and its result. */
export interface RequestMap {
  /** Parse, differentiate and diagnose a whole document. */
  analyze: { params: { key: string; text: string; options: AnalysisOptions }; result: AnalysisReport };
  /** One point of an already analysed document (the model is compiled once per key and text, then cached). */
  point: { params: { key: string; text: string; options: AnalysisOptions; values: number[] }; result: PointReport };
  /** sigma_min, sigma_max and rank over a 2-D slice through `base` (the panel's rank map), off the host thread. */
  rankMap: {
    params: { key: string; text: string; options: AnalysisOptions; base: number[]; x: MapAxis; y: MapAxis };
    result: RankMapData;
  };
  /**
   * Where J loses rank over the whole box: the symbolic condition and the seeded search's sets (the editor's
   * information diagnostic, code actions and hover). A search past the deadline fails with a budget failure.
   */
  deficient: {
    params: { key: string; text: string; options: AnalysisOptions; starts: number; seed: number };
    result: DeficiencyResult;
  };
  /**
   * The critical points of the document's loss in the default box [-2, 2] (the editor's code lens, diagnostics,
   * code actions and hover); the points found by the deadline, with `complete: false` when it stopped the search.
   */
  critical: {
    params: { key: string; text: string; options: AnalysisOptions; starts: number };
    result: CriticalResult;
  };
  /**
   * The tangent kernel K = DF DFᵀ at the file's first `at` point and μ-PL* on its ball, as `overparam kernel`
   * reports them without the GD run (the hover of `data` and `model` lines); fails for a file without a kernel.
   */
  kernel: {
    params: { key: string; text: string; options: AnalysisOptions; convention: MuConvention };
    result: KernelSummaryResult;
  };
  /** The panel's model: names, sizes, J as TeX, the `at` points, and the diagnostics to show; with `first`, also
   *  the first frame of the state the host would choose (so loading a document is one round trip). */
  panelModel: { params: PanelModelParams; result: PanelModelResult };
  /** One panel frame (or a part of it): fields, the live point's details, a band of rank-map rows. */
  panelFrame: { params: PanelFrameParams; result: PanelFrameResult };
  /** The rank-deficient locus of a rank map the panel holds (the core's rankLocus, fed the map's own σ_min), and
   *  its image in θ on the field's coordinates. */
  panelLocus: { params: PanelLocusParams; result: PanelLocusResult };
  /** One trajectory of the core's `train` from W0 on the file's loss, its records streamed as `partial` replies. */
  train: { params: TrainParams; result: TrainOutcome; partial: TrainPartial };
  /** One run of a panel lab (src/protocol/labs.ts) from W0, its progress and partial results streamed. */
  lab: { params: LabRunParams; result: LabRunResult; partial: LabRunPartial };
}

/** Requests whose results are built fresh per request: their typed arrays' buffers are transferred, not copied. */
export const TRANSFER_RESULTS: ReadonlySet<RequestType> = new Set<RequestType>(['panelModel', 'panelFrame']);

/** The name of a request. */
export type RequestType = keyof RequestMap;
/** The parameters of request K. */
export type RequestParams<K extends RequestType> = RequestMap[K]['params'];
/** The result of request K. */
export type RequestResult<K extends RequestType> = RequestMap[K]['result'];
/** What request K streams while it runs (never for requests that answer at once). */
export type RequestPartial<K extends RequestType> = RequestMap[K] extends { partial: infer P } ? P : never;

/** Host -> worker: a request with its id and the wall-clock time (Date.now() ms) after which the core must stop. */
export interface WorkerRequest<K extends RequestType = RequestType> {
  id: number;
  type: K;
  params: RequestParams<K>;
  deadline: number;
}

/** Why a request failed: a budget ran out (the core stopped cooperatively) or something else went wrong. */
export interface WorkerFailure {
  kind: 'budget' | 'failed';
  message: string;
  /** For `budget`: which limit (e.g. `time`). */
  limit?: string;
}

/** Worker -> host, once, when the worker has loaded and takes requests (budgets start counting from here). */
export const WORKER_READY = 'ready';

/** Worker -> host: the answer to request `id`, or (`partial`, any number of times before it) part of one. */
export type WorkerReply =
  | { id: number; ok: true; result: unknown; ms: number }
  | { id: number; ok: false; failure: WorkerFailure }
  | { id: number; partial: unknown };

/** `deficient` answers: the core's report and, per set, an `at` line that puts a point on it (src/format). */
export interface DeficiencyResult extends DeficiencyReport {
  atLines: string[];
}

/** `critical` answers: the core's search result and, per critical point, an `at` line on it (src/format). */
export interface CriticalResult extends CriticalSearchResult {
  atLines: string[];
}

/** `kernel` answers: the core's summary and which `at` point (1-based) it is at. */
export interface KernelSummaryResult extends KernelSummary {
  point: number;
}

/** Which document: the cache key of its compiled model (one per document), its text and the core options. */
export interface PanelSource {
  key: string;
  text: string;
  options: AnalysisOptions;
}

/** `panelModel` asks for the model and, unless `first` is null, the first frame with it. */
export interface PanelModelParams extends PanelSource {
  first: FirstFrameParams | null;
}

/** The first frame of a new model: the state is chosen in the worker by `panelState` (the host's own rule), and
 *  this worker computes band `index` of `count` of the rank map's rows; band 0 also computes every point's field
 *  and the live point's details, the other bands skip the analysis (their model is only compiled). */
export interface FirstFrameParams {
  state: PanelStateRequest;
  band: { index: number; count: number };
  /** As in `panelFrame`: set to 1 to stop between rank-map bands. */
  cancel?: Int32Array;
}

/** `panelModel` answers: the model (null when the document does not compile, and from bands other than 0), the
 *  diagnostics to show, and the first frame when asked (null when there is no model). */
export interface PanelModelResult {
  model: ModelInfo | null;
  diagnostics: PanelDiagnostic[];
  first?: (PanelState & { frame: PanelFrameResult }) | null;
}

/** A band of rank-map rows [rowFrom, rowTo) of the map over x and y through `base`. */
export interface RankRows {
  base: Float64Array;
  x: MapAxis;
  y: MapAxis;
  rowFrom: number;
  rowTo: number;
}

/** `panelFrame` asks for any of: fields at some points, the live point's details, a band of the rank map. */
export interface PanelFrameParams extends PanelSource {
  /** The field grid, and the points (index and current values) whose fields are wanted. */
  grid: FieldGrid;
  fields: { pointIndex: number; values: Float64Array }[];
  /** The live point's values when its details are wanted. */
  details: Float64Array | null;
  rankRows: RankRows | null;
  /** Shared with the host (SharedArrayBuffer): set to 1 to stop between rank-map bands, so a cancelled frame ends
   *  within a band instead of the worker being terminated (a worker's teardown and respawn stall the host). */
  cancel?: Int32Array;
}

/** `panelFrame`'s answer, in the order asked. */
export interface PanelFrameResult {
  fields: FieldFrame[];
  details: PointDetails | null;
  rankRows: RankCells | null;
  /** What computing it cost the worker thread: ms running, ms waiting for a CPU (Linux only). */
  cpu?: { runMs: number; waitMs: number };
}

/** The methods the panel's Training view offers (the core's `train` methods). */
export type TrainMethod = 'gd' | 'flow' | 'sgd';

/** `train`: a trajectory from W0 on the loss of the document. The flow runs to time lr x steps (GD's horizon);
 *  SGD takes batches of `batch` (default 1) from the stream `sgd` of the file's seed, exactly as the CLI does. */
export interface TrainParams extends PanelSource {
  W0: Float64Array;
  method: TrainMethod;
  lr: number;
  steps: number;
  batch?: number;
  /** Least ms between two partial replies (default 100, the core's). */
  progressMs?: number;
  /** Shared with the host: set to 1 to stop the run (it ends with `stopped: 'cancelled'`). */
  cancel?: Int32Array;
  /** The two coordinates of θ the panel shows: the outcome carries L(θ) on a slice through them for the contours. */
  coords?: [number, number];
}

/** One recorded state as the panel draws it: step (or time), loss and θ. */
export interface TrainSample {
  t: number;
  loss: number;
  theta: number[];
}

/** The records made since the last partial reply, and how far the run is (steps or time done of total). */
export interface TrainPartial {
  records: TrainSample[];
  done: number;
  total: number;
}

/** `train`'s answer: every record, canonical GD (or flow) from θ_0 = ψ(W0), how the run ended. `noLoss` when the
 *  file defines no loss (then `message` says so and nothing ran). */
export interface TrainOutcome {
  records: TrainSample[];
  canonical: TrainSample[] | null;
  stopped: string | null;
  message: string | null;
  steps: number;
  noLoss: boolean;
  /** L(θ) around both trajectories in `coords` (the other coordinates at θ_0); null without coords or for q < 2. */
  contours: LossSlice | null;
}

/** `lab`: which lab, its parameters, and where it starts (the live point's values, the field's coordinates). */
export type LabRunParams = {
  [K in LabName]: PanelSource & {
    lab: K;
    params: LabParams<K>;
    W0: Float64Array;
    /** The two coordinates of θ the panel shows. */
    coords: [number, number] | null;
    /** Least ms between two partial replies (default LAB_PROGRESS_MS). */
    progressMs?: number;
    /** Shared with the host: set to 1 to stop the run (it answers with `cancelled: true`). */
    cancel?: Int32Array;
  };
}[LabName];

/** What a lab run streams: work done of total, and the newest partial result (null: progress only). */
export interface LabRunPartial {
  done: number;
  total: number;
  partial: LabPartial<LabName> | null;
}

/** A lab run's answer: its result, or, when it stopped early (cancelled, or out of time), the last partial. */
export type LabRunResult =
  | { lab: LabName; cancelled: false; result: LabResult<LabName>; done: number; total: number }
  | { lab: LabName; cancelled: true; partial: LabPartial<LabName> | null; done: number; total: number; reason: string };

/** Requests that run under the labs' time budget (the `overparam.labs.timeBudgetMs` setting), not the analysis one. */
export const LAB_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>(['lab']);

/** The least time between two partial replies of a lab run (ms). */
export const LAB_PROGRESS_MS = 100;
/** `panelLocus`: the slice of a map the host holds, with that map's cells (reused, not computed again). */
export interface PanelLocusParams extends PanelSource {
  base: Float64Array;
  x: MapAxis;
  y: MapAxis;
  /** The map's σ_min and σ_max per cell (row-major, x.steps * y.steps): the locus's node pass for non-square J. */
  sMin: Float32Array;
  sMax: Float32Array;
  /** The field's two θ coordinates the vertices are mapped to (null: no image, e.g. q < 2). */
  coords: [number, number] | null;
}

/** `panelLocus`'s answer: polylines and isolated points as flattened (x, y) pairs, and their images in θ. */
export interface PanelLocusResult {
  lines: Float64Array[];
  points: Float64Array;
  theta: { lines: Float64Array[]; points: Float64Array } | null;
  /** Worker milliseconds the locus took (wall clock). */
  ms: number;
  /** What it cost the worker thread: ms running, ms waiting for a CPU (Linux only). */
  cpu?: { runMs: number; waitMs: number };
}
