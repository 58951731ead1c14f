// `overparam kernel` and `overparam width` as processes (dist/cli.js): their fixed JSON keys against closed forms
// (K = X Xᵀ for the notes' linear regression; the 2 x 2 neuron blocks of a two-layer tanh network), and their errors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempFiles } from '../../support/cli';
import { jacobiEigen } from '../../../src/core/objective/denseSymmetricEigen';
import { assertClose } from '../../support/model';

const cli = (...args: string[]) => runCli(args, 120_000);
const file = tempFiles('overparam-kernel-');

function json<T>(...args: string[]): T {
  const r = cli(...args, '--json');
  assert.equal(r.code, 0, r.stderr + r.stdout);
  return JSON.parse(r.stdout) as T;
}

interface Kernel {
  n: number;
  p: number;
  K: number[][];
  eigenvalues: number[];
  lambdaMin: number;
  mu: number;
  muConvention: string;
  beta: number;
  radius: number;
  loss: number;
  plRatio: number;
  plStar: { holds: boolean; samples: number; minLambda: number; radius: number };
  gd: { lr: number; steps: { t: number; loss: number; bound: number; distance: number; lambdaMin: number }[] };
  hessianNorm: number | null;
  blocks: number;
  verdict: string;
}

const LINEAR = 'examples/kernel/linear-regression.overparam';
// The example's X (3 x 5) and y.
const X = [
  [1, 0, 2, 1, 0],
  [0, 1, 1, -1, 1],
  [1, 1, 0, 3, -1],
];
const XXt = X.map((a) => X.map((b) => a.reduce((s, x, j) => s + x * b[j], 0)));
const ev = jacobiEigen(Float64Array.from(XXt.flat()), 3).values;

describe('overparam kernel', () => {
  test("the notes' linear regression: K = X Xᵀ, μ = λ_min, β = λ_max, R, GD under (1 - ημ)^t L(w0)", () => {
    const r = json<Kernel>('kernel', LINEAR, '--samples', '128');
    for (const key of ['n', 'p', 'K', 'eigenvalues', 'lambdaMin', 'mu', 'muConvention', 'beta', 'radius', 'loss'])
      assert.ok(key in r, key);
    for (const key of ['plRatio', 'plStar', 'gd', 'hessianNorm', 'blocks']) assert.ok(key in r, key);
    assert.deepEqual([r.n, r.p], [3, 5]);
    r.K.forEach((row, k) => row.forEach((x, l) => assertClose(x, XXt[k][l], 1e-12)));
    r.eigenvalues.forEach((x, i) => assertClose(x, ev[i], 1e-12, 1e-12));
    assertClose(r.lambdaMin, ev[0], 1e-12, 1e-12);
    assertClose(r.mu, ev[0], 1e-12, 1e-12);
    assertClose(r.beta, ev[2], 1e-10, 1e-10);
    assertClose(r.loss, 0.5 * (1 + 4 + 9), 1e-15);
    assertClose(r.radius, (2 * Math.sqrt(2 * ev[2] * 7)) / ev[0], 1e-9, 1e-10);
    assert.deepEqual([r.plStar.holds, r.plStar.samples], [true, 128]);
    assertClose(r.gd.lr, 1 / ev[2], 1e-12, 1e-10);
    for (const s of r.gd.steps) assert.ok(s.loss <= s.bound * (1 + 1e-12) + 1e-300, `t = ${s.t}`);
    assert.equal(r.hessianNorm, 0);
    assert.equal(r.blocks, 5);
    assert.match(r.verdict, /^PL\* holds on B\(w0, [0-9.]+\) by 128 samples; GD \(η = 1\/β\) converged in \d+ steps/);
  });

  test('--convention notes doubles μ; the text summary names the convention and ends with the verdict', () => {
    const r = json<Kernel>('kernel', LINEAR, '--samples', '32', '--convention', 'notes');
    assertClose(r.mu, 2 * ev[0], 1e-12, 1e-12);
    assert.match(r.muConvention, /^notes: /);
    const t = cli('kernel', LINEAR, '--samples', '32');
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /μ = 1\.554 \(half: PL\* is ½‖∇L‖² ≥ μ L/);
    assert.match(t.stdout, /PL\* holds on B\(w0, /);
  });

  test('under-parameterized: λ_min = 0 and PL* cannot hold', () => {
    const f = file(
      'under.overparam',
      'param w[2]\nconst X = [1, 2, 3]\nconst y = [1, 2, 2]\nmodel f(x) = w[1] * x + w[2]\ndata X, y\nat w = 0\n',
    );
    const r = json<Kernel>('kernel', f, '--samples', '8');
    assert.equal(r.lambdaMin, 0);
    assert.equal(r.plStar.holds, false);
    assert.match(r.verdict, /PL\* cannot hold/);
  });

  test('a file without data: exit 1 with the reason; a bad --convention: exit 2', () => {
    const f = file('loss.overparam', 'param w[2]\nθ = w .^ 2\nloss = (θ[1] - 1)^2\nat w = 1\n');
    const r = cli('kernel', f);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /the tangent kernel needs `model f\(x\) = …` with `data X, y`/);
    assert.equal(cli('kernel', LINEAR, '--convention', 'other').code, 2);
  });
});

