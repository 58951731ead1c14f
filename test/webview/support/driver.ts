// The test driver: the real host logic (PanelHost, with the panel's analysis workers: dist/worker.js in node
// worker_threads, as many as the panel starts) attached to a Chromium page in place of VS Code. The page gets the
// same `acquireVsCodeApi` surface a webview has; messages cross as structured clones.
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { AnalysisClient } from '../../../src/extension/analysisClient';
import { workerCompute } from '../../../src/extension/panel/panelCompute';
import type { PanelCompute } from '../../../src/extension/panel/panelCompute';
import { PanelHost } from '../../../src/extension/panel/panelHost';
import type { PanelDocument } from '../../../src/extension/panel/panelHost';
import type { ExportMessage, HostMessage } from '../../../src/protocol/panel';
import type { FieldDefaults } from '../../../src/protocol/viewSettings';
import { ROOT } from './browser';
import { installReceiver, packBase64, packBinary } from './transport';
import type { Transport } from './transport';
import type { Channel } from './channel';
import type { Rig } from './browser';

/** The panel's worker count on this machine (see src/extension/panel/panelWorkers.ts: one per core, at most 2). */
const WORKERS = Math.max(
  1,
  Math.min(2, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length),
);
const quiet = { info: () => undefined, warn: (m: string) => console.warn(`  worker: ${m}`) };

/** VS Code's theme variables for the three kinds of theme (a subset of what VS Code injects). */
const THEMES = {
  light: {
    cls: 'vscode-light',
    vars: {
      '--vscode-editor-background': '#ffffff',
      '--vscode-editor-foreground': '#1f1f1f',
      '--vscode-foreground': '#1f1f1f',
      '--vscode-focusBorder': '#005fb8',
      '--vscode-charts-blue': '#1a5fd0',
      '--vscode-charts-red': '#e51400',
      '--vscode-button-background': '#005fb8',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-input-background': '#ffffff',
      '--vscode-font-family': 'sans-serif',
    },
  },
  dark: {
    cls: 'vscode-dark',
    vars: {
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-editor-foreground': '#cccccc',
      '--vscode-foreground': '#cccccc',
      '--vscode-focusBorder': '#0078d4',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-red': '#f14c4c',
      '--vscode-button-background': '#0078d4',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-input-background': '#313131',
      '--vscode-font-family': 'sans-serif',
    },
  },
  hc: {
    cls: 'vscode-high-contrast',
    vars: {
      '--vscode-editor-background': '#000000',
      '--vscode-editor-foreground': '#ffffff',
      '--vscode-foreground': '#ffffff',
      '--vscode-focusBorder': '#f38518',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-red': '#f48771',
      '--vscode-button-background': '#000000',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-input-background': '#000000',
      '--vscode-font-family': 'sans-serif',
    },
  },
};

/** A theme kind. */
export type ThemeKind = keyof typeof THEMES;

/** In the page before any of its scripts: the webview API, theme variables, a CSP-violation log. */
function pageInit(theme: { cls: string; vars: Record<string, string> }): void {
  const w = window as unknown as Record<string, unknown>;
  const violations: string[] = [];
  w.__cspViolations = violations;
  document.addEventListener('securitypolicyviolation', (e) =>
    violations.push(`${e.violatedDirective} ${e.blockedURI}`),
  );
  let acquired = false;
  w.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return {
      postMessage: (m: unknown) => (w.__overparamPost as (m: unknown) => void)(m),
      getState: () => JSON.parse(sessionStorage.getItem('vscodeState') ?? 'null'),
      setState: (s: unknown) => sessionStorage.setItem('vscodeState', JSON.stringify(s)),
    };
  };
  const apply = (t: { cls: string; vars: Record<string, string> }): boolean => {
    if (!document.documentElement) return false;
    for (const [k, v] of Object.entries(t.vars)) document.documentElement.style.setProperty(k, v);
    if (!document.body) return false;
    document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast');
    document.body.classList.add(t.cls);
    return true;
  };
  w.__applyTheme = apply;
  if (!apply(theme)) {
    const mo = new MutationObserver(() => {
      if (apply(theme)) mo.disconnect();
    });
    mo.observe(document, { childList: true, subtree: true });
  }
}

