// Where J loses rank in each open document, found in the worker after every analysis (off the host's thread, under
// the analysis budget, cancelled by the next edit), published as an information diagnostic, offered as code actions.
import * as vscode from 'vscode';
import type { AnalysisClient } from '../analysisClient';
import { toDiagnostic } from '../convert';
import type { AnalysisState, DocumentAnalyses } from '../documentAnalyses';
import type { DeficiencyResult } from '../../protocol/worker';
import { analysisOptions, readSettings } from '../settings';
import { setsDiagnostic } from './setsText';

/** Starts of the editor's search (the CLI's default is 256; the editor answers on every edit) and its seed. */
export const EDITOR_STARTS = 96;
export const EDITOR_SEED = 1;

/** The sets of one version of a document. */
export interface SetsState {
  uri: vscode.Uri;
  version: number;
  result: DeficiencyResult;
}

/** Runs the search per document version and keeps its diagnostic collection in step. */
export class DeficientSets implements vscode.Disposable {
  private readonly states = new Map<string, SetsState>();
  private readonly running = new Map<string, AbortController>();
  private readonly collection = vscode.languages.createDiagnosticCollection('overparam-sets');
  private readonly changed = new vscode.EventEmitter<SetsState>();
  private readonly subscriptions: vscode.Disposable[];

  /** Fires when a document's sets are known. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly client: AnalysisClient,
    analyses: DocumentAnalyses,
    private readonly log: vscode.LogOutputChannel,
  ) {
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

  /** The sets of the document's current version, if known. */
  latest(doc: vscode.TextDocument): SetsState | undefined {
    const s = this.states.get(doc.uri.toString());
    return s && s.version === doc.version ? s : undefined;
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
    if (!report || !doc || doc.version !== state.version || state.diagnostics.some((d) => d.severity === 'error')) {
      this.collection.delete(state.uri);
      return;
    }
    const abort = new AbortController();
    this.running.set(key, abort);
    try {
      const result = await this.client.request(
        'deficient',
        {
          key,
          text: doc.getText(),
          options: analysisOptions(readSettings(doc.uri)),
          starts: EDITOR_STARTS,
          seed: EDITOR_SEED,
        },
        abort.signal,
      );
      if (abort.signal.aborted || doc.version !== state.version) return;
      const s: SetsState = { uri: state.uri, version: state.version, result };
      this.states.set(key, s);
      const d = setsDiagnostic(report, result);
      this.collection.set(state.uri, d ? [toDiagnostic(d, state.uri)] : []);
      this.changed.fire(s);
    } catch (e) {
      if (abort.signal.aborted) return;
      // A search past the budget leaves no diagnostic: the per-point warnings and the CLI still answer.
      this.log.debug(
        `rank-deficient search of ${state.uri.toString(true)}: ${e instanceof Error ? e.message : String(e)}`,
      );
      this.collection.delete(state.uri);
    } finally {
      if (this.running.get(key) === abort) this.running.delete(key);
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
