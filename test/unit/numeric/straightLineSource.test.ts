import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { straightLineSource } from '../../../src/core/numeric/codegen';
import { interpret } from '../../../src/core/symbolic/interpret';
import { compileOk, assertClose } from '../../support/model';

describe('straightLineSource', () => {
  test('shared subexpressions become temporaries once; every value matches the interpreter', () => {
    const m = compileOk(
      'param x, y\nf1 = tanh(x * y) + (x * y)^2\nf2 = softplus(x * y) * sqrt(1 + y^2)\nf3 = x^-1 + y^0.5',
    );
    const exprs = m.symbolic.outputs;
    const { statements, values } = straightLineSource(exprs, (k) => `v[${k}]`);
    assert.ok(
      statements.some((st) => st.includes('(v[0] * v[1])')),
      'x y is computed once',
    );
    assert.equal(statements.filter((st) => st.includes('(v[0] * v[1])')).length, 1);
    const sp = (a: number) => (a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a)));
    const run = new Function('v', 'sp', `${statements.join('\n')}\nreturn [${values.join(', ')}];`) as (
      v: number[],
      s: typeof sp,
    ) => number[];
    const at = [0.8, 1.7];
    run(at, sp).forEach((x, i) => assertClose(x, interpret(exprs[i], at), 1e-15, 1e-14, `f${i + 1}`));
  });
});