/** A page showing one document, driven by the real host logic. */
export class PageHost {
  readonly saved: ExportMessage[] = [];
  /** Uncaught errors in the page (a test asserts there are none). */
  readonly errors: string[] = [];
  readonly host: PanelHost;
  /** Rewrites what the host sends (used to inject hostile names); identity by default. */
  transform: (m: HostMessage) => HostMessage = (m) => m;
  private doc: PanelDocument;
  /** The panel's workers, started for this page and stopped with it. */
  readonly workers = Array.from(
    { length: WORKERS },
    () =>
      new AnalysisClient(path.join(ROOT, 'dist', 'worker.js'), () => ({ timeBudgetMs: 5000, memoryMb: 512 }), quiet),
  );

  /** The streamed channel of the `binary` transport (undefined: the devtools protocol). */
  private readonly channel: Channel | undefined;
  private readonly channelId: string | null = null;

  private constructor(
    readonly page: Page,
    rig: Rig,
    text: string,
    transport: Transport,
    field?: FieldDefaults,
  ) {
    if (transport === 'binary') {
      const { id, channel } = rig.server.channels.create();
      this.channel = channel;
      this.channelId = id;
    }
    this.doc = { text, version: 1, fileName: 'test.overparam', uri: 'file:///test.overparam' };
    this.host = new PanelHost({
      post: (m) => this.post(m),
      document: () => this.doc,
      save: async (m) => {
        this.saved.push(m);
        return { ok: true, message: `Saved ${m.suggestedName}.` };
      },
      compute: this.timed(workerCompute(this.workers, 'panel', () => ({ simplify: false }))),
      fieldDefaults: field,
    });
  }

  /** The worker's milliseconds of each locus computed (the panel's background work after a new map). */
  readonly locusMs: number[] = [];
  /** Milliseconds of each frame's round trip to the workers (what the host waits for). */
  readonly workerMs: number[] = [];
  /** The busiest worker's running and CPU-waiting ms of each of those frames (Linux). */
  readonly workerCpu: { runMs: number; waitMs: number }[] = [];

  private timed(c: PanelCompute): PanelCompute {
    return {
      model: async (text, state, signal) => {
        const t = performance.now();
        const r = await c.model(text, state, signal);
        if (r.first?.frame.rankMap) {
          this.workerMs.push(performance.now() - t);
          if (r.first.frame.cpu) this.workerCpu.push(r.first.frame.cpu);
        }
        return r;
      },
      train: (text, req, onPartial, signal) => c.train(text, req, onPartial, signal),
      lab: (text, req, onPartial, signal) => c.lab(text, req, onPartial, signal),
      locus: async (text, req, signal) => {
        const r = await c.locus(text, req, signal);
        this.locusMs.push(r.ms);
        return r;
      },
      sets: (text, signal) => c.sets(text, signal),
      frame: async (text, req, signal) => {
        const t = performance.now();
        const r = await c.frame(text, req, signal);
        if (req.rankMap) {
          this.workerMs.push(performance.now() - t);
          if (r.cpu) this.workerCpu.push(r.cpu);
        }
        return r;
      },
    };
  }

  /** Milliseconds from each slider request's arrival to its frame being posted (queue wait + workers). */
  readonly computeMs: number[] = [];
  private received = new Map<number, number>();

  /** Milliseconds from each edit() to the host posting the new document (the workers' part of edit to redraw). */
  readonly editToPostMs: number[] = [];
  private editedAt: number | undefined;

