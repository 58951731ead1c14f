// Implicit bias by initialization scale: the minimum-ℓ1 LP and the minimum-ℓ2 solution by hand, q and Q_α's argmin
// against its optimality conditions (an independent scalar root in 2-D, the KKT form in 3-D), and the gradient flow's
// endpoint against the argmin for each α of the 2-D toy (x = (1, 0.4), y = 1).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { implicitBias } from '../../../src/core/overparam/implicitBias';
import { minimumL1 } from '../../../src/core/overparam/minimumL1';
import { q, qAlpha, qAlphaArgmin } from '../../../src/core/overparam/qAlpha';
import { assertAllClose, assertClose } from '../../support/model';
import { overparamExample } from './lab';

describe('reference solutions', () => {
  test('minimum ℓ1 by the simplex: (1, 0) for θ1 + 0.4 θ2 = 1; a 2 x 4 system by hand', () => {
    const r = minimumL1(Float64Array.of(1, 0.4), 1, 2, [1]);
    assert.ok(r.feasible);
    assertAllClose(Array.from(r.theta), [1, 0], 1e-14);
    // θ1 + θ2 + θ3 = 3 and θ3 - θ4 = 1: the cheapest is θ3 = 3, θ4 = 2 (‖θ‖₁ = 5)? No: θ3 = 1, θ1 + θ2 = 2 costs 3,
    // and any θ3 ∈ [1, 3] with θ4 = θ3 - 1 costs 3 - θ3 + θ3 + θ3 - 1 = θ3 + 2, so θ3 = 1, ‖θ‖₁ = 3.
    const s = minimumL1(Float64Array.of(1, 1, 1, 0, 0, 0, 1, -1), 2, 4, [3, 1]);
    assertClose(s.l1, 3, 1e-12);
    assertClose(s.theta[0] + s.theta[1] + s.theta[2], 3, 1e-12);
    assertClose(s.theta[2] - s.theta[3], 1, 1e-12);
    assert.equal(minimumL1(Float64Array.of(1, 1, 1, 1), 2, 2, [1, 2]).feasible, false);
  });

  test("q(z) = 2 - √(4 + z²) + z asinh(z/2): q(0) = 0, q'(z) = asinh(z/2) by central differences, Q_α scales", () => {
    assert.equal(q(0), 0);
    for (const z of [-3, -0.5, 0.2, 1, 7]) {
      const h = 1e-5;
      assertClose((q(z + h) - q(z - h)) / (2 * h), Math.asinh(z / 2), 1e-9, 0, `q'(${z})`);
    }
    // Q_α(θ) = α² Σ q(θ_i / α²).
    assertClose(qAlpha([1, -2], 0.5), 0.25 * (q(4) + q(-8)), 1e-15, 1e-14);
  });

  test('2-D: argmin Q_α on θ1 + 0.4 θ2 = 1 is θ = 2α² sinh(ν x), ν the root of 2α²(sinh ν + 0.4 sinh 0.4ν) = 1', () => {
    for (const alpha of [0.01, 0.1, 1, 3]) {
      const a2 = alpha * alpha;
      // Bisection on the scalar dual equation (monotone in ν).
      let lo = 0,
        hi = 50;
      for (let k = 0; k < 200; k++) {
        const mid = (lo + hi) / 2;
        if (2 * a2 * (Math.sinh(mid) + 0.4 * Math.sinh(0.4 * mid)) > 1) hi = mid;
        else lo = mid;
      }
      const nu = (lo + hi) / 2;
      const r = qAlphaArgmin(Float64Array.of(1, 0.4), 1, 2, [1], alpha);
      assertAllClose(Array.from(r.theta), [2 * a2 * Math.sinh(nu), 2 * a2 * Math.sinh(0.4 * nu)], 1e-12, 1e-10);
    }
  });

  test('3-D, two equations: X θ = y and asinh(θ / 2α²) lies in the row space of X (the KKT conditions)', () => {
    const X = Float64Array.of(1, 0.5, -0.3, 0.2, 1, 0.7),
      y = [1, -0.5];
    for (const alpha of [0.05, 0.5, 2]) {
      const { theta } = qAlphaArgmin(X, 2, 3, y, alpha);
      assertAllClose(
        [0, 1].map((i) => X[3 * i] * theta[0] + X[3 * i + 1] * theta[1] + X[3 * i + 2] * theta[2]),
        y,
        1e-12,
      );
      // The row space of X in R³ is orthogonal to the cross product of its rows.
      const n = [0.5 * 0.7 - -0.3 * 1, -0.3 * 0.2 - 1 * 0.7, 1 * 1 - 0.5 * 0.2];
      const g = Array.from(theta, (t) => Math.asinh(t / (2 * alpha * alpha)));
      assertClose(g[0] * n[0] + g[1] * n[1] + g[2] * n[2], 0, 1e-9, 0, `α = ${alpha}`);
    }
  });
});

describe('gradient flow on θ = u∘u - v∘v from u = v = α (examples/overparam/implicit-bias-2d)', () => {
  test('ends at argmin Q_α for every α (gap < 1e-8); small α: ℓ1 solution, large α: ℓ2 solution', () => {
    const r = implicitBias(overparamExample('implicit-bias-2d'));
    assert.deepEqual(r.alphas, [0.01, 0.1, 0.3, 1, 3]);
    assertClose(r.minL1, 1, 1e-14);
    assertAllClose(r.minL1Solution, [1, 0], 1e-14);
    assertAllClose(r.minL2Solution, [1 / 1.16, 0.4 / 1.16], 1e-14);
    assertClose(r.minL2, 1 / Math.sqrt(1.16), 1e-14);
    r.qAlphaGap.forEach((g, i) => assert.ok(g < 1e-8, `α = ${r.alphas[i]}: gap ${g}`));
    r.theta.forEach((t) => assertClose(t[0] + 0.4 * t[1], 1, 1e-9));
    // The endpoints move from the ℓ1 solution to the ℓ2 one as α grows.
    assertAllClose(r.theta[0], [1, 0], 0.01);
    assertAllClose(r.theta[4], [1 / 1.16, 0.4 / 1.16], 0.001);
    for (let i = 1; i < r.l1.length; i++) assert.ok(r.l1[i] > r.l1[i - 1], 'ℓ1 norm grows with α');
    for (let i = 1; i < r.l2.length; i++) assert.ok(r.l2[i] < r.l2[i - 1], 'ℓ2 norm falls with α');
  });
});
