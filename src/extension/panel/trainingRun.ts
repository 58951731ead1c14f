// The panel's trajectory (the Training view's `train`): one at a time, its records posted as they come, then the
// whole run with canonical GD from the same start; a new run, or an edit, cancels the one running. Nothing heavy
// runs here; the last analysis worker computes.
import { isCancelled } from '../analysisClient';
import type { HostMessage, TrainMessage, TrainingMessage } from '../../protocol/panel';
import type { LabStart } from './labRuns';
import type { PanelCompute } from './panelCompute';

/** The panel's trajectory run. */
export class TrainingRun {
  private running: AbortController | undefined;

  constructor(
    private readonly compute: () => PanelCompute,
    private readonly start: (pointIndex: number) => LabStart | null,
    private readonly post: (m: HostMessage) => void,
  ) {}

  /** Stops the run going (its messages stop at once). */
  cancel(): void {
    this.running?.abort();
    this.running = undefined;
  }

  /** Runs a trajectory and posts its records as they come, then the whole run (nothing once it is cancelled). */
  async run(m: TrainMessage): Promise<void> {
    this.cancel();
    const start = this.start(m.pointIndex);
    if (!start) return;
    const controller = new AbortController();
    this.running = controller;
    const signal = controller.signal;
    const base = { type: 'training', requestId: m.requestId, version: start.version } as const;
    const post = (part: Omit<TrainingMessage, 'type' | 'requestId' | 'version'>): void => {
      if (!signal.aborted) this.post({ ...base, ...part });
    };
    try {
      const out = await this.compute().train(
        start.text,
        { W0: start.values, method: m.method, lr: m.lr, steps: m.steps, coords: start.coords },
        (p) =>
          post({
            phase: 'running',
            records: p.records,
            canonical: null,
            done: p.done,
            total: p.total,
            stopped: null,
            message: null,
          }),
        signal,
      );
      const total = out.records.at(-1)?.t ?? 0;
      post({
        phase: out.noLoss ? 'failed' : 'done',
        records: out.records,
        canonical: out.canonical,
        done: total,
        total,
        stopped: out.stopped,
        message: out.message,
        contours: out.contours,
      });
    } catch (e) {
      if (!isCancelled(e))
        post({
          phase: 'failed',
          records: [],
          canonical: null,
          done: 0,
          total: 0,
          stopped: null,
          message: e instanceof Error ? e.message : String(e),
        });
    } finally {
      if (this.running === controller) this.running = undefined;
    }
  }
}
