import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core';
import { interpret } from '../../../src/core/symbolic/interpret';
import { simplifyForDisplay } from '../../../src/core/symbolic/simplifyDisplay';
import { compileOk } from '../../support/model';

describe('simplifyForDisplay', () => {
  test('an entry mathjs can shorten is replaced by the shorter, numerically equal form; the numbers do not change', () => {
    const text = 'param x, y\nf = (2*x + 2*y)^2\nat x = 0.3, y = -1.2';
    const plain = analyze(text, { checkDerivatives: false });
    const tidy = analyze(text, { checkDerivatives: false, simplify: true });
    assert.deepEqual(plain.jacobian, [['4 * (2 * x + 2 * y)', '4 * (2 * x + 2 * y)']]);
    assert.deepEqual(tidy.jacobian, [['8 * (x + y)', '8 * (x + y)']]);
    assert.equal(tidy.stats.simplified, true);
    assert.deepEqual(tidy.points, plain.points);
  });

  test('replacements agree with the originals at random points', () => {
    const m = compileOk(
      'param x, y\na = x * exp(y) * exp(x * y)\nb = x * (x + 1) * (x + 2) * y\nc = sqrt(x * y) * sqrt(x)',
    );
    const exprs = m.symbolic.entries.map((e) => e.expr);
    const out = simplifyForDisplay(exprs, m.symbolic.store, m.p, Date.now() + 60_000);
    assert.ok(out.simplified >= 2, `simplified ${out.simplified}`);
    m.symbolic.entries.forEach((e, i) => {
      for (const x of [
        [0.4, 1.3],
        [2, 0.7],
        [1.1, 1.9],
      ]) {
        const a = interpret(e.expr, x),
          b = interpret(exprs[i], x);
        assert.ok(Math.abs(a - b) <= 1e-12 * (1 + Math.abs(a)), `entry ${i} at ${x}: ${a} vs ${b}`);
      }
    });
  });

  test('past the deadline nothing is tried and the entries stay as they are', () => {
    const m = compileOk('param x, y\nf = (2*x + 2*y)^2');
    const exprs = m.symbolic.entries.map((e) => e.expr);
    const before = [...exprs];
    assert.deepEqual(simplifyForDisplay(exprs, m.symbolic.store, m.p, Date.now() - 1), {
      simplified: 0,
      tried: 0,
      budgetHit: true,
    });
    assert.deepEqual(exprs, before);
  });

  test('running out of budget is reported as information naming the setting', () => {
    // Twelve different entries 2 (w_1 + ... + w_12) + 3 w_i^2; the first one tried already takes longer than 1 ms.
    const r = analyze('param w[12]\nf = sum(w)^2 + sum(w .^ 3)', {
      checkDerivatives: false,
      simplify: true,
      simplifyBudgetMs: 1,
    });
    const info = r.diagnostics.filter((d) => d.code === 'budget');
    assert.equal(info.length, 1);
    assert.equal(info[0].severity, 'information');
    assert.match(
      info[0].message,
      /^simplification stopped at its time budget \(1 ms\) after \d+ entries; .*overparam\.simplify\.timeBudgetMs/,
    );
  });

  test('entries with wide sums (exponential for mathjs simplify) are left alone, so the budget holds', () => {
    // d/dw_i sum(w)^2 = 2 (w_1 + ... + w_24): one mathjs simplify of a 24-term sum takes seconds.
    const m = compileOk('param w[24]\nf = sum(w)^2');
    const exprs = m.symbolic.entries.map((e) => e.expr);
    const started = Date.now();
    const out = simplifyForDisplay(exprs, m.symbolic.store, m.p, Date.now() + 500);
    assert.equal(out.tried, 0);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    const t0 = Date.now();
    analyze('param w[24]\nf = sum(w)^2', { checkDerivatives: false, simplify: true, simplifyBudgetMs: 500 });
    assert.ok(Date.now() - t0 < 3000, `analyze with a 500 ms simplification budget took ${Date.now() - t0} ms`);
  });
});
