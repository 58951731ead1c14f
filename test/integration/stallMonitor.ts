/**
 * Watches this thread's event loop with a 10 ms timer and, on Linux, splits every gap into time spent running
 * (this thread was busy: a real block) and time spent waiting for a CPU (the machine was overloaded, which no code
 * in this thread can prevent), from /proc/self/task/PID/schedstat.
 */
import * as fs from 'fs';

/** One timer gap: wall-clock length, and how much of it this thread spent waiting for a CPU. */
export interface Gap {
  ms: number;
  runMs: number;
  waitMs: number;
}

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;

/** [run ns, runqueue wait ns] of this thread so far, or undefined off Linux. */
function schedstat(): [number, number] | undefined {
  try {
    const [run, wait] = fs.readFileSync(SCHEDSTAT, 'utf8').split(' ').map(Number);
    return [run, wait];
  } catch {
    return undefined;
  }
}

/** Samples the event loop until stopped; `worst` is the longest gap, `worstOwn` the longest less its CPU wait. */
export class StallMonitor {
  private timer: ReturnType<typeof setInterval> | undefined;
  private last = 0;
  private lastSched: [number, number] | undefined;
  worst: Gap = { ms: 0, runMs: 0, waitMs: 0 };
  worstOwn: Gap = { ms: 0, runMs: 0, waitMs: 0 };

  /** Starts sampling every `periodMs`. */
  start(periodMs = 10): void {
    this.last = performance.now();
    this.lastSched = schedstat();
    this.timer = setInterval(() => this.tick(), periodMs);
  }

  /** Stops sampling. */
  stop(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const now = performance.now();
    const sched = schedstat();
    const gap: Gap = { ms: now - this.last, runMs: 0, waitMs: 0 };
    if (sched && this.lastSched) {
      gap.runMs = (sched[0] - this.lastSched[0]) / 1e6;
      gap.waitMs = (sched[1] - this.lastSched[1]) / 1e6;
    }
    if (gap.ms > this.worst.ms) this.worst = gap;
    if (gap.ms - gap.waitMs > this.worstOwn.ms - this.worstOwn.waitMs) this.worstOwn = gap;
    this.last = now;
    this.lastSched = sched;
  }
}