interface Width {
  sweep: string;
  widths: number[];
  hessianNorm: number[];
  gradNorm: number[];
  lambdaMin: number[];
  kernelChange: (number | null)[];
  distance: (number | null)[];
  linearizationError: (number | null)[];
  slopes: Record<string, { value: number; low: number | null; high: number | null }>;
  blocks: number[];
  notes: string[];
}

// v_i = ±1, w_i = i/m at the single input x = 1: neuron i's Hessian block is [[0, b], [b, v_i c]] / √m with
// b = sech²(w_i), c = -2 tanh(w_i) sech²(w_i), so ‖H_f‖ = max_i (|c| + √(c² + 4b²)) / (2√m).
const TWO_LAYER =
  'sweep m = 4, 8, 16, 32\nparam v[m], w[m]\nconst X = [1]\nconst y = [0.5]\n' +
  'model f(x) = dot(v, tanh(w * x)) / sqrt(m)\ndata X, y\nat v_i = (-1)^i, w_i = i / m\n';

function hessianNorm(m: number): number {
  let best = 0;
  for (let i = 1; i <= m; i++) {
    const s = 1 / Math.cosh(i / m) ** 2,
      c = -2 * Math.tanh(i / m) * s;
    best = Math.max(best, (Math.abs(c) + Math.sqrt(c * c + 4 * s * s)) / 2);
  }
  return best / Math.sqrt(m);
}

describe('overparam width', () => {
  test('--steps 0: ‖H_f‖ from the 2 x 2 neuron blocks, m blocks per width, the trained quantities null', () => {
    const r = json<Width>('width', file('two.overparam', TWO_LAYER), '--steps', '0');
    assert.equal(r.sweep, 'm');
    assert.deepEqual(r.widths, [4, 8, 16, 32]);
    assert.deepEqual(r.blocks, [4, 8, 16, 32]);
    r.widths.forEach((m, i) => assertClose(r.hessianNorm[i], hessianNorm(m), 1e-12, 1e-12, `m = ${m}`));
    // ‖∇f‖² = K_11 = (1/m) Σ (tanh² w_i + sech⁴ w_i).
    r.widths.forEach((m, i) => {
      let k = 0;
      for (let j = 1; j <= m; j++) k += (Math.tanh(j / m) ** 2 + 1 / Math.cosh(j / m) ** 4) / m;
      assertClose(r.gradNorm[i], Math.sqrt(k), 1e-12, 1e-12);
    });
    assert.deepEqual(r.distance, [null, null, null, null]);
    assert.ok(r.slopes.hessianNorm.value < -0.4 && r.slopes.hessianNorm.low !== null);
    assert.equal(r.slopes.distance, undefined);
  });

  test('with GD steps: the trained quantities and their slopes; the example runs', () => {
    const r = json<Width>('width', file('two.overparam', TWO_LAYER), '--steps', '20', '--lr', '0.5');
    for (const key of ['kernelChange', 'distance', 'linearizationError'] as const) {
      assert.ok(
        r[key].every((v) => typeof v === 'number' && v >= 0),
        key,
      );
      assert.ok(key in r.slopes, key);
    }
    assert.ok(r.notes.some((n) => /the reference slope is −1\/2/.test(n)));
    const ex = cli('width', 'examples/kernel/two-layer-width.overparam', '--steps', '0', '--json');
    assert.equal(ex.code, 0, ex.stderr);
    assert.deepEqual((JSON.parse(ex.stdout) as Width).blocks, [10, 30, 100, 300]);
  });

  test('a file without a sweep: usage error, exit 2', () => {
    const r = cli('width', LINEAR);
    assert.equal(r.code, 2);
    assert.match(r.stdout + r.stderr, /needs a width sweep/);
  });
});
