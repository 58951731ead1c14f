// The tangent kernel K = DF DFᵀ against the closed forms, the PL* convention, and the ball's sampling law.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileDocument } from '../../../src/core';
import { documentObjective, type DocumentObjective } from '../../../src/core/objective/documentObjective';
import { jacobiEigen } from '../../../src/core/objective/denseSymmetricEigen';
import { compileTangentKernel, type TangentKernel } from '../../../src/core/kernel/tangentKernel';
import { muOf, plRatio } from '../../../src/core/kernel/plConvention';
import { ballPoints } from '../../../src/core/kernel/ballCheck';
import { assertClose } from '../../support/model';

function labOf(text: string, sweep?: Record<string, number>): DocumentObjective {
  const r = compileDocument(text, { sweep });
  assert.ok(r.model, r.diagnostics.map((d) => d.message).join('; '));
  const lab = documentObjective(r);
  assert.ok(lab);
  return lab;
}
function kernelOf(lab: DocumentObjective): TangentKernel {
  const k = compileTangentKernel(lab);
  assert.ok(k);
  return k;
}
/** A B Aᵀ-like product: rows of A against rows of B with weights d (Σ_j A_kj d_j B_lj). */
function weightedGram(A: number[][], d: number[]): number[][] {
  return A.map((a) => A.map((b) => a.reduce((s, x, j) => s + x * d[j] * b[j], 0)));
}
function assertMatrix(K: Float64Array, expected: number[][], abs = 1e-12): void {
  const n = expected.length;
  for (let k = 0; k < n; k++)
    for (let l = 0; l < n; l++) assertClose(K[k * n + l], expected[k][l], abs, 1e-12, `K[${k}][${l}]`);
}

const X = [
  [1, 0, 2, 1],
  [0, 1, 1, -1],
  [1, 1, 0, 3],
];
const xText = `const X = ${JSON.stringify(X)}\nconst y = [1, 2, 3]`;

