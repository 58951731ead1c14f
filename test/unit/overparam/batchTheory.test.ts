// Ma, Bassily & Belkin's batch-size theory by hand: β, λ1, λn, m*, η*(b) and the rate for small feature matrices,
// η*(b) as the minimizer of the contraction g(η; b), and SGD's measured rate (exact in expectation for a tight frame,
// at most the guarantee otherwise).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { batchConstants, contraction, optimalStep, theoryRate } from '../../../src/core/overparam/batchTheory';
import { batchReport } from '../../../src/core/overparam/batchReport';
import { assertClose } from '../../support/model';
import { labOf, overparamExample } from './lab';

describe('batch-size theory (linear least squares)', () => {
  test('X = diag(1, 2): β = 4, H = diag(1/2, 2), m* = 4 / 1.5 + 1 = 11/3, η* and the rates by hand', () => {
    const c = batchConstants(Float64Array.of(1, 0, 0, 2), 2, 2);
    assertClose(c.beta, 4);
    assertClose(c.lambdaMax, 2);
    assertClose(c.lambdaMin, 0.5);
    assertClose(c.criticalBatch, 11 / 3);
    assertClose(optimalStep(c, 1), 1 / 4, 0, 1e-15);
    assertClose(optimalStep(c, 2), 2 / 4.5, 0, 1e-15);
    // b = 4 > m*: 2b / (β + (b-1)(λ1 + λn)) = 8 / 11.5.
    assertClose(optimalStep(c, 4), 8 / 11.5, 0, 1e-15);
    assertClose(theoryRate(c, 1), 1 - 0.5 / 4, 0, 1e-15);
    assertClose(theoryRate(c, 2), 1 - 1 / 4.5, 0, 1e-15);
    assertClose(theoryRate(c, 4), 1 - (4 * 4 * 3 * 2 * 0.5) / 11.5 ** 2, 0, 1e-15);
  });

  test('the lecture’s three equations: β = 17, λ = 22/3 and 5/3 (XᵀX = [[6, -4], [-4, 21]] / 3), m* = 4', () => {
    const lab = labOf(overparamExample('three-equations'));
    const r = batchReport(lab, { batches: [1], repeats: 1 });
    assertClose(r.beta, 17);
    assertClose(r.lambdaMax, 22 / 3, 1e-13);
    assertClose(r.lambdaMin, 5 / 3, 1e-13);
    assertClose(r.criticalBatch, 4, 1e-12);
    assert.equal(r.interpolation.interpolates, false);
  });

  test('η*(b) minimizes g(η; b) over η, and g(η*(b); b) is the stated rate, on both sides of m*', () => {
    const c = batchConstants(Float64Array.of(1, 0, 0, 2, 1, 1), 3, 2);
    for (const b of [1, 2, 3, 5, 8, 20]) {
      const eta = optimalStep(c, b);
      assertClose(contraction(c, b, eta), theoryRate(c, b), 1e-15, 1e-12, `b = ${b}`);
      for (const f of [0.9, 0.99, 1.01, 1.1])
        assert.ok(contraction(c, b, f * eta) > theoryRate(c, b), `b = ${b}: η*·${f} is worse`);
    }
  });

  test('a tight frame (H = I/2, all ‖x_i‖² = β = 1): SGD’s E‖w - w*‖² falls by exactly 1/(b+1) per step', () => {
    const lab = labOf(overparamExample('tight-frame'));
    const r = batchReport(lab, { batches: [1, 2, 3], repeats: 2000 });
    assert.equal(r.criticalBatch, Infinity, 'λ1 = λn');
    r.batches.forEach((b, i) => {
      assertClose(r.optimalStep[i], (2 * b) / (b + 1), 1e-12, 1e-12);
      assertClose(r.theoryRate[i], 1 / (b + 1), 1e-12, 1e-12);
      // The sample mean of a heavy-tailed ‖e_t‖² over 2000 runs of 7 to 5 steps: within 6%.
      assertClose(r.measuredRate[i], 1 / (b + 1), 0, 0.06, `b = ${b}`);
    });
  });

  test('p = 12 Gaussian features, n = 8: SGD at η*(b) converges at least as fast as guaranteed', () => {
    const lab = labOf(overparamExample('batch-size'));
    const r = batchReport(lab, { batches: [1, 2, 4, 8], repeats: 20 });
    assert.ok(r.interpolation.interpolates);
    assert.ok(r.criticalBatch > 1 && r.criticalBatch < 8, `m* = ${r.criticalBatch}`);
    r.batches.forEach((b, i) => {
      assert.ok(r.measuredRate[i] < 1, `b = ${b} converges`);
      assert.ok(r.measuredRate[i] <= r.theoryRate[i] + 1e-3, `b = ${b}: ${r.measuredRate[i]} vs ${r.theoryRate[i]}`);
    });
    // Larger batches, larger steps, faster per step.
    for (let i = 1; i < r.batches.length; i++) assert.ok(r.theoryRate[i] < r.theoryRate[i - 1]);
  });
});
