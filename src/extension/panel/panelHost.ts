// The host side of the panel protocol without `vscode`: validates what arrives, queues work (a reload first,
// then only the newest slider position: one request in flight, one pending, stale ones dropped), and posts what
// the session gets from the analysis workers. The panel and the webview tests' driver both run this class, so the
// browser tests exercise the real host logic. Nothing heavy runs here: the workers compute, this thread waits.
import { isCancelled } from '../analysisClient';
import type { ExportMessage, HostMessage, MessageTable, SetPointMessage, WebviewMessage } from '../../protocol/panel';
import { isWebviewMessage } from '../../protocol/validate';
import { PanelBackground } from './panelBackground';
import type { PanelCompute } from './panelCompute';
import { LabRuns } from './labRuns';
import { TrainingRun } from './trainingRun';
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

/** What the host has posted so far (for tests and the log). */
export interface PanelStats {
  ready: boolean;
  documents: number;
  frames: number;
  errors: number;
  /** Training messages (partial and final). */
  training: number;
  /** Lab messages (progress, partial and final). */
  labs: number;
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
    { ready: false, documents: 0, frames: 0, errors: 0, training: 0, labs: 0, version: -1, locus: 0, sets: 0 };
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
  /** A reveal waiting for the document it is about. */
  private revealWanted: HostMessage | undefined;
  /** Whether the last document posted had a model (a view can be revealed). */
  private shown = false;
  /** Aborts the work in flight when the document it is for changes. */
  private inFlight: AbortController | undefined;
  /** The trajectory running (stopped by an edit or another `train`). */
  private readonly training: TrainingRun;
  /** The labs' runs (one per lab). */
  private readonly labs: LabRuns;

  constructor(private readonly env: PanelHostEnv) {
    this.session = new PanelSession(env.compute);
    this.background = new PanelBackground(this.session, env.compute, () => void this.drain());
    if (env.fieldDefaults) this.session.setFieldDefaults(env.fieldDefaults);
    this.training = new TrainingRun(
      () => env.compute,
      (i) => this.session.trainingStart(i),
      (m) => this.post(m),
    );
    this.labs = new LabRuns(
      () => env.compute,
      (i) => this.session.trainingStart(i),
      (m) => this.post(m),
    );
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
    this.training.cancel();
    this.labs.cancelAll();
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

  /** Brings view `view` into sight (and starts its run with `run`) once the document is shown: at once when it
   *  is, else after the next document and frame. */
  reveal(view: string, run: boolean): void {
    this.revealWanted = { type: 'reveal', requestId: 0, view, run };
    this.flushReveal();
  }

  /** Posts the reveal waiting, once a document with a model is shown and nothing is queued before it. */
  private flushReveal(): void {
    if (!this.revealWanted || !this.ready || this.busy || this.reloadWanted !== undefined || !this.shown) return;
    this.post(this.revealWanted);
    this.revealWanted = undefined;
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
    train: (m) => void this.training.run(m),
    // A lab runs on the same worker as trajectories; a new run of a lab cancels that lab's run in flight.
    runLab: (m) => void this.labs.run(m),
    cancelLab: (m) => this.labs.cancel(m.lab),
  };

  /** Handles one message from the webview; malformed messages are dropped. */
  receive(m: unknown): void {
    if (!isWebviewMessage(m)) return;
    (this.handlers[m.type] as (m: WebviewMessage) => void)(m);
  }

  private post(m: HostMessage): void {
    if (m.type === 'document') {
      this.shown = m.model !== null;
      this.stats.documents++;
      this.stats.version = m.version;
    } else if (m.type === 'frame') {
      this.stats.frames++;
    } else if (m.type === 'error') {
      this.stats.errors++;
    } else if (m.type === 'training') {
      this.stats.training++;
    } else if (m.type === 'lab') {
      this.stats.labs++;
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
            // A piece that was cancelled or came to nothing ends the background work of this drain: retried at
            // once it can spin on microtasks (a restarting worker rejects at once) and starve the timers; the
            // finally below arms it again, BACKGROUND_IDLE_MS later.
            const m = await this.background.next(controller.signal).catch((e: unknown) => {
              this.background.disarm();
              throw e;
            });
            if (m) this.post(m);
            else this.background.disarm();
          } else {
            this.background.disarm();
            break;
          }
        } catch (e) {
          // A cancelled piece of work was for text that changed: the reload queued behind it replaces it.
          // Otherwise the error answers the request (the webview stops waiting for its frame).
          if (!isCancelled(e))
            this.post({ type: 'error', requestId, message: e instanceof Error ? e.message : String(e) });
        }
      }
    } finally {
      this.inFlight = undefined;
      this.busy = false;
      this.flushReveal();
      if (this.ready) this.background.arm();
      this.idleWaiters.splice(0).forEach((f) => f());
    }
  }

  private async export(m: ExportMessage): Promise<void> {
    const result = await this.env.save(m);
    this.post({ type: 'exportResult', requestId: m.requestId, ...result });
  }
}
