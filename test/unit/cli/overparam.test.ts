// The over-parameterization commands as processes (dist/cli.js): their fixed JSON keys and values checked against
// hand-derived closed forms, and their errors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempFiles } from '../../support/cli';
import { assertClose } from '../../support/model';

const cli = (...args: string[]) => runCli(args, 120_000);
const file = tempFiles('overparam-lab-');

function json(...args: string[]): Record<string, unknown> {
  const r = cli(...args, '--json');
  assert.equal(r.code, 0, r.stderr + r.stdout);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('overparam batch', () => {
  test('the three equations: β = 17, λ1 = 22/3, λn = 5/3, m* = 4, η*(1) = 1/17, fixed keys', () => {
    const r = json('batch', 'examples/overparam/three-equations.overparam', '--batches', '1,2,3');
    assert.deepEqual(Object.keys(r), [
      'beta',
      'lambdaMax',
      'lambdaMin',
      'criticalBatch',
      'batches',
      'optimalStep',
      'theoryRate',
      'measuredRate',
    ]);
    assertClose(r.beta as number, 17);
    assertClose(r.lambdaMax as number, 22 / 3, 1e-13);
    assertClose(r.lambdaMin as number, 5 / 3, 1e-13);
    assertClose(r.criticalBatch as number, 4, 1e-12);
    assert.deepEqual(r.batches, [1, 2, 3]);
    // b ≤ m*: η*(b) = b / (17 + (b-1) 5/3).
    (r.optimalStep as number[]).forEach((eta, i) => assertClose(eta, (i + 1) / (17 + (i * 5) / 3), 1e-15, 1e-13));
    assertClose((r.theoryRate as number[])[0], 1 - 5 / 3 / 17, 1e-15, 1e-13);
    assert.equal((r.measuredRate as number[]).length, 3);
  });

  test('a tight frame: m* is Infinity (λ1 = λn), written as the string "Infinity"; the text names the regime', () => {
    const r = json('batch', 'examples/overparam/tight-frame.overparam', '--batches', '1');
    assert.equal(r.criticalBatch, 'Infinity');
    const t = cli('batch', 'examples/overparam/three-equations.overparam', '--batches', '1');
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /p = 2 parameters, n = 3 equations \(under-parameterized\)/);
    assert.match(t.stdout, /no exact fit/);
    assert.match(t.stdout, /m\* = β \/ \(λ1 - λn\) \+ 1 = 4/);
  });

  test('errors: a batch larger than n is a usage error (2); a nonlinear model is refused (1)', () => {
    assert.equal(cli('batch', 'examples/overparam/three-equations.overparam', '--batches', '4').code, 2);
    const f = file(
      'tanh.overparam',
      'param w[2]\nconst X = [[1, 2], [-2, 1]]\nconst y = [1, 2]\nmodel f(x) = tanh(dot(w, x))\ndata X, y\nat w = 0\n',
    );
    const r = cli('batch', f);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /linear least squares/);
  });
});

describe('overparam fit', () => {
  test('a linear file with a sweep: the minimum-norm fit by hand, fixed keys, ridge', () => {
    // f(x) = w · (s x) on rows (1, 0, 0), (0, 1, 1) with y = (1, 2): w = (1, 1, 1) / s interpolates, ‖w‖ = √3 / s,
    // σ_min(DF) = s (the rows are orthogonal with norms 1 and √2); the test point (1, 1, 1) is predicted exactly.
    const f = file(
      'linear.overparam',
      [
        'sweep s = 1, 2',
        'param w[3]',
        'const X = [[1, 0, 0], [0, 1, 1]]',
        'const y = [1, 2]',
        'const Xt = [[1, 1, 1]]',
        'const yt = [3]',
        'model f(x) = dot(w, s * x)',
        'data X, y',
        'test Xt, yt',
        'at w = 0',
        '',
      ].join('\n'),
    );
    const r = json('fit', f);
    assert.deepEqual(Object.keys(r), ['sweep', 'values', 'trainRisk', 'testRisk', 'norm', 'sigmaMin', 'n']);
    assert.equal(r.sweep, 's');
    assert.deepEqual(r.values, [1, 2]);
    assert.equal(r.n, 2);
    const close = (a: unknown, b: number[]) => (a as number[]).forEach((v, i) => assertClose(v, b[i], 1e-12, 1e-12));
    close(r.trainRisk, [0, 0]);
    close(r.testRisk, [0, 0]);
    close(r.norm, [Math.sqrt(3), Math.sqrt(3) / 2]);
    close(r.sigmaMin, [1, 2]);
    // Ridge λ = 1 at s = 1: w = Xᵀ (X Xᵀ + I)⁻¹ y = Xᵀ (1/2, 2/3) = (1/2, 2/3, 2/3); residuals (-1/2, -2/3).
    const ridge = json('fit', f, '--ridge', '1');
    assertClose((ridge.norm as number[])[0], Math.sqrt(1 / 4 + 8 / 9), 1e-12, 1e-12);
    assertClose((ridge.trainRisk as number[])[0], (1 / 4 + 4 / 9) / 2, 1e-12, 1e-12);
  });

  test('errors: a file without a sweep is refused (1), a negative ridge is a usage error (2)', () => {
    const r = cli('fit', 'examples/overparam/three-equations.overparam');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /sweep/);
    assert.equal(cli('fit', 'examples/overparam/three-equations.overparam', '--ridge', '-1').code, 2);
  });
});

describe('overparam bias', () => {
  test('the 2-D toy: fixed keys, the ℓ1 and ℓ2 references by hand, θ∞ at Woodworth’s argmin for every α', () => {
    const r = json('bias', 'examples/overparam/implicit-bias-2d.overparam');
    assert.deepEqual(Object.keys(r), [
      'alphas',
      'theta',
      'l1',
      'l2',
      'minL1',
      'minL2',
      'minL1Solution',
      'minL2Solution',
      'qAlphaGap',
    ]);
    assert.deepEqual(r.alphas, [0.01, 0.1, 0.3, 1, 3]);
    assertClose(r.minL1 as number, 1, 1e-14);
    assertClose(r.minL2 as number, 1 / Math.sqrt(1.16), 1e-14);
    assert.deepEqual(
      (r.minL2Solution as number[]).map((v) => Number(v.toFixed(12))),
      [Number((1 / 1.16).toFixed(12)), Number((0.4 / 1.16).toFixed(12))],
    );
    (r.qAlphaGap as number[]).forEach((g) => assert.ok(g < 1e-8, `gap ${g}`));
    const theta = r.theta as number[][];
    (r.l1 as number[]).forEach((l, i) => assertClose(l, Math.abs(theta[i][0]) + Math.abs(theta[i][1]), 1e-15, 1e-14));
  });

  test('errors: a file without a sweep, or predictions not linear in θ, is refused (1)', () => {
    assert.equal(cli('bias', 'examples/overparam/three-equations.overparam').code, 1);
    const f = file(
      'nonlinear.overparam',
      'sweep α = 1\nparam u[2]\nθ = u .^ 2\nconst X = [[1, 0.4]]\nconst y = [1]\nmodel f(x) = tanh(dot(θ, x))\ndata X, y\nat u = α\n',
    );
    const r = cli('bias', f);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /linear in the outputs/);
  });
});
