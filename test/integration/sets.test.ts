import * as assert from 'assert';
import * as vscode from 'vscode';
import { openNew, waitFor } from './helpers';

/** The rank-deficient-set information diagnostic of a document, once the worker's search has answered. */
const setsDiagnostic = (uri: vscode.Uri) =>
  waitFor('the rank-deficient-set diagnostic', () =>
    vscode.languages.getDiagnostics(uri).find((d) => d.code === 'rank-deficient-set'),
  );

describe('rank-deficient sets in the editor', () => {
  it('squared: information on θ_i naming w[1] = 0 and w[2] = 0; the quick fix inserts an at line on a set', async () => {
    const doc = await openNew('sets.overparam', 'param w[2]\nθ_i = w_i^2\nat w = [1, 2]\n');
    const d = await setsDiagnostic(doc.uri);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Information);
    assert.strictEqual(d.range.start.line, 1, 'on the output definition θ_i = w_i^2');
    assert.match(d.message, /^J loses rank on 3 sets: /);
    assert.match(d.message, /w\[1\] = 0 \(zero column of w\[1\]\)/);
    assert.match(d.message, /w\[2\] = 0 \(zero column of w\[2\]\)/);
    assert.strictEqual(d.relatedInformation?.length, 3);
    assert.strictEqual(d.relatedInformation![0].location.range.start.line, 0, 'related to the param declaration');

    const hover = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(1, 1),
    );
    const text = hover.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Where J loses rank\*\*/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      d.range,
    );
    const insert = actions.find((a) => /Insert an `at` line on this set: w\[1\] = 0/.test(a.title));
    assert.ok(insert?.edit, actions.map((a) => a.title).join('\n'));
    assert.ok(await vscode.workspace.applyEdit(insert.edit));
    const added = doc.lineAt(3).text;
    assert.match(added, /^at w = \[0, -?[0-9.e-]+\]$/, added);
    // The inserted point lies on the set: the analysis warns about a rank drop on that line.
    await waitFor('the rank-deficient warning on the inserted line', () =>
      vscode.languages
        .getDiagnostics(doc.uri)
        .find((x) => x.code === 'rank-deficient' && x.range.start.line === 3 && /rank 1 of 2/.test(x.message)),
    );
  });
});
