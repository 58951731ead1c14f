// Completion in .overparam files: declared parameters, constants and outputs, the supported functions and
// constants, and the line keywords at the start of a line.
import * as vscode from 'vscode';
import { CONSTANTS, declaredNames, KEYWORDS } from './language';
import { FUNCTION_DOCS as FUNCTIONS } from '../core/language/functionDocs';
import { TRAINING_KEYWORDS } from '../core/language/keywordDocs';

/** Registers the completion provider. */
export function registerCompletion(): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(
    { language: 'overparam' },
    {
      provideCompletionItems(doc, pos) {
        const before = doc.lineAt(pos.line).text.slice(0, pos.character);
        if (before.includes('#')) return [];
        const items: vscode.CompletionItem[] = [];
        if (/^\s*[\p{L}_]*$/u.test(before)) {
          for (const [k, detail] of Object.entries({ ...KEYWORDS, ...TRAINING_KEYWORDS }))
            items.push(item(k, vscode.CompletionItemKind.Keyword, detail, `${k} `));
        }
        const seen = new Set<string>();
        for (const d of declaredNames(doc.getText())) {
          if (seen.has(d.name) || d.line === pos.line) continue;
          seen.add(d.name);
          const kind =
            d.kind === 'param'
              ? vscode.CompletionItemKind.Variable
              : d.kind === 'const'
                ? vscode.CompletionItemKind.Constant
                : vscode.CompletionItemKind.Field;
          items.push(item(d.name, kind, `${d.kind} ${d.name}${d.shape} (line ${d.line + 1})`));
        }
        for (const [f, detail] of Object.entries(FUNCTIONS)) {
          const it = item(f, vscode.CompletionItemKind.Function, detail);
          it.insertText = new vscode.SnippetString(`${f}($0)`);
          items.push(it);
        }
        for (const [c, detail] of Object.entries(CONSTANTS))
          items.push(item(c, vscode.CompletionItemKind.Constant, detail));
        return items;
      },
    },
  );
}

function item(label: string, kind: vscode.CompletionItemKind, detail: string, insert?: string): vscode.CompletionItem {
  const it = new vscode.CompletionItem(label, kind);
  it.detail = detail;
  if (insert) it.insertText = insert;
  return it;
}
