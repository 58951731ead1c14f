// The lecture's transition to linearity, measured across a width sweep: per width the model Hessian ‖H_f(w0)‖, the
// gradient ‖∇f‖ and λ_min(K) at the start, then after T GD steps the distance from w0, the relative kernel change
// and the largest linearization error along training; log-log slopes against m with their intervals.
import { jacobiEigen } from '../objective/denseSymmetricEigen';
import type { DocumentObjective } from '../objective/documentObjective';
import type { HessianEvaluator } from '../objective/hessianEvaluator';
import type { SymbolicModel } from '../model';
import { outputHessianNorms } from '../objective/objectiveReport';
import { train } from '../training/train';
import { BudgetExceededError } from '../budget';
import { outputHessianNormsByDifferences } from './hessianProducts';
import { logLogSlope, type SlopeFit } from './slopeFit';
import { compileTangentKernel, NO_KERNEL_MESSAGE } from './tangentKernel';

/** One width of the sweep: its compiled document and start point. */
export interface WidthRun {
  width: number;
  lab: DocumentObjective;
  W0: Float64Array;
}

/** Options of widthLab. */
export interface WidthOptions {
  /** GD steps T (default 100; 0: the start quantities only). */
  steps?: number;
  /** Step size (default 1 / max over widths of λ_max(K(w0)), the same η at every width). */
  lr?: number;
  deadline?: number;
}

/** The measured quantities, one entry per width (null: not measured, as after `steps: 0`). */
export interface WidthReport {
  widths: number[];
  /** max_k ‖H_{f(x_k)}(w0)‖ (spectral norm, block by block). */
  hessianNorm: number[];
  /** max_k ‖∇_W f(x_k)(w0)‖ = max_k √K_kk. */
  gradNorm: number[];
  lambdaMin: number[];
  /** ‖K(w_T) - K(w0)‖ / ‖K(w0)‖ (spectral norms). */
  kernelChange: (number | null)[];
  /** ‖w_T - w0‖. */
  distance: (number | null)[];
  /** max over the recorded t ≤ T and the inputs k of |f(x_k; w_t) - f_lin(x_k; w_t)|. */
  linearizationError: (number | null)[];
  /** Blocks of the output Hessians per width (m independent sub-models: m blocks; null: no symbolic Hessian). */
  blocks: (number | null)[];
  slopes: Record<string, SlopeFit>;
  lr: number;
  steps: number;
  notes: string[];
}

const spectralNorm = (A: Float64Array, n: number): number => {
  const ev = jacobiEigen(A, n).values;
  return n ? Math.max(Math.abs(ev[0]), Math.abs(ev[n - 1])) : 0;
};

/** Most candidate entries of the symbolic output Hessians (else the difference route). */
const SYMBOLIC_ENTRIES = 20_000;
/** Average variables per entry of J above which the output Hessians count as dense. */
const DENSE_VARS = 16;
/** Time the symbolic output Hessian may take per width before the difference route takes over. */
const SYMBOLIC_MS = 3000;

/**
 * Candidate second derivatives (each J entry's variables, summed) and J's structural non-zeros, from a row template's
 * gradient or family without building the n rows of entries (a width-100,000 model's 3.2 million).
 */
function secondDerivativeCandidates(sym: SymbolicModel): { candidates: number; nnz: number } {
  const t = sym.rows;
  let candidates = 0;
  if (t?.family) {
    const f = t.family;
    for (const g of f.termGrads) candidates += g.vars.length * f.members;
    for (const g of f.restGrads) candidates += g.vars.length;
    return { candidates: candidates * t.n, nnz: t.n * t.cols.length };
  }
  if (t) {
    for (const g of t.grads) candidates += g.vars.length;
    return { candidates: candidates * t.n, nnz: t.n * t.cols.length };
  }
  for (const e of sym.entries) candidates += e.expr.vars.length;
  return { candidates, nnz: sym.entries.length };
}

/** Records kept along each training run for the linearization error. */
const RECORDS = 50;

