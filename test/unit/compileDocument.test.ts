import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BudgetExceededError, compileDocument } from '../../src/core';
import { compileOk, errorsOf } from '../support/model';

describe('compileDocument', () => {
  test('a model: sizes, names, structural pattern, points and sites', () => {
    const { model, diagnostics, sites } = compileDocument(
      "param U[2,2], v[2]\nw = U' * v\nat U = [[1, 0], [0, 1]], v = [0, 1]",
    );
    assert.deepEqual(diagnostics, []);
    assert.ok(model && sites);
    assert.deepEqual([model.q, model.p], [2, 6]);
    // dw_1 depends on U[1,1], U[2,1], v[1], v[2]; dw_2 on U[1,2], U[2,2], v[1], v[2].
    assert.deepEqual(Array.from(model.pattern), [1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1]);
    assert.deepEqual(
      model.points.map((p) => [Array.from(p.values), p.label, p.span.line]),
      [[[1, 0, 0, 1, 0, 1], 'U = [[1, 0], [0, 1]], v = (0, 1)', 3]],
    );
    assert.deepEqual(
      sites.outputRows.map((r) => [r.name, r.line]),
      [
        ['w[1]', 2],
        ['w[2]', 2],
      ],
    );
    assert.deepEqual(
      sites.params.map((p) => [p.name, p.shape, p.offset]),
      [
        ['U', [2, 2], 0],
        ['v', [2], 4],
      ],
    );
  });

  test('structural zeros are never differentiated or stored: θ_i = w_i^2 with 400 parameters has 400 entries', () => {
    const m = compileOk('param w[400]\nθ_i = w_i^2');
    assert.equal(m.symbolic.entries.length, 400);
    assert.equal(
      m.pattern.reduce((a, b) => a + b, 0),
      400,
    );
    assert.ok(m.symbolic.entries.every((e) => e.row === e.col));
  });

  test('size limits: more than 5,000 parameters, more than 5,000 outputs, a J of more than 4,000,000 entries', () => {
    assert.deepEqual(
      errorsOf('param w[5001]\nθ = sum(w)').map((e) => [e.code, e.span, e.message]),
      [['limit', [1, 7, 1, 8], '5001 parameters; the limit is 5000']],
    );
    assert.ok(
      errorsOf('param w[3000]\nθ = [w, w]').some(
        (e) => e.code === 'limit' && e.message === 'more than 5000 outputs, the limit' && e.span[0] === 2,
      ),
    );
    assert.deepEqual(
      errorsOf('param w[2001]\nθ = w * sum(w)').map((e) => [e.code, e.span, e.message]),
      [['limit', [1, 1, 1, 2], 'J would have 2001 x 2001 = 4004001 entries; the limit is 4000000']],
    );
  });

  test('a deadline in the past stops compilation with BudgetExceededError', () => {
    assert.throws(() => compileDocument('param w[2]\nθ_i = w_i^2', { deadline: Date.now() - 1 }), BudgetExceededError);
  });

  test('bad input never throws: random junk lines give diagnostics', () => {
    for (const junk of [
      '',
      '\n\n',
      '===',
      'param',
      'at',
      'const',
      '[',
      ')',
      "'",
      '"',
      '#',
      'param w[2]\nθ = w[',
      'θ = @',
      'θ = ;',
      'θ = \\',
      'θ = `x`',
    ]) {
      assert.doesNotThrow(() => compileDocument(junk), junk);
    }
    assert.deepEqual(
      errorsOf('').map((e) => e.message),
      ['no output is defined: write one like `θ_i = w_i^2`'],
    );
  });
});
