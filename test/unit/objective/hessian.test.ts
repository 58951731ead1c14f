import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { blockSpectrum } from '../../../src/core/objective/blockSpectrum';
import { jacobiEigen } from '../../../src/core/objective/denseSymmetricEigen';
import { VARS, expressionArb } from '../../support/expressions';
import { assertAllClose, assertClose } from '../../support/model';
import { deepLinearText, objectiveOf, halfSquares, squares } from './lossOf';

describe('∇²_W L = Jᵀ (∇²_θ L) J + Σ_k (∂L/∂θ_k) ∇²ψ_k', () => {
  const squared = objectiveOf('param w[2]\nθ = w.^2\nat w = [1, 0.5]', halfSquares([1, -1]));

  test('θ = w∘w, θ* = (1, -1): diag(-2, 2) at 0 (escape along w[1]), diag(4, 2) at (1, 0)', () => {
    const h = squared.hessian();
    const at0 = h.at(Float64Array.of(0, 0));
    assertAllClose(Array.from(at0.dense()), [-2, 0, 0, 2]);
    const s0 = blockSpectrum(at0.loss2);
    assert.equal(s0.min, -2);
    assert.equal(s0.max, 2);
    assertAllClose(Array.from(s0.minVector).map(Math.abs), [1, 0]);
    assertAllClose(Array.from(h.at(Float64Array.of(1, 0)).dense()), [4, 0, 0, 2]);
    assert.equal(h.structure.blocks.length, 2, 'θ_i = w_i² with a separable loss: one block per parameter');
  });

  test('deep linear d = 2, L = ‖w - w*‖² at U = 0, v = 0: eigenvalues ±‖∇_θ L‖ (twice) and zeros', () => {
    const obj = objectiveOf(deepLinearText(2), squares([3, 4]));
    const at = obj.hessian().at(new Float64Array(6));
    const g = Math.hypot(...at.gradTheta);
    assertClose(g, 10);
    const s = blockSpectrum(at.loss2);
    assert.ok(s.complete);
    assertAllClose(Array.from(s.eigenvalues), [-10, -10, 0, 0, 10, 10], 1e-12);
    // The escape direction is a unit eigenvector of -10.
    const out = new Float64Array(6);
    at.loss2.apply(s.minVector, out);
    assertAllClose(
      Array.from(out),
      Array.from(s.minVector).map((x) => -10 * x),
      1e-12,
    );
  });

  test('the Hessian-vector product equals the dense Hessian times the vector (deep linear d = 3)', () => {
    const obj = objectiveOf(deepLinearText(3), squares([1, -2, 0.5]));
    const at = obj.hessian().at(obj.model.points[0].values);
    const H = at.dense(),
      p = obj.p;
    const x = Float64Array.from({ length: p }, (_, i) => Math.sin(i + 1));
    const out = new Float64Array(p);
    at.loss2.apply(x, out);
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += H[i * p + j] * x[j];
      assertClose(out[i], s, 1e-13, 1e-13);
    }
  });

  test('the Hessian agrees with central differences of ∇_W L on generated expressions', () => {
    const point = fc.tuple(...VARS.map(() => fc.double({ min: -1.2, max: 1.2, noNaN: true })));
    fc.assert(
      fc.property(expressionArb, expressionArb, point, (e1, e2, x) => {
        // L(θ) couples the two outputs and is not quadratic: both Hessian parts are exercised.
        const obj = objectiveOf(`param ${VARS.join(', ')}\nθ1 = ${e1}\nθ2 = ${e2}`, (s, th) =>
          s.add([s.mul([s.num(0.5), s.pow(th(0), s.num(2))]), s.mul([th(0), th(1)]), s.call('sin', th(1))]),
        );
        const W = Float64Array.from(x);
        const at = obj.hessian().at(W);
        fc.pre(Number.isFinite(at.loss) && Math.abs(at.loss) < 1e6 && at.gradW.every((g) => Math.abs(g) < 1e6));
        const H = at.dense();
        const hstep = 1e-5;
        const gp = new Float64Array(3),
          gm = new Float64Array(3);
        for (let j = 0; j < 3; j++) {
          const plus = Float64Array.from(W),
            minus = Float64Array.from(W);
          plus[j] += hstep;
          minus[j] -= hstep;
          obj.evaluate(plus, 1, null, gp);
          obj.evaluate(minus, 1, null, gm);
          for (let i = 0; i < 3; i++) {
            const fd = (gp[i] - gm[i]) / (2 * hstep);
            const scale = 1 + Math.abs(H[i * 3 + j]) + Math.abs(at.gradW[i]) * 1e-4;
            assert.ok(
              Math.abs(H[i * 3 + j] - fd) <= 1e-4 * scale,
              `H[${i}][${j}] of θ1 = ${e1}, θ2 = ${e2} at ${x}: symbolic ${H[i * 3 + j]}, differences ${fd}`,
            );
          }
        }
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) assert.equal(H[i * 3 + j], H[j * 3 + i]);
      }),
      { numRuns: 120, seed: 20261202 },
    );
  });
});

