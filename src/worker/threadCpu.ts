// This thread's CPU accounting from Linux's schedstat: time spent running and time spent runnable but waiting for
// a CPU. Tells a slow frame on a busy machine (waiting) from slow code (running). Undefined off Linux.
import * as fs from 'fs';

/** Milliseconds this thread has run and has waited for a CPU, since it started. */
export interface ThreadCpu {
  runMs: number;
  waitMs: number;
}

/** The calling thread's schedstat, or undefined where there is none. */
export function threadCpu(): ThreadCpu | undefined {
  try {
    const [run, wait] = fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return Number.isFinite(run) && Number.isFinite(wait) ? { runMs: run / 1e6, waitMs: wait / 1e6 } : undefined;
  } catch {
    return undefined;
  }
}

/** What a piece of work cost this thread between two readings (undefined when either is). */
export function cpuSince(before: ThreadCpu | undefined): ThreadCpu | undefined {
  const after = threadCpu();
  return before && after ? { runMs: after.runMs - before.runMs, waitMs: after.waitMs - before.waitMs } : undefined;
}
