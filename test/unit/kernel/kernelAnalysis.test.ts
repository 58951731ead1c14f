// The kernel lab's report (β, μ, R, GD under the bound) and the width lab (√m ‖H_f‖ → 1.2408, exact linearity of a
// linear model), and the log-log fit against a hand computation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileDocument } from '../../../src/core';
import { documentObjective, type DocumentObjective } from '../../../src/core/objective/documentObjective';
import { jacobiEigen } from '../../../src/core/objective/denseSymmetricEigen';
import { analyzeKernel } from '../../../src/core/kernel/kernelAnalysis';
import { widthLab } from '../../../src/core/kernel/widthLab';
import { logLogSlope } from '../../../src/core/kernel/slopeFit';
import { outputHessianNormsByDifferences } from '../../../src/core/kernel/hessianProducts';
import { outputHessianNorms } from '../../../src/core/objective/objectiveReport';
import { assertClose } from '../../support/model';

function labOf(text: string, sweep?: Record<string, number>): DocumentObjective {
  const r = compileDocument(text, { sweep });
  assert.ok(r.model, r.diagnostics.map((d) => d.message).join('; '));
  const lab = documentObjective(r);
  assert.ok(lab);
  return lab;
}

const X = [
  [1, 0, 2, 1, 0],
  [0, 1, 1, -1, 1],
  [1, 1, 0, 3, -1],
];
const LINEAR = `param w[5]\nconst X = ${JSON.stringify(X)}\nconst y = [1, 2, 3]\nmodel f(x) = dot(w, x)\ndata X, y\nat w = 0`;

describe('kernel lab: linear F = Xw', () => {
  const XXt = X.map((a) => X.map((b) => a.reduce((s, x, j) => s + x * b[j], 0)));
  const ev = jacobiEigen(Float64Array.from(XXt.flat()), 3).values;
  const lab = labOf(LINEAR);
  const r = analyzeKernel(lab, lab.model.points[0].values, { samples: 256 });
  assert.ok(r);

  test('μ = λ_min(X Xᵀ), β = λ_max(Xᵀ X) (= λ_max(X Xᵀ)), R = 2 √(2 β L0) / μ', () => {
    assertClose(r.mu, ev[0], 1e-12, 1e-12);
    assertClose(r.beta.beta, ev[2], 1e-10, 1e-10);
    assertClose(r.beta.bound!, ev[2], 1e-10, 1e-10); // β_F = 0: the bound is L_F² = λ_max(K)
    assertClose(r.loss, 7, 1e-15);
    assertClose(r.radius, (2 * Math.sqrt(2 * ev[2] * 7)) / ev[0], 1e-9, 1e-10);
    assert.equal(r.plStar.holds, true);
    assert.equal(r.plStar.samples, 256);
    assertClose(r.plStar.minLambda, ev[0], 1e-10, 1e-10);
    assert.equal(r.hessianNorm, 0);
    assert.match(
      r.verdict,
      /^PL\* holds on B\(w0, [0-9.]+\) by 256 samples; GD \(η = 1\/β\) converged in \d+ steps, inside/,
    );
  });

  test('GD with η = 1/β stays under (1 - η μ)^t L(w0), inside the ball, with λ_min(K) constant', () => {
    assertClose(r.gd.lr, 1 / ev[2], 1e-12, 1e-10);
    assert.ok(r.gd.steps.length > 10);
    for (const s of r.gd.steps) {
      assertClose(s.bound, (1 - ev[0] / ev[2]) ** s.t * 7, 1e-12, 1e-8);
      assert.ok(s.loss <= s.bound * (1 + 1e-12) + 1e-300, `step ${s.t}: ${s.loss} > ${s.bound}`);
      assert.ok(s.distance <= r.radius);
      assertClose(s.lambdaMin, ev[0], 1e-10, 1e-10);
    }
    assert.ok(r.gd.convergedAt !== null && r.gd.convergedAt > 0);
  });

  test("the 'notes' convention doubles μ and the PL ratio, and keeps R", () => {
    const n = analyzeKernel(lab, lab.model.points[0].values, { samples: 64, convention: 'notes' })!;
    assertClose(n.mu, 2 * ev[0], 1e-12, 1e-12);
    assertClose(n.plRatio, 2 * r.plRatio, 1e-12, 1e-12);
    assertClose(n.radius, r.radius, 1e-9, 1e-9);
    assert.match(n.muConvention, /^notes: PL\* is ‖∇L‖² ≥ μ L, μ = 2 λ_min\(K\)/);
  });

  test('p < n: the verdict says PL* cannot hold', () => {
    const under = labOf(
      'param w[2]\nconst X = [1, 2, 3]\nconst y = [1, 2, 2]\nmodel f(x) = w[1] * x + w[2]\ndata X, y\nat w = 0',
    );
    const u = analyzeKernel(under, under.model.points[0].values, { samples: 16, steps: 20 })!;
    assert.equal(u.spectrum.lambdaMin, 0);
    assert.equal(u.plStar.holds, false);
    assert.match(u.verdict, /^p = 2 < n = 3: rank K ≤ p < n, so λ_min\(K\) ≡ 0 and PL\* cannot hold/);
  });
});

