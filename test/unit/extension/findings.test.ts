// The one-line summaries of src/extension/findings.ts (pure: its only vscode-side import is a type, erased), on
// the squared example by hand: θ_i = w_i², J = diag(2 w), so at w = (a, b) the singular values are 2|a| and 2|b|,
// the rank counts the non-zero entries and the condition number is max/min.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core';
import type { AnalysisReport } from '../../../src/core/report';
import { fullRank, pointSummary, worstFinding } from '../../../src/extension/findings';
import { readExample } from '../../support/paths';

const squared = analyze(readExample('squared'));
/** The squared example without its ghost saddle, at the given points. */
const at = (...points: string[]): AnalysisReport =>
  analyze(`param w[2]\nθ_i = w_i^2\n${points.map((p) => `at w = ${p}`).join('\n')}\n`);

describe('findings: one-line summaries', () => {
  test('per point: rank and cond of diag(2w) at the five points of examples/squared.overparam', () => {
    assert.equal(fullRank(squared), 2);
    assert.deepEqual(
      squared.points.map((p) => pointSummary(p, fullRank(squared))),
      [
        'rank 2/2 · cond 10', // w = (0.1, 1): σ = 2, 0.2
        'rank 2/2 · cond 2', // w = (0.5, 1): σ = 2, 1
        'rank 2/2 · cond 2', // w = (2, 1): σ = 4, 2
        'rank 2/2 · cond 10', // w = (10, 1): σ = 20, 2
        'rank 1/2 · cond inf', // w = (1, 0): σ = 2, 0
      ],
    );
  });

  test('the file: the ghost saddle is the worst finding, with its point and line', () => {
    assert.deepEqual(worstFinding(squared, []), {
      kind: 'rank-deficient',
      text: 'rank 1/2',
      detail: 'J loses rank at point 5 (line 11): rank 1 of 2.',
      pointIndex: 4,
    });
    // w = 0 loses both ranks: it is worse than w = (1, 0) wherever it is listed.
    const two = at('[1, 0]', '[0, 0]');
    assert.equal(two.points[1].rank, 0);
    assert.equal(worstFinding(two, []).text, 'rank 0/2');
    assert.equal(worstFinding(two, []).pointIndex, 1);
  });

  test('full rank everywhere, near-singular, no points, errors first', () => {
    assert.deepEqual(worstFinding(at('[2, 1]', '[0.5, 1]'), []), {
      kind: 'ok',
      text: 'full rank',
      detail: 'J has full rank 2 at every point.',
    });
    // w = (1e-9, 1): cond = 2 / 2e-9 = 1e9 > 1/sqrt(eps) ≈ 6.7e7, and σ_min = 2e-9 is still above the rank rule's
    // 2 · 2 · eps ≈ 8.9e-16, so the point is full rank but nearly singular.
    const near = worstFinding(at('[2, 1]', '[1e-9, 1]'), []);
    assert.equal(near.kind, 'near-singular');
    assert.equal(near.text, 'cond 1e+9');
    assert.equal(near.pointIndex, 1);
    assert.deepEqual(worstFinding(at(), []), {
      kind: 'ok',
      text: '2×2',
      detail: 'No `at` points to diagnose; add one with `at name = value`.',
    });
    const error = {
      severity: 'error' as const,
      code: 'internal' as const,
      message: 'x',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 2,
    };
    assert.equal(worstFinding(squared, [error, error]).text, '2 errors');
    assert.equal(worstFinding(squared, [error]).text, '1 error');
    assert.equal(worstFinding(undefined, []).kind, 'empty');
  });
});
