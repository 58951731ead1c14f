// The status bar item for the active .overparam editor: the file's worst rank finding; click opens the panel.
import * as vscode from 'vscode';
import { Command } from './commands/commandIds';
import type { DocumentAnalyses } from './documentAnalyses';
import { worstFinding, type Finding } from './findings';

const ICON: Record<Finding['kind'], string> = {
  error: '$(error)',
  budget: '$(watch)',
  'non-finite': '$(warning)',
  'rank-deficient': '$(warning)',
  'near-singular': '$(info)',
  ok: '$(check)',
  empty: '$(sync~spin)',
};

/** Keeps the status bar item in step with the active editor and its analysis. */
export function registerStatusBar(analyses: DocumentAnalyses): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('overparam.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Overparam rank';
  const update = (): void => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'overparam') return item.hide();
    const state = analyses.latest(doc.uri);
    const f = worstFinding(state?.report, state?.diagnostics ?? []);
    item.text = `${ICON[f.kind]} Overparam${f.text ? `: ${f.text}` : ''}`;
    item.tooltip = f.detail || 'Analysing…';
    item.backgroundColor =
      f.kind === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : f.kind === 'rank-deficient' || f.kind === 'non-finite' || f.kind === 'budget'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    item.command = {
      title: 'Open panel',
      command: Command.OpenPanel,
      arguments: [doc.uri.toString(), f.pointIndex],
    };
    item.show();
  };
  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    analyses.onDidChange((s) => {
      if (s.uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) update();
    }),
  );
}
