import * as assert from 'assert';
import * as vscode from 'vscode';
import { openNew, waitFor } from './helpers';

describe('critical points of the loss in the editor', () => {
  it('θ = w∘w, θ* = (1, -1): a lens on the loss line, a ghost saddle diagnosed, its quick fix, the at hover', async () => {
    const text = 'param w[2]\nθ_i = w_i^2\nloss = ((θ[1] - 1)^2 + (θ[2] + 1)^2) / 2\nat w = [1, 0]\n';
    const doc = await openNew('critical.overparam', text);
    const lens = await waitFor('the loss line lens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      return lenses.find((l) => l.range.start.line === 2 && /critical point/.test(l.command?.title ?? ''));
    });
    assert.strictEqual(lens.command!.title, '3 critical points · 3 ghost · show landscape');
    const saddle = await waitFor('the ghost saddle diagnostic', () =>
      vscode.languages
        .getDiagnostics(doc.uri)
        .find((d) => d.code === 'ghost-critical' && /^ghost saddle at w = \[0, 0\]/.test(d.message)),
    );
    assert.strictEqual(saddle.severity, vscode.DiagnosticSeverity.Information);
    assert.strictEqual(saddle.range.start.line, 2, 'on the loss line');
    assert.match(saddle.message, /J has rank 0 there/);

    // w = (1, 0) is the ghost minimum: its at hover says so.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(3, 3),
    );
    const md = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(md, /\*\*Critical point of L\(W\)\*\*: ghost minimum/);
    assert.match(md, /∇²_W L eigenvalues \(2, 4\)/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      saddle.range,
    );
    const insert = actions.find((a) => /Insert an `at` line at this critical point \(ghost saddle\)/.test(a.title));
    assert.ok(insert?.edit, actions.map((a) => a.title).join('\n'));
    assert.ok(await vscode.workspace.applyEdit(insert.edit));
    assert.strictEqual(doc.lineAt(4).text, 'at w = [0, 0]');
  });
});
