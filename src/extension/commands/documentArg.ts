// Commands are called from the palette (no arguments), from hover links (a URI string) and from the editor title
// menu (a Uri): this resolves all three to the .overparam document meant.
import * as vscode from 'vscode';

/** The document named by a command argument, or the active .overparam editor's; undefined (with a message) if none. */
export async function documentArg(arg: unknown): Promise<vscode.TextDocument | undefined> {
  let uri: vscode.Uri | undefined;
  if (arg instanceof vscode.Uri) uri = arg;
  else if (typeof arg === 'string' && arg) uri = vscode.Uri.parse(arg, true);
  const doc = uri
    ? (vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri!.toString()) ??
      (await vscode.workspace.openTextDocument(uri)))
    : vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== 'overparam') {
    void vscode.window.showInformationMessage('Overparam: open a .overparam file first.');
    return undefined;
  }
  return doc;
}

/** A point index argument (a number from a hover link), or undefined. */
export function pointArg(arg: unknown): number | undefined {
  return typeof arg === 'number' && Number.isInteger(arg) && arg >= 0 ? arg : undefined;
}
