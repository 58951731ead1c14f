// Double descent: the minimum-norm fit against GD from zero, Belkin-Hsu-Xu's weak-features closed form against a
// seeded Monte Carlo, ridge's effect, and the random-features example's peak at the interpolation threshold p = n.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gradientDescent } from '../../../src/core/training/gradientDescent';
import { compileDataJacobian, linearFeatures } from '../../../src/core/overparam/dataJacobian';
import { doubleDescent } from '../../../src/core/overparam/doubleDescent';
import { minimumNormSolve, norm2 } from '../../../src/core/overparam/minimumNorm';
import { weakFeaturesMonteCarlo, weakFeaturesRisk } from '../../../src/core/overparam/weakFeatures';
import { assertAllClose, assertClose } from '../../support/model';
import { labOf, overparamExample } from './lab';

const DD = overparamExample('double-descent');

describe('minimum-norm least squares', () => {
  test('GD from zero on a linear model (p = 12 > n = 8 Gaussian features) converges to the pseudo-inverse solution', () => {
    const lab = labOf(overparamExample('batch-size'));
    const dj = compileDataJacobian(lab)!;
    const W0 = new Float64Array(12);
    const { DF, linear } = linearFeatures(dj, W0);
    assert.ok(linear);
    const { x: star, singularValues: S } = minimumNormSolve(DF, 8, 12, dj.targets);
    // η = 1/σ_max²: the slowest mode in the row space contracts by 1 - σ_min²/σ_max² per step.
    const eta = 1 / S[0] ** 2,
      steps = Math.ceil((40 * S[0] ** 2) / S[7] ** 2);
    const run = gradientDescent(lab.objective, W0, { lr: eta, steps, every: steps, canonical: false });
    const last = run.records[run.records.length - 1];
    // GD from 0 never leaves the row space of DF, so it ends at the interpolant of least norm, DF⁺ y.
    assertAllClose(last.W, Array.from(star), 1e-9 * norm2(star), 0, 'GD from 0 = DF⁺ y');
    assert.ok(last.loss < 1e-20);
    // Another interpolant (star + a null-space direction) has a larger norm: star is not just any solution.
    assert.ok(norm2(star) < norm2(W0.map((_, j) => star[j] + (j === 0 ? 1 : 0))));
  });

  test('ridge λ: x_λ = DFᵀ (DF DFᵀ + λ I)⁻¹ y, by a direct solve of the 2 x 2 case', () => {
    // A = [[1, 2, 0], [0, 1, 1]], b = (1, 1), λ = 0.5: A Aᵀ + λ I = [[5.5, 2], [2, 2.5]].
    const A = Float64Array.of(1, 2, 0, 0, 1, 1);
    const x = minimumNormSolve(A, 2, 3, [1, 1], { ridge: 0.5 }).x;
    const det = 5.5 * 2.5 - 4;
    const z = [(2.5 * 1 - 2 * 1) / det, (-2 * 1 + 5.5 * 1) / det];
    assertAllClose(Array.from(x), [z[0], 2 * z[0] + z[1], z[1]], 1e-15, 1e-13);
  });
});

describe('Belkin, Hsu & Xu: weak features', () => {
  // D = 50 features with β_j = 1/√D... a decaying β so ‖β_T‖ and ‖β_Tc‖ both matter; σ = 0.5, n = 20.
  const D = 50,
    n = 20,
    sigma = 0.5;
  const beta = Array.from({ length: D }, (_, j) => 1 / (1 + j) ** 0.75);
  for (const p of [5, 12, 30, 45]) {
    test(`p = ${p}: the seeded Monte Carlo matches the closed form within 4 standard errors`, () => {
      const m = { D, n, p, beta, sigma };
      const exact = weakFeaturesRisk(m);
      const mc = weakFeaturesMonteCarlo(m, 3000, 17 + p);
      assert.ok(mc.stderr < 0.03 * exact, `stderr ${mc.stderr} for ${exact}`);
      assert.ok(Math.abs(mc.mean - exact) < 4 * mc.stderr, `MC ${mc.mean} ± ${mc.stderr}, closed form ${exact}`);
    });
  }

  test('the closed form by hand: p = 5 and p = 30 of D = 6 with β = (1, …, 1), σ = 1', () => {
    const beta6 = [1, 1, 1, 1, 1, 1];
    // p = 5 ≤ n - 2: (1 + 1)(1 + 5/14).
    assertClose(weakFeaturesRisk({ D: 6, n: 20, p: 5, beta: beta6, sigma: 1 }), 2 * (1 + 5 / 14));
    assert.equal(weakFeaturesRisk({ D: 6, n: 20, p: 20, beta: beta6, sigma: 1 }), Infinity);
  });
});

describe('double descent on random Fourier features (examples/overparam/double-descent, n = 20)', () => {
  test('5 seeds: test risk, coefficient norm and 1/σ_min all peak at p = n = 20; ridge flattens the peak', () => {
    const values = [12, 16, 18, 19, 20, 21, 22, 24, 30, 40, 60];
    const argmax = (x: number[]) => values[x.indexOf(Math.max(...x))];
    const c = doubleDescent(DD, { repeats: 5, values });
    assert.equal(c.n, 20);
    assert.equal(c.sweep, 'p');
    assert.equal(argmax(c.testRisk as number[]), 20, `test risk ${c.testRisk.join(', ')}`);
    assert.equal(argmax(c.norm), 20);
    assert.equal(argmax(c.sigmaMin.map((s) => -s)), 20);
    // Past the threshold the minimum-norm fit interpolates: training risk ~ 0.
    values.forEach((p, i) => p >= 20 && assert.ok(c.trainRisk[i] < 1e-10, `train risk at p = ${p}`));
    // Ridge λ = 0.01 keeps the test risk at p = n within 10x of its value at p = 12.
    const r = doubleDescent(DD, { repeats: 5, values: [12, 20], ridge: 0.01 });
    assert.ok((r.testRisk[1] as number) < 10 * (r.testRisk[0] as number), `ridge: ${r.testRisk.join(', ')}`);
    assert.ok((r.testRisk[1] as number) < (c.testRisk[4] as number) / 100);
  });
});
