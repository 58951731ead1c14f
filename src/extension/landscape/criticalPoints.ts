// The critical points of each open document's loss: the worker's `critical` search after every analysis of a file
// with a loss (background/documentSearch.ts), shown as a code lens on the loss line, one information diagnostic per
// ghost with a quick fix that inserts an `at` line there, and in the hover of an `at` line on a critical point.
import * as vscode from 'vscode';
import type { AnalysisClient } from '../analysisClient';
import { DocumentSearch } from '../background/documentSearch';
import { Command } from '../commands/commandIds';
import type { DocumentAnalyses } from '../documentAnalyses';
import { insertionLine } from '../sets/setsText';
import { analysisOptions, readSettings } from '../settings';
import { MAX_CRITICAL_PARAMS } from '../../core/landscape/searchCritical';
import { criticalDiagnostics, criticalKind, criticalLensTitle, lossLineIndex } from './criticalText';

/** Starts of the editor's search (the CLI's default is 256). */
export const EDITOR_CRITICAL_STARTS = 64;

/** The per-document search of the loss's critical points. */
export type CriticalPoints = DocumentSearch<'critical'>;

const linesOf = (doc: vscode.TextDocument) => Array.from({ length: doc.lineCount }, (_, i) => doc.lineAt(i).text);

/** Starts the search, its code lens and its quick fixes; returns the search (for the hover) and what to dispose. */
export function registerCriticalPoints(
  client: AnalysisClient,
  analyses: DocumentAnalyses,
  log: vscode.LogOutputChannel,
): { critical: CriticalPoints; disposable: vscode.Disposable } {
  const critical = new DocumentSearch(
    {
      name: 'overparam-critical',
      request: 'critical',
      applies: (r) => !!r.training?.lossSource && r.params.length <= MAX_CRITICAL_PARAMS,
      params: (doc) => ({
        key: doc.uri.toString(),
        text: doc.getText(),
        options: analysisOptions(readSettings(doc.uri)),
        starts: EDITOR_CRITICAL_STARTS,
      }),
      diagnostics: (report, result, doc) => criticalDiagnostics(report, result, linesOf(doc)),
    },
    client,
    analyses,
    log,
  );
  const lensChanged = new vscode.EventEmitter<void>();
  const lens = vscode.languages.registerCodeLensProvider(
    { language: 'overparam' },
    {
      onDidChangeCodeLenses: lensChanged.event,
      provideCodeLenses(doc) {
        const state = critical.latest(doc);
        const line = lossLineIndex(linesOf(doc));
        if (!state || line < 1) return [];
        const at = new vscode.Range(line - 1, 0, line - 1, 0);
        return [
          new vscode.CodeLens(at, {
            title: criticalLensTitle(state.result),
            tooltip: 'Open the panel on its Landscape view and search from the live point',
            command: Command.OpenPanel,
            arguments: [doc.uri.toString(), 0, 'landscape'],
          }),
        ];
      },
    },
  );
  const actions = vscode.languages.registerCodeActionsProvider(
    { language: 'overparam' },
    {
      provideCodeActions(doc, _range, context) {
        const state = critical.latest(doc);
        if (!state) return [];
        const all = linesOf(doc);
        const mine = criticalDiagnostics(state.report, state.result, all);
        const after = insertionLine(all);
        const at = after >= 0 ? doc.lineAt(after).range.end : new vscode.Position(0, 0);
        return context.diagnostics.flatMap((d) => {
          if (d.code !== 'ghost-critical') return [];
          const k = mine.findIndex((m) => m.message === d.message);
          const i = state.result.criticalPoints.findIndex((_, j) => criticalDiagnosticIndex(state.result, j) === k);
          if (k < 0 || i < 0) return [];
          const action = new vscode.CodeAction(
            `Insert an \`at\` line at this critical point (${criticalKind(state.result.criticalPoints[i])})`,
            vscode.CodeActionKind.QuickFix,
          );
          action.diagnostics = [d];
          action.edit = new vscode.WorkspaceEdit();
          action.edit.insert(
            doc.uri,
            at,
            `${after >= 0 ? '\n' : ''}${state.result.atLines[i]}${after >= 0 ? '' : '\n'}`,
          );
          return [action];
        });
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
  return {
    critical,
    disposable: vscode.Disposable.from(
      critical,
      lensChanged,
      lens,
      actions,
      critical.onDidChange(() => lensChanged.fire()),
    ),
  };
}

/** The index among the diagnostics of critical point j (ghosts with a direction, in order), or -1. */
function criticalDiagnosticIndex(
  r: { criticalPoints: { origin: string; ghostDirection: number[] | null }[] },
  j: number,
): number {
  let k = -1;
  for (let i = 0; i <= j; i++) if (r.criticalPoints[i].origin === 'ghost' && r.criticalPoints[i].ghostDirection) k++;
  const c = r.criticalPoints[j];
  return c.origin === 'ghost' && c.ghostDirection ? k : -1;
}
