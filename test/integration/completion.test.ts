import * as assert from 'assert';
import * as vscode from 'vscode';
import { openNew } from './helpers';

describe('completion', () => {
  it('offers declared parameters, constants, functions and line keywords', async () => {
    const doc = await openNew('complete.overparam', 'param a[2], b[2]\nconst x = [1, 2]\nF_k = \n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(2, 6),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const name of ['a', 'b', 'x', 'tanh', 'sum', 'sqrt', 'pi'])
      assert.ok(labels.includes(name), `${name} offered`);
    const start = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(3, 0),
    );
    const keywords = start.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const k of ['param', 'const', 'at']) assert.ok(keywords.includes(k), `${k} offered at the start of a line`);
  });
});
