// A lab view's run controls: Run and Cancel buttons, a progress bar and a status line, and the bookkeeping of one
// run of the lab (its request id; older runs' messages are ignored). A view makes one, tells it how to read its
// parameters, and gets the run's partial results, its result and its end through callbacks. Every lab view shows
// progress, draws partial results as they arrive, and can be cancelled, the same way.
import type { LabMessageOf, LabName, LabParams, LabPartial, LabResult } from '../src/protocol/labs';
import { el } from './dom';
import type { ViewHost } from './view';

/** What the view does with a run's messages. */
export interface LabRunHandlers<K extends LabName> {
  /** The newest partial result while the run goes on (and the last one, again, when it stops early). */
  partial?(p: LabPartial<K>): void;
  /** The run's result. */
  result(r: LabResult<K>): void;
  /** A run starts (clear what the last one drew). */
  started?(): void;
}

/** The phase a run is in, as `data-phase` on the controls (for tests and styles). */
export type RunState = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

/** One lab's run controls and its current run. */
export class LabRun<K extends LabName> {
  readonly element: HTMLElement;
  private readonly runButton: HTMLButtonElement;
  private readonly cancelButton: HTMLButtonElement;
  private readonly bar = el('progress', { max: 1, value: 0, class: 'lab-progress' });
  private readonly status = el('span', { class: 'lab-status', role: 'status', 'aria-live': 'polite' });
  private requestId = 0;
  private startedAt = 0;
  private state: RunState = 'idle';

  constructor(
    private readonly host: ViewHost,
    private readonly lab: K,
    what: string,
    private readonly params: () => LabParams<K> | string,
    private readonly handlers: LabRunHandlers<K>,
  ) {
    this.runButton = el('button', { type: 'button', 'aria-label': `Run ${what} from the live point` }, 'Run');
    this.cancelButton = el('button', { type: 'button', 'aria-label': `Cancel ${what}` }, 'Cancel');
    this.cancelButton.disabled = true;
    this.bar.hidden = true;
    this.runButton.addEventListener('click', () => this.start());
    this.cancelButton.addEventListener('click', () => this.cancel());
    this.element = el('span', { class: 'lab-run' }, this.runButton, this.cancelButton, this.bar, this.status);
    this.setState('idle');
  }

  /** Starts a run from the live point (the host cancels this lab's run in flight); a string from `params` is a
   *  reason not to run, shown instead. */
  start(): void {
    const params = this.params();
    if (typeof params === 'string') {
      this.status.textContent = params;
      return;
    }
    this.handlers.started?.();
    this.startedAt = performance.now();
    this.requestId = this.host.send({
      type: 'runLab',
      lab: this.lab,
      pointIndex: this.host.pointIndex(),
      params,
    } as never);
    this.bar.removeAttribute('value');
    this.bar.hidden = false;
    this.status.textContent = 'Running…';
    this.setState('running');
  }

  /** Asks the host to stop the run (what it drew so far stays). */
  cancel(): void {
    if (this.state !== 'running') return;
    this.host.send({ type: 'cancelLab', lab: this.lab });
  }

  /** Forgets the run shown (a new document: its numbers are for the old text). */
  reset(message = ''): void {
    this.requestId = 0;
    this.bar.hidden = true;
    this.status.textContent = message;
    this.setState('idle');
  }

  /** True while a run is going. */
  running(): boolean {
    return this.state === 'running';
  }

  /** A lab message; the run's own only (another lab's or an older run's are ignored). */
  receive(m: LabMessageOf<LabName>): void {
    if (m.lab !== this.lab || m.requestId !== this.requestId) return;
    const own = m as unknown as LabMessageOf<K>;
    if (m.total > 0) {
      this.bar.max = m.total;
      this.bar.value = m.done;
    }
    const progress = m.total > 0 ? ` ${m.done} of ${m.total}` : '';
    const seconds = ((performance.now() - this.startedAt) / 1000).toFixed(1);
    if (own.partial !== null && own.partial !== undefined) this.handlers.partial?.(own.partial);
    switch (m.phase) {
      case 'running':
        this.status.textContent = `Running…${progress}`;
        return;
      case 'done':
        this.bar.hidden = true;
        this.status.textContent = `Done in ${seconds} s.`;
        this.setState('done');
        if (own.result) this.handlers.result(own.result);
        return;
      case 'cancelled':
        this.bar.hidden = true;
        this.status.textContent = `Stopped (${m.message ?? 'cancelled'})${progress ? ` at${progress}` : ''}; what it found is kept.`;
        this.setState('cancelled');
        return;
      case 'failed':
        this.bar.hidden = true;
        this.status.textContent = m.message ?? 'The run failed.';
        this.setState('failed');
    }
  }

  private setState(s: RunState): void {
    this.state = s;
    this.element.dataset.phase = s;
    this.runButton.disabled = s === 'running';
    this.cancelButton.disabled = s !== 'running';
  }
}
