// The editor's cheap name scan (completion while typing): declarations, outputs, and the training lines.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { declaredNames } from '../../../src/extension/language';

describe('declaredNames', () => {
  test('params, consts, swept values and outputs; `loss = …` and `at` define no output', () => {
    const text = [
      'sweep m = 10, 100',
      'param v[m], U[m, 2]',
      'const a[m] ~ normal(0, 1)',
      'θ = U * v   # an output',
      'loss = norm(θ)^2',
      'at U ~ normal(0, 0.1), v = 0.5',
    ].join('\n');
    assert.deepEqual(
      declaredNames(text).map((d) => [d.name, d.kind, d.shape, d.line]),
      [
        ['m', 'const', '', 0],
        ['v', 'param', '[m]', 1],
        ['U', 'param', '[m, 2]', 1],
        ['a', 'const', '', 2],
        ['θ', 'output', '', 3],
      ],
    );
  });
});