describe('width lab', () => {
  test('bounded v_i = ±1, tanh at x = 1: √m ‖H_f(w0)‖ → sup_w (|c| + √(c² + 4b²))/2 = 1.2408, m blocks', () => {
    const m = 300;
    const text =
      `seed 2\nsweep m = ${m}\nparam v[m], w[m]\nconst X = [1]\nconst y = [0]\n` +
      'model f(x) = dot(v, tanh(w * x)) / sqrt(m)\ndata X, y\nat v_i = (-1)^i, w ~ normal(0, 1)';
    const lab = labOf(text);
    const r = widthLab([{ width: m, lab, W0: lab.model.points[0].values }], { steps: 0 });
    // b = sech²(w), c = -2 tanh(w) sech²(w): the 2 x 2 block [[0, b], [b, v c]] / √m; its sup is at |w| = 0.4157.
    assertClose(Math.sqrt(m) * r.hessianNorm[0], 1.2408064788, 3e-3, 0);
    assert.equal(r.blocks[0], m);
    assert.deepEqual([r.distance[0], r.kernelChange[0], r.linearizationError[0]], [null, null, null]);
    // ‖∇f‖² = K_11 = (1/m) Σ (tanh² w_i + sech⁴ w_i) at x = 1.
    const W = lab.model.points[0].values;
    let k11 = 0;
    for (let i = 0; i < m; i++) k11 += (Math.tanh(W[m + i]) ** 2 + 1 / Math.cosh(W[m + i]) ** 4) / m;
    assertClose(r.gradNorm[0], Math.sqrt(k11), 1e-12, 1e-12);
  });

  test('a linear model is its own linearization: error 0, kernel change 0, ‖H_f‖ = 0', () => {
    const lab = labOf(LINEAR);
    const r = widthLab([{ width: 5, lab, W0: lab.model.points[0].values }], { steps: 50 });
    assert.equal(r.hessianNorm[0], 0);
    assert.ok(r.linearizationError[0]! < 1e-12);
    assert.ok(r.kernelChange[0]! < 1e-14);
    assert.ok(r.distance[0]! > 0.1);
  });

  test('log-log slope: exact power law; a three-point case computed by hand', () => {
    const exact = logLogSlope(
      [10, 30, 100, 300],
      [10, 30, 100, 300].map((m) => 3 / Math.sqrt(m)),
    );
    assertClose(exact.value, -0.5, 1e-12);
    assertClose(exact.high! - exact.low!, 0, 1e-10);
    // log x = 0, 1, 2 and log y = 0, 1, 1: slope 1/2, RSS 1/6, se = √((1/6) / 1 / 2), t_{0.975,1} = 12.706.
    const e = Math.E;
    const fit = logLogSlope([1, e, e * e], [1, e, e]);
    assertClose(fit.value, 0.5, 1e-12);
    assertClose(fit.high! - fit.value, 12.706 * Math.sqrt(1 / 12), 1e-9);
    assert.equal(logLogSlope([1, 2, 3], [1, 0, -1]).points, 1);
  });
});

describe('output Hessian norms by central differences of J', () => {
  test('agree with the symbolic block route on a two-layer tanh network to 1e-6', () => {
    const m = 12;
    const lab = labOf(
      `seed 4\nparam v[${m}], w[${m}]\nconst X = [0.3, 1, 1.7]\nconst y = [0, 0, 0]\n` +
        `model g(x) = sigmoid(dot(v, tanh(w * x)) / sqrt(${m}))\ndata X, y\nat v ~ normal(0, 1), w ~ normal(0, 1)`,
    );
    const W = lab.model.points[0].values;
    const exact = outputHessianNorms(lab.objective.hessian().at(W), 3);
    const fd = outputHessianNormsByDifferences(lab.objective, W, 3);
    for (let k = 0; k < 3; k++) assertClose(fd[k], exact[k], 1e-6, 1e-6, `output ${k}`);
    assert.ok(exact[0] > 0.01);
  });
});
