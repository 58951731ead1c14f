// The panel's labs on one channel: a lab view asks for a run (`runLab`), the host runs it in an analysis worker
// from the live point, and posts `lab` messages back (progress and partial results while it runs, then the result,
// a failure or the cancellation). A lab is one entry in LabMap (its parameters, what it streams, its result), one
// check in LAB_CHECKS (src/protocol/labChecks.ts), one runner in LAB_RUNNERS (src/worker/labRunners.ts) and one view
// in webview/views.ts. Every layer is typed from this table, so a lab missing from one of them does not compile.
import type { KernelLabParams, KernelLabResult } from './labs/kernelLab';
import type { LandscapeLabParams, LandscapeLabPartial, LandscapeLabResult } from './labs/landscapeLab';
import type { WidthLabParams, WidthLabResult } from './labs/widthLab';
import type { SgdLabParams, SgdLabPartial, SgdLabResult } from './labs/sgdLab';
import type { DoubleDescentLabParams, DoubleDescentLabPartial, DoubleDescentLabResult } from './labs/doubleDescentLab';
import type { BiasLabParams, BiasLabPartial, BiasLabResult } from './labs/biasLab';

/** Every lab: the parameters the view sends, what the run streams while it goes (null: nothing but progress),
 *  and its result. */
export interface LabMap {
  /** The tangent kernel at the live point, μ-PL* on its ball, GD against the bound (issue 11). */
  kernel: { params: KernelLabParams; partial: null; result: KernelLabResult };
  /** Critical points in a box, L and -∇_W L on the rank map's slice, GD with cos(g, J Jᵀ g) (issue 10). */
  landscape: { params: LandscapeLabParams; partial: LandscapeLabPartial; result: LandscapeLabResult };
  /** The width sweep's transition to linearity, one width per partial (issue 11). */
  width: { params: WidthLabParams; partial: WidthLabResult; result: WidthLabResult };
  /** SGD against GD, the gradients' spread against L, the exact-fit search and batch-size theory (issue 12). */
  sgd: { params: SgdLabParams; partial: SgdLabPartial; result: SgdLabResult };
  /** Minimum-norm fits over the sweep of the number of features, averaged over seeds (issue 12). */
  doubleDescent: { params: DoubleDescentLabParams; partial: DoubleDescentLabPartial; result: DoubleDescentLabResult };
  /** The flow's endpoint per initialization scale α against the minimum-ℓ1 and ℓ2 solutions (issue 12). */
  bias: { params: BiasLabParams; partial: BiasLabPartial; result: BiasLabResult };
}

/** The name of a lab. */
export type LabName = keyof LabMap;
/** The parameters of lab K. */
export type LabParams<K extends LabName> = LabMap[K]['params'];
/** What lab K streams while it runs. */
export type LabPartial<K extends LabName> = LabMap[K]['partial'];
/** The result of lab K. */
export type LabResult<K extends LabName> = LabMap[K]['result'];

/** Webview -> host: run lab `lab` from the live values of point `pointIndex` (a run of the same lab in flight is
 *  cancelled first). */
export type RunLabMessage = {
  [K in LabName]: { type: 'runLab'; requestId: number; lab: K; pointIndex: number; params: LabParams<K> };
}[LabName];

/** Webview -> host: stop the run of `lab` (it ends with phase `cancelled` and whatever partial result it had). */
export interface CancelLabMessage {
  type: 'cancelLab';
  requestId: number;
  lab: LabName;
}

/** How far a run is: `running` while it goes (progress, maybe a partial), then exactly one of the others. */
export type LabPhase = 'running' | 'done' | 'failed' | 'cancelled';

/** Host -> webview: a run of lab `lab` answering the `runLab` request `requestId`, for document `version`. */
export type LabMessage = {
  [K in LabName]: {
    type: 'lab';
    requestId: number;
    version: number;
    lab: K;
    phase: LabPhase;
    /** Work done of `total` (a lab's own unit: starts, widths x repeats, steps); total 0 when unknown. */
    done: number;
    total: number;
    /** With `running`: the newest partial result (null when the lab streams none). */
    partial: LabPartial<K> | null;
    /** With `done`. */
    result: LabResult<K> | null;
    /** With `failed` (the reason, for the user) or `cancelled`. */
    message: string | null;
  };
}[LabName];

/** The lab message of lab K. */
export type LabMessageOf<K extends LabName> = Extract<LabMessage, { lab: K }>;
