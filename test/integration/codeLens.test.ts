import * as assert from 'assert';
import * as vscode from 'vscode';
import { openFixture, waitFor } from './helpers';

describe('code lens', () => {
  it('puts `rank r/q · cond · show field` above every at line', async () => {
    const doc = await openFixture('polar.overparam');
    const lenses = await waitFor('code lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
      return l.length === 2 && l.every((x) => x.command) ? l : undefined;
    });
    assert.deepStrictEqual(
      lenses.map((l) => l.range.start.line),
      [4, 5],
    );
    assert.match(lenses[0].command!.title, /^rank 2\/2 · cond 1 · show field$/);
    assert.strictEqual(lenses[1].command!.title, 'rank 1/2 · cond inf · show field');
    assert.strictEqual(lenses[1].command!.command, 'overparam.openPanel');
    assert.deepStrictEqual(lenses[1].command!.arguments, [doc.uri.toString(), 1]);
  });
});