  private post(m: HostMessage): void {
    if (m.type === 'document' && this.editedAt !== undefined) {
      this.editToPostMs.push(performance.now() - this.editedAt);
      this.editedAt = undefined;
    }
    const t = this.received.get(m.requestId);
    if (m.type === 'frame' && t !== undefined) {
      this.computeMs.push(performance.now() - t);
      this.received.delete(m.requestId);
    }
    this.recorded?.push(m);
    this.deliver(this.transform(m));
  }

  /** Host messages posted while this is set (the frame-rate test replays them). */
  recorded: HostMessage[] | undefined;
  /** While true the host hears nothing from the page (a replay stands in for it). */
  muted = false;

  /** Sends `m` to the page as the host does, bypassing the host (a replay of what it posted). */
  deliver(message: HostMessage): void {
    if (this.channel) {
      const { tree, bytes } = packBinary(message);
      this.channel.send(JSON.stringify(tree), bytes);
      return;
    }
    const json = JSON.stringify(packBase64(message));
    void this.page
      .evaluate((j) => (window as unknown as { __deliver(j: string): void }).__deliver(j), json)
      .catch(() => undefined);
  }

  private receive(m: unknown): void {
    if (this.muted) return;
    const r = m as { type?: string; requestId?: number };
    if (r.type === 'setPoint' && typeof r.requestId === 'number') this.received.set(r.requestId, performance.now());
    this.host.receive(m);
  }

  /** Opens a page on `text` and waits for its first drawing. */
  static async open(
    rig: Rig,
    text: string,
    theme: ThemeKind = 'light',
    setup?: (h: PageHost) => void,
    options: { field?: FieldDefaults; transport?: Transport } = {},
  ): Promise<PageHost> {
    const transport = options.transport ?? 'devtools';
    const page = await rig.browser.newPage({
      viewport: { width: 1180, height: 1500 },
      deviceScaleFactor: 1,
      bypassCSP: transport === 'binary',
    });
    const h = new PageHost(page, rig, text, transport, options.field);
    setup?.(h);
    page.on('pageerror', (e) => h.errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') h.errors.push(m.text());
    });
    await page.exposeBinding('__overparamPost', (_source, m: unknown) => h.receive(m));
    await page.addInitScript(installReceiver, h.channelId);
    await page.addInitScript(pageInit, THEMES[theme]);
    await page.goto(rig.server.url);
    await h.waitVersion(1);
    return h;
  }

  /** The document's text changes (an edit): the host recompiles and the panel redraws. */
  edit(text: string): number {
    this.doc = { ...this.doc, text, version: this.doc.version + 1 };
    this.editedAt = performance.now();
    this.host.documentChanged();
    return this.doc.version;
  }

  /** Waits until the page has drawn document `version` (and at least `frames` frames in all). */
  async waitVersion(version: number, frames = 1): Promise<void> {
    await this.page.waitForFunction(
      ([v, f]) => document.body.dataset.version === String(v) && Number(document.body.dataset.frames ?? 0) >= f,
      [version, frames] as const,
      { timeout: 15000 },
    );
  }

  /** Frames drawn so far. */
  frames(): Promise<number> {
    return this.page.evaluate(() => Number(document.body.dataset.frames ?? 0));
  }

  /** Waits for the host to go idle (its background work, the locus and the sets, done) and the page to draw what it
   *  was sent. */
  async settle(): Promise<void> {
    await this.host.settled();
    await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }

  /** Switches theme the way VS Code does (body class + variables). */
  async theme(kind: ThemeKind): Promise<void> {
    await this.page.evaluate(
      (t) => (window as unknown as { __applyTheme(t: unknown): void }).__applyTheme(t),
      THEMES[kind],
    );
    await this.settle();
  }

  /** CSP violations seen by the page. */
  violations(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  }

  /** Closes the page and stops its workers. */
  async close(): Promise<void> {
    this.workers.forEach((w) => w.dispose());
    this.channel?.close();
    await this.page.close();
  }
}
