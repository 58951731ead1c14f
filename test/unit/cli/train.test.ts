// `overparam train` as a process (dist/cli.js): its trajectory against a plain loop written here from the hand-derived
// gradient, its fixed JSON keys, SGD's seeded reproducibility and full-batch convention, and its errors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempFiles } from '../../support/cli';

const cli = (...args: string[]) => runCli(args, 60_000);
const file = tempFiles('overparam-train-');

interface Step {
  t: number;
  W: number[];
  theta: number[];
  loss: number;
  gradNorm: number;
  canonicalGradNorm: number;
  opNorm: number;
  sigmaMin: number;
  cosine: number | null;
  watch: Record<string, number>;
}
interface Run {
  method: string;
  lr: number;
  params: string[];
  outputs: string[];
  steps: Step[];
  canonical: { t: number; theta: number[]; loss: number }[];
  stopped: string | null;
  convention: string;
}

function train(...args: string[]): Run {
  const r = cli('train', ...args, '--json');
  assert.equal(r.code, 0, r.stderr + r.stdout);
  return JSON.parse(r.stdout) as Run;
}

const DEEP = 'examples/training/deep-linear-balance.overparam';

/** L = ½ ((w1 - 1)² + (w2 + 2)²) for w = Uᵀ v, U 2x2 row-major then v: the loss and ∇_W L by hand. */
function deepLinear(W: number[]): { loss: number; grad: number[] } {
  const U = [
      [W[0], W[1]],
      [W[2], W[3]],
    ],
    v = [W[4], W[5]];
  const w = [U[0][0] * v[0] + U[1][0] * v[1], U[0][1] * v[0] + U[1][1] * v[1]];
  const r = [w[0] - 1, w[1] + 2];
  // ∂L/∂U_ij = v_i r_j; ∂L/∂v_i = Σ_j U_ij r_j.
  const grad = [
    v[0] * r[0],
    v[0] * r[1],
    v[1] * r[0],
    v[1] * r[1],
    U[0][0] * r[0] + U[0][1] * r[1],
    U[1][0] * r[0] + U[1][1] * r[1],
  ];
  return { loss: 0.5 * (r[0] ** 2 + r[1] ** 2), grad };
}

