// The panel's requests on the worker thread: the model as the panel shows it, and frames (fields, the live point's
// details, bands of the rank map) computed with the core, with the deadline checked between rank-map bands.
import { rankMap, type AnalysisReport, type CompiledModel } from '../core';
import type { PanelState } from '../protocol/viewSettings';
import { checkDeadline } from '../core/budget';
import type { RankCells } from '../protocol/panel';
import type {
  FirstFrameParams,
  PanelFrameParams,
  PanelFrameResult,
  PanelModelParams,
  PanelModelResult,
  PanelSource,
  RankRows,
} from '../protocol/worker';
import { panelState } from '../protocol/viewSettings';
import { fieldFrame, panelPoints, pointDetails, rankCells } from './frames';
import { cpuSince, threadCpu } from './threadCpu';
import { trimReport } from './trimReport';

/** Compiled model of a document (cached by key and text), undefined when it does not compile. */
export type ModelOf = (source: PanelSource, deadline: number) => CompiledModel | undefined;

/** Milliseconds a band of the rank map may take between deadline checks. */
const BAND_MS = 40;
/** Cells of the first band of a model whose speed is not known yet (one block of the core's batch). */
const FIRST_BAND_CELLS = 4096;

/** Measured milliseconds per rank-map cell, per model: bands are sized from it (fewer, larger calls batch better:
 *  each core call allocates its batch buffers, and a 129 x 129 map in 32-row bands took a third longer). */
export type CellSpeeds = WeakMap<CompiledModel, number>;

/** The model (names, sizes, symbolic J as TeX, the `at` points) and diagnostics of a document, and its first frame
 *  when asked (band 0 of the first frame also gets the model and diagnostics; other bands only their rows). */
export function panelModel(
  params: PanelModelParams,
  deadline: number,
  analyzeOf: (source: PanelSource, deadline: number) => AnalysisReport,
  modelOf: ModelOf,
  speeds: CellSpeeds,
): PanelModelResult {
  const first = params.first;
  const lead = !first || first.band.index === 0;
  // The analysis caches its compiled model: modelOf below reuses it instead of compiling a second time.
  const report = lead ? trimReport(analyzeOf(params, deadline)) : null;
  const diagnostics = (report?.diagnostics ?? []).map((d) => ({
    severity: d.severity,
    line: d.line,
    message: d.message,
  }));
  const model = modelOf(params, deadline);
  if (!model) return { model: null, diagnostics, first: first ? null : undefined };
  const points = panelPoints(model);
  const info = report && {
    params: model.params,
    outputs: model.outputs,
    shape: model.shape,
    p: model.p,
    q: model.q,
    jacobianTex: report.jacobianTex,
    points,
  };
  if (!first) return { diagnostics, model: info };
  return { diagnostics, model: info, first: firstFrame(params, first, model, points, deadline, modelOf, speeds) };
}

/** The state `panelState` chooses for this model and this worker's part of its frame. */
function firstFrame(
  source: PanelSource,
  first: FirstFrameParams,
  model: CompiledModel,
  points: { values: Float64Array }[],
  deadline: number,
  modelOf: ModelOf,
  speeds: CellSpeeds,
): PanelState & { frame: PanelFrameResult } {
  const state = panelState({ p: model.p, q: model.q, points }, first.state);
  const lead = first.band.index === 0;
  const live = state.values[state.pointIndex];
  const { rankX: x, rankY: y } = state.view;
  // The host's rule for a map (PanelSession.mapKey): two parameters on two different axes.
  const rowAt = (k: number): number => Math.round((y.steps * k) / first.band.count);
  const rowFrom = rowAt(first.band.index);
  const rowTo = rowAt(first.band.index + 1);
  const mapped = model.p >= 2 && x.param !== y.param && rowTo > rowFrom;
  const frame = panelFrame(
    {
      ...source,
      grid: state.view.grid,
      fields: lead ? state.values.map((values, pointIndex) => ({ pointIndex, values })) : [],
      details: lead ? live : null,
      rankRows: mapped ? { base: live, x, y, rowFrom, rowTo } : null,
      cancel: first.cancel,
    },
    deadline,
    modelOf,
    speeds,
  );
  return { ...state, frame };
}

/** Fields, details and a rank-map band at the given values. */
export function panelFrame(
  params: PanelFrameParams,
  deadline: number,
  modelOf: ModelOf,
  speeds: CellSpeeds,
): PanelFrameResult {
  const cpu = threadCpu();
  const model = modelOf(params, deadline);
  if (!model) throw new Error('the document does not compile');
  const sized = (v: Float64Array): Float64Array => {
    if (v.length !== model.p) throw new Error(`expected ${model.p} parameter values, got ${v.length}`);
    return v;
  };
  return {
    fields: model.q < 2 ? [] : params.fields.map((f) => fieldFrame(model, f.pointIndex, sized(f.values), params.grid)),
    details: params.details ? pointDetails(model, sized(params.details), params.options.tol) : null,
    rankRows: params.rankRows
      ? rankBand(model, params.rankRows, deadline, speeds, params.options.tol, params.cancel)
      : null,
    cpu: cpuSince(cpu),
  };
}

/** Rows [rowFrom, rowTo) of the rank map, in bands of about BAND_MS each, checking the deadline between bands. */
function rankBand(
  model: CompiledModel,
  r: RankRows,
  deadline: number,
  speeds: CellSpeeds,
  tol?: number,
  cancel?: Int32Array,
): RankCells {
  const nx = r.x.steps;
  const ny = r.y.steps;
  if (model.p < 2 || r.x.param === r.y.param || [r.x.param, r.y.param].some((j) => j < 0 || j >= model.p))
    throw new Error('bad rank-map axes');
  if (r.base.length !== model.p) throw new Error(`expected ${model.p} parameter values, got ${r.base.length}`);
  const from = Math.max(0, Math.min(ny, r.rowFrom));
  const to = Math.max(from, Math.min(ny, r.rowTo));
  const n = (to - from) * nx;
  const out = rankCells(model, n);
  const yAt = (i: number): number => r.y.from + ((r.y.to - r.y.from) * i) / (ny - 1);
  for (let row = from; row < to;) {
    checkDeadline(deadline, 'computing the rank map');
    if (cancel && Atomics.load(cancel, 0) !== 0) throw new Error('cancelled');
    const msPerCell = speeds.get(model);
    const rows = Math.max(1, Math.floor((msPerCell ? BAND_MS / msPerCell : FIRST_BAND_CELLS) / nx));
    const end = Math.min(to, row + rows);
    const y = { param: r.y.param, from: yAt(row), to: yAt(end - 1), steps: end - row };
    const t0 = performance.now();
    // A one-row band: rankMap's linspace of one step is its `from`.
    const m = rankMap(model, r.base, r.x, y, tol);
    speeds.set(model, Math.max(1e-6, (performance.now() - t0) / m.rank.length));
    const at = (row - from) * nx;
    out.sMin.set(m.sMin, at);
    out.sMax.set(m.sMax, at);
    out.rank.set(m.rank, at);
    row = end;
  }
  return out;
}
