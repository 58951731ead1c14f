// The editor's words for the rank-deficient sets, from the real core search on the squared and identical-tanh
// examples: the diagnostic's message and related locations, the hover section, and an `at` line that lands on the set.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, analyzeDeficiency, analyzePoint, compileDocument } from '../../../src/core';
import { atLineText } from '../../../src/format';
import { insertionLine, setsDiagnostic, setsMarkdown } from '../../../src/extension/sets/setsText';
import type { DeficiencyResult } from '../../../src/protocol/worker';

/** What the worker answers for `text` (src/worker/handlers.ts `deficient`). */
function deficient(text: string): DeficiencyResult {
  const model = compileDocument(text).model!;
  const report = analyzeDeficiency(model, { starts: 96, seed: 1 });
  return { ...report, atLines: report.sets.map((s) => atLineText(model.shape.params, s.W)) };
}

const SQUARED = 'param w[2]\nθ_i = w_i^2\nat w = [1, 2]\n';

describe('rank-deficient sets in words', () => {
  test('squared: the diagnostic on θ_i names both axes, one related location per set', () => {
    const sets = deficient(SQUARED);
    const d = setsDiagnostic(analyze(SQUARED), sets)!;
    assert.equal(d.severity, 'information');
    assert.equal(d.code, 'rank-deficient-set');
    assert.equal(d.line, 2);
    assert.equal(sets.sets.length, 3, 'w[1] = 0, w[2] = 0 and their crossing');
    assert.match(d.message, /^J loses rank on 3 sets: /u);
    assert.match(d.message, /w\[1\] = 0 \(zero column of w\[1\]\)/u);
    assert.match(d.message, /w\[2\] = 0 \(zero column of w\[2\]\)/u);
    assert.equal(d.related!.length, 3);
    assert.ok(
      d.related!.every((r) => r.line === 1),
      'each related to `param w[2]`',
    );
    const md = setsMarkdown(analyze(SQUARED), sets);
    assert.match(md, /\*\*Where J loses rank\*\* \(`w\[1\] = 0` or `w\[2\] = 0`\)/u);
    assert.match(md, /ghost-saddle direction θ\\\[1\\\]/u);
  });

  test('each set’s `at` line compiles to a point where J has the set’s rank', () => {
    for (const text of [
      SQUARED,
      'param a[2], b[2]\nθ = b[1] * tanh(a[1] * 2) + b[2] * tanh(a[2] * 2)\nφ = b[1] * tanh(a[1]) + b[2] * tanh(a[2])\nat a = [1, 2], b = [1, 1]\n',
    ]) {
      const sets = deficient(text);
      assert.ok(sets.sets.length > 0);
      sets.sets.forEach((s, i) => {
        const { model, diagnostics } = compileDocument(`${text}${sets.atLines[i]}\n`);
        assert.deepEqual(
          diagnostics.filter((x) => x.severity === 'error'),
          [],
          sets.atLines[i],
        );
        const point = model!.points[model!.points.length - 1];
        assert.equal(analyzePoint(model!, point.values).rank, s.rank, sets.atLines[i]);
      });
    }
  });

  test('atLineText writes scalars, vectors and matrices in the language, exact where 6 digits are not', () => {
    const model = compileDocument('param r, w[2], U[2,2]\nθ = r * w[1] + U[1,2] * w[2]\nat r = 1, w = 1, U = 1').model!;
    assert.equal(
      atLineText(model.shape.params, [2, 0.1, Math.SQRT1_2, 1, -0, 0.25, 1e-320]),
      `at r = 2, w = [0.1, ${Math.SQRT1_2}], U = [[1, 0], [0.25, 0]]`,
    );
  });

  test('an inserted `at` line goes after the last `at` line, else after the last line with text', () => {
    assert.equal(insertionLine(['param w', 'θ = w', 'at w = 1', '# end', '']), 2);
    assert.equal(insertionLine(['param w', 'θ = w', '', '']), 1);
    assert.equal(insertionLine([]), -1);
  });
});
