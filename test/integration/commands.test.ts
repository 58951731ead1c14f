import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFixture, waitFor } from './helpers';

const ALL = [
  'overparam.openPanel',
  'overparam.showReport',
  'overparam.copyJacobian',
  'overparam.analyzeFile',
  'overparam.openExample',
];

describe('commands', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  it('registers every command', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ALL) assert.ok(commands.includes(c), `${c} is registered`);
  });

  it('copies J at a point as LaTeX and the symbolic J in mathjs syntax', async () => {
    const doc = await openFixture('squared.overparam');
    const latex = await vscode.commands.executeCommand<string>(
      'overparam.copyJacobian',
      doc.uri.toString(),
      'latex',
      0,
    );
    assert.strictEqual(latex, '\\begin{pmatrix}\n2 & 0 \\\\\n0 & 0\n\\end{pmatrix}');
    assert.strictEqual(await vscode.env.clipboard.readText(), latex);
    const mathjs = await vscode.commands.executeCommand<string>('overparam.copyJacobian', doc.uri, 'mathjs');
    assert.strictEqual(mathjs, '[[2 * w[1], 0], [0, 2 * w[2]]]');
  });

  it('writes the analysis to the output channel', async () => {
    const doc = await openFixture('squared.overparam');
    const text = await vscode.commands.executeCommand<string>('overparam.analyzeFile', doc.uri);
    assert.match(text, /point 1 \(line 3\): w = \(1, 0\): rank 1\/2 · cond inf/);
    assert.match(text, /ghost-saddle direction \(ker Jᵀ\): θ\[2\]/);
    assert.match(text, /squared\.overparam:3:1: warning: /);
  });

  it('opens the panel at a point', async () => {
    const doc = await openFixture('squared.overparam');
    await vscode.commands.executeCommand('overparam.openPanel', doc.uri.toString(), 0);
    const tab = await waitFor('the panel tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('overparam.panel')),
    );
    assert.strictEqual(tab.label, 'Overparam: squared.overparam');
  });

  it('shows the live analysis report', async () => {
    const doc = await openFixture('squared.overparam');
    await vscode.commands.executeCommand('overparam.showReport', doc.uri.toString(), 0);
    const report = await waitFor('the report document', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'overparam-report'),
    );
    assert.match(report.getText(), /# Overparam analysis: squared\.overparam/);
    assert.match(report.getText(), /rank 1\/2/);
  });

  it('opens a bundled example', async function () {
    const dir = vscode.Uri.joinPath(
      vscode.extensions.getExtension('overparam.overparam-lens')!.extensionUri,
      'examples',
    );
    const names = (await vscode.workspace.fs.readDirectory(dir).then(undefined, () => []))
      .map(([n]) => n)
      .filter((n) => n.endsWith('.overparam'));
    if (!names.length) this.skip();
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('overparam.openExample', names[0]);
    assert.strictEqual(doc.languageId, 'overparam');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
  });
});
