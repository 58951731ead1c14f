// `analyze` on files with a loss: L, ∇_W L, ∇_θ L and the Hessian's eigenvalues per point, and predictions,
// residuals and test risk for data files, against values derived by hand.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/core';

const close = (a: readonly number[] | undefined, b: readonly number[], tol = 1e-12) => {
  assert.ok(a, 'present');
  assert.equal(a.length, b.length);
  a.forEach((x, i) => assert.ok(Math.abs(x - b[i]) <= tol * Math.max(1, Math.abs(b[i])), `[${i}] ${x} vs ${b[i]}`));
};

describe('analyze with a loss', () => {
  test('θ = w∘w, L = ½‖θ - (1, -1)‖²: the ghost saddle at 0 and the ghost minimum at (1, 0)', () => {
    const r = analyze(
      'param w[2]\nθ_i = w_i^2\nloss = ((θ[1] - 1)^2 + (θ[2] + 1)^2) / 2\nat w = [0, 0]\nat w = [1, 0]\nat w = [0.5, 2]',
    );
    assert.deepEqual(
      r.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    const [origin, ghost, other] = r.points;
    assert.equal(origin.loss, 1);
    close(origin.gradient, [0, 0]);
    close(origin.canonicalGradient, [-1, 1]);
    // ∇²_W L = Jᵀ J + Σ_k g_k ∇²ψ_k = 0 + diag(2 g_1, 2 g_2) = diag(-2, 2).
    close(origin.hessianEigenvalues, [-2, 2]);
    assert.equal(origin.hessianComplete, true);
    close(ghost.canonicalGradient, [0, 1]);
    close(ghost.gradient, [0, 0]);
    close(ghost.hessianEigenvalues, [2, 4]);
    // At w = (0.5, 2): θ = (0.25, 4), g = (-0.75, 5), ∇_W L = 2 w ∘ g = (-0.75, 20).
    assert.equal(other.loss, 0.5 * (0.75 ** 2 + 25));
    close(other.gradient, [-0.75, 20]);
    // Diagonal Hessian: 4 w_k² + 2 g_k = (1 - 1.5, 16 + 10).
    close(other.hessianEigenvalues, [-0.5, 26]);
    assert.equal(origin.predictions, undefined);
  });

  test('a data file: predictions, residuals, test risk and the Gauss-Newton Hessian of a line fit', () => {
    const r = analyze(
      [
        'param a, b',
        'const X = [0, 1, 2, 3]',
        'const y = [1, 3, 5, 7]',
        'const Xt = [4]',
        'const yt = [9]',
        'model f(x) = a * x + b',
        'data X, y',
        'test Xt, yt',
        'at a = 0, b = 0',
        'at a = 2, b = 1',
      ].join('\n'),
    );
    assert.deepEqual(
      r.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    const [zero, fit] = r.points;
    close(zero.predictions, [0, 0, 0, 0]);
    close(zero.residuals, [-1, -3, -5, -7]);
    assert.equal(zero.loss, 42);
    close(zero.gradient, [-34, -16]);
    assert.equal(zero.testRisk, 81);
    // H = [[Σ x², Σ x], [Σ x, n]] = [[14, 6], [6, 4]]: eigenvalues 9 ∓ √61.
    close(zero.hessianEigenvalues, [9 - Math.sqrt(61), 9 + Math.sqrt(61)]);
    assert.equal(fit.loss, 0);
    close(fit.residuals, [0, 0, 0, 0]);
    assert.equal(fit.testRisk, 0);
  });

  test('a sweep value and a seed pick what is analysed', () => {
    const text = 'sweep m = 2, 3\nparam w[m]\nconst a[m] ~ normal(0, 1)\nθ_i = w_i * a[i]\nloss = sum(θ)^2\nat w_i = 1';
    const two = analyze(text),
      three = analyze(text, { sweep: { m: 3 } });
    assert.equal(two.params.length, 2);
    assert.equal(three.params.length, 3);
    const s1 = analyze(text, { seed: 1 }).points[0].theta,
      s2 = analyze(text, { seed: 2 }).points[0].theta;
    assert.notDeepEqual(s1, s2);
    // L = (Σ a_i)² at w = 1, so ∇_θ L = 2 Σ a_i in every coordinate.
    const p = three.points[0];
    const sum = p.theta.reduce((x, y) => x + y, 0);
    assert.ok(Math.abs(p.loss! - sum * sum) < 1e-12);
    close(p.canonicalGradient, [2 * sum, 2 * sum, 2 * sum]);
  });
});
