// Opens one of the bundled examples (examples/*.overparam), read through workspace.fs.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';

/** `overparam.openExample [name]` (name like `squared` or `squared.overparam`); resolves to the opened document. */
export function openExampleCommand(ctx: Ctx) {
  return async (nameArg?: unknown): Promise<vscode.TextDocument | undefined> => {
    const dir = vscode.Uri.joinPath(ctx.extension.extensionUri, 'examples');
    let entries: [string, vscode.FileType][] = [];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch (e) {
      ctx.log.warn(`no examples folder: ${String(e)}`);
    }
    const names = entries
      .filter(([n, t]) => t === vscode.FileType.File && n.endsWith('.overparam'))
      .map(([n]) => n)
      .sort();
    let name: string | undefined;
    if (typeof nameArg === 'string') name = names.find((n) => n === nameArg || n === `${nameArg}.overparam`);
    else
      name = (
        await vscode.window.showQuickPick(await Promise.all(names.map((n) => item(dir, n))), {
          title: 'Open an Overparam example',
          matchOnDescription: true,
        })
      )?.label;
    if (!name) {
      if (typeof nameArg === 'string') void vscode.window.showWarningMessage(`Overparam: no example named ${nameArg}.`);
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(dir, name));
    await vscode.window.showTextDocument(doc);
    return doc;
  };
}

/** A quick pick item whose description is the example's first comment line. */
async function item(dir: vscode.Uri, name: string): Promise<vscode.QuickPickItem> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, name)));
  const comment = /^\s*#\s*(.+)$/m.exec(text)?.[1] ?? '';
  return { label: name, description: comment };
}
