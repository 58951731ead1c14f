// What the explorer panel asks the analysis worker for (see RequestMap in ./protocol.ts). Plain data and typed
// arrays; the worker transfers the typed arrays' buffers back instead of copying them.
import type { FieldGrid, MapAxis } from '../core';
import type { ModelInfo, PanelDiagnostic, PointDetails } from '../protocol/messages';
import type { AnalysisOptions } from './protocol';

/** The model as the panel shows it, less what the host derives (parameter groups). */
export type PanelModel = Omit<ModelInfo, 'groups' | 'points'> & { points: { label: string; values: Float64Array }[] };

/** Which document: the cache key of its compiled model (one per document), its text and the core options. */
export interface PanelSource {
  key: string;
  text: string;
  options: AnalysisOptions;
}

/** `panelModel` answers: the model (null when the document does not compile) and the diagnostics to show. */
export interface PanelModelResult {
  model: PanelModel | null;
  diagnostics: PanelDiagnostic[];
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
  /** The field grid, and the parameter values of each point whose field is wanted. */
  grid: FieldGrid;
  fields: Float64Array[];
  /** The live point's values when its details are wanted. */
  details: Float64Array | null;
  rankRows: RankRows | null;
  /** Shared with the host (SharedArrayBuffer): set to 1 to stop between rank-map bands, so a cancelled frame ends
   *  within a band instead of the worker being terminated (a worker's teardown and respawn stall the host). */
  cancel?: Int32Array;
}

/** One subplot's arrows and the current theta on the two shown coordinates. */
export interface PanelField {
  size: number;
  gx: Float64Array;
  gy: Float64Array;
  dx: Float64Array;
  dy: Float64Array;
  theta: [number, number];
}

/** A band of rank-map cells, row-major, in single precision (plenty for colours and tooltips; half the bytes). */
export interface RankBand {
  sMin: Float32Array;
  sMax: Float32Array;
  rank: Uint8Array | Int32Array;
}

/** `panelFrame`'s answer, in the order asked. */
export interface PanelFrameResult {
  fields: PanelField[];
  details: PointDetails | null;
  rankRows: RankBand | null;
  /** What computing it cost the worker thread: ms running, ms waiting for a CPU (Linux only). */
  cpu?: { runMs: number; waitMs: number };
}
