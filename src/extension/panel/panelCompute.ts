// Where the panel's numbers come from: the analysis worker(s), never the extension host's thread. A frame's rank
// map is split into bands of rows, one per worker, so it uses every core the panel was given.
import type { FieldFrame, FieldGrid, MapAxis, PointDetails, RankCells } from '../../protocol/panel';
import type {
  DeficiencyResult,
  PanelFrameParams,
  PanelFrameResult,
  PanelLocusParams,
  PanelLocusResult,
  TrainOutcome,
  TrainParams,
  TrainPartial,
} from '../../protocol/worker';
import type { LabRunParams, LabRunPartial, LabRunResult, RequestPartial } from '../../protocol/worker';
import type { ModelInfo, PanelDiagnostic } from '../../protocol/panel';
import type { PanelState, PanelStateRequest } from '../../protocol/viewSettings';
import type { AnalysisOptions, RequestParams, RequestResult, RequestType } from '../../protocol/worker';

/** The part of AnalysisClient the panel uses (a fake in tests, the real client in the panel and the browser tests). */
export interface WorkerLike {
  request<K extends RequestType>(
    type: K,
    params: RequestParams<K>,
    signal?: AbortSignal,
    onPartial?: (partial: RequestPartial<K>) => void,
  ): Promise<RequestResult<K>>;
}

/** What a trajectory needs besides the document: the start and the method's settings. */
export type TrainRequest = Omit<TrainParams, 'key' | 'text' | 'options' | 'cancel'>;

/** What a lab run needs besides the document. */
export type LabRequest = LabRunParams extends infer P
  ? P extends LabRunParams
    ? Omit<P, 'key' | 'text' | 'options' | 'cancel'>
    : never
  : never;

/** What one frame needs: fields at some points, the live point's details, the whole rank map. */
export interface FrameRequest {
  grid: FieldGrid;
  fields: PanelFrameParams['fields'];
  details: Float64Array | null;
  rankMap: { base: Float64Array; x: MapAxis; y: MapAxis } | null;
}

/** What a frame request returns. */
export interface FrameResult {
  fields: FieldFrame[];
  details: PointDetails | null;
  rankMap: RankCells | null;
  /** The busiest worker's CPU accounting for this frame (ms running, ms waiting for a CPU), where known. */
  cpu?: { runMs: number; waitMs: number };
}

/** What a locus needs: the map's slice and cells, and the field's coordinates for the image in θ. */
export type LocusRequest = Omit<PanelLocusParams, 'key' | 'text' | 'options'>;

/** Starts and seed of the panel's search of the rank-deficient sets (the editor's: the same sets in both). */
export const PANEL_SETS = { starts: 96, seed: 1 } as const;

/** A loaded model: its diagnostics and, when it compiles, the state `panelState` chose and its first frame. */
export interface ModelLoad {
  model: ModelInfo | null;
  diagnostics: PanelDiagnostic[];
  first: (PanelState & { frame: FrameResult }) | null;
}

/** The panel's source of numbers for one document key. */
export interface PanelCompute {
  /** The model and diagnostics of `text`, with the first frame of the state chosen from `state`: one round trip
   *  (one `panelModel` request per worker, each computing its band of the rank map). */
  model(text: string, state: PanelStateRequest, signal?: AbortSignal): Promise<ModelLoad>;
  /** One frame of `text`'s model. */
  frame(text: string, req: FrameRequest, signal?: AbortSignal): Promise<FrameResult>;
  /** One trajectory on `text`'s loss; `onPartial` gets the records while it runs; an abort stops it in the worker. */
  train(
    text: string,
    req: TrainRequest,
    onPartial: (p: TrainPartial) => void,
    signal?: AbortSignal,
  ): Promise<TrainOutcome>;
  /** One lab run on `text`; `onPartial` gets progress and partial results; an abort stops it in the worker, which
   *  then answers with the newest partial (`cancelled: true`). */
  lab(
    text: string,
    req: LabRequest,
    onPartial: (p: LabRunPartial) => void,
    signal?: AbortSignal,
  ): Promise<LabRunResult>;
  /** The rank-deficient locus of a map the host holds (worker 0, after the frame that brought the map). */
  locus(text: string, req: LocusRequest, signal?: AbortSignal): Promise<PanelLocusResult>;
  /** The rank-deficient sets of the whole box (the `deficient` search; the last worker, like a trajectory). */
  sets(text: string, signal?: AbortSignal): Promise<DeficiencyResult>;
}

