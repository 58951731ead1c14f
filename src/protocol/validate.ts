// Runtime checks of messages on receipt, on both sides. Shallow where the sender is ours, strict on the shapes
// a handler indexes into (so a malformed message is dropped, never half-drawn).
import type { FieldGrid } from '../core/field';
import type { Declaration } from '../core/modelShape';
import type { MapAxis } from '../core/rankMap';
import type {
  FieldFrame,
  HostMessage,
  ModelInfo,
  PointDetails,
  RankMapFrame,
  ViewSettings,
  WebviewMessage,
} from './panel';
import type { WorkerReply } from './worker';
import { LAB_CHECKS, isLabName } from './labChecks';
import { isLocus, isSet } from './locusChecks';
import {
  isInt,
  isNum,
  isNumArray,
  isNumArrays,
  isPair,
  isRec,
  isStr,
  isStrOrNull,
  orNull,
  type Rec,
} from './shapeChecks';

export { isNumArray };

function isGrid(x: unknown): x is FieldGrid {
  return (
    isRec(x) &&
    isInt(x.size) &&
    (x.size as number) >= 2 &&
    (x.size as number) <= 64 &&
    isNum(x.min) &&
    isNum(x.max) &&
    (x.min as number) < (x.max as number) &&
    Array.isArray(x.coords) &&
    x.coords.length === 2 &&
    x.coords.every(isInt)
  );
}

function isAxis(x: unknown): x is MapAxis {
  return (
    isRec(x) &&
    isInt(x.param) &&
    isNum(x.from) &&
    isNum(x.to) &&
    isInt(x.steps) &&
    (x.steps as number) >= 2 &&
    (x.steps as number) <= 256
  );
}

/** True for a well-formed view: a grid and two rank-map axes. */
export function isView(x: unknown): x is ViewSettings {
  return (
    isRec(x) &&
    isGrid(x.grid) &&
    isAxis(x.rankX) &&
    isAxis(x.rankY) &&
    (x.locus === undefined || typeof x.locus === 'boolean')
  );
}

/** Declarations whose entries index a flat order of length `n`. */
function isDeclarations(x: unknown, n: number): x is Declaration[] {
  return (
    Array.isArray(x) &&
    x.every(
      (d) =>
        isRec(d) &&
        isStr(d.name) &&
        Array.isArray(d.shape) &&
        d.shape.every(isInt) &&
        Array.isArray(d.entries) &&
        d.entries.every((j) => isInt(j) && j >= 0 && j < n),
    )
  );
}

function isModel(x: unknown): x is ModelInfo {
  if (!isRec(x) || !isInt(x.p) || !isInt(x.q)) return false;
  const p = x.p as number;
  const q = x.q as number;
  return (
    Array.isArray(x.params) &&
    x.params.length === p &&
    x.params.every(isStr) &&
    Array.isArray(x.outputs) &&
    x.outputs.length === q &&
    x.outputs.every(isStr) &&
    isRec(x.shape) &&
    isDeclarations(x.shape.params, p) &&
    isDeclarations(x.shape.outputs, q) &&
    Array.isArray(x.jacobianTex) &&
    x.jacobianTex.every((row) => Array.isArray(row) && row.every(isStr)) &&
    Array.isArray(x.points) &&
    x.points.every((pt) => isRec(pt) && isStr(pt.label) && isNumArray(pt.values, p)) &&
    (x.hasLoss === undefined || typeof x.hasLoss === 'boolean')
  );
}

const isSample = (x: unknown): boolean => isRec(x) && isNum(x.t) && isNum(x.loss) && isNumArray(x.theta);
const isSamples = (x: unknown): boolean => Array.isArray(x) && x.every(isSample);
/** L(θ) on the Training view's slice: values may be null where JSON (the browser tests' bridge) carried a NaN. */
const isLossSlice = (x: unknown): boolean =>
  isRec(x) &&
  Array.isArray(x.coords) &&
  x.coords.length === 2 &&
  x.coords.every(isInt) &&
  isNumArray(x.x) &&
  isNumArray(x.y) &&
  Array.isArray(x.loss) &&
  x.loss.length === (x.x as number[]).length * (x.y as number[]).length &&
  x.loss.every((v) => v === null || isNum(v));

function isField(x: unknown): x is FieldFrame {
  if (!isRec(x) || !isInt(x.size) || !isInt(x.pointIndex) || !isStr(x.label) || !isPair(x.theta)) return false;
  const n = (x.size as number) * (x.size as number);
  return isNumArray(x.gx, n) && isNumArray(x.gy, n) && isNumArray(x.dx, n) && isNumArray(x.dy, n);
}

function isDetails(x: unknown): x is PointDetails {
  return (
    isRec(x) &&
    typeof x.finite === 'boolean' &&
    isNumArray(x.theta) &&
    isNumArray(x.J) &&
    isNumArray(x.singularValues) &&
    isInt(x.rank) &&
    (x.conditionNumber === null || isNum(x.conditionNumber)) &&
    isNumArrays(x.kernel) &&
    isNumArrays(x.cokernel) &&
    isNumArray(x.preconditioner)
  );
}

function isRankMap(x: unknown): x is RankMapFrame {
  if (!isRec(x) || !isAxis(x.x) || !isAxis(x.y) || !isInt(x.fullRank)) return false;
  const nx = (x.x as MapAxis).steps;
  const ny = (x.y as MapAxis).steps;
  const n = nx * ny;
  return (
    isNumArray(x.xs, nx) &&
    isNumArray(x.ys, ny) &&
    isNumArray(x.sMin, n) &&
    isNumArray(x.sMax, n) &&
    isNumArray(x.rank, n) &&
    (x.id === undefined || isInt(x.id))
  );
}

