// Opens the panel for a document, at a point when one is given.
import type * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { openPanel } from '../openPanel';
import { documentArg, pointArg } from './documentArg';

/** `overparam.openPanel [uri] [pointIndex] [view]`: with a view id (`landscape`, `kernel`…), that view is brought
 *  into sight and its run started. */
export function openPanelCommand(ctx: Ctx) {
  return async (uriArg?: unknown, point?: unknown, view?: unknown): Promise<vscode.TextDocument | undefined> => {
    const doc = await documentArg(uriArg);
    if (doc) await openPanel(ctx, doc, pointArg(point), typeof view === 'string' ? view : undefined);
    return doc;
  };
}
