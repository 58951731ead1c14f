import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFixture, waitFor } from './helpers';

/** The markdown of every hover at a position, once `ready` accepts it (default: any text). */
async function hoverText(
  uri: vscode.Uri,
  line: number,
  character: number,
  ready: (text: string) => boolean = (t) => t.length > 0,
): Promise<string> {
  return waitFor('a hover', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(line, character),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    return ready(text) ? text : undefined;
  });
}

describe('hover', () => {
  it('on the at line of squared at w = (1, 0): rank 1/2, the ghost-saddle and symmetry directions, command links', async () => {
    const doc = await openFixture('squared.overparam');
    const text = await hoverText(doc.uri, 2, 3);
    assert.match(text, /rank 1\/2/);
    assert.match(text, /Ghost saddle/);
    assert.match(text, /along \(0, 1\) = θ\\\[2\\\]/, 'the lost canonical direction, by name');
    assert.match(text, /critical point here that the canonical space does not have/);
    assert.match(text, /Symmetry/);
    assert.match(text, /w\\\[2\\\]/);
    assert.match(text, /command:overparam\.openPanel\?/);
    assert.match(text, /command:overparam\.copyJacobian\?/);
    assert.doesNotMatch(text, /<[a-z]+[\s>]/i, 'no raw HTML');
  });

  it('on a parameter: its column of J; on an output definition: its rows', async () => {
    const doc = await openFixture('squared.overparam');
    const col = await hoverText(doc.uri, 0, 6);
    assert.match(col, /columns 1–2 of J/);
    assert.match(col, /∂θ\\\[1\\\]\/∂w\\\[1\\\] = `2 \* w\[1\]`/);
    const row = await hoverText(doc.uri, 1, 1);
    assert.match(row, /rows 1–2 of J/);
    assert.match(row, /∂θ\\\[2\\\]\/∂w\\\[2\\\] = `2 \* w\[2\]`/);
  });

  it('with a loss: the at line adds L and both gradients; the loss line explains itself', async () => {
    const doc = await openFixture('squared-loss.overparam');
    const at = await hoverText(doc.uri, 3, 3);
    assert.match(at, /L = 0\.5 · ‖∇_W L‖ = 0 · ‖∇_θ L‖ = 1/);
    assert.match(at, /\(a ghost\)/);
    const loss = await hoverText(doc.uri, 2, 1);
    assert.match(loss, /\*\*loss\*\*: the canonical loss L\(θ\)/);
    assert.match(loss, /L = 0\.5 at point 1/);
  });

  it('on the data line of the linear-regression example: n, p, the regime, λ_min(K) = λ_min(X Xᵀ), μ, R', async () => {
    const file = vscode.Uri.joinPath(
      vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri,
      'examples/kernel/linear-regression.overparam',
    );
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('data '));
    assert.ok(line > 0, 'the example has a data line');
    // The kernel search answers after the analysis; the hover waits for it, the poll only covers the first open.
    const text = await hoverText(doc.uri, line, 1, (t) => t.includes('Tangent kernel'));
    // X is 3 x 5: K = X Xᵀ has eigenvalues 1.554, 5.947, 14.5 (as `overparam kernel` prints them).
    assert.match(text, /n = 3 samples · p = 5 parameters · \*\*over-parameterized: p ≥ n\*\*/);
    assert.match(text, /λ_min\(K\) = 1\.554 · λ_max\(K\) = 14\.5/);
    assert.match(text, /μ = 1\.554 \(/);
    assert.match(text, /the ½ form, PL\\\* as ½‖∇L‖² ≥ μ L/);
    assert.match(text, /R = 2 √\(2 β L\(w0\)\) \/ μ = 18\.34/);
  });
});
