// Saving what the webview exports (a figure as PNG/SVG, field data as CSV) through the save dialog.
import * as vscode from 'vscode';
import type { ExportMessage } from '../../protocol/panel';

const FILTERS: Record<ExportMessage['format'], Record<string, string[]>> = {
  png: { 'PNG image': ['png'] },
  svg: { 'SVG image': ['svg'] },
  csv: { 'CSV data': ['csv'] },
};

/** Asks where to save, then writes the export with workspace.fs; the result is for the webview's status line. */
export async function saveExport(
  m: ExportMessage,
  near: vscode.Uri | undefined,
): Promise<{ ok: boolean; message: string }> {
  const name = m.suggestedName.replace(/[^\w.-]+/g, '_') || `overparam.${m.format}`;
  const defaultUri = near ? vscode.Uri.joinPath(near, '..', name) : undefined;
  const target = await vscode.window.showSaveDialog({ defaultUri, filters: FILTERS[m.format], saveLabel: 'Export' });
  if (!target) return { ok: false, message: 'Export cancelled.' };
  const bytes = m.format === 'png' ? Buffer.from(m.data, 'base64') : Buffer.from(m.data, 'utf8');
  try {
    await vscode.workspace.fs.writeFile(target, bytes);
    return { ok: true, message: `Saved ${target.path.split('/').pop() ?? ''}.` };
  } catch (e) {
    return { ok: false, message: `Could not save: ${e instanceof Error ? e.message : String(e)}` };
  }
}
