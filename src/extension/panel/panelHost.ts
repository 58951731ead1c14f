// The host side of the panel protocol without `vscode`: validates what arrives, queues work (a reload first,
// then only the newest slider position: one request in flight, one pending, stale ones dropped), and posts what
// the session gets from the analysis workers. The panel and the webview tests' driver both run this class, so the
// browser tests exercise the real host logic. Nothing heavy runs here: the workers compute, this thread waits.
import type {
  ExportMessage,
  HostMessage,
  MessageTable,
  SetPointMessage,
  TrainMessage,
  TrainingMessage,
  WebviewMessage,
} from '../../protocol/panel';
import { isWebviewMessage } from '../../protocol/validate';
import { PanelBackground } from './panelBackground';
import type { PanelCompute } from './panelCompute';
import { PanelSession } from './panelSession';
import type { FieldDefaults } from '../../protocol/viewSettings';

/** The document the panel shows, as plain data. */
export interface PanelDocument {
  text: string;
  version: number;
  fileName: string;
  uri: string;
}

/** What the host environment supplies: posting to the webview, the current document, saving an export. */
export interface PanelHostEnv {
  post(m: HostMessage): void;
  document(): PanelDocument | undefined;
  save(m: ExportMessage): Promise<{ ok: boolean; message: string }>;
  /** Where the numbers come from (the analysis workers). */
  compute: PanelCompute;
  /** The field grid's defaults (settings); the blog's 9 x 9 over [-2, 2]^2 when absent. */
  fieldDefaults?: FieldDefaults;
}

const isCancel = (e: unknown): boolean => e instanceof Error && e.name === 'CancelledError';

/** What the host has posted so far (for tests and the log). */
export interface PanelStats {
  ready: boolean;
  documents: number;
  frames: number;
  errors: number;
  /** Training messages (partial and final). */
  training: number;
  /** The document version of the last document message (-1 before the first). */
  version: number;
  /** Locus and sets messages. */
  locus: number;
  sets: number;
}

/** Receives webview messages and answers them with numbers from the workers, one piece of work at a time. */
export class PanelHost {
  // prettier-ignore
  readonly stats: PanelStats =
    { ready: false, documents: 0, frames: 0, errors: 0, training: 0, version: -1, locus: 0, sets: 0 };
  private readonly session: PanelSession;
  /** The locus and the sets, run by the drain once the host has been idle a moment (see PanelBackground). */
  private readonly background: PanelBackground;
  private ready = false;
  private busy = false;
  private pending: SetPointMessage | undefined;
  /** The request id a pending reload answers (0: the host's own), or undefined when none is pending. */
  private reloadWanted: number | undefined;
  private requestedPoint: number | undefined;
  private idleWaiters: (() => void)[] = [];
  /** Aborts the work in flight when the document it is for changes. */
  private inFlight: AbortController | undefined;
  /** Stops the trajectory running (an edit, another `train`, or the panel going away). */
  private training: AbortController | undefined;

  constructor(private readonly env: PanelHostEnv) {
    this.session = new PanelSession(env.compute);
    this.background = new PanelBackground(this.session, env.compute, () => void this.drain());
    if (env.fieldDefaults) this.session.setFieldDefaults(env.fieldDefaults);
  }

  /** The webview went away (hidden with no retained context): wait for its next `ready`. */
  detach(): void {
    this.ready = false;
    this.background.disarm();
  }

  /** The document (or which one) changed: recompile and redraw; `pointIndex` selects the live point. */
  documentChanged(pointIndex?: number): void {
    if (pointIndex !== undefined) this.requestedPoint = pointIndex;
    // What is being computed is for the old text: stop it (the worker is stopped if it does not stop soon).
    this.inFlight?.abort();
    this.training?.abort();
    this.requestReload(0);
  }

  /** The core options changed (e.g. the rank tolerance): recompile and redraw. */
  optionsChanged(): void {
    this.session.forgetModel();
    this.documentChanged();
  }

  /** The settings' field grid changed: it becomes the grid shown, and the panel redraws. */
  fieldDefaultsChanged(field: FieldDefaults): void {
    this.session.setFieldDefaults(field);
    this.requestReload(0);
  }

  /** Resolves when no work is queued or running (for tests and orderly shutdown). */
  idle(): Promise<void> {
    return this.busy ? new Promise((resolve) => this.idleWaiters.push(resolve)) : Promise.resolve();
  }

