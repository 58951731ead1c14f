// Where the explorer panel is opened from. The panel (src/extension/panel/explorerPanel.ts) is its own issue;
// until it lands this shows the live markdown report. To switch: import { ExplorerPanel } from './panel/explorerPanel'
// and replace the body with `ExplorerPanel.createOrShow(ctx.extension, doc, pointIndex);`.
import type * as vscode from 'vscode';
import { showReport } from './commands/showReportCommand';
import type { Ctx } from './ctx';

/** Shows the explorer for `doc`, focused on point `pointIndex` when given. */
export async function openExplorer(_ctx: Ctx, doc: vscode.TextDocument, pointIndex?: number): Promise<void> {
  await showReport(doc, pointIndex);
}
