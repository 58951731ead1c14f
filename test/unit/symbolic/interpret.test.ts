import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ExprStore } from '../../../src/core/symbolic/expr';
import { interpret } from '../../../src/core/symbolic/interpret';

describe('interpret', () => {
  test('interpret evaluates a DAG at a point', () => {
    const s = new ExprStore();
    const x = s.variable(0),
      y = s.variable(1);
    // x^2 y + sin(y) / x at (2, 3)
    const e = s.add([s.mul([s.pow(x, s.num(2)), y]), s.div(s.call('sin', y), x)]);
    assert.equal(interpret(e, [2, 3]), 12 + Math.sin(3) / 2);
    assert.equal(interpret(s.constant('pi')), Math.PI);
  });

  test('a shared subexpression is evaluated once per call (memoised), and variables are read from the point', () => {
    const s = new ExprStore();
    const x = s.variable(0);
    // u_0 = x, u_{k+1} = u_k * u_k - 1, 60 levels: 2^60 tree nodes without memoisation.
    let e = x;
    for (let k = 0; k < 60; k++) e = s.add([s.mul([e, e]), s.num(-1)]);
    let u = 0.5;
    for (let k = 0; k < 60; k++) u = u * u - 1;
    assert.ok(Math.abs(interpret(e, [0.5]) - u) < 1e-12);
  });
});
