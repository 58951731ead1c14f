import * as assert from 'assert';
import * as vscode from 'vscode';
import { openFixture, waitFor } from './helpers';

/** The markdown of every hover at a position. */
async function hoverText(uri: vscode.Uri, line: number, character: number): Promise<string> {
  return waitFor('a hover', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(line, character),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    return text.includes('Overparam') || text.length > 0 ? text : undefined;
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
});
