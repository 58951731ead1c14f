import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileDocument } from '../../../src/core';
import { normalAt, streamId, uniformAt } from '../../../src/core/random';
import { compileOk, errorsOf, evalAt } from '../../support/model';

/** The point values of a document that must compile. */
const pointsOf = (text: string, options = {}) => {
  const r = compileDocument(text, options);
  assert.deepEqual(r.diagnostics, [], text);
  return r.model!.points.map((p) => Array.from(p.values));
};

describe('seeded draws', () => {
  test('const a[3] ~ normal(2, 0.5) is 2 + 0.5 · normal_k of the stream `const a` under the seed', () => {
    const text = 'seed 7\nconst a[3] ~ normal(2, 0.5)\nparam w[3]\nθ = w .* a\nat w = 1';
    const model = compileOk(text);
    const id = streamId('const a');
    assert.deepEqual(
      evalAt(model, [1, 1, 1]).theta,
      [0, 1, 2].map((k) => 2 + 0.5 * normalAt(7, id, k)),
    );
  });

  test('the same file and seed give the same numbers; another seed gives others; the default seed is 1', () => {
    const text = (seed: string) => `${seed}\nconst a[4] ~ uniform(-1, 3)\nparam w\nθ = w * a\nat w = 1`;
    const theta = (t: string, o = {}) => {
      const r = compileDocument(t, o);
      return evalAt(r.model!, [1]).theta;
    };
    const id = streamId('const a');
    assert.deepEqual(theta(text('seed 3')), theta(text('seed 3')));
    assert.deepEqual(
      theta(text('seed 3')),
      [0, 1, 2, 3].map((k) => -1 + 4 * uniformAt(3, id, k)),
    );
    assert.notDeepEqual(theta(text('seed 3')), theta(text('seed 4')));
    assert.deepEqual(theta(text('')), theta(text('seed 1')));
    assert.equal(compileDocument(text('')).seed, 1);
    // A seed option replaces the file's.
    assert.deepEqual(theta(text('seed 3'), { seed: 4 }), theta(text('seed 4')));
    for (const x of theta(text('seed 3'))) assert.ok(x >= -1 && x < 3);
  });

  test('each statement has its own stream: adding a line does not change another statement’s draws', () => {
    const one = compileOk('const a[2] ~ normal(0, 1)\nparam w\nθ = w * a\nat w ~ normal(0, 1)');
    const two = compileOk(
      'const b[5] ~ normal(0, 1)\nconst a[2] ~ normal(0, 1)\nparam w\nθ = w * a\nat w = 3\nat w ~ normal(0, 1)',
    );
    assert.deepEqual(evalAt(one, [1]).theta, evalAt(two, [1]).theta);
    assert.deepEqual(Array.from(one.points[0].values), Array.from(two.points[1].values));
    assert.deepEqual(Array.from(one.points[0].values), [normalAt(1, streamId('at w #1'), 0)]);
  });

  test('the n-th `at` line that draws U reads the stream `at U #n`; entries are draws 0, 1, ... row-major', () => {
    const [p1, p2] = pointsOf(
      'param U[2, 2], v\nθ = U * [v, v]\nat U ~ normal(0, 0.1), v = 0.5\nat v = 1, U ~ normal(1, 2)',
    );
    const s1 = streamId('at U #1'),
      s2 = streamId('at U #2');
    assert.deepEqual(p1, [...[0, 1, 2, 3].map((k) => 0.1 * normalAt(1, s1, k)), 0.5]);
    assert.deepEqual(p2, [...[0, 1, 2, 3].map((k) => 1 + 2 * normalAt(1, s2, k)), 1]);
    // One entry drawn: `U[2,1]` is draw 2 of the stream (its row-major position).
    const [p3] = pointsOf('param U[2, 2]\nθ = sum(U)\nat U = 0, U[2,1] ~ uniform(0, 1)');
    assert.deepEqual(p3, [0, 0, uniformAt(1, s1, 2), 0]);
  });

  test('a random constant grows with its sweep and keeps its first draws', () => {
    const text = 'sweep m = 2, 5\nconst a[m] ~ normal(0, 1)\nparam w\nθ = w * a\nat w = 1';
    const small = evalAt(compileDocument(text).model!, [1]).theta;
    const large = evalAt(compileDocument(text, { sweep: { m: 5 } }).model!, [1]).theta;
    assert.equal(large.length, 5);
    assert.deepEqual(large.slice(0, 2), small);
  });

  test('a zero spread draws the mean; draw arguments may use constants and sweeps', () => {
    assert.deepEqual(pointsOf('const s = 2\nparam w[2]\nθ = w\nat w ~ normal(s, 0)'), [[2, 2]]);
    assert.deepEqual(pointsOf('sweep m = 3\nparam w\nθ = w\nat w ~ uniform(m, m)'), [[3]]);
  });
});

