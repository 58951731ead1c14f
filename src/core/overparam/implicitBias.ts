// Implicit bias by initialization scale: a file whose predictions are linear in its outputs θ (F = A θ + c, e.g.
// θ = u.^2 - v.^2 and f(x) = dot(θ, x)) swept over α (its `at` point u = v = α), gradient flow run to convergence per
// α, ‖θ∞‖₁ and ‖θ∞‖₂, the minimum-ℓ1 and minimum-ℓ2 solutions of A θ = y - c, and the gap to Woodworth's Q_α argmin.
import { checkDeadline } from '../budget';
import { compileDocument } from '../compileDocument';
import { documentObjective, type DocumentObjective } from '../objective/documentObjective';
import { interpret } from '../symbolic/interpret';
import { gradientFlow } from '../training/gradientFlow';
import { minimumL1 } from './minimumL1';
import { minimumNormSolve, norm2 } from './minimumNorm';
import { qAlphaArgmin } from './qAlpha';
import { UnsuitableFileError } from './unsuitable';

/** What `overparam bias` prints. */
export interface ImplicitBiasReport {
  sweep: string;
  alphas: number[];
  /** θ∞ per α, its norms, and ‖θ∞ - argmin Q_α‖₂ per α. */
  theta: number[][];
  l1: number[];
  l2: number[];
  qAlphaGap: number[];
  /** The final loss and flow time per α (converged when the loss fell below 1e-22 · (1 + ‖y‖²)). */
  loss: number[];
  time: number[];
  minL1: number;
  minL2: number;
  minL1Solution: number[];
  minL2Solution: number[];
  /** With `paths`: θ along each α's flow (at most `paths` states, the first and the last included). */
  paths?: number[][][];
}

/** Options of implicitBias. */
export interface ImplicitBiasOptions {
  seed?: number;
  deadline?: number;
  /** Record θ along each flow, thinned to at most this many states (the panel draws the path for d = 2). */
  paths?: number;
  /** Called after each α with the report of the α values done. */
  onValue?: (done: number, total: number, partial: ImplicitBiasReport) => void;
  /** Polled before every α; true stops the run (the α values done are returned). */
  shouldStop?: () => boolean;
}

/** At most `max` items of `xs`, evenly spaced, the first and the last kept. */
function thin<T>(xs: T[], max: number): T[] {
  if (xs.length <= max) return xs;
  const m = Math.max(2, max);
  return Array.from({ length: m }, (_, i) => xs[Math.round((i * (xs.length - 1)) / (m - 1))]);
}

/** The linear map θ -> F: A (n x q) and c, read off the prediction expressions (exact for linear ones). */
export function predictionMap(lab: DocumentObjective): { A: Float64Array; c: Float64Array; n: number; q: number } {
  const data = lab.data;
  if (!data) throw new UnsuitableFileError('the implicit-bias lab needs a file with `model` and `data`');
  const q = lab.model.q,
    n = data.n;
  const preds = data.predictions;
  const F = (theta: Float64Array): Float64Array =>
    preds ? Float64Array.from(preds, (e) => interpret(e, theta)) : theta.slice(0, n);
  const zero = new Float64Array(q);
  const c = F(zero);
  const A = new Float64Array(n * q);
  for (let k = 0; k < q; k++) {
    zero[k] = 1;
    const col = F(zero);
    zero[k] = 0;
    for (let i = 0; i < n; i++) A[i * q + k] = col[i] - c[i];
  }
  // A linear map reproduces F at a generic point.
  const probe = Float64Array.from({ length: q }, (_, k) => Math.sin(k + 1));
  const Fp = F(probe);
  for (let i = 0; i < n; i++) {
    let s = c[i];
    for (let k = 0; k < q; k++) s += A[i * q + k] * probe[k];
    if (Math.abs(s - Fp[i]) > 1e-9 * (1 + Math.abs(Fp[i])))
      throw new UnsuitableFileError('the implicit-bias lab needs predictions linear in the outputs θ (X θ = y)');
  }
  return { A, c, n, q };
}

