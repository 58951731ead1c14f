import * as assert from 'assert';
import * as vscode from 'vscode';
import { openFixture, openNew, setText, waitForDiagnostics } from './helpers';

/** Sets a workspace setting for the duration of `body`. */
async function withSetting(key: string, value: unknown, body: () => Promise<void>): Promise<void> {
  const config = vscode.workspace.getConfiguration('overparam');
  const target = vscode.ConfigurationTarget.Workspace;
  const before = config.inspect(key)?.workspaceValue;
  await config.update(key, value, target);
  try {
    await body();
  } finally {
    await vscode.workspace.getConfiguration('overparam').update(key, before, target);
  }
}

describe('budgets', () => {
  it('stops an analysis past the time budget with a `budget` diagnostic naming the setting, and recovers', async () => {
    const slow = `param w[300]\nθ_i = w_i^2 + ${'w_i * '.repeat(300)}1\nat w = [${Array.from({ length: 300 }, (_, i) => i % 2).join(', ')}]\n`;
    const doc = await openNew('slow.overparam', 'param w[2]\nθ_i = w_i^2\n');
    await withSetting('analysis.timeBudgetMs', 300, async () => {
      await setText(doc, slow);
      const [d] = await waitForDiagnostics(doc.uri, (ds) => ds.some((x) => x.code === 'budget'));
      assert.strictEqual(d.code, 'budget');
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(d.message, /time budget of 300 ms/);
      assert.match(d.message, /overparam\.analysis\.timeBudgetMs/);
    });
    // The worker was stopped; the next analysis gets a fresh one and other documents are unaffected.
    await setText(doc, 'param w[2]\nθ_i = w_i^2\nat w = [1, 0]\n');
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 1 && ds[0].code === 'rank-deficient');
    const other = await openFixture('polar.overparam');
    await waitForDiagnostics(other.uri, (ds) => ds.length === 1 && ds[0].code === 'rank-deficient');
  });

  it('stops an analysis past the memory cap with a `budget` diagnostic naming the setting', async () => {
    await withSetting('analysis.memoryMb', 64, async () => {
      const doc = await openNew('hungry.overparam', 'param w[1900]\nθ_i = w_i^2\n');
      const [d] = await waitForDiagnostics(doc.uri, (ds) => ds.some((x) => x.code === 'budget'), 30_000);
      assert.match(d.message, /64 MB memory cap/);
      assert.match(d.message, /overparam\.analysis\.memoryMb/);
    });
  });
});
