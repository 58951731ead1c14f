// The quick fix on the rank-deficient-set diagnostic: "Insert an `at` line on this set", one action per set, putting
// the set's representative point after the last `at` line so its hover, lens and panel show the rank drop.
import * as vscode from 'vscode';
import type { DeficientSets } from './deficientSets';
import { insertionLine, setPhrase } from './setsText';

/** Most sets offered as actions. */
const MAX_ACTIONS = 8;

/** Registers the code action provider for `overparam` documents. */
export function registerSetsCodeActions(sets: DeficientSets): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    { language: 'overparam' },
    {
      provideCodeActions(doc, _range, context) {
        const state = sets.latest(doc);
        const ours = context.diagnostics.find((d) => d.code === 'rank-deficient-set');
        if (!state || !ours) return [];
        const lines = Array.from({ length: doc.lineCount }, (_, i) => doc.lineAt(i).text);
        const after = insertionLine(lines);
        const at = after >= 0 ? doc.lineAt(after).range.end : new vscode.Position(0, 0);
        return state.result.sets.slice(0, MAX_ACTIONS).map((s, i) => {
          const action = new vscode.CodeAction(
            `Insert an \`at\` line on this set: ${setPhrase(s)}`,
            vscode.CodeActionKind.QuickFix,
          );
          action.diagnostics = [ours];
          action.edit = new vscode.WorkspaceEdit();
          action.edit.insert(
            doc.uri,
            at,
            `${after >= 0 ? '\n' : ''}${state.result.atLines[i]}${after >= 0 ? '' : '\n'}`,
          );
          return action;
        });
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
}
