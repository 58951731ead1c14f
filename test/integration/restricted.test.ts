// Runs in the second pass of scripts/test-integration.sh (INT_TRUST=untrusted: workspace trust on, this workspace
// not trusted). Skipped in a trusted window.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFixture, openNew, waitFor, waitForDiagnostics, workspaceUri } from './helpers';

/** The notes' linear regression with n = 2, p = 3 (data on line 5). */
const KERNEL_FILE =
  'param w[3]\nconst X = [[1, 0, 1], [0, 1, 1]]\nconst y = [1, 2]\nmodel f(x) = dot(w, x)\ndata X, y\nat w = 0\n';

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

  it('the data hover still shows the tangent kernel (the search runs under the user-level budget)', async () => {
    const doc = await openNew('kernel-restricted.overparam', KERNEL_FILE);
    const text = await waitFor('the kernel hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        doc.uri,
        new vscode.Position(4, 1),
      );
      const t = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return t.includes('Tangent kernel') ? t : undefined;
    });
    // K = X Xᵀ = [[2, 1], [1, 2]]: eigenvalues 1 and 3.
    assert.match(text, /λ_min\(K\) = 1 · λ_max\(K\) = 3/);
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