describe('indexed point formulas', () => {
  test('at v_i = (-1)^i, U_ij = sin(i + j): letters are 1-based, matrices row-major, mixable with other values', () => {
    const [p] = pointsOf(
      'param v[3], U[2, 2], r\nθ = U * [v[1], v[2]] + r\nat v_i = (-1)^i, U_ij = sin(i + j), r = 0.5',
    );
    assert.deepEqual(p, [-1, 1, -1, Math.sin(2), Math.sin(3), Math.sin(3), Math.sin(4), 0.5]);
  });

  test('formulas may use constants and any index letter; a later assignment overrides an entry', () => {
    const [p] = pointsOf('const c = 10\nparam w[3]\nθ = w\nat w_k = c * k, w[2] = 0');
    assert.deepEqual(p, [10, 0, 30]);
  });

  test('a letter the formula does not bind is an unknown symbol at it', () => {
    assert.deepEqual(
      errorsOf('param w[2]\nθ = w\nat w_i = j').map((e) => [e.code, e.span]),
      [['unknown-symbol', [3, 10, 3, 11]]],
    );
  });
});

describe('sweeps', () => {
  const text = 'sweep m = 2, 3, 4\nparam w[m]\nθ_i = m * w_i\nat w = 1';

  test('the first value by default; options.sweep picks another; every value is reported', () => {
    const first = compileDocument(text);
    assert.deepEqual(first.sweeps, [{ name: 'm', values: [2, 3, 4] }]);
    assert.deepEqual(evalAt(first.model!, [1, 1]).theta, [2, 2]);
    const third = compileDocument(text, { sweep: { m: 4 } });
    assert.equal(third.model!.p, 4);
    assert.deepEqual(evalAt(third.model!, [1, 1, 1, 1]).theta, [4, 4, 4, 4]);
  });

  test('a value that is not listed, or a sweep the file does not have, is an error', () => {
    assert.deepEqual(
      compileDocument(text, { sweep: { m: 5 } }).diagnostics.map((d) => [d.code, d.line, d.message]),
      [['syntax', 1, "m = 5 is not one of this sweep's values (2, 3, 4)"]],
    );
    assert.deepEqual(
      compileDocument(text, { sweep: { k: 1 } }).diagnostics.map((d) => [d.line, d.message]),
      [[1, 'the file has no sweep named `k`']],
    );
  });

  test('a range sweeps whole numbers; a sweep of reals may be used in expressions but not in sizes', () => {
    const r = compileDocument('sweep p = 1..60\nparam w[p]\nθ = sum(w)', { sweep: { p: 60 } });
    assert.equal(r.model!.p, 60);
    const lr = compileDocument('sweep s = 0.5, 0.25\nparam w\nθ = s * w\nat w = 1', { sweep: { s: 0.25 } });
    assert.deepEqual(evalAt(lr.model!, [1]).theta, [0.25]);
  });
});
