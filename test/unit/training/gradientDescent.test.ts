import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileObjective } from '../../../src/core/objective/compileObjective';
import { gradientDescent } from '../../../src/core/training/gradientDescent';
import { assertAllClose, assertClose, compileOk } from '../../support/model';
import { deepLinearText, halfSquares, objectiveOf, specOf, squares } from '../objective/lossOf';

describe('gradient descent W_{t+1} = W_t - η ∇_W L(W_t)', () => {
  test('θ = w∘w: θ_{t+1} = θ_t (1 - 2η g_t)² with g_t = ∇_θ L(θ_t), every step', () => {
    const target = [1, -1];
    const obj = objectiveOf('param w[2]\nθ = w.^2\nat w = [1, 0.5]', halfSquares(target));
    const eta = 0.05;
    const run = gradientDescent(obj, Float64Array.of(1.3, 0.5), { lr: eta, steps: 40, every: 1 });
    assert.equal(run.stopped, null);
    assert.equal(run.records.length, 41);
    for (let t = 0; t < 40; t++) {
      const th = run.records[t].theta,
        next = run.records[t + 1].theta;
      th.forEach((x, k) =>
        assertClose(next[k], x * (1 - 2 * eta * (x - target[k])) ** 2, 1e-15, 1e-13, `θ_${k} at ${t}`),
      );
    }
  });

  test('deep linear d = 4: reproduces a plain loop of the same formula to 1e-12 (the numpy check)', () => {
    const d = 4,
      target = [1, -0.5, 0.25, 2];
    const obj = objectiveOf(deepLinearText(d), squares(target));
    const W0 = obj.model.points[0].values;
    const eta = 0.01,
      steps = 5000;
    const run = gradientDescent(obj, W0, { lr: eta, steps, every: 1000 });
    // The loop anyone would write: w = Uᵀ v, r = w - w*, ∂L/∂U_ij = 2 v_i r_j, ∂L/∂v_i = 2 Σ_j U_ij r_j.
    const U = Array.from(W0.subarray(0, d * d)),
      v = Array.from(W0.subarray(d * d));
    const snapshots: number[][] = [];
    for (let t = 0; t <= steps; t++) {
      if (t % 1000 === 0) snapshots.push([...U, ...v]);
      const r = target.map((wj, j) => U.reduce((s, _, i) => (i < d ? s + U[i * d + j] * v[i] : s), 0) - wj);
      const gU = U.map((_, ij) => 2 * v[Math.floor(ij / d)] * r[ij % d]);
      const gv = v.map((_, i) => 2 * r.reduce((s, rj, j) => s + U[i * d + j] * rj, 0));
      U.forEach((_, ij) => (U[ij] -= eta * gU[ij]));
      v.forEach((_, i) => (v[i] -= eta * gv[i]));
    }
    assert.equal(run.records.length, snapshots.length);
    run.records.forEach((rec, i) =>
      rec.W.forEach((x, j) => assertClose(x, snapshots[i][j], 1e-300, 1e-12, `W[${j}] at t = ${rec.t}`)),
    );
    assert.ok(run.records[run.records.length - 1].loss < 1e-10, 'converged');
    // The step-by-step route (θ, J, then Jᵀ ∇_θ L) gives the same trajectory.
    const stepwise = gradientDescent(obj, W0, { lr: eta, steps, every: 1000, fused: false });
    stepwise.records.forEach((rec, i) => assertAllClose(rec.W, run.records[i].W, 1e-300, 1e-12, `t = ${rec.t}`));
  });

  test('records: ‖J‖, σ_min, ‖∇_W L‖, ‖∇_θ L‖, cos(g, J Jᵀ g) and a watch, by hand for θ = w∘w', () => {
    const model = compileOk('param w[2]\nθ = w.^2\nat w = [1, 0.5]');
    const obj = compileObjective(model, specOf(model, halfSquares([1, -1])));
    const s = model.symbolic.store;
    const watches = [{ name: 'product', expr: s.mul([s.variable(0), s.variable(1)]) }];
    const run = gradientDescent(obj, Float64Array.of(2, 0.5), { lr: 0.01, steps: 1, every: 1, watches });
    const r = run.records[0];
    // θ = (4, 0.25), g = (3, 1.25), J = diag(4, 1), Jᵀg = (12, 1.25), J Jᵀ g = (48, 1.25).
    assertAllClose(r.theta, [4, 0.25]);
    assertClose(r.loss, 0.5 * (9 + 1.5625));
    assertClose(r.opNorm, 4);
    assertClose(r.sigmaMin, 1);
    assertClose(r.gradNorm, Math.hypot(12, 1.25));
    assertClose(r.canonicalGradNorm, Math.hypot(3, 1.25));
    assertClose(r.cosine!, (3 * 48 + 1.25 * 1.25) / (Math.hypot(3, 1.25) * Math.hypot(48, 1.25)));
    assert.deepEqual(r.watch, { product: 1 });
  });

  test('the canonical comparison is GD in θ from θ_0 = ψ(W_0) with the same η, at the same steps', () => {
    const target = [1, -1];
    const obj = objectiveOf('param w[2]\nθ = w.^2\nat w = [1, 0.5]', halfSquares(target));
    const run = gradientDescent(obj, Float64Array.of(1.3, 0.5), { lr: 0.1, steps: 30, every: 10 });
    const theta = [1.69, 0.25];
    const expected: number[][] = [];
    for (let t = 0; t <= 30; t++) {
      if (t % 10 === 0) expected.push([...theta]);
      theta.forEach((x, k) => (theta[k] = x - 0.1 * (x - target[k])));
    }
    assert.deepEqual(
      run.canonical!.map((c) => c.t),
      [0, 10, 20, 30],
    );
    run.canonical!.forEach((c, i) => assertAllClose(c.theta, expected[i], 1e-14));
  });

  test('divergence stops the run with a finding and the step, never NaN records', () => {
    const obj = objectiveOf('param w[2]\nθ = w.^2\nat w = [1, 0.5]', halfSquares([1, -1]));
    const run = gradientDescent(obj, Float64Array.of(1.3, 0.5), { lr: 2, steps: 1000, every: 1 });
    assert.equal(run.stopped, 'diverged');
    assert.ok(run.stoppedAt !== null && run.stoppedAt > 0 && run.stoppedAt < 20, `at ${run.stoppedAt}`);
    assert.match(run.message!, /diverged at step \d+/);
    for (const r of run.records) assert.ok(Number.isFinite(r.loss) && r.loss <= 1e12 && r.W.every(Number.isFinite));
    assert.equal(run.records.length, run.stoppedAt);
  });

  test('cancellation and the deadline stop the run cooperatively; progress streams every record', () => {
    const obj = objectiveOf(deepLinearText(2), squares([1, 1]));
    const W0 = obj.model.points[0].values;
    let polls = 0;
    const cancelled = gradientDescent(obj, W0, { lr: 0.01, steps: 100_000, every: 100, shouldStop: () => ++polls > 3 });
    assert.equal(cancelled.stopped, 'cancelled');
    assert.ok(cancelled.steps < 2000);
    const late = gradientDescent(obj, W0, { lr: 0.01, steps: 100_000, deadline: Date.now() - 1 });
    assert.equal(late.stopped, 'deadline');
    const streamed: number[] = [];
    const full = gradientDescent(obj, W0, {
      lr: 0.01,
      steps: 1000,
      every: 10,
      progressMs: 0,
      onProgress: (u) => streamed.push(...u.records.map((r) => r.t)),
    });
    assert.deepEqual(
      streamed,
      full.records.map((r) => r.t),
    );
  });
});
