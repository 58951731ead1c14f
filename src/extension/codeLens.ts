// A code lens above each `at` line: `rank 1/2 · cond inf · show field` (click: the panel at that point).
import * as vscode from 'vscode';
import { Command } from './commands/commandIds';
import { toRange } from './convert';
import type { DocumentAnalyses } from './documentAnalyses';
import { fullRank, pointSummary } from './findings';

/** Registers the code lens provider for `overparam` documents. */
export function registerCodeLens(analyses: DocumentAnalyses): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    async provideCodeLenses(doc, token) {
      const report = (await analyses.current(doc, token))?.report;
      if (!report || token.isCancellationRequested) return [];
      const full = fullRank(report);
      return report.points.flatMap((p, i) => {
        if (!p.span) return [];
        const range = toRange(p.span);
        return [
          new vscode.CodeLens(new vscode.Range(range.start, range.start), {
            title: `${pointSummary(p, full)} · show field`,
            tooltip: 'Open the panel at this point',
            command: Command.OpenPanel,
            arguments: [doc.uri.toString(), i],
          }),
        ];
      });
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerCodeLensProvider({ language: 'overparam' }, provider),
    analyses.onDidChange(() => changed.fire()),
  );
}
