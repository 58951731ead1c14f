// compileDocument fills the contract of src/core/lossSpec.ts: the values below are derived by hand.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileDataReport,
  compileDocument,
  compileObjective,
  type CompiledModel,
  type LossSpec,
} from '../../../src/core';
import { interpret } from '../../../src/core/symbolic/interpret';
import { assertAllClose, assertClose } from '../../support/model';

function compiled(text: string, options = {}) {
  const r = compileDocument(text, options);
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity === 'error'),
    [],
    text,
  );
  return r as typeof r & { model: CompiledModel };
}

/** L, ∇_W L and ∇_θ L at W. */
function lossAt(model: CompiledModel, spec: LossSpec, W: number[]) {
  const obj = compileObjective(model, spec);
  const ws = obj.workspace();
  const L = obj.at(Float64Array.from(W), ws);
  return { L, gradW: Array.from(ws.gradW), gradTheta: Array.from(ws.gradTheta), theta: Array.from(ws.theta) };
}

const LINE = 'param a, b\nconst X = [1, 2, 3]\nconst y = [2, 4, 6]\nmodel f(x) = a * x + b\ndata X, y\nat a = 2, b = 0';

describe('the loss of a `loss` line', () => {
  test('θ_i = w_i^2, L = (θ1 - 3)² + (θ2 - 6)²: at w = (1, 2), L = 8, ∇_θ L = (-4, -4), ∇_W L = Jᵀ ∇_θ L = (-8, -16)', () => {
    const r = compiled('param w[2]\nθ_i = w_i^2\nloss = (θ[1] - 3)^2 + (θ[2] - 6)^2\nat w = [1, 2]');
    assert.equal(r.loss?.source, 'loss');
    assert.equal(r.loss?.samples, null);
    assert.equal(r.data, undefined);
    const v = lossAt(r.model, r.loss!, [1, 2]);
    assert.deepEqual([v.L, v.gradTheta, v.gradW], [8, [-4, -4], [-8, -16]]);
  });

  test('the loss may use constants, sweeps and subscripts of the outputs; its variables are output indices', () => {
    const r = compiled(
      'sweep c = 2\nconst t = [1, 1]\nparam w[2]\nθ = w * c\nloss = sum((θ - t) .^ 2) + θ_1\nat w = 0',
    );
    // θ = 2w; L(θ) = Σ (θ_k - 1)² + θ_1; at θ = (0, 0): L = 2, ∇_θ L = (-2 + 1, -2) = (-1, -2).
    assert.equal(interpret(r.loss!.loss, Float64Array.of(0, 0)), 2);
    const v = lossAt(r.model, r.loss!, [0, 0]);
    assert.deepEqual([v.L, v.gradTheta, v.gradW], [2, [-1, -2], [-2, -4]]);
  });

  test('a file with neither loss nor data has no loss', () => {
    const r = compiled('param w\nθ = w^2');
    assert.equal(r.loss, undefined);
    assert.deepEqual(r.watches, []);
  });
});

