import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataSpec } from '../../../src/core/lossSpec';
import { compileObjective } from '../../../src/core/objective/compileObjective';
import { compileDataReport } from '../../../src/core/objective/dataReport';
import { objectiveAtPoint, outputHessianNorms } from '../../../src/core/objective/objectiveReport';
import { substitute } from '../../../src/core/symbolic/substitute';
import { interpret } from '../../../src/core/symbolic/interpret';
import { assertAllClose, assertClose, compileOk } from '../../support/model';
import { dataSpec, halfSquares, objectiveOf } from './lossOf';

describe('objectiveAtPoint: what analyze reports', () => {
  test('θ = w∘w, θ* = (1, -1) at w = (0, 0): a ghost saddle, escape along w[1]', () => {
    const obj = objectiveOf('param w[2]\nθ = w.^2\nat w = [1, 0.5]', halfSquares([1, -1]));
    const r = objectiveAtPoint(obj, Float64Array.of(0, 0));
    assert.equal(r.loss, 1);
    assert.deepEqual(r.gradient, [0, 0]);
    assert.deepEqual(r.canonicalGradient, [-1, 1]);
    assert.deepEqual(r.hessianEigenvalues, [-2, 2]);
    assert.equal(r.hessianComplete, true);
    assert.equal(r.hessianBlocks, 2);
    assert.deepEqual(r.escapeDirection!.map(Math.abs), [1, 0]);
    assert.equal(objectiveAtPoint(obj, Float64Array.of(1, 0)).escapeDirection, null, 'a ghost minimum: no escape');
  });
});

describe('outputHessianNorms: ‖∇²f(x_k)‖ blockwise', () => {
  test('F_k = Σ_i v_i tanh(a_i x_k): each 2 x 2 block [[v x² tanh″, x tanh′], [x tanh′, 0]], norm |α|/2 + √(α²/4 + β²)', () => {
    const xs = [1, -0.5];
    const obj = objectiveOf(
      `const x = [1, -0.5]\nparam a[3], v[3]\nF_k = sum(v .* tanh(a * x_k))\nat a = 0.1, v = 1`,
      halfSquares([0, 0]),
    );
    const W = Float64Array.of(0.3, -0.7, 1.1, 1, -2, 0.5);
    const point = obj.hessian().at(W);
    const norms = outputHessianNorms(point, 2);
    xs.forEach((x, k) => {
      let best = 0;
      for (let i = 0; i < 3; i++) {
        const t = Math.tanh(W[i] * x);
        const alpha = W[3 + i] * x * x * -2 * t * (1 - t * t),
          beta = x * (1 - t * t);
        best = Math.max(best, Math.abs(alpha) / 2 + Math.sqrt((alpha * alpha) / 4 + beta * beta));
      }
      assertClose(norms[k], best, 1e-14, 1e-13, `‖∇²F_${k}‖`);
    });
    assert.equal(obj.hessian().outputStructure.blocks.length, 3);
  });
});

describe('compileDataReport: predictions, residuals, test risk', () => {
  test('the three equations as the outputs, a test point in parameter space', () => {
    const model = compileOk('param w[2]\nθ1 = w[1] + 2 * w[2]\nθ2 = -2 * w[1] + w[2]\nθ3 = w[1] - 4 * w[2]');
    const y = [4, 2, 4];
    const s = model.symbolic.store;
    const data: DataSpec = {
      n: 3,
      inputs: Float64Array.of(0, 1, 2),
      inputDim: 1,
      targets: Float64Array.from(y),
      predictions: null,
      test: { predictions: [s.add([s.variable(0), s.variable(1)])], space: 'params', targets: Float64Array.of(1) },
    };
    const report = compileDataReport(model, data)(Float64Array.of(6 / 11, -2 / 11));
    assertAllClose(report.predictions, [2 / 11, -14 / 11, 14 / 11]);
    assertAllClose(report.residuals, [2 / 11 - 4, -14 / 11 - 2, 14 / 11 - 4]);
    assertClose(report.testRisk!, (4 / 11 - 1) ** 2);
    // The least-squares point is where ∇_W L = 0 for the data loss.
    const obj = compileObjective(model, dataSpec(model, y));
    const ws = obj.workspace();
    obj.at(Float64Array.of(6 / 11, -2 / 11), ws);
    assertAllClose(Array.from(ws.gradW), [0, 0], 1e-14);
  });
});

describe('substitute', () => {
  test('∇_θ L at θ = ψ(W) equals ∇_θ L evaluated at the numbers θ = ψ(W)', () => {
    const model = compileOk('param a, b\nθ1 = a * b\nθ2 = sin(a) + b^2');
    const s = model.symbolic.store;
    const L = s.add([s.pow(s.variable(0), s.num(3)), s.mul([s.variable(0), s.call('exp', s.variable(1))])]);
    const inW = substitute(s, L, (k) => model.symbolic.outputs[k]);
    const W = [0.7, -1.3];
    const theta = model.symbolic.outputs.map((e) => interpret(e, W));
    assertClose(interpret(inW, W), interpret(L, theta), 1e-15, 1e-15);
  });
});
