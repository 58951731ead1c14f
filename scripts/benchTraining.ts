// The training bench: 100,000 GD steps of deep linear d = 4 (`w = U' * v`, L = Σ (w - w*)²), ours against a plain-JS
// loop of the same formula in this process and against the numpy loop anyone would write, as a whole python process.
// Ours is timed cold (compile + run, as one CLI call pays) and warm; CPU time beside wall time (the machine is shared).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileDocument } from '../src/core';
import { compileObjective } from '../src/core/objective/compileObjective';
import { gradientDescent } from '../src/core/training/gradientDescent';

const D = 4,
  STEPS = 100_000,
  ETA = 0.01;
const U0 = [
  [0.4, 0.1, -0.1, 0.2],
  [0, 0.4, 0.1, -0.1],
  [0.2, 0, 0.4, 0.1],
  [-0.1, 0.2, 0, 0.4],
];
const V0 = [0.3, 0.4, 0.5, 0.6];
const TARGET = [1, -0.5, 0.25, 2];
const TEXT = `param U[4,4], v[4]\nw = U' * v\nat U = ${JSON.stringify(U0)}, v = ${JSON.stringify(V0)}`;

const cpu = (f: () => void): { wall: number; cpu: number } => {
  const w = performance.now(),
    c = process.cpuUsage();
  f();
  const used = process.cpuUsage(c);
  return { wall: performance.now() - w, cpu: (used.user + used.system) / 1000 };
};

function oursOnce(): { final: number } {
  const { model } = compileDocument(TEXT);
  const s = model!.symbolic.store;
  const loss = s.add(TARGET.map((t, k) => s.pow(s.sub(s.variable(k), s.num(t)), s.num(2))));
  const obj = compileObjective(model!, { loss, samples: null, source: 'loss' });
  const run = gradientDescent(obj, model!.points[0].values, { lr: ETA, steps: STEPS, every: 1000 });
  return { final: run.records[run.records.length - 1].loss };
}

function plainLoop(): number {
  const U = Float64Array.from(U0.flat()),
    v = Float64Array.from(V0);
  const r = new Float64Array(D);
  let loss = 0;
  for (let t = 0; t < STEPS; t++) {
    loss = 0;
    for (let j = 0; j < D; j++) {
      let w = 0;
      for (let i = 0; i < D; i++) w += U[i * D + j] * v[i];
      r[j] = w - TARGET[j];
      loss += r[j] * r[j];
    }
    for (let i = 0; i < D; i++) {
      let g = 0;
      for (let j = 0; j < D; j++) g += U[i * D + j] * r[j];
      const vi = v[i];
      v[i] -= ETA * 2 * g;
      for (let j = 0; j < D; j++) U[i * D + j] -= ETA * 2 * vi * r[j];
    }
  }
  return loss;
}

const NUMPY = `
import time
t0 = time.perf_counter()
import numpy as np
U = np.array(${JSON.stringify(U0)}); v = np.array(${JSON.stringify(V0)}); ws = np.array(${JSON.stringify(TARGET)})
t1 = time.perf_counter()
for t in range(${STEPS}):
    r = U.T @ v - ws
    gU = 2 * np.outer(v, r); gv = 2 * (U @ r)
    U -= ${ETA} * gU; v -= ${ETA} * gv
print(time.perf_counter() - t1, float(r @ r))
`;

/** Runs the training bench and prints one table; returns false when ours is not 5x faster than numpy. */
export function benchTraining(): boolean {
  const cold = cpu(oursOnce);
  let warm = { wall: Infinity, cpu: Infinity };
  for (let i = 0; i < 5; i++) {
    const r = cpu(oursOnce);
    if (r.cpu < warm.cpu) warm = r;
  }
  let plain = { wall: Infinity, cpu: Infinity };
  for (let i = 0; i < 5; i++) {
    const r = cpu(plainLoop);
    if (r.cpu < plain.cpu) plain = r;
  }
  // The whole CLI process, as a user runs it: start, compile, 100,000 steps, JSON of 101 records.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'overparam-bench-'));
  const file = path.join(dir, 'deep4.overparam');
  fs.writeFileSync(file, `${TEXT}\nloss = ${TARGET.map((t, k) => `(w[${k + 1}] - ${t})^2`).join(' + ')}\n`);
  let cli = Infinity,
    cliLoss = NaN;
  for (let i = 0; i < 3; i++) {
    const w = performance.now();
    const out = execFileSync(
      process.execPath,
      [
        path.join(__dirname, 'cli.js'),
        'train',
        file,
        '--lr',
        String(ETA),
        '--steps',
        String(STEPS),
        '--every',
        '1000',
        '--json',
      ],
      { encoding: 'utf8' },
    );
    cli = Math.min(cli, performance.now() - w);
    const steps = (JSON.parse(out) as { steps: { loss: number }[] }).steps;
    cliLoss = steps[steps.length - 1].loss;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  let numpy: { whole: number; loop: number; loss: number } | null;
  try {
    const w = performance.now();
    const out = execFileSync('python3', ['-c', NUMPY], { encoding: 'utf8' });
    const [loop, loss] = out.trim().split(' ').map(Number);
    numpy = { whole: performance.now() - w, loop: loop * 1000, loss };
  } catch {
    numpy = null;
  }
  const f = (x: number) => x.toFixed(1);
  console.log('\ntraining: 100,000 GD steps, deep linear d = 4 (ms; ours = compile + run with 101 records)');
  console.log(
    `ours cold: wall ${f(cold.wall)} cpu ${f(cold.cpu)} | ours warm: wall ${f(warm.wall)} cpu ${f(warm.cpu)} | ` +
      `plain JS loop: cpu ${f(plain.cpu)}` +
      (numpy ? ` | numpy: loop ${f(numpy.loop)}, whole process ${f(numpy.whole)}` : ' | numpy: not installed'),
  );
  console.log(
    `\`overparam train --steps 100000 --every 1000 --json\` whole process: wall ${f(cli)} (final L ${cliLoss.toExponential(6)}` +
      (numpy ? `, numpy's ${numpy.loss.toExponential(6)})` : ')'),
  );
  // The symbolic Hessian of deep linear d = 16 (p = 272) with its block structure: target under 100 ms.
  const d = 16;
  const text16 = `param U[${d},${d}], v[${d}]\nw = U' * v\nat U = 0.1, v = 1`;
  const model16 = compileDocument(text16).model!;
  const s16 = model16.symbolic.store;
  const loss16 = s16.add(
    Array.from({ length: d }, (_, k) => s16.pow(s16.sub(s16.variable(k), s16.num(1)), s16.num(2))),
  );
  let blocks = 0;
  const hessian = cpu(() => {
    blocks = compileObjective(model16, { loss: loss16, samples: null, source: 'loss' }).hessian().structure.blocks
      .length;
  });
  console.log(
    `symbolic Hessian + block structure, deep linear d = 16: wall ${f(hessian.wall)} cpu ${f(hessian.cpu)} (${blocks} block); target 100`,
  );
  if (!numpy) return hessian.cpu < 100;
  const ratio = numpy.whole / cli;
  console.log(`numpy whole process / overparam train whole process: ${f(ratio)}x; target 5x`);
  return ratio >= 5 && hessian.cpu < 100;
}
