// The panel's lab runs on the host: one run per lab at a time (a new `runLab` of a lab cancels its run in flight),
// its progress and partial results posted as they come, then exactly one closing message (done, failed or
// cancelled, the last two with the newest partial). An edit cancels every run: its numbers are for the old text.
// Nothing heavy runs here; the last analysis worker computes.
import { isCancelled } from '../analysisClient';
import type { LabMessage, LabName, RunLabMessage } from '../../protocol/labs';
import type { HostMessage } from '../../protocol/panel';
import type { PanelCompute } from './panelCompute';

/** Where a run starts: the document's text and version, the live point's values, the field's coordinates. */
export interface LabStart {
  text: string;
  version: number;
  values: Float64Array;
  coords?: [number, number];
}

/** The labs running for one panel. */
export class LabRuns {
  private readonly running = new Map<LabName, AbortController>();

  constructor(
    private readonly compute: () => PanelCompute,
    private readonly start: (pointIndex: number) => LabStart | null,
    private readonly post: (m: HostMessage) => void,
  ) {}

  /** Runs `m.lab` from point `m.pointIndex` (nothing when no document is loaded). */
  async run(m: RunLabMessage): Promise<void> {
    this.cancel(m.lab);
    const start = this.start(m.pointIndex);
    if (!start) return;
    const controller = new AbortController();
    this.running.set(m.lab, controller);
    const base = { type: 'lab', requestId: m.requestId, version: start.version, lab: m.lab } as const;
    let closed = false;
    const post = (part: Pick<LabMessage, 'phase' | 'done' | 'total' | 'partial' | 'result' | 'message'>): void => {
      if (closed) return;
      if (part.phase !== 'running') closed = true;
      this.post({ ...base, ...part } as LabMessage);
    };
    try {
      const out = await this.compute().lab(
        start.text,
        { lab: m.lab, params: m.params, W0: start.values, coords: start.coords ?? null } as never,
        (p) => {
          if (!controller.signal.aborted)
            post({ phase: 'running', done: p.done, total: p.total, partial: p.partial, result: null, message: null });
        },
        controller.signal,
      );
      if (out.cancelled)
        post({
          phase: 'cancelled',
          done: out.done,
          total: out.total,
          partial: out.partial,
          result: null,
          message: out.reason,
        });
      else post({ phase: 'done', done: out.total, total: out.total, partial: null, result: out.result, message: null });
    } catch (e) {
      // An abort from the host (cancel, a newer run, an edit) ends in `cancelled` with no numbers: the worker's own
      // answer with the partial is dropped by the client once the request is aborted.
      if (isCancelled(e))
        post({ phase: 'cancelled', done: 0, total: 0, partial: null, result: null, message: 'cancelled' });
      else
        post({
          phase: 'failed',
          done: 0,
          total: 0,
          partial: null,
          result: null,
          message: e instanceof Error ? e.message : String(e),
        });
    } finally {
      if (this.running.get(m.lab) === controller) this.running.delete(m.lab);
    }
  }

  /** Stops the run of `lab`, if any. */
  cancel(lab: LabName): void {
    this.running.get(lab)?.abort();
    this.running.delete(lab);
  }

  /** Stops every run (the document changed, or the panel went away). */
  cancelAll(): void {
    for (const c of this.running.values()) c.abort();
    this.running.clear();
  }

  /** The labs running now. */
  active(): LabName[] {
    return [...this.running.keys()];
  }
}
