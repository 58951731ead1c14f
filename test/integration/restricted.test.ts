// Runs in the second pass of scripts/test-integration.sh (INT_TRUST=untrusted: workspace trust on, this workspace
// not trusted). Skipped in a trusted window.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFixture, waitForDiagnostics, workspaceUri } from './helpers';

describe('restricted mode', () => {
  before(function () {
    if (vscode.workspace.isTrusted) this.skip();
  });

  it('still analyses the open file (limited support): diagnostics and hovers', async () => {
    const doc = await openFixture('squared.overparam');
    const [d] = await waitForDiagnostics(doc.uri, (ds) => ds.length > 0);
    assert.strictEqual(d.code, 'rank-deficient');
    assert.strictEqual(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(2, 2),
    );
    assert.ok(hovers.length > 0, 'hover works');
  });

  it('ignores workspace values of the resource budgets (a workspace cannot raise them)', async () => {
    const file = vscode.Uri.joinPath(workspaceUri(), '.vscode', 'settings.json');
    const asked = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)))[
      'overparam.simplify.timeBudgetMs'
    ];
    assert.strictEqual(asked, 1500, 'the fixture workspace asks for 1500 ms');
    assert.strictEqual(
      vscode.workspace.getConfiguration('overparam').get('simplify.timeBudgetMs'),
      1000,
      'but the default applies',
    );
  });
});

describe('trusted workspace', () => {
  it('applies workspace values of the resource budgets', function () {
    if (!vscode.workspace.isTrusted) this.skip();
    assert.strictEqual(vscode.workspace.getConfiguration('overparam').get('simplify.timeBudgetMs'), 1500);
  });
});
