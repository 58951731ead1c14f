import type { RunControl, StopReason, TrainRecord } from './trainingTypes';

/** Past this loss (or at a non-finite one) a run is called diverged. */
export const DIVERGENCE_LOSS = 1e12;

/** A finding when the loss says the run diverged, else null. */
export function divergence(loss: number, W: Float64Array): string | null {
  if (!Number.isFinite(loss)) return `the loss became ${loss}`;
  if (loss > DIVERGENCE_LOSS) return `the loss reached ${loss.toPrecision(3)} (past ${DIVERGENCE_LOSS})`;
  for (let j = 0; j < W.length; j++) if (!Number.isFinite(W[j])) return `parameter ${j + 1} became ${W[j]}`;
  return null;
}

/** Deadline, cancellation and progress of one run; `poll` is cheap enough to call every step. */
export interface Controller {
  /** A stop reason when the run must stop now (checked every 256 calls), else null. */
  poll(): StopReason | null;
  /** As `poll`, checked on every call (for callers that poll once per chunk of steps). */
  check(): StopReason | null;
  /** Queues a record for the next progress call. */
  recorded(r: TrainRecord, done: number): void;
  /** Delivers what is queued (at the end of a run). */
  flush(done: number): void;
}

/** A Controller for `total` planned steps. */
export function controller(control: RunControl, total: number): Controller {
  let calls = 0,
    lastProgress = Date.now();
  const interval = control.progressMs ?? 100;
  let pending: TrainRecord[] = [];
  const deliver = (done: number): void => {
    if (!control.onProgress || pending.length === 0) return;
    const records = pending;
    pending = [];
    lastProgress = Date.now();
    control.onProgress({ records, done, total });
  };
  const check = (): StopReason | null => {
    if (control.deadline !== undefined && Date.now() > control.deadline) return 'deadline';
    if (control.shouldStop?.()) return 'cancelled';
    return null;
  };
  return {
    poll: () => ((++calls & 255) !== 0 ? null : check()),
    check,
    recorded(r, done) {
      if (!control.onProgress) return;
      pending.push(r);
      if (Date.now() - lastProgress >= interval) deliver(done);
    },
    flush: deliver,
  };
}

/** The recording interval: `every` if given, else about 100 records over `steps`. */
export function recordEvery(every: number | undefined, steps: number): number {
  if (every !== undefined && every >= 1) return Math.floor(every);
  return Math.max(1, Math.ceil(steps / 100));
}
