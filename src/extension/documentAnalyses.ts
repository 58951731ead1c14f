// Per-document analysis state: every open .overparam document is analysed in the worker, debounced by document
// version; an edit cancels the running request; readers wait for the analysis of the version they see.
import * as vscode from 'vscode';
import type { Diagnostic, DiagnosticCode } from '../core/diagnostic';
import type { AnalysisReport } from '../core/report';
import { AnalysisClient, BudgetError, CancelledError } from './analysisClient';
import { analysisOptions, readSettings } from './settings';

/** A core diagnostic, or one the extension adds when the analysis itself failed (`internal`). */
export type ExtDiagnostic = Omit<Diagnostic, 'code'> & { code: DiagnosticCode | 'internal' };

/** The outcome of analysing one version of a document. */
export interface AnalysisState {
  uri: vscode.Uri;
  version: number;
  /** Absent when the analysis did not finish (budget or failure; see `diagnostics`). */
  report?: AnalysisReport;
  diagnostics: ExtDiagnostic[];
  ms: number;
}

interface Tracked {
  doc: vscode.TextDocument;
  /** The version a pending or running analysis is for. */
  scheduled?: number;
  timer?: ReturnType<typeof setTimeout>;
  abort?: AbortController;
  state?: AnalysisState;
  waiters: { version: number; resolve(s: AnalysisState | undefined): void }[];
}

/** Quiet time after the last keystroke before a document is analysed. */
const DEBOUNCE_MS = 150;

/** Tracks and analyses every open `overparam` document. */
export class DocumentAnalyses implements vscode.Disposable {
  private readonly tracked = new Map<string, Tracked>();
  private readonly changed = new vscode.EventEmitter<AnalysisState>();
  private readonly forgotten = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed, this.forgotten];

  /** Fires when a document has a new analysis state. */
  readonly onDidChange = this.changed.event;
  /** Fires when a document is closed (its state is dropped). */
  readonly onDidForget = this.forgotten.event;

  constructor(
    private readonly client: AnalysisClient,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document, DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  /** The latest state of a document, possibly for an older version. */
  latest(uri: vscode.Uri): AnalysisState | undefined {
    return this.tracked.get(uri.toString())?.state;
  }

  /** The state for the document's current version (or newer), waiting for it if needed; undefined if cancelled. */
  current(doc: vscode.TextDocument, token?: vscode.CancellationToken): Promise<AnalysisState | undefined> {
    if (doc.languageId !== 'overparam') return Promise.resolve(undefined);
    let t = this.tracked.get(doc.uri.toString());
    if (!t) {
      this.schedule(doc, 0);
      t = this.tracked.get(doc.uri.toString());
    }
    if (!t) return Promise.resolve(undefined);
    if (t.state && t.state.version >= doc.version) return Promise.resolve(t.state);
    const tracked = t;
    return new Promise((resolve) => {
      const waiter = { version: doc.version, resolve };
      tracked.waiters.push(waiter);
      token?.onCancellationRequested(() => {
        tracked.waiters = tracked.waiters.filter((w) => w !== waiter);
        resolve(undefined);
      });
    });
  }

  /** Analyses every open document again (after a settings change). */
  reanalyzeAll(): void {
    for (const t of this.tracked.values()) this.schedule(t.doc, 0, true);
  }

  dispose(): void {
    for (const uri of [...this.tracked.keys()]) this.forget(vscode.Uri.parse(uri));
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private schedule(doc: vscode.TextDocument, delayMs: number, force = false): void {
    if (doc.languageId !== 'overparam') return;
    const key = doc.uri.toString();
    let t = this.tracked.get(key);
    if (!t) {
      t = { doc, waiters: [] };
      this.tracked.set(key, t);
    }
    t.doc = doc;
    if (!force && (t.state?.version === doc.version || t.scheduled === doc.version)) return;
    t.scheduled = doc.version;
    clearTimeout(t.timer);
    t.abort?.abort();
    const tracked = t;
    tracked.timer = setTimeout(() => void this.run(tracked), delayMs);
  }

  private async run(t: Tracked): Promise<void> {
    const { doc } = t;
    const version = doc.version;
    const abort = new AbortController();
    t.abort = abort;
    const settings = readSettings(doc.uri);
    const start = Date.now();
    let state: AnalysisState;
    try {
      const report = await this.client.request(
        'analyze',
        { key: doc.uri.toString(), text: doc.getText(), options: analysisOptions(settings) },
        abort.signal,
      );
      state = { uri: doc.uri, version, report, diagnostics: report.diagnostics, ms: Date.now() - start };
    } catch (e) {
      if (e instanceof CancelledError || abort.signal.aborted) return;
      const budget = e instanceof BudgetError;
      if (!budget)
        this.log.error(
          `analysis of ${doc.uri.toString(true)} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
        );
      const message = budget ? e.message : `Analysis failed: ${e instanceof Error ? e.message : String(e)}`;
      state = {
        uri: doc.uri,
        version,
        diagnostics: [firstLineDiagnostic(doc, budget ? 'budget' : 'internal', message)],
        ms: Date.now() - start,
      };
    }
    if (this.tracked.get(doc.uri.toString()) !== t || doc.version !== version) return;
    t.state = state;
    this.log.trace(`analysed ${doc.uri.toString(true)} v${version} in ${state.ms} ms`);
    const ready = t.waiters.filter((w) => w.version <= version);
    t.waiters = t.waiters.filter((w) => w.version > version);
    for (const w of ready) w.resolve(state);
    this.changed.fire(state);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.tracked.get(key);
    if (!t) return;
    clearTimeout(t.timer);
    t.abort?.abort();
    for (const w of t.waiters) w.resolve(undefined);
    this.tracked.delete(key);
    this.forgotten.fire(uri);
  }
}

/** A diagnostic on the first line of the document (for failures that belong to no particular line). */
function firstLineDiagnostic(doc: vscode.TextDocument, code: ExtDiagnostic['code'], message: string): ExtDiagnostic {
  const len = doc.lineCount > 0 ? doc.lineAt(0).text.length : 0;
  return {
    severity: code === 'budget' ? 'warning' : 'error',
    code,
    message,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: Math.max(2, len + 1),
  };
}
