// The worker's side of the panel labs: one runner per lab (the table below), each a thin call of the lab's core
// module from the live point, and the one wrapper every run goes through. The wrapper gives a runner its context
// (the compiled document, its objective, the start, a stop check, a rate-limited progress channel) and turns a stop
// (the host's cancel flag, or the labs' time budget) into an answer carrying the newest partial result, so the view
// keeps what the run had found.
import type { CompileResult } from '../core';
import { BudgetExceededError } from '../core/budget';
import type { DocumentObjective } from '../core/objective/documentObjective';
import type { LabName, LabParams, LabPartial, LabResult } from '../protocol/labs';
import { LAB_PROGRESS_MS, type LabRunParams, type LabRunPartial, type LabRunResult } from '../protocol/worker';
import { kernelLab } from './labs/kernelLab';
import { landscapeLab } from './labs/landscapeLab';
import { widthLabRunner } from './labs/widthLab';
import { sgdLab } from './labs/sgdLab';
import { doubleDescentLab } from './labs/doubleDescentLab';
import { biasLab } from './labs/biasLab';
import { objectiveOf } from './objectives';

/** What a runner gets: the document, where to start, and how to report and stop. */
export interface LabContext<P> {
  compiled: CompileResult;
  /** The document's text (a lab over a sweep compiles it once per value). */
  text: string;
  /** The document's objective, built once per compiled document (null when the file defines no loss). */
  objective(): DocumentObjective | null;
  /** The live point's values. */
  W0: Float64Array;
  /** The two coordinates of θ the panel shows (null when it shows none). */
  coords: [number, number] | null;
  /** The labs' budget: Date.now() after which the core must stop. */
  deadline: number;
  /** Throws LabStopped once the host asked to stop or the deadline passed (call it between units of work). */
  check(): void;
  /** True once the host asked to stop (for core loops that take a `shouldStop` callback). */
  cancelled(): boolean;
  /** Work done of total, with the newest partial result (kept: a stopped run answers with it). Sent at most every
   *  `progressMs`, except the first and a finished one. */
  progress(done: number, total: number, partial?: P | null): void;
}

/** A lab's runner: its result from the context and the view's parameters (it throws a user-facing Error when the
 *  file does not suit the lab). */
export type LabRunner<K extends LabName> = (ctx: LabContext<LabPartial<K>>, params: LabParams<K>) => LabResult<K>;

/** The runners, by lab (a lab of LabMap without a runner does not compile). */
export const LAB_RUNNERS: { readonly [K in LabName]: LabRunner<K> } = {
  kernel: kernelLab,
  landscape: landscapeLab,
  width: widthLabRunner,
  sgd: sgdLab,
  doubleDescent: doubleDescentLab,
  bias: biasLab,
};

/** A run stopped on request or at the deadline; the answer carries the newest partial. */
export class LabStopped extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'LabStopped';
  }
}

/** Runs `p.lab` on the compiled document; `emit` receives progress and partials while it runs. */
export function runLab(
  p: LabRunParams,
  deadline: number,
  compiledOf: (p: LabRunParams, deadline: number) => CompileResult,
  emit?: (partial: LabRunPartial) => void,
): LabRunResult {
  const compiled = compiledOf(p, deadline);
  const flag = p.cancel;
  const cancelled = (): boolean => flag !== undefined && Atomics.load(flag, 0) !== 0;
  const every = p.progressMs ?? LAB_PROGRESS_MS;
  let last: LabRunPartial = { done: 0, total: 0, partial: null };
  let sentAt = -Infinity;
  const ctx: LabContext<LabPartial<LabName>> = {
    compiled,
    text: p.text,
    objective: () => objectiveOf(compiled),
    W0: Float64Array.from(p.W0),
    coords: p.coords,
    deadline,
    cancelled,
    check() {
      if (cancelled()) throw new LabStopped('cancelled');
      if (Date.now() > deadline) throw new LabStopped('the run reached the labs time budget');
    },
    progress(done, total, partial) {
      last = { done, total, partial: partial === undefined ? last.partial : partial };
      const now = Date.now();
      if (emit && (now - sentAt >= every || done >= total)) {
        sentAt = now;
        emit(last);
      }
    },
  };
  const runner = LAB_RUNNERS[p.lab] as LabRunner<LabName>;
  try {
    const result = runner(ctx, p.params);
    return { lab: p.lab, cancelled: false, result, done: last.total || 1, total: last.total || 1 };
  } catch (e) {
    const reason =
      e instanceof LabStopped
        ? e.reason
        : e instanceof BudgetExceededError
          ? cancelled()
            ? 'cancelled'
            : 'the run reached the labs time budget'
          : null;
    if (reason === null) throw e;
    return { lab: p.lab, cancelled: true, partial: last.partial, done: last.done, total: last.total, reason };
  }
}