  /** Resolves when no work is queued, running or waiting for the host to go idle (the locus and sets included). */
  async settled(): Promise<void> {
    for (;;) {
      await this.idle();
      if (!this.background.armed && !(this.ready && this.background.wanted())) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** What each webview message does, by type (the validator's table, WEBVIEW_CHECKS, has the same keys). */
  readonly handlers: MessageTable<WebviewMessage> = {
    ready: (m) => {
      this.ready = true;
      this.stats.ready = true;
      this.background.webviewReady();
      this.session.setView(m.view, m.pointIndex);
      // The restored point may not exist yet (nothing loaded): the reload selects it once the model is there.
      this.requestedPoint = m.pointIndex;
      this.requestReload(m.requestId);
    },
    setView: (m) => {
      this.session.setView(m.view, m.pointIndex);
      this.requestReload(m.requestId);
    },
    // Slider drags arrive faster than frames can be computed: keep only the newest while busy.
    setPoint: (m) => {
      this.pending = m;
      void this.drain();
    },
    export: (m) => void this.export(m),
    // A trajectory runs beside the frames (its own worker when there are two); a new one cancels the one running.
    train: (m) => void this.train(m),
  };

  /** Handles one message from the webview; malformed messages are dropped. */
  receive(m: unknown): void {
    if (!isWebviewMessage(m)) return;
    (this.handlers[m.type] as (m: WebviewMessage) => void)(m);
  }

  private post(m: HostMessage): void {
    if (m.type === 'document') {
      this.stats.documents++;
      this.stats.version = m.version;
    } else if (m.type === 'frame') {
      this.stats.frames++;
    } else if (m.type === 'error') {
      this.stats.errors++;
    } else if (m.type === 'training') {
      this.stats.training++;
    } else if (m.type === 'locus') {
      this.stats.locus++;
    } else if (m.type === 'sets') {
      this.stats.sets++;
    }
    this.env.post(m);
  }

  private requestReload(requestId: number): void {
    this.reloadWanted = Math.max(requestId, this.reloadWanted ?? 0);
    void this.drain();
  }

  /** Recompiles when the version moved, then sends the document and the live frame. */
  private async reload(requestId: number, signal: AbortSignal): Promise<void> {
    const d = this.env.document();
    if (!d || !this.ready) return;
    const point = this.requestedPoint;
    this.requestedPoint = undefined;
    await this.session.load(d.text, d.version, signal, point);
    const [document, frame] = await this.session.documentAndFrame(requestId, d.fileName, d.uri, signal);
    this.background.documentSent();
    this.post(document);
    this.post(frame);
  }

  private async drain(): Promise<void> {
    if (this.pending || this.reloadWanted !== undefined) this.background.disarm();
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.pending || this.reloadWanted !== undefined || this.background.due) {
        const controller = new AbortController();
        this.inFlight = controller;
        let requestId = 0;
        try {
          if (this.reloadWanted !== undefined) {
            const id = this.reloadWanted;
            this.reloadWanted = undefined;
            await this.reload(id, controller.signal);
          } else if (this.pending && this.ready) {
            const m = this.pending;
            this.pending = undefined;
            requestId = m.requestId;
            this.session.setPoint(m.pointIndex, m.values);
            this.post(await this.session.frame(m.requestId, controller.signal));
          } else if (this.background.due && this.ready) {
            // Lowest priority: only when nothing else waits; one piece at a time, messages in between go first.
            const m = await this.background.next(controller.signal);
            if (m) this.post(m);
          } else {
            this.background.disarm();
            break;
          }
        } catch (e) {
          // A cancelled piece of work was for text that changed: the reload queued behind it replaces it.
          // Otherwise the error answers the request (the webview stops waiting for its frame).
          if (!isCancel(e))
            this.post({ type: 'error', requestId, message: e instanceof Error ? e.message : String(e) });
        }
      }
    } finally {
      this.inFlight = undefined;
      this.busy = false;
      if (this.ready) this.background.arm();
      this.idleWaiters.splice(0).forEach((f) => f());
    }
  }

  /** Runs a trajectory and posts its records as they come, then the whole run (nothing once it is cancelled). */
  private async train(m: TrainMessage): Promise<void> {
    this.training?.abort();
    const start = this.session.trainingStart(m.pointIndex);
    if (!start) return;
    const controller = new AbortController();
    this.training = controller;
    const signal = controller.signal;
    const base = { type: 'training', requestId: m.requestId, version: start.version } as const;
    const post = (part: Omit<TrainingMessage, 'type' | 'requestId' | 'version'>): void => {
      if (!signal.aborted) this.post({ ...base, ...part });
    };
    try {
      const out = await this.env.compute.train(
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
      if (!isCancel(e))
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
      if (this.training === controller) this.training = undefined;
    }
  }

  private async export(m: ExportMessage): Promise<void> {
    const result = await this.env.save(m);
    this.post({ type: 'exportResult', requestId: m.requestId, ...result });
  }
}
