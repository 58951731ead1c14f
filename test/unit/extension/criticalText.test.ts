// The editor's words for the critical points of a loss, from the real core search (as the worker runs it): the lens,
// one diagnostic per ghost on the loss line, the hover section of an `at` line on a critical point.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, compileDocument, documentObjective } from '../../../src/core';
import { searchCritical } from '../../../src/core/landscape/searchCritical';
import { atLineText } from '../../../src/format';
import {
  criticalAt,
  criticalDiagnostics,
  criticalLensTitle,
  criticalMarkdown,
  lossLineIndex,
} from '../../../src/extension/landscape/criticalText';
import type { CriticalResult } from '../../../src/protocol/worker';

const TEXT = 'param w[2]\nθ_i = w_i^2\nloss = ((θ[1] - 1)^2 + (θ[2] + 1)^2) / 2\nat w = [1, 0]\nat w = [0.5, 0.5]\n';

/** What the worker answers for `text` (src/worker/handlers.ts `critical`, 64 starts as the editor asks). */
function critical(text: string): CriticalResult {
  const lab = documentObjective(compileDocument(text))!;
  const r = searchCritical(lab.objective, { starts: 64, seed: lab.seed });
  return { ...r, atLines: r.criticalPoints.map((c) => atLineText(lab.model.shape.params, c.W)) };
}

describe('critical points in words', () => {
  const r = critical(TEXT);
  const report = analyze(TEXT);
  const lines = TEXT.split('\n');

  test('the lens counts 3 critical points, all ghosts (w = 0 and w = (±1, 0))', () => {
    assert.equal(criticalLensTitle(r), '3 critical points · 3 ghost · show landscape');
    assert.deepEqual([...r.atLines].sort(), ['at w = [-1, 0]', 'at w = [0, 0]', 'at w = [1, 0]']);
  });

  test('one diagnostic per ghost on the loss line, related to the outputs of the ghost direction', () => {
    assert.equal(lossLineIndex(lines), 3);
    assert.equal(lossLineIndex(['param a', 'model f(x) = a * x', 'data X, y']), 3);
    const ds = criticalDiagnostics(report, r, lines);
    assert.equal(ds.length, 3);
    assert.ok(ds.every((d) => d.line === 3 && d.severity === 'information' && d.code === 'ghost-critical'));
    const saddle = ds.find((d) => d.message.startsWith('ghost saddle at w = [0, 0]'))!;
    // At 0: ∇_θ L = (-1, 1), ‖·‖ = √2, J = 0.
    assert.match(
      saddle.message,
      /∇_θ L = 1\.414 · \(−0\.7071 θ\[1\] \+ 0\.7071 θ\[2\]\) lies in ker Jᵀ \(J has rank 0 there\)/u,
    );
    assert.deepEqual(
      saddle.related!.map((x) => x.line),
      [2, 2],
    );
    const minimum = ds.find((d) => d.message.startsWith('ghost minimum at w = [1, 0]'))!;
    assert.match(minimum.message, /\(θ\[2\]\)/u);
  });

  test('an `at` line on a critical point gets its class in the hover; another point none', () => {
    const c = criticalAt(report.points[0], r)!;
    assert.ok(c);
    const md = criticalMarkdown(report, c);
    assert.match(md, /^\*\*Critical point of L\(W\)\*\*: ghost minimum · ∇²_W L eigenvalues \(2, 4\)/u);
    assert.match(md, /points along θ\\\[2\\\]/u);
    assert.match(md, /2\/λ_max = 0\.5/u);
    assert.equal(criticalAt(report.points[1], r), undefined);
  });
});
