// Where the panel (src/extension/panel/, its own module) is opened from, so commands, code lenses and the
// status bar need not know how. The markdown report (overparam.showReport) stays as the text alternative.
import type * as vscode from 'vscode';
import type { Ctx } from './ctx';
import { OverparamPanel } from './panel/overparamPanel';

/** Shows the panel for `doc`, focused on point `pointIndex` when given, and on view `view` (its run started) when
 *  given. */
export async function openPanel(ctx: Ctx, doc: vscode.TextDocument, pointIndex?: number, view?: string): Promise<void> {
  OverparamPanel.createOrShow(ctx.extension, doc, pointIndex, ctx.log, view);
}
