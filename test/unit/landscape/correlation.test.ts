// The blog's claims as numbers: the Kantorovich bound on cos(g, M g), the largest stable step 2 / λmax, and the
// plateau a GD trajectory makes at a ghost saddle, each against a closed form or a plain loop written here.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileDocument } from '../../../src/core';
import { documentObjective } from '../../../src/core/objective/documentObjective';
import { drawStream } from '../../../src/core/random';
import { gradientDescent } from '../../../src/core/training/gradientDescent';
import {
  correlationBound,
  cosine,
  largestStableStep,
  preconditioner,
  preconditionerBound,
} from '../../../src/core/landscape/correlation';
import { detectPlateaus } from '../../../src/core/landscape/plateau';
import { assertAllClose, assertClose } from '../../support/model';

const objectiveOf = (text: string) => documentObjective(compileDocument(text))!.objective;

describe('positive correlation: cos(g, J Jᵀ g) ≥ 2√(λmin λmax)/(λmin + λmax)', () => {
  test('closed form: M = diag(1, 4, 9) gives 0.6, attained at g = (3, 0, 1) = √λmax e1 + √λmin e3', () => {
    assertClose(correlationBound(1, 9), 0.6, 1e-15);
    assertClose(cosine([3, 0, 1], [3, 0, 9])!, 0.6, 1e-15);
    const r = preconditionerBound([1, 0, 0, 0, 2, 0, 0, 0, 3], 3, 3);
    assertAllClose([r.bound, r.lambdaMin, r.lambdaMax], [0.6, 1, 9], 1e-14);
    assertClose(correlationBound(2, 2), 1, 1e-15);
  });

  test('a singular M (J of rank 1) has only cos ≥ 0: the bound is 0', () => {
    assert.equal(preconditionerBound([1, 2, 2, 4], 2, 2).bound, 0);
    assert.equal(correlationBound(0, 3), 0);
  });

  test('holds on 2000 seeded random J (q x p, p ≥ q) and g, and is tight along M’s extreme eigenvectors', () => {
    const s = drawStream(11, 'correlation');
    let tightest = Infinity;
    for (let trial = 0; trial < 2000; trial++) {
      const q = 1 + Math.floor(s.uniform() * 5),
        p = q + Math.floor(s.uniform() * 4);
      const J = Array.from({ length: q * p }, () => s.normal());
      const g = Array.from({ length: q }, () => s.normal());
      const M = preconditioner(J, q, p);
      const Mg = g.map((_, i) => g.reduce((acc, gk, k) => acc + M[i * q + k] * gk, 0));
      const { bound } = preconditionerBound(J, q, p);
      const c = cosine(g, Mg)!;
      assert.ok(c >= bound - 1e-12, `trial ${trial}: cos ${c} < bound ${bound}`);
      assert.ok(bound > 0 && bound <= 1 + 1e-15, `trial ${trial}: M is positive definite, bound ${bound}`);
      tightest = Math.min(tightest, c - bound);
    }
    assert.ok(tightest >= -1e-12 && tightest < 0.05, `some random g comes near the bound (${tightest})`);
  });

  test('along a GD trajectory of deep linear d = 2 every recorded cosine is ≥ the bound of J(W) there', () => {
    const obj = objectiveOf("param U[2,2], v[2]\nw = U' * v\nloss = (w[1] - 1)^2 + (w[2] + 1)^2\nat U = 0, v = 0");
    const run = gradientDescent(obj, Float64Array.of(0.3, -0.2, 0.1, 0.5, 0.4, -0.6), {
      lr: 0.02,
      steps: 600,
      every: 20,
    });
    assert.ok(run.records.length > 20);
    for (const r of run.records) {
      const J = new Float64Array(2 * 6);
      obj.model.evaluate(Float64Array.from(r.W), 1, null, J);
      const { bound } = preconditionerBound(J, 2, 6);
      assert.ok(bound > 0);
      assert.ok(r.cosine! >= bound - 1e-12, `t = ${r.t}: cos ${r.cosine} < ${bound}`);
    }
  });
});

