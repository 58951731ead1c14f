/** Shared helpers for the integration tests: fixtures, polling waits (never fixed sleeps), the extension's id. */
import * as vscode from 'vscode';

/** `publisher.name` from package.json. */
export const EXTENSION_ID = 'overparam.overparam-lens';

/** The first workspace folder (a fresh temp copy of test/integration/workspace). */
export function workspaceUri(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need a workspace folder');
  return folder.uri;
}

/** Opens a fixture of the workspace in an editor and returns its document. */
export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceUri(), name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Writes a new file into the workspace and opens it. */
export async function openNew(name: string, text: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(workspaceUri(), name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Polls `probe` every 25 ms until it returns a truthy value; rejects after `timeoutMs` with `what`. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A document's diagnostics less the note that simplification ran out of time (it depends on the machine's load) and
 * less the information of the background searches (rank-deficient sets, ghost critical points), which arrives later (sets.test.ts, critical.test.ts).
 */
export function diagnosticsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter(
      (d) =>
        !(d.code === 'budget' && /simplif/i.test(d.message)) &&
        d.code !== 'rank-deficient-set' &&
        d.code !== 'ghost-critical',
    );
}

/** Waits until the document's diagnostics (see diagnosticsOf) satisfy `ok`; they arrive asynchronously. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  ok: (d: vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  let last: vscode.Diagnostic[] = [];
  return waitFor(
    `diagnostics on ${uri.path}`,
    () => {
      last = diagnosticsOf(uri);
      return ok(last) ? last : undefined;
    },
    timeoutMs,
  ).catch((e: Error) => {
    throw new Error(
      `${e.message}; last seen: ${JSON.stringify(last.map((d) => [d.code, d.range.start.line, d.message]))}`,
    );
  });
}

/** Replaces the whole text of an open document. */
export async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('edit was not applied');
}
