// The one place where the core's plain data (1-based lines/columns, exclusive end column) becomes vscode objects.
import * as vscode from 'vscode';
import type { Span } from '../core/diagnostic';
import type { ExtDiagnostic } from './documentAnalyses';

/** A core span as a vscode Range (0-based). */
export function toRange(span: Span): vscode.Range {
  return new vscode.Range(
    Math.max(0, span.line - 1),
    Math.max(0, span.column - 1),
    Math.max(0, span.endLine - 1),
    Math.max(0, span.endColumn - 1),
  );
}

/** Whether a 0-based position lies in a core span (end inclusive, so the cursor just past a name still counts). */
export function spanContains(span: Span, pos: vscode.Position): boolean {
  return toRange(span).contains(pos);
}

const SEVERITY: Record<ExtDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** A core diagnostic as a vscode Diagnostic, related locations in the same document. */
export function toDiagnostic(d: ExtDiagnostic, uri: vscode.Uri): vscode.Diagnostic {
  const out = new vscode.Diagnostic(toRange(d), d.message, SEVERITY[d.severity]);
  out.source = 'overparam';
  out.code = d.code;
  if (d.related?.length)
    out.relatedInformation = d.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r)), r.message),
    );
  return out;
}