/** The flow's tolerances here: tighter than the core's default, so the endpoint is accurate to ~1e-10. */
const RTOL = 1e-11,
  ATOL = 1e-14;

/**
 * Gradient flow from W0 in chunks of doubling time until L < tol, or until a chunk no longer halves L (the
 * integrator's floor), or the total time (1e6) or the deadline runs out.
 */
function flowToConvergence(
  lab: DocumentObjective,
  W0: Float64Array,
  tol: number,
  deadline?: number,
  path?: number[][],
): { W: Float64Array; theta: number[]; loss: number; time: number } {
  let W = Float64Array.from(W0),
    time = 0,
    chunk = 10,
    loss = Infinity,
    theta: number[] = [];
  while (time < 1e6) {
    checkDeadline(deadline, `the gradient flow at t = ${time}`);
    const before = loss;
    const run = gradientFlow(lab.objective, W, {
      time: chunk,
      every: path ? 1 : 1e9,
      canonical: false,
      deadline,
      rtol: RTOL,
      atol: ATOL,
    });
    const last = run.records[run.records.length - 1];
    if (path) for (const r of run.records.slice(path.length ? 1 : 0)) path.push(r.theta);
    W = Float64Array.from(last.W);
    theta = last.theta;
    loss = last.loss;
    time += last.t;
    if (run.stopped !== null && run.stopped !== 'maxSteps') break;
    if (loss < tol || loss > before / 2) break;
    chunk *= 2;
  }
  return { W, theta, loss, time };
}

/** The report over the file's first sweep (α); throws UnsuitableFileError when the file does not fit the lab. */
export function implicitBias(text: string, options: ImplicitBiasOptions = {}): ImplicitBiasReport {
  const first = compileDocument(text, { seed: options.seed });
  const sw = first.sweeps[0];
  if (!sw) throw new UnsuitableFileError('the implicit-bias lab runs over a sweep of α: add `sweep α = 0.01, 0.1, 1`');
  const lab0 = documentObjective(first);
  if (!lab0) throw new UnsuitableFileError('the file defines no loss');
  const { A, c, n, q } = predictionMap(lab0);
  const b = Float64Array.from(lab0.data!.targets, (y, i) => y - c[i]);
  const l2 = minimumNormSolve(A, n, q, b).x;
  const l1 = minimumL1(A, n, q, b);
  const tol = 1e-22 * (1 + b.reduce((s, v) => s + v * v, 0));
  const report: ImplicitBiasReport = {
    sweep: sw.name,
    alphas: [],
    theta: [],
    l1: [],
    l2: [],
    qAlphaGap: [],
    loss: [],
    time: [],
    minL1: l1.l1,
    minL2: norm2(l2),
    minL1Solution: Array.from(l1.theta),
    minL2Solution: Array.from(l2),
    ...(options.paths ? { paths: [] } : {}),
  };
  for (const [i, alpha] of sw.values.entries()) {
    if (options.shouldStop?.()) break;
    const result = compileDocument(text, { seed: options.seed, sweep: { [sw.name]: alpha } });
    const lab = documentObjective(result);
    if (!lab) throw new UnsuitableFileError(`${sw.name} = ${alpha}: the file does not compile`);
    const W0 = lab.model.points[0]?.values ?? new Float64Array(lab.model.p);
    const path: number[][] | undefined = options.paths ? [] : undefined;
    const end = flowToConvergence(lab, W0, tol, options.deadline, path);
    const qa = qAlphaArgmin(A, n, q, b, alpha);
    report.alphas.push(alpha);
    report.theta.push(end.theta);
    report.l1.push(end.theta.reduce((s, v) => s + Math.abs(v), 0));
    report.l2.push(Math.hypot(...end.theta));
    report.qAlphaGap.push(Math.hypot(...end.theta.map((t, k) => t - qa.theta[k])));
    report.loss.push(end.loss);
    report.time.push(end.time);
    if (path) report.paths!.push(thin(path, options.paths!));
    options.onValue?.(i + 1, sw.values.length, report);
  }
  return report;
}