describe('data files', () => {
  test('model f(x) = a·x + b on X = (1, 2, 3), y = (2, 4, 6): the predictions are the outputs, L = ½ Σ (F_k - y_k)²', () => {
    const r = compiled(LINE);
    assert.deepEqual(
      [r.model.outputs, r.model.params],
      [
        ['f[1]', 'f[2]', 'f[3]'],
        ['a', 'b'],
      ],
    );
    const d = r.data!;
    assert.deepEqual(
      [d.n, Array.from(d.inputs), d.inputDim, Array.from(d.targets), d.predictions, d.test],
      [3, [1, 2, 3], 1, [2, 4, 6], null, null],
    );
    assert.equal(r.loss?.source, 'data');
    assert.equal(lossAt(r.model, r.loss!, [2, 0]).L, 0);
    const zero = lossAt(r.model, r.loss!, [0, 0]);
    // L = ½ (4 + 16 + 36) = 28; ∇_θ L = F - y = (-2, -4, -6); J = [x_k, 1]: ∇_W L = (-2 - 8 - 18, -12).
    assert.deepEqual([zero.L, zero.gradTheta, zero.gradW], [28, [-2, -4, -6], [-28, -12]]);
    // Per-sample losses ℓ_k = ½ (θ_k - y_k)² at θ = 0: 2, 8, 18 (they sum to L).
    assert.deepEqual(
      r.loss!.samples!.map((e) => interpret(e, Float64Array.of(0, 0, 0))),
      [2, 8, 18],
    );
  });

  test('without `param` lines the model discovers its parameters in order of appearance', () => {
    const r = compiled('const X = [1, 2]\nconst y = [0, 1]\nmodel f(x) = s * x + t\ndata X, y\nat s = 1, t = -1');
    assert.deepEqual(r.model.params, ['s', 't']);
    assert.equal(lossAt(r.model, r.loss!, [1, -1]).L, 0);
  });

  test('matrix inputs: x is a row; a test set gives the test risk mean_k (f(Xt_k) - yt_k)²', () => {
    const r = compiled(
      'param a[2]\nconst X = [[1, 0], [0, 1]]\nconst y = [1, 2]\nconst Xt = [[1, 1], [2, 0]]\nconst yt = [3, 4]\n' +
        'model f(x) = dot(a, x)\ndata X, y\ntest Xt, yt\nat a = [1, 1]',
    );
    const d = r.data!;
    assert.deepEqual([d.n, d.inputDim, Array.from(d.inputs)], [2, 2, [1, 0, 0, 1]]);
    assert.equal(d.test?.space, 'params');
    // At a = (1, 1): F = (1, 1), residuals (0, -1); test predictions (2, 2), test risk ((2-3)² + (2-4)²) / 2 = 2.5.
    const report = compileDataReport(r.model, d)(Float64Array.of(1, 1));
    assert.deepEqual(report, { predictions: [1, 1], residuals: [0, -1], testRisk: 2.5 });
    assert.equal(lossAt(r.model, r.loss!, [1, 1]).L, 0.5);
  });

  test('with outputs, the predictions are expressions of θ and DF = (dF/dθ) J', () => {
    const r = compiled(
      'param w[2]\nθ = w .^ 2\nconst X = [[1, 0], [1, 1]]\nconst y = [1, 3]\nconst Xt = [[0, 1]]\nconst yt = [5]\n' +
        'model f(x) = dot(θ, x)\ndata X, y\ntest Xt, yt\nat w = [1, 2]',
    );
    assert.deepEqual(r.model.outputs, ['θ[1]', 'θ[2]']);
    const d = r.data!;
    assert.equal(d.predictions?.length, 2);
    // F(θ) = (θ1, θ1 + θ2); at θ = (1, 4): F = (1, 5).
    assert.deepEqual(
      d.predictions!.map((e) => interpret(e, Float64Array.of(1, 4))),
      [1, 5],
    );
    // Residuals (0, 2): L = 2, ∇_θ L = 2 (1, 1), ∇_W L = diag(2, 4) (2, 2) = (4, 8).
    const v = lossAt(r.model, r.loss!, [1, 2]);
    assert.deepEqual([v.L, v.gradTheta, v.gradW], [2, [2, 2], [4, 8]]);
    assert.equal(d.test?.space, 'outputs');
    // Test prediction θ2 = 4 against 5: risk 1.
    assert.deepEqual(compileDataReport(r.model, d)(Float64Array.of(1, 2)).testRisk, 1);
  });

  test('a `loss` line replaces the default and has no per-sample losses', () => {
    const r = compiled(`${LINE}\nloss = sum((f - y) .^ 2)`);
    assert.deepEqual([r.loss?.source, r.loss?.samples], ['loss', null]);
    assert.equal(lossAt(r.model, r.loss!, [0, 0]).L, 56);
  });

  test('random data are reproducible across compiles and change with the seed', () => {
    const text = (seed: number) =>
      `seed ${seed}\nconst X[5] ~ uniform(-1, 1)\nconst n[5] ~ normal(0, 0.1)\nconst y = 2 * X + n\n` +
      'param a, b\nmodel f(x) = a * x + b\ndata X, y\nat a = 0.5, b = 0';
    const L = (seed: number) => {
      const r = compiled(text(seed));
      return [lossAt(r.model, r.loss!, [0.5, 0]).L, Array.from(r.data!.inputs)];
    };
    assert.deepEqual(L(3), L(3));
    assert.notDeepEqual(L(3), L(4));
  });
});

describe('watches', () => {
  test('scalars of the parameters; outputs stand for their ψ(W)', () => {
    const r = compiled("param U[2,2], v[2]\nw = U' * v\nwatch balance = norm(U)^2 - norm(v)^2\nwatch first = w[1]");
    assert.deepEqual(
      r.watches.map((w) => w.name),
      ['balance', 'first'],
    );
    const obj = compileObjective(r.model, { loss: r.model.symbolic.store.num(0), samples: null, source: 'loss' });
    const out = new Float64Array(2);
    obj.compileWatches(r.watches)(Float64Array.of(1, 2, 3, 4, 1, 1), out);
    // ‖U‖² = 30, ‖v‖² = 2; w = Uᵀ v = (4, 6).
    assertAllClose(Array.from(out), [28, 4], 1e-12, 1e-12);
    assertClose(out[0], 28);
  });
});