/** True when `x` is a well-formed host -> webview message. */
export function isHostMessage(x: unknown): x is HostMessage {
  if (!isRec(x) || !isInt(x.requestId)) return false;
  switch (x.type) {
    case 'document':
      return (
        isInt(x.version) &&
        isStr(x.fileName) &&
        isStr(x.uri) &&
        orNull(isModel)(x.model) &&
        Array.isArray(x.diagnostics) &&
        x.diagnostics.every(
          (d) =>
            isRec(d) &&
            isStr(d.message) &&
            isInt(d.line) &&
            ['error', 'warning', 'information'].includes(d.severity as string),
        ) &&
        Array.isArray(x.fields) &&
        x.fields.every(isField) &&
        isNumArrays(x.values) &&
        isView(x.view)
      );
    case 'frame':
      return (
        isInt(x.version) &&
        isInt(x.pointIndex) &&
        isNumArray(x.values) &&
        isView(x.view) &&
        orNull(isField)(x.field) &&
        orNull(isDetails)(x.details) &&
        (x.rankMap === 'unchanged' || orNull(isRankMap)(x.rankMap))
      );
    case 'lab':
      return isLabMessage(x);
    case 'training':
      return (
        isInt(x.version) &&
        ['running', 'done', 'failed'].includes(x.phase as string) &&
        isSamples(x.records) &&
        (x.canonical === null || isSamples(x.canonical)) &&
        isNum(x.done) &&
        isNum(x.total) &&
        isStrOrNull(x.stopped) &&
        isStrOrNull(x.message) &&
        (x.contours === undefined || x.contours === null || isLossSlice(x.contours))
      );
    case 'reveal':
      return isStr(x.view) && /^[a-z][a-zA-Z]*$/.test(x.view as string) && typeof x.run === 'boolean';
    case 'exportResult':
      return typeof x.ok === 'boolean' && isStr(x.message);
    case 'error':
      return isStr(x.message);
    case 'locus':
      return isLocus(x);
    case 'sets':
      return isInt(x.version) && Array.isArray(x.sets) && x.sets.every(isSet) && isStrOrNull(x.message);
    default:
      return false;
  }
}

/** The shape checks of each webview -> host message type (beyond its `type` and integer `requestId`). */
export const WEBVIEW_CHECKS: { readonly [K in WebviewMessage['type']]: (x: Rec) => boolean } = {
  ready: (x) => (x.view === null || isView(x.view)) && isInt(x.pointIndex),
  setPoint: (x) =>
    isInt(x.pointIndex) && isNumArray(x.values) && Array.from(x.values as ArrayLike<number>).every(Number.isFinite),
  setView: (x) => isInt(x.pointIndex) && isView(x.view),
  export: (x) =>
    ['png', 'svg', 'csv'].includes(x.format as string) &&
    isStr(x.suggestedName) &&
    isStr(x.data) &&
    (x.data as string).length < 64 * 1024 * 1024,
  train: (x) =>
    isInt(x.pointIndex) &&
    ['gd', 'flow', 'sgd'].includes(x.method as string) &&
    isNum(x.lr) &&
    Number.isFinite(x.lr) &&
    (x.lr as number) > 0 &&
    isInt(x.steps) &&
    (x.steps as number) >= 1 &&
    (x.steps as number) <= MAX_TRAIN_STEPS,
  runLab: (x) => isLabName(x.lab) && isInt(x.pointIndex) && LAB_CHECKS[x.lab].params(x.params),
  cancelLab: (x) => isLabName(x.lab),
};

/** A lab run's message: the envelope, then the lab's own check of what it carries in its phase. */
function isLabMessage(x: Rec): boolean {
  if (!isLabName(x.lab) || !isInt(x.version) || !isNum(x.done) || !isNum(x.total) || !isStrOrNull(x.message))
    return false;
  const checks = LAB_CHECKS[x.lab];
  switch (x.phase) {
    case 'running':
      return x.result === null && (x.partial === null || checks.partial(x.partial));
    case 'done':
      return checks.result(x.result);
    case 'failed':
    case 'cancelled':
      return x.result === null && (x.partial === null || checks.partial(x.partial));
    default:
      return false;
  }
}

/** The most steps the panel asks for in one trajectory (the worker's time budget still stops a long run). */
export const MAX_TRAIN_STEPS = 100_000_000;

/** True when `x` has the envelope of a worker reply: an answer (ok with a result, or a failure) or a partial. */
export function isWorkerReply(x: unknown): x is WorkerReply {
  if (!isRec(x) || !isInt(x.id)) return false;
  if ('partial' in x) return !('ok' in x);
  if (x.ok === true) return 'result' in x && isNum(x.ms);
  return (
    x.ok === false &&
    isRec(x.failure) &&
    ['budget', 'failed'].includes(x.failure.kind as string) &&
    isStr(x.failure.message)
  );
}

/** True when `x` is a well-formed webview -> host message. */
export function isWebviewMessage(x: unknown): x is WebviewMessage {
  if (!isRec(x) || !isInt(x.requestId) || !isStr(x.type) || !Object.hasOwn(WEBVIEW_CHECKS, x.type)) return false;
  return WEBVIEW_CHECKS[x.type as WebviewMessage['type']](x);
}
