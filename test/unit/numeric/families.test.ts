// Families in generated code: copies of one template are written by one loop over a parameter table, long sums by
// loops and short partial sums. The values must be those of the expressions, whatever the grouping.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateProgram, type Root } from '../../../src/core/numeric/codegen';
import { findFamilies, templateOf } from '../../../src/core/numeric/families';
import { ExprStore } from '../../../src/core/symbolic/expr';
import { interpret } from '../../../src/core/symbolic/interpret';
import { mulberry32 } from '../../support/model';

describe('codegen families', () => {
  test('a template names its parameters by first occurrence and keeps numbers literal', () => {
    const s = new ExprStore();
    const [v3, w3, v5, w5] = [3, 9, 5, 11].map((i) => s.variable(i));
    const term = (v: typeof v3, w: typeof w3) => s.mul([v, s.call('tanh', s.mul([s.num(0.5), w]))]);
    const a = templateOf(term(v3, w3))!,
      b = templateOf(term(v5, w5))!;
    assert.equal(a.body, b.body);
    assert.deepEqual(a.vars, [3, 9]);
    assert.deepEqual(b.vars, [5, 11]);
    assert.notEqual(templateOf(s.mul([v3, s.call('tanh', s.mul([s.num(0.25), w3]))]))!.body, a.body);
    const { families, rest } = findFamilies([term(v3, w3), s.call('sin', v3), term(v5, w5)], 2);
    assert.equal(families.length, 1);
    assert.deepEqual(Array.from(families[0].members), [0, 2]);
    assert.deepEqual(Array.from(families[0].vars), [3, 9, 5, 11]);
    assert.deepEqual(rest, [1]);
  });

  test('a long sum with two families and odd terms, and 10,000 looped roots, match the interpreter', () => {
    const s = new ExprStore();
    const m = 5000,
      p = 2 * m + 1;
    const v = (i: number) => s.variable(i),
      w = (i: number) => s.variable(m + i);
    const terms = [];
    for (let i = 0; i < m; i++) {
      if (i % 97 === 0) terms.push(s.pow(v(i), s.num(3)));
      else if (i % 2) terms.push(s.mul([v(i), s.call('tanh', s.mul([s.num(0.7), w(i)]))]));
      else terms.push(s.mul([v(i), s.call('sin', w(i))]));
    }
    const sum = s.mul([s.variable(2 * m), s.add(terms)]);
    const roots: Root[] = [{ expr: sum, target: 'theta', offset: 0 }];
    for (let i = 0; i < m; i++) {
      roots.push({ expr: s.call('tanh', s.mul([s.num(0.7), w(i)])), target: 'J', offset: 2 * i });
      roots.push({ expr: s.mul([v(i), w(i), w(i)]), target: 'J', offset: 2 * i + 1 });
    }
    const program = generateProgram(roots, p, 1, 2 * m);
    const rand = mulberry32(7);
    const points = 3;
    const W = Float64Array.from({ length: points * p }, () => rand() * 2 - 1);
    const theta = new Float64Array(points),
      J = new Float64Array(points * 2 * m);
    program(W, points, theta, J);
    for (let n = 0; n < points; n++) {
      const x = W.subarray(n * p, (n + 1) * p);
      const expected = interpret(sum, x);
      assert.ok(Math.abs(theta[n] - expected) < 1e-10 * (1 + Math.abs(expected)), `${theta[n]} vs ${expected}`);
      for (const i of [0, 1, 2, 97, m - 1]) {
        assert.equal(J[n * 2 * m + 2 * i], Math.tanh(0.7 * x[m + i]));
        assert.ok(Math.abs(J[n * 2 * m + 2 * i + 1] - x[i] * x[m + i] ** 2) < 1e-15);
      }
    }
  });
});
