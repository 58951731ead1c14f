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

  test('size limits count the work: J structural non-zeros, more than 5,000 outputs, a dense J over 4,000,000', () => {
    // 10,000 parameters were over the old name count; the work (10,000 entries of J) is far below the limits.
    const wide = compileDocument('param w[10000]\nθ = sum(w .^ 2)\nat w = 1');
    assert.deepEqual(wide.diagnostics, []);
    assert.equal(wide.model!.nonZeros, 10_000);
    // A declaration asking for 10^9 parameters: an error at its name, before any expression is built.
    const t0 = process.cpuUsage();
    assert.deepEqual(
      errorsOf('param v[3]\nparam w[1000, 1000000]\nθ = sum(w)').map((e) => [e.code, e.span, e.message]),
      [
        [
          'limit',
          [2, 7, 2, 8],
          'there are 1000000003 parameters, so J would have at least 1000000003 structural non-zeros; the limit is 4000000',
        ],
      ],
    );
    const used = process.cpuUsage(t0);
    assert.ok(used.user + used.system < 200_000, `took ${(used.user + used.system) / 1000} ms of CPU`);
    // 2,001 outputs that each depend on all 2,001 parameters: 4,004,001 structural non-zeros, caught before differentiating.
    assert.deepEqual(
      errorsOf('param w[2001]\nθ = w * sum(w)').map((e) => [e.code, e.span, e.message]),
      [['limit', [2, 1, 2, 2], 'J would have 4004001 structural non-zeros; the limit is 4000000']],
    );
    assert.ok(
      errorsOf('param w[3000]\nθ = [w, w]').some(
        (e) => e.code === 'limit' && e.message === 'more than 5000 outputs, the limit' && e.span[0] === 2,
      ),
    );
    // A diagonal J of 2,001 entries is little work, but its dense q x p form is over the dense limit.
    assert.deepEqual(
      errorsOf('param w[2001]\nθ = w .^ 2').map((e) => [e.code, e.span, e.message]),
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
