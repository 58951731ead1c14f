// The webview's end of the protocol: validated receipt, request ids, flow control for slider drags (at most two
// requests in flight, only the newest position queued), and the state VS Code keeps for us (getState/setState).
import type { HostMessage, ViewSettings, WebviewMessage } from '../src/protocol/panel';
import { isHostMessage, isView } from '../src/protocol/validate';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** What survives hiding the panel and restarting VS Code. */
export interface SavedState {
  uri: string;
  view: ViewSettings | null;
  pointIndex: number;
  commonScale: boolean;
}

type Outgoing = WebviewMessage extends infer M ? (M extends WebviewMessage ? Omit<M, 'requestId'> : never) : never;

/** A slider request that got no answer within this time is given up (the host may have dropped it). */
const STALE_MS = 2000;
/** Slider requests in flight at once: two keep the host computing the next frame while this one travels and draws. */
const MAX_IN_FLIGHT = 2;

/** The connection to the extension host. */
export class HostLink {
  private readonly api = acquireVsCodeApi();
  private nextId = 1;
  /** Request ids of slider requests not yet answered (a frame answers its id and every older one). */
  private inFlight: number[] = [];
  private sentAt = 0;
  private queued: { pointIndex: number; values: Float64Array } | null = null;

  constructor(onMessage: (m: HostMessage) => void) {
    window.addEventListener('message', (e: MessageEvent) => {
      if (!isHostMessage(e.data)) {
        console.warn('overparam: dropped a malformed message from the host');
        return;
      }
      const m = e.data;
      onMessage(m);
      // A frame or error answers its request and every older one; a new document supersedes them all.
      if ((m.type === 'frame' || m.type === 'error') && m.requestId > 0) {
        this.inFlight = this.inFlight.filter((id) => id > m.requestId);
        this.flush();
      } else if (m.type === 'document') {
        this.inFlight = [];
        this.flush();
      }
    });
  }

  /** Sends a message with a fresh request id; returns the id. */
  send(m: Outgoing): number {
    const requestId = this.nextId++;
    this.api.postMessage({ ...m, requestId });
    return requestId;
  }

  /** Moves the live point; while a frame is pending only the newest position is kept. */
  sendPoint(pointIndex: number, values: Float64Array): void {
    this.queued = { pointIndex, values };
    if (this.inFlight.length > 0 && performance.now() - this.sentAt > STALE_MS) this.inFlight = [];
    this.flush();
  }

  /** True while a slider request awaits its frame or a newer one is queued. */
  get busy(): boolean {
    return this.inFlight.length > 0 || this.queued !== null;
  }

  /** The saved state, when it has the expected shape. */
  loadState(): SavedState | null {
    const s = this.api.getState() as Partial<SavedState> | undefined;
    if (!s || typeof s !== 'object' || typeof s.uri !== 'string') return null;
    return {
      uri: s.uri,
      view: isView(s.view) ? s.view : null,
      pointIndex: Number.isInteger(s.pointIndex) ? s.pointIndex! : 0,
      commonScale: s.commonScale === true,
    };
  }

  /** Saves the state (VS Code keeps it while the panel is hidden and across restarts, via the serializer). */
  saveState(s: SavedState): void {
    this.api.setState(s);
  }

  private flush(): void {
    const q = this.queued;
    if (!q || this.inFlight.length >= MAX_IN_FLIGHT) return;
    this.queued = null;
    this.inFlight.push(this.send({ type: 'setPoint', pointIndex: q.pointIndex, values: Array.from(q.values) }));
    this.sentAt = performance.now();
  }
}
