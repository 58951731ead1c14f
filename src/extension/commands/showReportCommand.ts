// Shows the live analysis report of a document in the markdown preview.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { reportUri } from '../report/reportProvider';
import { documentArg, pointArg } from './documentArg';

/** Opens the report beside the document; resolves to the report's URI. */
export async function showReport(doc: vscode.TextDocument, pointIndex?: number): Promise<vscode.Uri> {
  const uri = reportUri(doc.uri, pointIndex);
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  } catch {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), vscode.ViewColumn.Beside);
  }
  return uri;
}

/** `overparam.showReport [uri] [pointIndex]`. */
export function showReportCommand(_ctx: Ctx) {
  return async (uriArg?: unknown, point?: unknown): Promise<vscode.Uri | undefined> => {
    const doc = await documentArg(uriArg);
    return doc && showReport(doc, pointArg(point));
  };
}
