import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAllClose, assertClose, mulberry32 } from '../../support/model';
import { deepLinearText, objectiveOf, squares, halfSquares } from './lossOf';

describe('compileObjective: L, ∇_θ L and ∇_W L = Jᵀ ∇_θ L', () => {
  test('θ = w∘w, L = ½‖θ - (1, -1)‖² at w = (1, 0.5): hand values', () => {
    const obj = objectiveOf('param w[2]\nθ = w.^2\nat w = [1, 0.5]', halfSquares([1, -1]));
    const ws = obj.workspace();
    const L = obj.at(Float64Array.of(1, 0.5), ws);
    assertClose(L, 0.5 * 1.25 ** 2);
    assertAllClose(Array.from(ws.theta), [1, 0.25]);
    assertAllClose(Array.from(ws.gradTheta), [0, 1.25]);
    // ∂L/∂w_i = 2 w_i (θ_i - θ*_i)
    assertAllClose(Array.from(ws.gradW), [0, 2 * 0.5 * 1.25]);
  });

  test('deep linear d = 3: ∇_W L against central differences of L, batch evaluation equal to the single point', () => {
    const obj = objectiveOf(deepLinearText(3), squares([1, -2, 0.5]));
    const rand = mulberry32(3);
    const n = 5,
      p = obj.p;
    const W = Float64Array.from({ length: n * p }, () => rand() * 2 - 1);
    const loss = new Float64Array(n),
      gradW = new Float64Array(n * p),
      gradTheta = new Float64Array(n * obj.q);
    obj.evaluate(W, n, loss, gradW, gradTheta);
    const ws = obj.workspace();
    for (let i = 0; i < n; i++) {
      const x = W.slice(i * p, (i + 1) * p);
      assert.equal(obj.at(x, ws), loss[i]);
      assert.deepEqual(Array.from(ws.gradW), Array.from(gradW.subarray(i * p, (i + 1) * p)));
      assert.deepEqual(Array.from(ws.gradTheta), Array.from(gradTheta.subarray(i * obj.q, (i + 1) * obj.q)));
      const one = new Float64Array(1);
      for (let j = 0; j < p; j++) {
        const h = 1e-6;
        const plus = Float64Array.from(x),
          minus = Float64Array.from(x);
        plus[j] += h;
        minus[j] -= h;
        obj.evaluate(plus, 1, one, null);
        const lp = one[0];
        obj.evaluate(minus, 1, one, null);
        assertClose(ws.gradW[j], (lp - one[0]) / (2 * h), 1e-7, 1e-7, `∂L/∂W_${j}`);
      }
    }
  });

  test('J Jᵀ = UᵀU + ‖v‖² I for w = Uᵀ v (deep linear d = 3, compact J)', () => {
    const obj = objectiveOf(deepLinearText(3), squares([0, 0, 0]));
    const d = 3,
      W = obj.model.points[0].values;
    const J = new Float64Array(obj.jRows.length);
    obj.evaluateModel(W, 1, null, J);
    const dense = new Float64Array(d * obj.p);
    obj.jRows.forEach((r, e) => (dense[r * obj.p + obj.jCols[e]] = J[e]));
    const U = (i: number, j: number) => W[i * d + j],
      v2 = [0, 1, 2].reduce((s, i) => s + W[d * d + i] ** 2, 0);
    for (let a = 0; a < d; a++)
      for (let b = 0; b < d; b++) {
        let jj = 0,
          utu = 0;
        for (let c = 0; c < obj.p; c++) jj += dense[a * obj.p + c] * dense[b * obj.p + c];
        for (let i = 0; i < d; i++) utu += U(i, a) * U(i, b);
        assertClose(jj, utu + (a === b ? v2 : 0), 1e-14, 1e-14, `(J Jᵀ)[${a}][${b}]`);
      }
  });
});