describe('tangent kernel K = DF DFᵀ: closed forms', () => {
  test('linear F = Xw: K = X Xᵀ at every point, λ_min = λ_min(X Xᵀ), plRatio = yᵀXXᵀy / ‖y‖² at w = 0', () => {
    const lab = labOf(`param w[4]\n${xText}\nmodel f(x) = dot(w, x)\ndata X, y\nat w = 0`);
    const kernel = kernelOf(lab);
    assert.equal(kernel.throughOutputs, false);
    const XXt = weightedGram(X, [1, 1, 1, 1]);
    for (const W of [Float64Array.of(0, 0, 0, 0), Float64Array.of(1, -2, 0.5, 3)]) assertMatrix(kernel.at(W).K, XXt);
    const at = kernel.at(new Float64Array(4));
    const ev = jacobiEigen(Float64Array.from(XXt.flat()), 3).values;
    const s = kernel.spectrum(at.K);
    assertClose(s.lambdaMin, ev[0], 1e-12);
    assertClose(s.lambdaMax, ev[2], 1e-12);
    assertClose(s.condition, ev[2] / ev[0], 1e-9, 1e-10);
    assert.equal(at.loss, 0.5 * (1 + 4 + 9));
    const y = [1, 2, 3];
    const yKy = y.reduce((a, yk, k) => a + yk * XXt[k].reduce((b, v, l) => b + v * y[l], 0), 0);
    assertClose(plRatio(at.K, at.residual, 'half'), yKy / 14, 1e-12);
    assertClose(plRatio(at.K, at.residual, 'notes'), (2 * yKy) / 14, 1e-12);
    assert.equal(muOf(2.5, 'notes'), 5);
  });

  test('θ = w∘w with F = Xθ: K = 4 X diag(w²) Xᵀ (DF = (dF/dθ) J through the outputs)', () => {
    const lab = labOf(`param w[4]\nθ = w .^ 2\n${xText}\nmodel f(x) = dot(θ, x)\ndata X, y\nat w = [1, 2, -1, 0.5]`);
    const kernel = kernelOf(lab);
    assert.equal(kernel.throughOutputs, true);
    const w = [1, 2, -1, 0.5];
    assertMatrix(
      kernel.at(Float64Array.from(w)).K,
      weightedGram(
        X,
        w.map((x) => 4 * x * x),
      ),
    );
  });

  test('θ = u∘u - v∘v from u = v = α: K = 8 α² X Xᵀ at the start', () => {
    const alpha = 0.3;
    const lab = labOf(
      `param u[4], v[4]\nθ = u .^ 2 - v .^ 2\n${xText}\nmodel f(x) = dot(θ, x)\ndata X, y\nat u = ${alpha}, v = ${alpha}`,
    );
    const K = kernelOf(lab).at(lab.model.points[0].values).K;
    assertMatrix(
      K,
      weightedGram(X, [1, 1, 1, 1]).map((r) => r.map((x) => 8 * alpha * alpha * x)),
      1e-13,
    );
  });

  test('deep linear θ = Uᵀ v read through X = I: K = J Jᵀ = UᵀU + ‖v‖² I', () => {
    const U = [
      [1, 2],
      [-1, 0.5],
      [0.3, 1],
    ];
    const v = [0.5, -1, 2];
    const lab = labOf(
      `param U[3,2], v[3]\nθ = U' * v\nconst X = [[1, 0], [0, 1]]\nconst y = [0, 0]\nmodel f(x) = dot(θ, x)\ndata X, y\n` +
        `at U = ${JSON.stringify(U)}, v = ${JSON.stringify(v)}`,
    );
    const K = kernelOf(lab).at(lab.model.points[0].values).K;
    const vv = v.reduce((a, x) => a + x * x, 0);
    const UtU = [0, 1].map((a) => [0, 1].map((b) => U.reduce((s, r) => s + r[a] * r[b], 0) + (a === b ? vv : 0)));
    assertMatrix(K, UtU, 1e-13);
  });

  test('two-layer tanh f(x) = Σ b_i tanh(a_i x) / √m: K_kl = (1/m) Σ_i [b_i² x_k x_l sech² sech² + tanh tanh]', () => {
    const m = 7;
    const xs = [-0.7, 0.2, 1.3];
    const lab = labOf(
      `seed 11\nparam a[${m}], b[${m}]\nconst X = ${JSON.stringify(xs)}\nconst y = [0, 1, 0]\n` +
        `model f(x) = dot(b, tanh(a * x)) / sqrt(${m})\ndata X, y\nat a ~ normal(0, 1), b ~ normal(0, 1)`,
    );
    const W = lab.model.points[0].values;
    const a = Array.from(W.subarray(0, m)),
      b = Array.from(W.subarray(m));
    const sech2 = (z: number) => 1 / Math.cosh(z) ** 2;
    const expected = xs.map((xk) =>
      xs.map(
        (xl) =>
          a.reduce(
            (s, ai, i) =>
              s + b[i] ** 2 * xk * xl * sech2(ai * xk) * sech2(ai * xl) + Math.tanh(ai * xk) * Math.tanh(ai * xl),
            0,
          ) / m,
      ),
    );
    assertMatrix(kernelOf(lab).at(W).K, expected, 1e-13);
  });

  test('p < n: λ_min ≡ 0 and the spectrum says under-parameterized', () => {
    const lab = labOf(
      'param w[2]\nconst X = [1, 2, 3]\nconst y = [1, 2, 2]\nmodel f(x) = w[1] * x + w[2]\ndata X, y\nat w = 0',
    );
    const s = kernelOf(lab).spectrum(kernelOf(lab).at(Float64Array.of(0.4, -1)).K);
    assert.equal(s.underParameterized, true);
    assert.equal(s.lambdaMin, 0);
    assert.equal(s.condition, Infinity);
  });

  test('lambdaMins over a batch equals the one-point spectrum at each point', () => {
    const lab = labOf(`param w[4]\nθ = w .^ 2\n${xText}\nmodel f(x) = dot(θ, x)\ndata X, y\nat w = 1`);
    const kernel = kernelOf(lab);
    const Ws = ballPoints(Float64Array.of(1, 1, 1, 1), 0.5, 70, 3);
    const out = new Float64Array(70);
    kernel.lambdaMins(Ws, 70, out);
    for (const i of [0, 33, 64, 69])
      assertClose(out[i], kernel.spectrum(kernel.at(Ws.subarray(i * 4, i * 4 + 4)).K).lambdaMin, 1e-14, 1e-12);
  });

  test('a file with a `loss` line has no tangent kernel', () => {
    const lab = labOf('param w[2]\nθ = w .^ 2\nloss = (θ[1] - 1)^2\nat w = 1');
    assert.equal(compileTangentKernel(lab), null);
  });
});

describe('ball points: uniform in B(w0, r)', () => {
  test('every point within r; the volume law P(‖w - w0‖ ≤ r s) = s^p', () => {
    const p = 3,
      r = 2,
      N = 4000;
    const w0 = Float64Array.of(1, -1, 0.5);
    const pts = ballPoints(w0, r, N, 7);
    let inside = 0;
    for (let i = 0; i < N; i++) {
      let d = 0;
      for (let j = 0; j < p; j++) d += (pts[i * p + j] - w0[j]) ** 2;
      d = Math.sqrt(d);
      assert.ok(d <= r);
      if (d <= r * 0.5) inside++;
    }
    // Expected N/8 = 500, binomial sd ≈ 21: a 4-sd window.
    assert.ok(Math.abs(inside - N / 8) < 84, `${inside} points within r/2`);
    assert.deepEqual(ballPoints(w0, r, 5, 7), pts.subarray(0, 15));
  });
});
