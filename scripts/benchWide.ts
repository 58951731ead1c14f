// The compiler at scale: a two-layer tanh network of width m = 100,000 (200,000 parameters) built from vector
// statements, on n = 16 inputs. Compile + ∇L + K = DF DFᵀ + max_k ‖H_f(x_k)‖ (its m blocks of 2 x 2), in one go, as a
// fresh `compileDocument` pays; CPU time beside wall time (the machine is shared). Target: under 1 s as a whole.
import { compileDocument } from '../src/core';
import { documentObjective } from '../src/core/objective/documentObjective';
import { outputHessianNorms } from '../src/core/objective/objectiveReport';

const M = 100_000,
  N = 16;
const X = Array.from({ length: N }, (_, k) => (-1.5 + 0.2 * k).toFixed(1));
const TEXT =
  `seed 1\nsweep m = ${M}\nparam v[m], w[m]\nconst X = [${X.join(', ')}]\nconst y = sin(X)\n` +
  `model f(x) = sum(v .* tanh(w * x)) / sqrt(m)\ndata X, y\nat v ~ normal(0, 1), w ~ normal(0, 1)\n`;

/** CPU ms of these stages before the family sums (commit ebece65, the same machine): the ratio's baseline. */
const BASELINE_CPU = 23_776;

/** Runs the stages once; returns each stage's wall and CPU ms and the number of blocks found. */
export function benchWide(): boolean {
  const stages: [string, number, number][] = [];
  const stage = <T>(name: string, f: () => T): T => {
    const w = performance.now(),
      c = process.cpuUsage();
    const r = f();
    const u = process.cpuUsage(c);
    stages.push([name, performance.now() - w, (u.user + u.system) / 1000]);
    return r;
  };
  const result = stage('compile', () => compileDocument(TEXT));
  const doc = documentObjective(result);
  if (!doc) {
    console.log('\nwide: the m = 100,000 file did not compile:', result.diagnostics[0]?.message);
    return false;
  }
  const W = doc.model.points[0].values;
  const ws = doc.objective.workspace();
  stage('∇L', () => doc.objective.at(W, ws));
  const K = stage('K', () => {
    const out = new Float64Array(N * N),
      nc = doc.model.nonZeros / N;
    for (let a = 0; a < N; a++)
      for (let b = a; b < N; b++) {
        let s = 0;
        for (let e = 0; e < nc; e++) s += ws.J[a * nc + e] * ws.J[b * nc + e];
        out[a * N + b] = out[b * N + a] = s;
      }
    return out;
  });
  const h = stage('Hessian (symbolic)', () => doc.objective.hessian());
  const norms = stage('max ‖H_f‖', () => outputHessianNorms(h.at(W), N));
  const wall = stages.reduce((a, s) => a + s[1], 0),
    cpu = stages.reduce((a, s) => a + s[2], 0);
  console.log(`\nwide: m = ${M} (p = ${doc.model.p}), n = ${N}; ms wall / cpu per stage`);
  console.log(stages.map(([n, w, c]) => `${n} ${w.toFixed(0)} / ${c.toFixed(0)}`).join(' | '));
  console.log(
    `total ${wall.toFixed(0)} / ${cpu.toFixed(0)} (target 1000; before the family sums ${BASELINE_CPU} CPU: ${(BASELINE_CPU / cpu).toFixed(1)}x) | blocks ${h.outputStructure.blocks.length} | K11 ${K[0].toFixed(4)} | max ‖H_f‖ ${Math.max(...norms).toExponential(4)}`,
  );
  return h.outputStructure.blocks.length === M;
}
