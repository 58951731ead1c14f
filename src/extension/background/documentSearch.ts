// A search that runs in the worker after every analysis of a document (the rank-deficient sets, the critical points
// of the loss, the tangent kernel's summary): off the host's thread, under the analysis budget, cancelled by the
// next edit, its result kept per document version and published as information diagnostics in a collection of its
// own.
import * as vscode from 'vscode';
import type { AnalysisClient } from '../analysisClient';
import { toDiagnostic } from '../convert';
import type { AnalysisState, DocumentAnalyses, ExtDiagnostic } from '../documentAnalyses';
import type { AnalysisReport } from '../../core/report';
import type { RequestParams, RequestResult, RequestType } from '../../protocol/worker';

/** What one kind of search needs: its request, whether it applies, and what it shows. */
export interface SearchSpec<K extends RequestType> {
  /** The diagnostic collection's name (also the log's word for the search). */
  name: string;
  request: K;
  /** Whether the document's analysis calls for this search (e.g. only files with a loss). */
  applies(report: AnalysisReport): boolean;
  params(doc: vscode.TextDocument): RequestParams<K>;
  /** The diagnostics of a result, for the document's version it was computed for. */
  diagnostics(report: AnalysisReport, result: RequestResult<K>, doc: vscode.TextDocument): ExtDiagnostic[];
}

/** The result of one search for one version of a document. */
export interface SearchState<K extends RequestType> {
  uri: vscode.Uri;
  version: number;
  report: AnalysisReport;
  result: RequestResult<K>;
}

/** Runs one kind of search per document version and keeps its diagnostics in step. */
export class DocumentSearch<K extends RequestType> implements vscode.Disposable {
  private readonly states = new Map<string, SearchState<K>>();
  private readonly running = new Map<string, AbortController>();
  /** The running search per document: its version and a promise settled when it ends (never rejected). */
  private readonly inFlight = new Map<string, { version: number; done: Promise<void> }>();
  private readonly collection: vscode.DiagnosticCollection;
  private readonly changed = new vscode.EventEmitter<SearchState<K>>();
  private readonly subscriptions: vscode.Disposable[];

  /** Fires when a document's result is known. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly spec: SearchSpec<K>,
    private readonly client: AnalysisClient,
    analyses: DocumentAnalyses,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.collection = vscode.languages.createDiagnosticCollection(spec.name);
    this.subscriptions = [
      this.collection,
      this.changed,
      analyses.onDidChange((s) => void this.search(s)),
      analyses.onDidForget((uri) => this.forget(uri)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.running.get(e.document.uri.toString())?.abort();
      }),
    ];
  }

  /** The result for the document's current version, if known. */
  latest(doc: vscode.TextDocument): SearchState<K> | undefined {
    const s = this.states.get(doc.uri.toString());
    return s && s.version === doc.version ? s : undefined;
  }

  /**
   * The result for the document's current version, waiting (until `token` cancels) for a search of that version
   * that is running; undefined when none answers (not applicable, failed, past its budget, or a newer edit).
   */
  async current(doc: vscode.TextDocument, token?: vscode.CancellationToken): Promise<SearchState<K> | undefined> {
    const f = this.inFlight.get(doc.uri.toString());
    if (!this.latest(doc) && f && f.version === doc.version && !token?.isCancellationRequested)
      await new Promise<void>((resolve) => {
        const sub = token?.onCancellationRequested(() => resolve());
        void f.done.then(() => {
          sub?.dispose();
          resolve();
        });
      });
    return this.latest(doc);
  }

  dispose(): void {
    for (const a of this.running.values()) a.abort();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private async search(state: AnalysisState): Promise<void> {
    const key = state.uri.toString();
    this.running.get(key)?.abort();
    const report = state.report;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    const failed = state.diagnostics.some((d) => d.severity === 'error');
    if (!report || !doc || doc.version !== state.version || failed || !this.spec.applies(report)) {
      this.states.delete(key);
      this.collection.delete(state.uri);
      return;
    }
    const abort = new AbortController();
    this.running.set(key, abort);
    let settle = (): void => {};
    const flight = { version: state.version, done: new Promise<void>((r) => (settle = r)) };
    this.inFlight.set(key, flight);
    try {
      const result = await this.client.request(this.spec.request, this.spec.params(doc), abort.signal);
      if (abort.signal.aborted || doc.version !== state.version) return;
      const s: SearchState<K> = { uri: state.uri, version: state.version, report, result };
      this.states.set(key, s);
      this.collection.set(
        state.uri,
        this.spec.diagnostics(report, result, doc).map((d) => toDiagnostic(d, state.uri)),
      );
      this.changed.fire(s);
    } catch (e) {
      if (abort.signal.aborted) return;
      // Past the budget there is no diagnostic: the per-point findings and the CLI still answer.
      this.log.debug(`${this.spec.name} of ${state.uri.toString(true)}: ${e instanceof Error ? e.message : String(e)}`);
      this.collection.delete(state.uri);
    } finally {
      if (this.running.get(key) === abort) this.running.delete(key);
      if (this.inFlight.get(key) === flight) this.inFlight.delete(key);
      settle();
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.running.get(key)?.abort();
    this.running.delete(key);
    this.states.delete(key);
    this.collection.delete(uri);
  }
}