describe('overparam train', () => {
  test('--method gd is W ← W - η ∇_W L: a plain loop reproduces every recorded step to 1e-12', () => {
    const eta = 0.05,
      T = 400;
    const run = train(DEEP, '--method', 'gd', '--lr', String(eta), '--steps', String(T), '--every', '1');
    assert.equal(run.steps.length, T + 1);
    assert.deepEqual(run.params, ['U[1,1]', 'U[1,2]', 'U[2,1]', 'U[2,2]', 'v[1]', 'v[2]']);
    let W = run.steps[0].W.slice();
    for (let t = 0; t <= T; t++) {
      const { loss, grad } = deepLinear(W);
      const s = run.steps[t];
      assert.equal(s.t, t);
      for (let j = 0; j < 6; j++)
        assert.ok(Math.abs(s.W[j] - W[j]) <= 1e-12 * Math.max(1, Math.abs(W[j])), `t=${t} j=${j}`);
      assert.ok(Math.abs(s.loss - loss) <= 1e-12 * Math.max(1e-300, loss) + 1e-300, `loss at t=${t}`);
      assert.ok(Math.abs(s.gradNorm - Math.hypot(...grad)) <= 1e-12 * Math.max(1, Math.hypot(...grad)));
      W = W.map((x, j) => x - eta * grad[j]);
    }
    // The balance watch ‖U‖² - ‖v‖² by hand at the first and last record.
    for (const s of [run.steps[0], run.steps[T]]) {
      const balance = s.W.slice(0, 4).reduce((a, x) => a + x * x, 0) - s.W[4] ** 2 - s.W[5] ** 2;
      assert.ok(Math.abs(s.watch.balance - balance) < 1e-12);
    }
    // The canonical comparison: GD in θ on L(θ), θ_{t+1} - θ* = (1 - η)(θ_t - θ*) for this L, from θ_0 = ψ(W_0).
    const th0 = run.steps[0].theta;
    const last = run.canonical[run.canonical.length - 1];
    const k = (1 - eta) ** last.t;
    assert.ok(Math.abs(last.theta[0] - (1 + k * (th0[0] - 1))) < 1e-12);
    assert.ok(Math.abs(last.theta[1] - (-2 + k * (th0[1] + 2))) < 1e-12);
  });

  test('the JSON keys are the fixed ones, and cos(∇_θ L, J Jᵀ ∇_θ L) is never negative', () => {
    const run = train(DEEP, '--steps', '100', '--every', '10');
    for (const key of ['method', 'lr', 'params', 'outputs', 'steps', 'canonical', 'stopped'])
      assert.ok(key in run, key);
    assert.equal(run.method, 'gd');
    assert.equal(run.lr, 0.01);
    assert.equal(run.stopped, null);
    assert.equal(run.steps.length, 11);
    for (const s of run.steps) {
      assert.deepEqual(Object.keys(s).sort(), [
        'W',
        'canonicalGradNorm',
        'cosine',
        'gradNorm',
        'loss',
        'opNorm',
        'sigmaMin',
        't',
        'theta',
        'watch',
      ]);
      assert.ok(s.cosine === null || s.cosine >= -1e-12);
      assert.ok(s.opNorm >= s.sigmaMin && s.sigmaMin >= 0);
    }
  });

  test('a step too large diverges into a finding (exit 0, stopped: diverged), not NaNs', () => {
    const run = train(DEEP, '--lr', '5', '--steps', '1000');
    assert.equal(run.stopped, 'diverged');
    assert.ok(run.steps.every((s) => Number.isFinite(s.loss)));
  });

  const DATA = file(
    'line.overparam',
    'param a, b\nconst X = [0, 1, 2, 3]\nconst y = [1, 3, 5, 7]\nmodel f(x) = a * x + b\ndata X, y\nat a = 0, b = 0\n',
  );

  test('SGD: the same seed gives the same trajectory, another seed another; a full batch is GD on L / n', () => {
    const args = [DATA, '--method', 'sgd', '--lr', '0.05', '--steps', '50', '--batch', '2', '--every', '10'];
    const a = train(...args),
      b = train(...args),
      c = train(...args, '--seed', '2');
    assert.deepEqual(a.steps, b.steps);
    assert.notDeepEqual(a.steps.at(-1)!.W, c.steps.at(-1)!.W);
    assert.match(a.convention, /average/u);
    const full = train(DATA, '--method', 'sgd', '--lr', '0.2', '--steps', '30', '--batch', '4', '--every', '30');
    const gd = train(DATA, '--method', 'gd', '--lr', '0.05', '--steps', '30', '--every', '30');
    full.steps.at(-1)!.W.forEach((w, j) => assert.ok(Math.abs(w - gd.steps.at(-1)!.W[j]) < 1e-12));
  });

  test('errors: a file error at its line and column (exit 1), no loss (exit 1), SGD without data (exit 2)', () => {
    const bad = cli('train', file('bad.overparam', 'param w\nθ = w^2\nloss = (θ - w)^2\n'));
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /bad\.overparam:3:\d+: error: .*θ/u);
    const none = cli('train', 'examples/squared.overparam');
    assert.equal(none.code, 1);
    assert.match(none.stdout, /defines no loss/u);
    const sgd = cli('train', DEEP, '--method', 'sgd');
    assert.equal(sgd.code, 2);
    assert.match(sgd.stderr, /needs per-sample losses/u);
    assert.equal(cli('train', DEEP, '--method', 'adam').code, 2);
    const sweep = cli('train', DEEP, '--sweep', 'm=3');
    assert.equal(sweep.code, 1);
    assert.match(sweep.stdout, /no sweep named `m`/u);
  });

  test('--csv: a header of t, loss, … with the parameter and output names, one row per record', () => {
    const r = cli('train', DEEP, '--steps', '20', '--every', '10', '--csv');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 4);
    assert.equal(
      lines[0],
      't,loss,gradNorm,canonicalGradNorm,opNorm,sigmaMin,cosine,"U[1,1]","U[1,2]","U[2,1]","U[2,2]",v[1],v[2],w[1],w[2],balance',
    );
    assert.equal(lines[3].split(',').length, 16);
  });
});