describe('block structure found symbolically (sub-model independence)', () => {
  test('m independent neurons θ_i = b_i tanh(a_i) with a separable loss: m blocks {a_i, b_i}', () => {
    for (const m of [3, 50]) {
      const obj = objectiveOf(
        `param a[${m}], b[${m}]\nθ_i = b_i * tanh(a_i)\nat a = 0.5, b = 1`,
        squares(Array(m).fill(1)),
      );
      const h = obj.hessian();
      assert.equal(h.structure.blocks.length, m);
      h.structure.blocks.forEach((members, i) => assert.deepEqual(Array.from(members), [i, m + i]));
      assert.equal(h.pattern()!.length, 3 * m, 'each 2 x 2 block: 3 entries on and above the diagonal');
      // Blockwise spectrum = dense spectrum.
      const at = h.at(Float64Array.from({ length: 2 * m }, (_, j) => Math.cos(j)));
      const s = blockSpectrum(at.loss2);
      assert.equal(s.denseBlocks, m);
      const full = jacobiEigen(at.dense(), 2 * m).values;
      assertAllClose(Array.from(s.eigenvalues), Array.from(full), 1e-12);
    }
  });

  test('a coupling loss joins the blocks: L = (θ_1 + θ_2 + θ_3)² gives one block', () => {
    const obj = objectiveOf('param a[3], b[3]\nθ_i = b_i * tanh(a_i)\nat a = 0.5, b = 1', (s, th) =>
      s.pow(s.add([th(0), th(1), th(2)]), s.num(2)),
    );
    assert.equal(obj.hessian().structure.blocks.length, 1);
  });

  test('two-layer tanh F_k = Σ_i b_i tanh(a_i x_k) / √m: the output Hessians have m blocks, ∇²_W L one', () => {
    const m = 40;
    const obj = objectiveOf(
      `const x = [1, -2, 0.5]\nparam a[${m}], b[${m}]\nF_k = sum(b .* tanh(a * x_k)) / sqrt(${m})\nat a = 0.3, b = 1`,
      halfSquares([0.1, 0.2, 0.3]),
    );
    const h = obj.hessian();
    assert.equal(h.outputStructure.blocks.length, m);
    assert.equal(h.structure.blocks.length, 1);
    // ∇²F_k of neuron i over (a_i, b_i): [[b x² (-2 t (1 - t²)), x (1 - t²)], [x (1 - t²), 0]] / √m, t = tanh(a_i x).
    const W = Float64Array.from({ length: 2 * m }, (_, j) => (j < m ? 0.1 * (j + 1) : 1 - 0.01 * j));
    const at = h.at(W);
    const k = 1,
      xk = -2,
      i = 7;
    const weights = Float64Array.of(0, 1, 0);
    const block = at.outputs2(weights).block(h.outputStructure.blockOf[i]);
    const t = Math.tanh(W[i] * xk),
      b = W[m + i],
      s = Math.sqrt(m);
    assertAllClose(
      Array.from(block),
      [(b * xk * xk * -2 * t * (1 - t * t)) / s, (xk * (1 - t * t)) / s, (xk * (1 - t * t)) / s, 0],
      1e-14,
    );
    void k;
    // The spectral norm of ∇²F_k blockwise equals the dense one, and Lanczos finds ∇²_W L's extremes.
    const byBlocks = blockSpectrum(at.outputs2(weights));
    assert.equal(byBlocks.blocks, m);
    const loss = blockSpectrum(at.loss2, { denseMax: 8, lanczosSteps: 2 * m });
    assert.equal(loss.lanczosBlocks, 1);
    const dense = jacobiEigen(at.dense(), 2 * m).values;
    assertClose(loss.min, dense[0], 1e-10, 1e-9);
    assertClose(loss.max, dense[2 * m - 1], 1e-10, 1e-9);
  });

  test('Lanczos with fewer steps than p finds the extremes of deep linear d = 8 (p = 72)', () => {
    const obj = objectiveOf(deepLinearText(8), squares([1, 0, -1, 2, 0.5, 0, 0, 1]));
    const at = obj.hessian().at(obj.model.points[0].values);
    const dense = jacobiEigen(at.dense(), obj.p).values;
    const s = blockSpectrum(at.loss2, { denseMax: 0, lanczosSteps: 40 });
    assert.equal(s.complete, false);
    assertClose(s.max, dense[obj.p - 1], 1e-9, 1e-9, 'λ_max');
    assertClose(s.min, dense[0], 1e-6, 1e-6, 'λ_min');
  });
});
