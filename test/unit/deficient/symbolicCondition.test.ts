import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { symbolicCondition, symbolicConditionExprs } from '../../../src/core/deficient/symbolicCondition';
import { interpret } from '../../../src/core/symbolic/interpret';
import { compileOk, evalAt } from '../../support/model';

describe('symbolicCondition', () => {
  test('squared θ = w∘w: det J = 4 w1 w2, factors w[1] and w[2]', () => {
    const m = compileOk('param w[2]\nθ_i = w_i^2');
    assert.deepEqual(symbolicCondition(m), { determinant: '4 * w[1] * w[2]', factors: ['w[1]', 'w[2]'] });
  });

  test('polar: r cos²φ + r sin²φ normalises to r', () => {
    const m = compileOk('θ1 = r * cos(φ)\nθ2 = r * sin(φ)');
    assert.deepEqual(symbolicCondition(m), { determinant: 'r', factors: ['r'] });
  });

  test('two-layer linear d = 2: det(J Jᵀ) = |v|⁴ + |v|² ‖U‖² + det(U)², one factor, equal at random points', () => {
    const m = compileOk("param U[2,2], v[2]\nw = U' * v");
    const out = symbolicConditionExprs(m);
    assert.ok(out.determinant);
    assert.equal(out.factors.length, 1);
    for (const x of [
      [0.3, -1.2, 0.7, 2, 0.5, -0.25],
      [1, 2, 3, 4, 5, 6],
    ]) {
      const [a, b, c, d, v1, v2] = x; // U11, U12, U21, U22, v1, v2
      const vv = v1 * v1 + v2 * v2;
      const expected = vv * vv + vv * (a * a + b * b + c * c + d * d) + (a * d - b * c) ** 2;
      const got = interpret(out.determinant, x);
      assert.ok(Math.abs(got - expected) <= 1e-12 * expected, `${got} vs ${expected}`);
      const { J } = evalAt(m, x);
      const g = [0, 1].map((i) => [0, 1].map((k) => J[i].reduce((s, _, j) => s + J[i][j] * J[k][j], 0)));
      assert.ok(Math.abs(g[0][0] * g[1][1] - g[0][1] * g[1][0] - expected) <= 1e-12 * expected);
    }
  });

  test('deep linear d = 4 (4 x 4 Gram of 20 parameters) is too large: rely on the numeric search', () => {
    const m = compileOk("param U[4,4], v[4]\nw = U' * v");
    const t = Date.now();
    const out = symbolicCondition(m, { maxTerms: 2000 });
    assert.equal(out.determinant, null);
    assert.deepEqual(out.factors, []);
    assert.equal(out.note, 'too large: rely on the numeric search');
    console.log(`deep linear d = 4 refused in ${Date.now() - t} ms`);
  });
});
