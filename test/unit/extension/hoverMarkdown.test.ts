// The hovers' markdown (pure modules under src/extension/hover) on real analyses: an `at` line's rank story and loss,
// a parameter's columns and an output's rows of J, and the statement lines of losses, data and sweeps.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../../src/core';
import { pointMarkdown } from '../../../src/extension/hover/pointMarkdown';
import { columnsMarkdown, rowsMarkdown } from '../../../src/extension/hover/siteMarkdown';
import { statementKeyword, statementMarkdown } from '../../../src/extension/hover/statementMarkdown';
import { repoRoot } from '../../support/paths';

const squared = analyze(fs.readFileSync(path.join(repoRoot, 'examples/squared.overparam'), 'utf8'));

describe('hover markdown', () => {
  test('an `at` line of squared: rank, σ, the ghost-saddle and symmetry directions, J, the links', () => {
    const md = pointMarkdown(squared, 4, { openPanel: 'command:open', copyLatex: 'command:copy' });
    assert.match(md, /^\*\*Point 5\*\* · w = \(1, 0\) · \*\*rank 1\/2\*\*/u);
    // J = diag(2, 0) at w = (1, 0): σ = (2, 0), ‖J‖ = 2.
    assert.match(md, /σ = \(2, 0\) · ‖J‖ = 2/u);
    assert.match(md, /\*\*Ghost saddle\*\* \(ker Jᵀ, in θ\): along \(0, 1\) = θ\\\[2\\\]/u);
    assert.match(md, /\*\*Symmetry\*\* \(ker J, in parameters\): along \(0, 1\) = w\\\[2\\\]/u);
    assert.match(md, /\[\$\(graph\) Open panel at this point\]\(command:open\)/u);
    assert.doesNotMatch(md, /\*\*Loss\*\*/u, 'no loss line without a loss');
    const full = pointMarkdown(squared, 0);
    assert.match(full, /rank 2\/2\*\* · cond 10 \(full rank\)/u, 'J = diag(0.2, 2) at w = (0.1, 1): cond 10');
  });

  test('with a loss: L, both gradient norms, the Hessian extremes, and a ghost critical point named', () => {
    const r = analyze(
      'param w[2]\nθ_i = w_i^2\nloss = ((θ[1] - 1)^2 + (θ[2] + 1)^2) / 2\nat w = [1, 0]\nat w = [2, 1]',
    );
    const ghost = pointMarkdown(r, 0);
    // θ = (1, 0): ∇_θ L = (0, 1), ∇_W L = 2 w ∘ ∇_θ L = 0, Hessian diag(4, 2).
    assert.match(ghost, /\*\*Loss\*\* · L = 0\.5 · ‖∇_W L‖ = 0 · ‖∇_θ L‖ = 1 · ∇²_W L eigenvalues 2 … 4/u);
    assert.match(ghost, /a critical point of L\(W\) that L\(θ\) does not have \(a ghost\)/u);
    const plain = pointMarkdown(r, 1);
    // θ = (4, 1): ∇_θ L = (3, 2), ∇_W L = (12, 4): ‖·‖ = √160.
    assert.match(plain, new RegExp(`‖∇_W L‖ = ${Math.sqrt(160).toPrecision(4)}`, 'u'));
    assert.doesNotMatch(plain, /a ghost/u);
  });

  test('a parameter hover lists its columns of J, an output hover its rows', () => {
    const cols = columnsMarkdown(squared, [0, 1]);
    assert.match(cols, /\*\*w\*\*: columns 1–2 of J/u);
    assert.match(cols, /∂θ\\\[1\\\]\/∂w\\\[1\\\] = `2 \* w\[1\]` \(the other 1 are 0\)/u);
    assert.match(rowsMarkdown(squared, [1]), /\*\*θ\\\[2\\\]\*\*: row 2 of J/u);
  });

  test('statement lines: the keyword is read, data names its regime, sweep its value, model the rule for J', () => {
    assert.equal(statementKeyword('  data X, y'), 'data');
    assert.equal(statementKeyword('sweep m = 1..3'), 'sweep');
    assert.equal(statementKeyword('lossy = 1'), null);
    assert.equal(statementKeyword('param w'), null);
    const text = [
      'sweep m = 3, 30',
      'param v[m], w[m]',
      'const X = [0.5, 1, 2, 3, 4, 5, 6, 7]',
      'const y = [1, 2, 3, 4, 5, 6, 7, 8]',
      'model f(x) = sum(v .* tanh(w * x))',
      'data X, y',
      'at v_i = 1, w_i = 0.1 * i',
    ].join('\n');
    const small = analyze(text),
      wide = analyze(text, { sweep: { m: 30 } });
    const under = statementMarkdown(small, 'data');
    assert.match(under, /n = 8 samples of 1 number; under-parameterized \(p = 6 < n = 8\)/u);
    assert.match(under, /λ_min\(K\) = 0 and PL\* cannot hold/u);
    assert.match(under, new RegExp(`L = ${small.points[0].loss!.toPrecision(4)} at point 1`, 'u'));
    assert.match(statementMarkdown(wide, 'data'), /over-parameterized \(p = 60 > n = 8\)/u);
    assert.match(statementMarkdown(small, 'sweep', 'm'), /m ∈ \{3, 30\}; the editor shows m = 3/u);
    assert.match(statementMarkdown(wide, 'sweep', 'm'), /the editor shows m = 30/u);
    assert.match(statementMarkdown(small, 'model'), /θ = F: J = DF \(8 × 6\)/u);
    assert.match(statementMarkdown(small, 'seed'), /\*\*seed\*\* 1/u);
    assert.match(statementMarkdown(small, 'loss'), /∇_W L = Jᵀ ∇_θ L/u);
  });
});
