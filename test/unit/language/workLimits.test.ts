// Limits count the work (structural non-zeros of J and of the outputs' Hessians, expression nodes), not the names,
// and stay protective: a file asking for 10^9 entries is an error at its line and column before any work.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileDocument } from '../../../src/core';
import { documentObjective } from '../../../src/core/objective/documentObjective';
import { errorsOf } from '../../support/model';

const data = (n: number) =>
  `const X = [${Array.from({ length: n }, (_, k) => (k / n).toFixed(3)).join(', ')}]\nconst y = sin(X)\n`;
const cpuMs = (f: () => void): number => {
  const t0 = process.cpuUsage();
  f();
  const u = process.cpuUsage(t0);
  return (u.user + u.system) / 1000;
};

describe('limits on the work', () => {
  test('a data model asking for 10^9 parameters: an error at the sweep value, before any work', () => {
    let errs: ReturnType<typeof errorsOf> = [];
    const ms = cpuMs(() => {
      errs = errorsOf(
        `sweep m = 10, 500000000\nparam v[m], w[m]\n${data(16)}model f(x) = sum(v .* tanh(w * x))\ndata X, y`,
      );
    });
    assert.deepEqual(
      errs.map((e) => [e.code, e.span, e.message]),
      [
        [
          'limit',
          [1, 15, 1, 24],
          'with m = 500000000 there are 1000000000 parameters, so J would have at least 1000000000 structural non-zeros; the limit is 4000000',
        ],
      ],
    );
    assert.ok(ms < 200, `${ms} ms of CPU`);
  });

  test('5,000 inputs through 1,000 parameters: 5,000,000 structural non-zeros, an error at the model before differentiating', () => {
    const text = `param w[1000]\nconst X[5000] ~ uniform(-1, 1)\nconst y = X\nmodel f(x) = sum(w * x)\ndata X, y`;
    assert.deepEqual(
      errorsOf(text).map((e) => [e.code, e.span, e.message]),
      [['limit', [4, 7, 4, 8], 'J would have 5000000 structural non-zeros; the limit is 4000000']],
    );
  });

  test('200,000 parameters are not blocked: only the sweep value past 4,000,000 structural non-zeros is', () => {
    const text = `sweep m = 100000, 2000001\nparam v[m], w[m]\n${data(16)}model f(x) = sum(v .* tanh(w * x)) / sqrt(m)\ndata X, y`;
    assert.deepEqual(
      errorsOf(text).map((e) => [e.code, e.span]),
      [['limit', [1, 19, 1, 26]]],
    );
  });

  test('the outputs’ Hessians: more than 8,000,000 second derivatives is an error before differentiating them', () => {
    // f = x (Σ w)²: J is 16 x 2,000, each row's Hessian is dense (2,001,000 pairs a <= b), except the row of the input
    // x = 0, where f is the number 0: 15 x 2,001,000 pairs.
    const r = compileDocument(`param w[2000]\n${data(16)}model f(x) = sum(w)^2 * x\ndata X, y\nat w = 0.01`);
    assert.deepEqual(r.diagnostics, []);
    const doc = documentObjective(r)!;
    const ms = cpuMs(() =>
      assert.throws(
        () => doc.objective.hessian(),
        (e: Error) =>
          e instanceof RangeError &&
          e.message === "the outputs' Hessians would have 30015000 structural non-zeros; the limit is 8000000",
      ),
    );
    assert.ok(ms < 1000, `${ms} ms of CPU`);
  });
});