describe('the largest stable step 2 / λmax(∇²_W L)', () => {
  const obj = objectiveOf('param w[2]\nθ = w\nloss = (θ[1]^2 + 4 * θ[2]^2) / 2\nat w = [1, 1]');

  test('θ = w, L = ½ (θ1² + 4 θ2²): 2 / 4 = 0.5; GD converges just below it and diverges just above', () => {
    assertClose(largestStableStep(obj, Float64Array.of(1, 1))!, 0.5, 1e-15);
    const below = gradientDescent(obj, Float64Array.of(1, 1), { lr: 0.49, steps: 2000, canonical: false });
    const above = gradientDescent(obj, Float64Array.of(1, 1), { lr: 0.51, steps: 2000, canonical: false });
    assert.equal(below.stopped, null);
    assert.ok(below.records[below.records.length - 1].loss < 1e-30);
    assert.equal(above.stopped, 'diverged');
  });

  test('θ = w∘w at the ghost minimum (1, 0): ∇²_W L = diag(4, 2), so 0.5; null where λmax ≤ 0', () => {
    const sq = objectiveOf('param w[2]\nθ = w .^ 2\nloss = ((θ[1] - 1)^2 + (θ[2] + 1)^2) / 2\nat w = [1, 1]');
    assertClose(largestStableStep(sq, Float64Array.of(1, 0))!, 0.5, 1e-15);
    const max = objectiveOf('param w[2]\nθ = w\nloss = -(θ[1]^2 + θ[2]^2)\nat w = [1, 1]');
    assert.equal(largestStableStep(max, Float64Array.of(0, 0)), null);
  });
});

describe('plateaus at a ghost saddle: θ = w∘w, L = ½‖θ - (1, -1)‖², GD from near w = (0, 0)', () => {
  const obj = objectiveOf('param w[2]\nθ = w .^ 2\nloss = ((θ[1] - 1)^2 + (θ[2] + 1)^2) / 2\nat w = [1, 1]');
  const eta = 0.01,
    steps = 1500;
  const run = gradientDescent(obj, Float64Array.of(1e-4, 1e-4), { lr: eta, steps, every: 1, canonical: false });
  // The plain loop: ∇_W L = (2 w1 (w1² - 1), 2 w2 (w2² + 1)), ∇_θ L = (w1² - 1, w2² + 1); stalled while
  // ‖∇_W L‖ ≤ 0.01 ‖∇_θ L‖.
  const stalledSteps: number[] = [];
  let w1 = 1e-4,
    w2 = 1e-4;
  for (let t = 0; t <= steps; t++) {
    const gW = Math.hypot(2 * w1 * (w1 * w1 - 1), 2 * w2 * (w2 * w2 + 1)),
      gT = Math.hypot(w1 * w1 - 1, w2 * w2 + 1);
    if (gW <= 0.01 * gT) stalledSteps.push(t);
    [w1, w2] = [w1 - eta * 2 * w1 * (w1 * w1 - 1), w2 - eta * 2 * w2 * (w2 * w2 + 1)];
  }
  const plateaus = detectPlateaus(run);

  test('the stall at the ghost saddle: from t = 0, as long as the plain loop says (about ln(70.7) / ln(1.02) steps)', () => {
    const firstRun = stalledSteps.findIndex((t, i) => t !== i);
    const saddleSteps = firstRun < 0 ? stalledSteps.length : firstRun;
    const first = plateaus[0];
    assert.deepEqual([first.start, first.length, first.escaped], [0, saddleSteps, true]);
    // Linearised: w1 grows by (1 + 2η) per step from 1e-4 until 2 w1 / √2 = 0.01, i.e. w1 = 0.00707.
    assert.ok(
      Math.abs(saddleSteps - Math.log(0.01 / Math.SQRT2 / 1e-4) / Math.log(1 + 2 * eta)) < 3,
      String(saddleSteps),
    );
    assertAllClose(first.W, [1e-4, 0], 1e-4);
    assertClose(first.canonicalGradNorm, Math.SQRT2, 1e-6);
    assert.ok(Math.abs(first.lossChange) < 1e-4);
  });

  test('then the ghost minimum (1, 0), where it stays: a stall that never ends, with ∇_θ L = (0, 1)', () => {
    assert.equal(plateaus.length, 2);
    const second = plateaus[1];
    assert.equal(second.escaped, false);
    assert.equal(second.end, steps);
    assert.equal(
      second.start,
      stalledSteps.find((t, i) => i > 0 && t !== stalledSteps[i - 1] + 1),
    );
    assertAllClose(second.W, [1, 0], 1e-9);
    assertClose(second.canonicalGradNorm, 1, 1e-9);
  });

  test('a trajectory to a canonical minimum has no plateau (∇_W L and ∇_θ L vanish together)', () => {
    const reg = objectiveOf('param w[2]\nθ = w\nloss = (θ[1] - 1)^2 + (θ[2] + 1)^2\nat w = [0, 0]');
    assert.deepEqual(
      detectPlateaus(gradientDescent(reg, Float64Array.of(0, 0), { lr: 0.1, steps: 500, every: 1 })),
      [],
    );
  });
});
