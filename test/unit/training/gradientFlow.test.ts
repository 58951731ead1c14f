import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dormandPrince } from '../../../src/core/training/dormandPrince';
import { gradientFlow } from '../../../src/core/training/gradientFlow';
import { assertClose, compileOk } from '../../support/model';
import { compileObjective } from '../../../src/core/objective/compileObjective';
import { deepLinearText, halfSquares, objectiveOf, specOf, squares } from '../objective/lossOf';

describe('Dormand-Prince 5(4)', () => {
  test('y′ = -y and y″ = -y to the tolerance; tighter tolerance, smaller error, more steps', () => {
    let previous = Infinity,
      steps = 0;
    for (const tol of [1e-6, 1e-9, 1e-12]) {
      const y = Float64Array.of(1, 1, 0);
      const run = dormandPrince(
        (_t, x, dx) => {
          dx[0] = -x[0];
          dx[1] = x[2];
          dx[2] = -x[1];
        },
        y,
        0,
        5,
        { rtol: tol, atol: tol },
        () => true,
      );
      assert.equal(run.status, 'done');
      assert.equal(run.t, 5);
      const err = Math.max(Math.abs(y[0] - Math.exp(-5)), Math.abs(y[1] - Math.cos(5)), Math.abs(y[2] + Math.sin(5)));
      assert.ok(err < 100 * tol, `error ${err} at tolerance ${tol}`);
      assert.ok(err < previous && run.steps > steps);
      previous = err;
      steps = run.steps;
    }
  });
});

describe('gradient flow dW/dt = -∇_W L(W)', () => {
  test('θ = w∘w, L = ½‖θ - θ*‖²: the logistic θ(t) = θ* θ_0 / (θ_0 + (θ* - θ_0) e^{-4 θ* t})', () => {
    const target = [1, 2];
    const obj = objectiveOf('param w[2]\nθ = w.^2\nat w = [1, 0.5]', halfSquares(target));
    const w0 = [0.5, 0.3],
      theta0 = w0.map((w) => w * w);
    const run = gradientFlow(obj, Float64Array.from(w0), { time: 3, rtol: 1e-10, atol: 1e-12 });
    assert.equal(run.stopped, null);
    assert.ok(run.records.length > 10);
    assert.equal(run.records[run.records.length - 1].t, 3);
    for (const r of run.records)
      r.theta.forEach((th, k) => {
        const [s, t0] = [target[k], theta0[k]];
        const exact = (s * t0) / (t0 + (s - t0) * Math.exp(-4 * s * r.t));
        assertClose(th, exact, 1e-9, 1e-8, `θ_${k} at t = ${r.t}`);
      });
    // The canonical flow dθ/dt = -(θ - θ*) from the same θ_0: θ(t) = θ* + (θ_0 - θ*) e^{-t}.
    const last = run.canonical![run.canonical!.length - 1];
    assert.equal(last.t, 3);
    last.theta.forEach((th, k) =>
      assertClose(th, target[k] + (theta0[k] - target[k]) * Math.exp(-3), 1e-9, 1e-8, 'canonical'),
    );
  });

  test('deep linear d = 3 conserves U Uᵀ - v vᵀ: the watch ‖U‖² - ‖v‖² stays constant to the tolerance', () => {
    const d = 3;
    const model = compileOk(deepLinearText(d));
    const obj = compileObjective(model, specOf(model, squares([1, -1, 2])));
    const s = model.symbolic.store;
    const sq = (j: number) => s.pow(s.variable(j), s.num(2));
    const uIdx = Array.from({ length: d * d }, (_, j) => j),
      vIdx = Array.from({ length: d }, (_, i) => d * d + i);
    const balance = s.sub(s.add(uIdx.map(sq)), s.add(vIdx.map(sq)));
    const run = gradientFlow(obj, model.points[0].values, {
      time: 20,
      rtol: 1e-10,
      atol: 1e-12,
      watches: [{ name: 'balance', expr: balance }],
    });
    assert.equal(run.stopped, null);
    const first = run.records[0],
      last = run.records[run.records.length - 1];
    assert.ok(last.loss < 1e-6 * first.loss, 'the flow converged');
    for (const r of run.records) assertClose(r.watch.balance, first.watch.balance, 1e-8, 1e-8, `balance at ${r.t}`);
    const invariant = (W: number[]) =>
      Array.from({ length: d * d }, (_, ab) => {
        const [a, b] = [Math.floor(ab / d), ab % d];
        let uu = 0;
        for (let j = 0; j < d; j++) uu += W[a * d + j] * W[b * d + j];
        return uu - W[d * d + a] * W[d * d + b];
      });
    const start = invariant(first.W);
    invariant(last.W).forEach((x, i) => assertClose(x, start[i], 1e-8, 1e-8, `(U Uᵀ - v vᵀ)[${i}]`));
    assert.ok(first.cosine! > 0, 'positive correlation of g and J Jᵀ g');
  });

  test('a finite-time blow-up (L = -θ³/3, θ = w, w_0 = 1: w(t) = 1 / (1 - t)) stops at t = 1 with a finding', () => {
    const obj = objectiveOf('param w\nθ = w\nat w = 1', (s, th) => s.mul([s.num(-1 / 3), s.pow(th(0), s.num(3))]));
    const run = gradientFlow(obj, Float64Array.of(1), { time: 2, canonical: false });
    assert.equal(run.stopped, 'stepTooSmall');
    assertClose(run.stoppedAt!, 1, 1e-6, 0);
    assert.match(run.message!, /blow-up/);
    for (const r of run.records.filter((x) => x.t < 0.99)) assertClose(r.W[0], 1 / (1 - r.t), 0, 1e-7, `w at ${r.t}`);
  });

  test('the deadline stops the flow with the records so far', () => {
    const obj = objectiveOf('param w[2]\nθ = w.^2\nat w = [1, 0.5]', halfSquares([1, 2]));
    const run = gradientFlow(obj, Float64Array.of(0.5, 0.3), { time: 1e6, deadline: Date.now() - 1, maxSteps: 1e7 });
    assert.equal(run.stopped, 'deadline');
    assert.ok(run.records.length >= 2 && run.records.every((r) => Number.isFinite(r.loss)));
  });
});
