// Publishes every document's analysis diagnostics to the Problems panel (and squiggles) as they arrive.
import * as vscode from 'vscode';
import { toDiagnostic } from './convert';
import type { DocumentAnalyses } from './documentAnalyses';

/** Keeps a DiagnosticCollection in step with the analyses; returns what to dispose. */
export function registerDiagnostics(analyses: DocumentAnalyses): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('overparam');
  return vscode.Disposable.from(
    collection,
    analyses.onDidChange((s) =>
      collection.set(
        s.uri,
        s.diagnostics.map((d) => toDiagnostic(d, s.uri)),
      ),
    ),
    analyses.onDidForget((uri) => collection.delete(uri)),
  );
}