/** Measures every width and fits the slopes; throws Error(NO_KERNEL_MESSAGE) for a run without a tangent kernel. */
export function widthLab(runs: readonly WidthRun[], options: WidthOptions = {}): WidthReport {
  const steps = options.steps ?? 100;
  const hessianNotes: string[] = [];
  const starts = runs.map((run) => {
    const kernel = compileTangentKernel(run.lab);
    if (!kernel) throw new Error(NO_KERNEL_MESSAGE);
    const at0 = kernel.at(run.W0);
    const s = kernel.spectrum(at0.K);
    let hess: HessianEvaluator | null = null;
    // Candidate second derivatives ∂J_ka/∂W_b (b among the entry's variables): when J's entries each depend on many
    // parameters the output Hessians are dense (g = sigmoid(f)) and differences of J are far cheaper than p² symbolic
    // entries; independent sub-models (2 variables per entry) keep the symbolic blocks at any width.
    const { candidates, nnz } = secondDerivativeCandidates(run.lab.model.symbolic);
    if (candidates > SYMBOLIC_ENTRIES && candidates > DENSE_VARS * nnz)
      hessianNotes.push(
        `width ${run.width}: ‖H_f‖ by Lanczos on central differences of J (a dense output Hessian: ${candidates} candidate entries)`,
      );
    else
      try {
        const budget = Date.now() + SYMBOLIC_MS;
        hess = run.lab.objective.hessian(Math.min(options.deadline ?? budget, budget));
      } catch (e) {
        if (!(e instanceof RangeError) && !(e instanceof BudgetExceededError)) throw e;
        const why = e instanceof RangeError ? e.message : `took over ${SYMBOLIC_MS / 1000} s`;
        hessianNotes.push(
          `width ${run.width}: ‖H_f‖ by Lanczos on central differences of J (the symbolic Hessian ${why})`,
        );
      }
    const norms = kernel.throughOutputs
      ? [NaN]
      : hess
        ? outputHessianNorms(hess.at(run.W0), run.lab.objective.q)
        : outputHessianNormsByDifferences(run.lab.objective, run.W0, kernel.n);
    let grad = 0;
    for (let k = 0; k < kernel.n; k++) grad = Math.max(grad, Math.sqrt(at0.K[k * kernel.n + k]));
    return {
      run,
      kernel,
      at0,
      s,
      hessianNorm: Math.max(...norms),
      gradNorm: grad,
      blocks: hess ? hess.outputStructure.blocks.length : null,
    };
  });
  const lr = options.lr ?? 1 / Math.max(...starts.map((s) => s.s.lambdaMax));
  const notes: string[] = hessianNotes;
  const trained = starts.map(({ run, kernel, at0 }) => {
    if (steps === 0) return null;
    if (options.deadline !== undefined && Date.now() > options.deadline) {
      notes.push(`width ${run.width}: not trained (time budget)`);
      return null;
    }
    const { n, p } = kernel;
    const every = Math.max(1, Math.ceil(steps / RECORDS));
    const r = train(run.lab.objective, run.W0, {
      method: 'gd',
      lr,
      steps,
      every,
      canonical: false,
      deadline: options.deadline,
    });
    if (r.stopped) notes.push(`width ${run.width}: GD ${r.message ?? r.stopped}`);
    let lin = 0;
    const F = new Float64Array(n),
      W = new Float64Array(p);
    for (const rec of r.records) {
      W.set(rec.W);
      kernel.predictions(W, F);
      for (let k = 0; k < n; k++) {
        let s = at0.F[k];
        for (let j = 0; j < p; j++) s += at0.DF[k * p + j] * (W[j] - run.W0[j]);
        lin = Math.max(lin, Math.abs(F[k] - s));
      }
    }
    let d = 0;
    for (let j = 0; j < p; j++) d += (W[j] - run.W0[j]) ** 2;
    const KT = kernel.at(W).K;
    const diff = Float64Array.from(KT, (x, i) => x - at0.K[i]);
    return { distance: Math.sqrt(d), kernelChange: spectralNorm(diff, n) / spectralNorm(at0.K, n), lin };
  });
  const widths = runs.map((r) => r.width);
  const report: WidthReport = {
    widths,
    hessianNorm: starts.map((s) => s.hessianNorm),
    gradNorm: starts.map((s) => s.gradNorm),
    lambdaMin: starts.map((s) => s.s.lambdaMin),
    kernelChange: trained.map((t) => t?.kernelChange ?? null),
    distance: trained.map((t) => t?.distance ?? null),
    linearizationError: trained.map((t) => t?.lin ?? null),
    blocks: starts.map((s) => s.blocks),
    slopes: {},
    lr,
    steps,
    notes,
  };
  for (const key of [
    'hessianNorm',
    'gradNorm',
    'lambdaMin',
    'kernelChange',
    'distance',
    'linearizationError',
  ] as const) {
    const ys = report[key].map((v) => v ?? NaN);
    if (ys.some((v) => Number.isFinite(v))) report.slopes[key] = logLogSlope(widths, ys);
  }
  report.notes.unshift(...honestNotes(report));
  return report;
}

/** What the fits mean, said plainly (the lecture's −½ is a bound; the sample's max |v_i| bends the fit). */
export function honestNotes(r: Pick<WidthReport, 'slopes'>): string[] {
  const h = r.slopes.hessianNorm;
  if (!h || !Number.isFinite(h.value)) return [];
  const has = (x: number) => h.low !== null && h.low <= x && x <= h.high!;
  const interval =
    h.low === null
      ? ' (too few widths for an interval)'
      : ` (95% interval ${h.low.toFixed(3)} .. ${h.high!.toFixed(3)}, which ${has(-0.5) ? 'contains' : 'excludes'} −1/2` +
        ` and ${has(0) ? 'contains' : 'excludes'} 0)`;
  const out = [`‖H_f‖ ~ m^${h.value.toFixed(3)}${interval}; the reference slope is −1/2.`];
  if (h.value > -0.25)
    out.push(
      '‖H_f‖ barely falls with the width: no transition to linearity (a non-linear output such as g = sigmoid(f) keeps ' +
        'the O(1) term σ″(f) ∇f ∇fᵀ in its Hessian).',
    );
  else
    out.push(
      'With Gaussian output weights the largest |v_i| grows like √(2 ln m), so the fitted slope is about −0.45, not −0.5; ' +
        'with bounded v_i = ±1, √m ‖H_f‖ tends to a constant (1.2408 for tanh at x = 1).',
    );
  return out;
}
