// Where the explorer panel (src/extension/panel/, its own module) is opened from, so commands, code lenses and the
// status bar need not know how. The markdown report (overparam.showReport) stays as the text alternative.
import type * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { ExplorerPanel } from './panel/explorerPanel';

/** Shows the explorer for `doc`, focused on point `pointIndex` when given. */
export async function openExplorer(ctx: Ctx, doc: vscode.TextDocument, pointIndex?: number): Promise<void> {
  ExplorerPanel.createOrShow(ctx.extension, doc, pointIndex, ctx.log);
}
