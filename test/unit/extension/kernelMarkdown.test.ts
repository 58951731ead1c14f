// The kernel part of the `data` and `model` hovers (src/extension/hover/kernelMarkdown.ts) on the core's real
// summaries: the notes' linear regression F = X w with n = 2 (K = X Xᵀ by hand) in both PL* conventions, and an
// under-parameterized fit (p < n, K singular).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, compileDocument, kernelSummary, type KernelSummary } from '../../../src/core';
import { documentObjective } from '../../../src/core/objective/documentObjective';
import type { MuConvention } from '../../../src/core/kernel/plConvention';
import { kernelMarkdown, regimeText } from '../../../src/extension/hover/kernelMarkdown';
import { statementMarkdown } from '../../../src/extension/hover/statementMarkdown';
import { assertClose } from '../../support/model';

function summaryOf(text: string, convention: MuConvention = 'half'): KernelSummary {
  const lab = documentObjective(compileDocument(text));
  assert.ok(lab);
  const s = kernelSummary(lab, lab.model.points[0].values, { convention });
  assert.ok(s);
  return s;
}

// X = [[1, 0, 1], [0, 1, 1]]: K = X Xᵀ = [[2, 1], [1, 2]], eigenvalues 2 ∓ 1 = 1, 3 (trace 4, det 3). At w = 0,
// r = F - y = (-1, -2): L = ½ · 5 = 2.5; K r = (-4, -5), rᵀ K r = 14, so ½‖∇L‖² / L = rᵀKr / rᵀr = 2.8.
// β = λ_max(Xᵀ X) = 3 (L is quadratic, its Hessian Xᵀ X), μ = 1: R = 2 √(2 · 3 · 2.5) / 1 = 2 √15 = 7.746.
const LINEAR = [
  'param w[3]',
  'const X = [[1, 0, 1], [0, 1, 1]]',
  'const y = [1, 2]',
  'model f(x) = dot(w, x)',
  'data X, y',
  'at w = 0',
].join('\n');

// p = 1 < n = 2: K = x xᵀ = [[1, 2], [2, 4]] has eigenvalues 0 and 5.
const UNDER = ['param w', 'const X = [1, 2]', 'const y = [1, 1]', 'model f(x) = w * x', 'data X, y', 'at w = 0.5'].join(
  '\n',
);

describe('kernel hover markdown', () => {
  test('linear regression, n = 2, p = 3: λ_min(X Xᵀ) = 1, μ = 1 (½ form), R = 2√15, PL* holds', () => {
    const s = summaryOf(LINEAR);
    assert.equal(s.n, 2);
    assert.equal(s.p, 3);
    assertClose(s.lambdaMin, 1, 1e-12, 1e-12);
    assertClose(s.lambdaMax, 3, 1e-12, 1e-12);
    assertClose(s.mu, 1, 1e-12, 1e-12);
    assertClose(s.loss, 2.5, 1e-15);
    assertClose(s.plRatio, 2.8, 1e-12);
    assertClose(s.beta, 3, 1e-10, 1e-10);
    assertClose(s.radius, 2 * Math.sqrt(15), 1e-9, 1e-10);
    const md = kernelMarkdown(s, 1);
    assert.match(md, /^\*\*Tangent kernel\*\* K = DF DFᵀ at point 1/u);
    assert.match(md, /n = 2 samples · p = 3 parameters · \*\*over-parameterized: p ≥ n\*\*/u);
    assert.match(md, /λ_min\(K\) = 1 · λ_max\(K\) = 3 · condition 3\n/u);
    assert.match(md, /μ = 1 \(inf λ_min\(K\) over w0 and the ball's samples\) · PL ratio ½‖∇L‖² \/ L = 2\.8 at/u);
    assert.match(md, /μ's convention: the ½ form, PL\\\* as ½‖∇L‖² ≥ μ L, so μ = λ_min\(K\)/u);
    assert.match(md, /R = 2 √\(2 β L\(w0\)\) \/ μ = 7\.746 \(β ≈ 3: the largest ‖∇²L‖ at \d+ points/u);
    assert.match(md, /L\(w0\) = 2\.5\)/u);
    assert.match(md, /μ-PL\\\* holds on B\(w0, 7\.746\) by 1,024 samples \(1 round\)\./u);
  });

  test("the notes' convention doubles μ and says so; R, the theorem's, is the same", () => {
    const s = summaryOf(LINEAR, 'notes');
    assertClose(s.mu, 2, 1e-12, 1e-12);
    assertClose(s.plRatio, 5.6, 1e-12);
    assertClose(s.radius, 2 * Math.sqrt(15), 1e-9, 1e-10);
    const md = kernelMarkdown(s, 1);
    assert.match(md, /μ = 2 \(inf λ_min\(K\) over w0 and the ball's samples, doubled\) · PL ratio ‖∇L‖² \/ L = 5\.6/u);
    assert.match(md, /the notes’ form, PL\\\* as ‖∇L‖² ≥ μ L, so μ = 2 λ_min\(K\)/u);
    assert.match(md, /R = 4 √\(2 β L\(w0\)\) \/ μ = 7\.746/u);
  });

  test('under-parameterized, p = 1 < n = 2: K singular, λ_min = 0, μ = 0, R = ∞, PL* cannot hold', () => {
    const s = summaryOf(UNDER);
    assert.equal(s.underParameterized, true);
    assert.equal(s.lambdaMin, 0);
    assertClose(s.lambdaMax, 5, 1e-12, 1e-12);
    assert.equal(s.mu, 0);
    assert.equal(s.radius, Infinity);
    const md = kernelMarkdown(s, 1);
    assert.match(md, /n = 2 samples · p = 1 parameters · \*\*under-parameterized: p < n, K is singular\*\*/u);
    assert.match(md, /λ_min\(K\) = 0 · λ_max\(K\) = 5 · condition ∞/u);
    assert.match(md, /μ = 0 \(/u);
    assert.match(md, /\/ μ = ∞/u);
    assert.match(md, /rank K ≤ p = 1 < n = 2, so λ_min\(K\) ≡ 0: PL\\\* cannot hold anywhere/u);
    assert.equal(regimeText(2, 2), 'over-parameterized: p ≥ n', 'p = n counts as over (K can be definite)');
  });

  test('the data and model hovers carry the kernel block; data states the regime once', () => {
    const report = analyze(UNDER);
    const kernel = { ...summaryOf(UNDER), point: 1 };
    const data = statementMarkdown(report, 'data', undefined, kernel);
    assert.match(data, /n = 2 samples of 1 number\.\n/u);
    assert.equal(data.match(/under-parameterized/gu)?.length, 1);
    assert.match(data, /\*\*Tangent kernel\*\*/u);
    assert.match(statementMarkdown(report, 'model', undefined, kernel), /\*\*Tangent kernel\*\*/u);
    assert.doesNotMatch(statementMarkdown(report, 'loss', undefined, kernel), /Tangent kernel/u);
    assert.doesNotMatch(statementMarkdown(report, 'data'), /Tangent kernel/u, 'nothing before the worker answers');
  });
});
