// Live, read-only markdown reports as virtual documents (`overparam-report:` URIs), re-rendered when the analysis
// of their source document changes; shown in the markdown preview.
import * as vscode from 'vscode';
import type { DocumentAnalyses } from '../documentAnalyses';
import { markdownReport } from './markdownReport';

/** The scheme of report documents. */
export const REPORT_SCHEME = 'overparam-report';

/** The report URI of a document (`focus` = the point to put first). */
export function reportUri(source: vscode.Uri, focus?: number): vscode.Uri {
  const name = source.path.split('/').pop() || 'untitled';
  return vscode.Uri.from({
    scheme: REPORT_SCHEME,
    path: `/${name}.report.md`,
    query: source.toString(),
    fragment: focus === undefined ? '' : String(focus),
  });
}

/** Serves report documents from the analyses. */
export function registerReportProvider(analyses: DocumentAnalyses): vscode.Disposable {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const open = new Map<string, vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    async provideTextDocumentContent(uri, token) {
      open.set(uri.toString(), uri);
      const source = vscode.Uri.parse(uri.query, true);
      const doc =
        vscode.workspace.textDocuments.find((d) => d.uri.toString() === source.toString()) ??
        (await vscode.workspace.openTextDocument(source));
      const state = await analyses.current(doc, token);
      const focus = uri.fragment ? Number(uri.fragment) : undefined;
      return markdownReport(source.path.split('/').pop() ?? '', state?.report, state?.diagnostics ?? [], focus);
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, provider),
    analyses.onDidChange((s) => {
      for (const uri of open.values()) if (uri.query === s.uri.toString()) changed.fire(uri);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => open.delete(d.uri.toString())),
  );
}
