// The panel's work for when nothing else waits: the rank-deficient locus of the map the webview holds, and the
// rank-deficient sets of the document. Neither is part of a frame: a drag's frames must not wait for them (a new map
// each frame would cost a locus each frame), so PanelHost runs them once it has been idle a moment, newest map only.
import type { LocusMessage, SetsMessage } from '../../protocol/panel';
import { describeReason, setConditions } from '../../format/deficientSet';
import type { PanelCompute } from './panelCompute';
import type { PanelSession } from './panelSession';

const isCancel = (e: unknown): boolean => e instanceof Error && e.name === 'CancelledError';

/** How long the host must have had nothing to do before it computes the locus or the sets (ms): longer than the
 *  gap between two slider events, so a drag never waits for them. */
export const BACKGROUND_IDLE_MS = 150;

/** What the webview holds of the locus and the sets, and what computes what it lacks. */
export class PanelBackground {
  /** The map id and field coordinates of the locus the webview holds. */
  private shownLocus: string | undefined;
  /** The document version whose sets the webview holds (or that are being searched). */
  private shownSets = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The idle timer fired: the host's drain runs `next` once nothing else waits. */
  due = false;

  constructor(
    private readonly session: PanelSession,
    private readonly compute: PanelCompute,
    private readonly onDue: () => void,
  ) {}

  /** True while the idle timer runs. */
  get armed(): boolean {
    return this.timer !== undefined;
  }

  /** The host went idle: unless disarmed first, in BACKGROUND_IDLE_MS the work becomes due (when there is any). */
  arm(): void {
    if (this.timer !== undefined || this.due || !this.wanted()) return;
    const t = setTimeout(() => {
      this.timer = undefined;
      this.due = true;
      this.onDue();
    }, BACKGROUND_IDLE_MS);
    // Never keeps a process alive (the tests' hosts, an extension host shutting down).
    (t as { unref?: () => void }).unref?.();
    this.timer = t;
  }

  /** A message came (or nothing is wanted): the timer stops and nothing is due. */
  disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.due = false;
  }

  /** A document message went out: the webview redraws everything, so the locus is sent again. */
  documentSent(): void {
    this.shownLocus = undefined;
  }

  /** A (new) webview said `ready`: it holds nothing yet. */
  webviewReady(): void {
    this.shownLocus = undefined;
    this.shownSets = -1;
  }

  /** True when the webview lacks the locus of its map (and wants one) or this version's sets. */
  wanted(): boolean {
    return this.locusKey() !== null || this.setsWanted();
  }

  /** Computes what is wanted (the locus first: it belongs to what is on screen) and returns its message, or null
   *  when nothing is wanted or what it was for moved on meanwhile. */
  async next(signal?: AbortSignal): Promise<LocusMessage | SetsMessage | null> {
    try {
      if (this.locusKey() !== null) return await this.locus(signal);
      if (this.setsWanted()) return await this.sets(signal);
      return null;
    } finally {
      this.due = this.wanted();
    }
  }

  /** The locus the webview lacks (map id and coordinates), or null when it has it or does not want one. */
  private locusKey(): string | null {
    const held = this.session.heldMap();
    if (!held || held.view.locus === false) return null;
    const key = `${held.frame.id}:${held.view.grid.coords.join(',')}`;
    return key === this.shownLocus ? null : key;
  }

  private async locus(signal?: AbortSignal): Promise<LocusMessage | null> {
    const key = this.locusKey();
    const held = this.session.heldMap();
    const loaded = this.session.loaded;
    if (!key || !held || !loaded) return null;
    const { frame, view } = held;
    const coords: [number, number] | null = loaded.model.q >= 2 ? [view.grid.coords[0], view.grid.coords[1]] : null;
    // Taken before it is computed: a locus that fails is not tried again for the same map.
    this.shownLocus = key;
    let r;
    try {
      r = await this.compute.locus(
        loaded.text,
        { base: Float64Array.from(held.base), x: frame.x, y: frame.y, sMin: frame.sMin, sMax: frame.sMax, coords },
        signal,
      );
    } catch (e) {
      if (this.shownLocus === key && isCancel(e)) this.shownLocus = undefined;
      if (isCancel(e)) throw e;
      return null;
    }
    // The map or the view changed while it was computed: the next idle turn computes the new one's.
    if (this.shownLocus !== key || this.locusKey() !== null) return null;
    return {
      type: 'locus',
      requestId: 0,
      version: loaded.version,
      mapId: frame.id ?? 0,
      lines: r.lines,
      points: r.points,
      theta: r.theta && coords ? { coords, lines: r.theta.lines, points: r.theta.points } : null,
    };
  }

  private setsWanted(): boolean {
    const loaded = this.session.loaded;
    return loaded !== null && loaded.version !== this.shownSets;
  }

  private async sets(signal?: AbortSignal): Promise<SetsMessage | null> {
    const loaded = this.session.loaded;
    if (!loaded) return null;
    const { version } = loaded;
    this.shownSets = version;
    const base = { type: 'sets', requestId: 0, version } as const;
    const current = (): boolean => this.session.loaded?.version === version;
    try {
      const r = await this.compute.sets(loaded.text, signal);
      if (!current()) return null;
      const sets = r.sets.map((s) => ({
        conditions: setConditions(s),
        reason: describeReason(s),
        rank: s.rank,
        dimension: s.dimension,
        W: Float64Array.from(s.W),
      }));
      return { ...base, sets, message: null };
    } catch (e) {
      // Cancelled: the document changed (its own version is searched next); otherwise the reason is shown.
      if (isCancel(e)) {
        if (this.shownSets === version) this.shownSets = -1;
        throw e;
      }
      return current() ? { ...base, sets: [], message: e instanceof Error ? e.message : String(e) } : null;
    }
  }
}