/** Computes with `workers` (the first also does fields and details), for document `key` under `options()`. */
export function workerCompute(
  workers: readonly WorkerLike[],
  key: string,
  options: () => AnalysisOptions,
): PanelCompute {
  if (workers.length === 0) throw new Error('the panel needs at least one analysis worker');
  return {
    async model(text, state, signal) {
      const source = { key, text, options: options() };
      const cancel = cancelFlag(signal);
      const count = workers.length;
      const parts = await Promise.all(
        workers.map((w, index) =>
          w.request('panelModel', { ...source, first: { state, band: { index, count }, cancel } }, signal),
        ),
      );
      const lead = parts[0];
      const frames = parts.map((p) => p.first?.frame);
      const first = lead.first && {
        ...lead.first,
        frame: joinFrames(
          frames,
          frames.some((f) => f?.rankRows),
        ),
      };
      return { model: lead.model, diagnostics: lead.diagnostics, first: lead.model ? (first ?? null) : null };
    },
    // The last worker: with two, the first one keeps answering slider drags while a trajectory runs.
    train: (text, req, onPartial, signal) =>
      workers[workers.length - 1].request(
        'train',
        { key, text, options: options(), ...req, cancel: cancelFlag(signal) },
        signal,
        onPartial,
      ),
    // Beside the trajectories on the last worker: the first keeps answering slider drags while a lab runs.
    lab: (text, req, onPartial, signal) =>
      workers[workers.length - 1].request(
        'lab',
        { key, text, options: options(), ...req, cancel: cancelFlag(signal) } as LabRunParams,
        signal,
        onPartial,
      ),
    locus: (text, req, signal) => workers[0].request('panelLocus', { key, text, options: options(), ...req }, signal),
    sets: (text, signal) =>
      workers[workers.length - 1].request('deficient', { key, text, options: options(), ...PANEL_SETS }, signal),
    async frame(text, req, signal) {
      const source = { key, text, options: options() };
      const cancel = cancelFlag(signal);
      const map = req.rankMap;
      const ny = map?.y.steps ?? 0;
      // Worker 0 also computes the fields and details (cheap): the bands are split evenly.
      const bounds = workers.map((_, k) => Math.round((ny * k) / workers.length)).concat(ny);
      const parts = await Promise.all(
        workers.map((w, k) => {
          const rankRows =
            map && bounds[k + 1] > bounds[k] ? { ...map, rowFrom: bounds[k], rowTo: bounds[k + 1] } : null;
          if (k > 0 && !rankRows) return undefined;
          return w.request(
            'panelFrame',
            {
              ...source,
              grid: req.grid,
              rankRows,
              cancel,
              fields: k === 0 ? req.fields : [],
              details: k === 0 ? req.details : null,
            },
            signal,
          );
        }),
      );
      return joinFrames(parts, map !== null);
    },
  };
}

/** Cooperative cancellation: the workers stop between rank-map bands when the host aborts. */
function cancelFlag(signal: AbortSignal | undefined): Int32Array {
  const cancel = new Int32Array(new SharedArrayBuffer(4));
  signal?.addEventListener('abort', () => Atomics.store(cancel, 0, 1), { once: true });
  return cancel;
}

/** The workers' parts of one frame (worker 0's fields and details, everyone's bands) as one frame. */
function joinFrames(parts: (PanelFrameResult | undefined)[], mapped: boolean): FrameResult {
  const cpus = parts.map((p) => p?.cpu).filter((c): c is NonNullable<typeof c> => c !== undefined);
  const cpu = cpus.length ? cpus.reduce((a, b) => (b.runMs + b.waitMs > a.runMs + a.waitMs ? b : a)) : undefined;
  return {
    fields: parts[0]?.fields ?? [],
    details: parts[0]?.details ?? null,
    rankMap: mapped ? joinBands(parts.map((p) => p?.rankRows ?? null)) : null,
    cpu,
  };
}

/** The bands, top to bottom, as one map. */
function joinBands(bands: (RankCells | null)[]): RankCells {
  const present = bands.filter((b): b is RankCells => b !== null);
  if (present.length === 1) return present[0];
  const n = present.reduce((s, b) => s + b.sMin.length, 0);
  const wide = present.some((b) => b.rank instanceof Int32Array);
  const out: RankCells = {
    sMin: new Float32Array(n),
    sMax: new Float32Array(n),
    rank: wide ? new Int32Array(n) : new Uint8Array(n),
  };
  let at = 0;
  for (const b of present) {
    out.sMin.set(b.sMin, at);
    out.sMax.set(b.sMax, at);
    out.rank.set(b.rank, at);
    at += b.sMin.length;
  }
  return out;
}
