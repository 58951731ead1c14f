// The lecture's three equations w1 + 2 w2 = 4, -2 w1 + w2 = 2, w1 - 4 w2 = 4: least squares at (6/11, -2/11) with
// residuals (-42, -36, -30)/11 (Xᵀ r = 0 by hand), no exact fit; any two of them, or the three with an intercept,
// interpolate. SGD with a constant step: a √η hover and a variance floor against exponential convergence.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileDataJacobian } from '../../../src/core/overparam/dataJacobian';
import { findInterpolation, INTERPOLATION_LOSS } from '../../../src/core/overparam/interpolation';
import { sgdTail } from '../../../src/core/overparam/sgdTail';
import { assertAllClose, assertClose } from '../../support/model';
import { labOf, overparamExample } from './lab';

const three = () => labOf(overparamExample('three-equations'));
const LS = [6 / 11, -2 / 11];

describe('interpolation: can the data be fit exactly?', () => {
  test('three equations, two unknowns: the least-squares point (6/11, -2/11), L = 1980/121, no exact fit', () => {
    const lab = three();
    const r = findInterpolation(compileDataJacobian(lab)!, lab.model.points[0].values);
    assertAllClose(Array.from(r.W), LS, 1e-14, 1e-13);
    assertClose(r.loss, 1980 / 121, 1e-12, 1e-13, 'L = ½ (42² + 36² + 30²) / 121');
    assert.equal(r.interpolates, false);
    assert.equal(r.regime, 'under-parameterized');
    assert.equal(r.rank, 2);
    assert.match(r.words, /p = 2 parameters, n = 3 equations \(under-parameterized\)/);
  });

  test('two of the equations interpolate at (0, 2); with an intercept the three do at (2/3, 0, 10/3)', () => {
    for (const [name, solution, regime] of [
      ['two-equations', [0, 2], 'square'],
      ['three-equations-three-unknowns', [2 / 3, 0, 10 / 3], 'square'],
    ] as const) {
      const lab = labOf(overparamExample(name));
      const r = findInterpolation(compileDataJacobian(lab)!, lab.model.points[0].values);
      assert.ok(r.interpolates && r.loss < INTERPOLATION_LOSS, `${name}: L = ${r.loss}`);
      assertAllClose(Array.from(r.W), [...solution], 1e-12, 1e-12, name);
      assert.equal(r.regime, regime);
    }
  });

  test('a nonlinear over-parameterized model θ_k = a_k b_k fits 2 equations in 4 parameters by Gauss-Newton', () => {
    const text = [
      'param a[2], b[2]',
      'θ = a .* b',
      'const X = [[1, 2], [-2, 1]]',
      'const y = [4, 2]',
      'model f(x) = dot(θ, x)',
      'data X, y',
      'at a = [1, 1], b = [0.5, 0.5]',
    ].join('\n');
    const lab = labOf(text);
    const r = findInterpolation(compileDataJacobian(lab)!, lab.model.points[0].values);
    assert.ok(r.interpolates, `L = ${r.loss}`);
    assert.equal(r.regime, 'over-parameterized');
    // θ = a ∘ b solves the two equations: θ = (0, 2).
    assertAllClose([r.W[0] * r.W[2], r.W[1] * r.W[3]], [0, 2], 1e-6);
  });
});

describe('SGD with a constant step: the lecture’s automatic variance reduction', () => {
  test('no interpolation: SGD hovers around (6/11, -2/11) at a distance ~ √η and never settles', () => {
    const lab = three();
    const W0 = lab.model.points[0].values;
    const eta = [0.008, 0.002],
      steps = 400_000;
    const runs = eta.map((lr) => sgdTail(lab.objective, W0, LS, { lr, steps, seed: 11, tail: 0.75 }));
    for (const r of runs) {
      assert.equal(r.run.stopped, null);
      // Never settles: the tail's smallest distance is still far from 0.
      const tail = r.distance.slice(r.distance.length / 4);
      assert.ok(Math.min(...tail) > 1e-4, `min tail distance ${Math.min(...tail)}`);
    }
    const ratio = runs[0].meanDistance / runs[1].meanDistance;
    // √(0.008 / 0.002) = 2 with batches drawn with replacement; the tail mean of a stationary process, ±12%.
    assert.ok(Math.abs(ratio - 2) < 0.24, `distance ratio ${ratio} for an η ratio of 4`);
    // The variance floor: at the least-squares point ∇L = 0, so the spread is (1/n) Σ r_i² ‖x_i‖² = 10200/121.
    for (const r of runs) assertClose(r.meanVariance, 10200 / 121, 0, 0.05, 'gradVariance floor');
  });

  test('interpolation: with the same step SGD converges exponentially and the variance goes to 0 with L', () => {
    for (const [name, solution] of [
      ['two-equations', [0, 2]],
      ['three-equations-three-unknowns', [2 / 3, 0, 10 / 3]],
    ] as const) {
      const lab = labOf(overparamExample(name));
      const r = sgdTail(lab.objective, lab.model.points[0].values, solution, {
        lr: 0.008,
        steps: 20_000,
        seed: 11,
        every: 10,
      });
      assert.ok(r.final < 1e-12, `${name}: final distance ${r.final}`);
      // Exponential: above rounding, log ‖W_t - W*‖ falls at the same rate (decades per 1000 steps) in both halves.
      const above = r.distance.findIndex((d) => d < 1e-12);
      const half = Math.floor(above / 2);
      const slope = (i: number, j: number) =>
        ((Math.log10(r.distance[i]) - Math.log10(r.distance[j])) * 1000) / (r.t[j] - r.t[i]);
      const s1 = slope(0, half),
        s2 = slope(half, above);
      assert.ok(above > 10 && s1 > 1 && Math.abs(s1 - s2) < 0.5 * Math.max(s1, s2), `${name}: ${s1}, ${s2}`);
      // E‖∇ℓ_i‖² ≤ 2 β L / n bounds the spread (β = max ‖x_i‖²), so it vanishes with the loss.
      const X = lab.data!.inputs,
        dim = lab.data!.inputDim,
        n = lab.data!.n;
      const beta = Math.max(
        ...Array.from({ length: n }, (_, i) => X.slice(i * dim, (i + 1) * dim).reduce((s, v) => s + v * v, 0)),
      );
      r.gradVariance.forEach((v, i) => assert.ok(v <= (2 * beta * r.loss[i]) / n + 1e-300, `${name} at ${r.t[i]}`));
      assert.ok(r.gradVariance[r.gradVariance.length - 1] < 1e-20);
    }
  });
});
