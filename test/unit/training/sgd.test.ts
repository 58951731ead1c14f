import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32 } from '../../../src/core/random';
import { compileObjective } from '../../../src/core/objective/compileObjective';
import { gradientDescent } from '../../../src/core/training/gradientDescent';
import { sgd } from '../../../src/core/training/sgd';
import { assertAllClose, assertClose, compileOk } from '../../support/model';
import { dataSpec } from '../objective/lossOf';

// The lecture's three equations w1 + 2 w2 = 4, -2 w1 + w2 = 2, w1 - 4 w2 = 4 (least squares at (6/11, -2/11)),
// written through a nonlinear parameterization so J is not constant: w = (a b, c).
const text = 'param a, b, c\nθ1 = a * b + 2 * c\nθ2 = -2 * a * b + c\nθ3 = a * b - 4 * c\nat a = 1, b = 0.5, c = 0';
const y = [4, 2, 4];
const objective = () => {
  const model = compileOk(text);
  return compileObjective(model, dataSpec(model, y));
};
const W0 = Float64Array.of(1, 0.5, 0);

describe('SGD: a step averages ∇ℓ_i over its mini-batch', () => {
  test('B = n is GD on L / n (same records to rounding), and converges to the least-squares fit', () => {
    const obj = objective();
    const s = sgd(obj, W0, { lr: 0.09, steps: 3000, batch: 3, random: mulberry32(5), every: 500 });
    const g = gradientDescent(obj, W0, { lr: 0.03, steps: 3000, every: 500 });
    assert.equal(s.records.length, g.records.length);
    s.records.forEach((r, i) => assertAllClose(r.W, g.records[i].W, 1e-12, 1e-12, `t = ${r.t}`));
    const last = s.records[s.records.length - 1];
    assertAllClose([last.W[0] * last.W[1], last.W[2]], [6 / 11, -2 / 11], 1e-9);
    assert.ok(last.gradVariance! > 0.1, 'no interpolation: the per-sample gradients keep a spread');
  });

  test('momentum β = 0 is plain SGD; the same seed gives the same run, another seed another', () => {
    const obj = objective();
    const base = { lr: 0.02, steps: 400, batch: 1, every: 50 };
    const plain = sgd(obj, W0, { ...base, random: mulberry32(9) });
    const zero = sgd(obj, W0, { ...base, random: mulberry32(9), momentum: 0 });
    assert.deepEqual(zero.records, plain.records);
    const other = sgd(obj, W0, { ...base, random: mulberry32(10) });
    assert.notDeepEqual(other.records[8].W, plain.records[8].W);
    const heavy = sgd(obj, W0, { ...base, random: mulberry32(9), momentum: 0.5 });
    assert.notDeepEqual(heavy.records[8].W, plain.records[8].W);
  });

  test('one hand step each: shuffle, i.i.d. sampling, momentum and the schedule η_t = η_0 / (1 + t/τ)', () => {
    const obj = objective();
    // By hand: ∇_W ℓ_i = r_i J_i (row i of J), J_i = (c_i b, c_i a, d_i) for θ_i = c_i a b + d_i c.
    const cs = [1, -2, 1],
      ds = [2, 1, -4];
    const gradOf = (W: number[], i: number): number[] => {
      const r = cs[i] * W[0] * W[1] + ds[i] * W[2] - y[i];
      return [r * cs[i] * W[1], r * cs[i] * W[0], r * ds[i]];
    };
    // i.i.d. with B = 2: indices floor(u * 3) of the first two draws.
    const draws = mulberry32(3);
    const picks = [Math.floor(draws() * 3), Math.floor(draws() * 3)];
    const run = sgd(obj, W0, { lr: 0.1, steps: 1, batch: 2, sampling: 'iid', random: mulberry32(3), every: 1 });
    const w = Array.from(W0);
    const step = [0, 1, 2].map((j) => (gradOf(w, picks[0])[j] + gradOf(w, picks[1])[j]) / 2);
    assertAllClose(
      run.records[1].W,
      w.map((x, j) => x - 0.1 * step[j]),
      1e-15,
    );
    // Two steps with β = 0.5 and τ = 2 over a shuffled epoch with B = 1: v_1 = d_0, v_2 = β v_1 + d_1.
    const rand = mulberry32(4);
    const perm = [0, 1, 2];
    for (let i = 2; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const two = sgd(obj, W0, {
      lr: 0.1,
      steps: 2,
      batch: 1,
      momentum: 0.5,
      schedule: { tau: 2 },
      random: mulberry32(4),
      every: 1,
    });
    const d0 = gradOf(w, perm[0]);
    const w1 = w.map((x, j) => x - 0.1 * d0[j]);
    const d1 = gradOf(w1, perm[1]);
    const w2 = w1.map((x, j) => x - (0.1 / 1.5) * (0.5 * d0[j] + d1[j]));
    assertAllClose(two.records[2].W, w2, 1e-15);
  });

  test('gradVariance is the spread of the per-sample gradients (1/n) Σ ‖∇ℓ_i - mean‖² at the recorded point', () => {
    const obj = objective();
    const run = sgd(obj, W0, { lr: 0.01, steps: 0, batch: 1, random: mulberry32(1), every: 1 });
    const w = Array.from(W0);
    const cs = [1, -2, 1],
      ds = [2, 1, -4];
    const grads = [0, 1, 2].map((i) => {
      const r = cs[i] * w[0] * w[1] + ds[i] * w[2] - y[i];
      return [r * cs[i] * w[1], r * cs[i] * w[0], r * ds[i]];
    });
    const mean = [0, 1, 2].map((j) => grads.reduce((s, g) => s + g[j], 0) / 3);
    const spread = grads.reduce((s, g) => s + g.reduce((a, x, j) => a + (x - mean[j]) ** 2, 0), 0) / 3;
    assertClose(run.records[0].gradVariance!, spread, 1e-14, 1e-13);
  });
});
