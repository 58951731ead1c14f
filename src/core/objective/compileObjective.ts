import type { LossSpec, Watch } from '../lossSpec';
import type { CompiledModel } from '../model';
import { generateProgram, type BatchProgram } from '../numeric/codegen';
import type { Expr } from '../symbolic/expr';
import { compileHessian, type HessianEvaluator } from './hessianEvaluator';
import { substitute } from '../symbolic/substitute';
import { canonicalGradient, sampleGradients } from './symbolicObjective';

/** Above this many structural non-zeros of J the fused gradient program is not built (compile time and size). */
const FUSED_MAX_ENTRIES = 20_000;

/** Buffers for one point, reused across calls (a training loop allocates nothing per step). */
export interface ObjectiveWorkspace {
  theta: Float64Array;
  /** J in the compact layout: its structural non-zeros in row-major order (see CompiledObjective.jRows/jCols). */
  J: Float64Array;
  /** L at the point (after `at`). */
  loss: number;
  /** ∇_θ L (q). */
  gradTheta: Float64Array;
  /** ∇_W L = Jᵀ ∇_θ L (p). */
  gradW: Float64Array;
}

/** Per-sample canonical gradients ∇_θ ℓ_i, compiled once. */
export interface SampleGradients {
  /** Number of samples n. */
  n: number;
  /** Sample and output index of each structural non-zero, grouped by sample (start[i] .. start[i+1]-1). */
  sample: Int32Array;
  k: Int32Array;
  start: Int32Array;
  /** The values of every non-zero at one canonical point θ (out: sample.length). */
  evaluate(theta: Float64Array, out: Float64Array): void;
}

/** A loss L(ψ(W)) compiled once: value, gradients in both spaces, per-sample gradients, Hessians and watches. */
export interface CompiledObjective {
  model: CompiledModel;
  spec: LossSpec;
  p: number;
  q: number;
  /** Row and column of each structural non-zero of J (the compact layout of ObjectiveWorkspace.J). */
  jRows: Int32Array;
  jCols: Int32Array;
  /** Symbolic ∂L/∂θ_k (variables = output indices). */
  gradientExprs: readonly Expr[];
  /** Fresh buffers for `at`. */
  workspace(): ObjectiveWorkspace;
  /** θ, J, L, ∇_θ L and ∇_W L at W (length p) into `ws`; returns L. */
  at(W: Float64Array, ws: ObjectiveWorkspace): number;
  /** θ and compact J at n points W (n*p) (pass null to skip one). */
  evaluateModel(W: Float64Array, n: number, theta: Float64Array | null, J: Float64Array | null): void;
  /** L and ∇_θ L at n canonical points θ (n*q): loss (n) and grad (n*q), either may be null. */
  canonical(theta: Float64Array, n: number, loss: Float64Array | null, grad: Float64Array | null): void;
  /** L, ∇_W L (n*p) and ∇_θ L (n*q) at n points W (n*p), any output may be null. */
  evaluate(
    W: Float64Array,
    n: number,
    loss: Float64Array | null,
    gradW: Float64Array | null,
    gradTheta?: Float64Array | null,
  ): void;
  /**
   * [L, ∂L/∂W_1, ..., ∂L/∂W_p] as expressions of W (∇_θ L at θ = ψ(W) contracted with J's entries), or null when the
   * model is too large to build them.
   */
  lossAndGradientInW(): Expr[] | null;
  /**
   * One generated program for [L, ∂L/∂W_1, ..., ∂L/∂W_p] at W (out: p + 1): ∇_θ L written at θ = ψ(W) and contracted
   * with J's entries symbolically, so a step is one call (GD and the flow use it). Null when the model is too large to
   * build it (then `at` is the route).
   */
  fused(): ((W: Float64Array, out: Float64Array) => void) | null;
  /** The per-sample gradients (compiled on first use), or null when the spec has no per-sample losses. */
  samples(): SampleGradients | null;
  /** Second derivatives and the Hessian's block structure (differentiated and compiled on first use). */
  hessian(deadline?: number): HessianEvaluator;
  /** Watches as one evaluator over W: out[i] = watches[i](W). */
  compileWatches(watches: readonly Watch[]): (W: Float64Array, out: Float64Array) => void;
}

/** Options of compileObjective. */
export interface ObjectiveOptions {
  /** Date.now() value after which differentiating the Hessian stops with BudgetExceededError. */
  deadline?: number;
}

/**
 * Compiles L(θ) = spec.loss over the model's outputs: ∇_θ L symbolically (its variables are output indices, so a
 * generated program evaluates it with θ in the place of W), and ∇_W L = Jᵀ ∇_θ L numerically over J's structural
 * non-zeros (the chain rule, never an expression of W). Hessians and per-sample gradients are built on first use.
 */
export function compileObjective(
  model: CompiledModel,
  spec: LossSpec,
  options: ObjectiveOptions = {},
): CompiledObjective {
  const { p, q } = model;
  const store = model.symbolic.store;
  const template = model.symbolic.rows;
  // A row template's entries are built only on demand: its layout (every row over the same columns) is known.
  const entries = template ? [] : model.symbolic.entries;
  const nnz = template ? template.n * template.cols.length : entries.length;
  const jRows = new Int32Array(nnz),
    jCols = new Int32Array(nnz);
  if (template) {
    const nc = template.cols.length;
    for (let k = 0; k < template.n; k++) {
      jRows.fill(k, k * nc, (k + 1) * nc);
      jCols.set(template.cols, k * nc);
    }
  } else
    entries.forEach((e, i) => {
      jRows[i] = e.row;
      jCols[i] = e.col;
    });
  // θ with compact J, generated on first use; θ alone goes through the model's own (lazy) evaluator.
  let withJ: BatchProgram | undefined;
  const modelProgram: BatchProgram = (W, n, theta, J) => {
    if (!J || template) {
      if (template) model.evaluateCompact(W, n, theta, J);
      else if (theta) model.evaluate(W, n, theta, null);
      return;
    }
    withJ ??= generateProgram(
      [
        ...model.symbolic.outputs.map((expr, k) => ({ expr, target: 'theta' as const, offset: k })),
        ...entries.map((e, i) => ({ expr: e.expr, target: 'J' as const, offset: i })),
      ],
      p,
      q,
      nnz,
    );
    withJ(W, n, theta, J);
  };
  const gradientExprs = canonicalGradient(store, spec.loss, q);
  // θ-space program: [L, ∂L/∂θ_1, ...] per point; θ plays the role of W (stride q).
  const lossProgram = generateProgram(
    [spec.loss, ...gradientExprs].map((expr, i) => ({ expr, target: 'theta' as const, offset: i })),
    q,
    q + 1,
    0,
  );
  const lg = new Float64Array(q + 1),
    lgOne = new Float64Array(q + 1);

  const chain = (J: Float64Array, jo: number, g: Float64Array, go: number, out: Float64Array, oo: number): void => {
    out.fill(0, oo, oo + p);
    for (let e = 0; e < nnz; e++) out[oo + jCols[e]] += J[jo + e] * g[go + jRows[e]];
  };

  const workspace = (): ObjectiveWorkspace => ({
    theta: new Float64Array(q),
    J: new Float64Array(nnz),
    loss: NaN,
    gradTheta: new Float64Array(q),
    gradW: new Float64Array(p),
  });

  const at = (W: Float64Array, ws: ObjectiveWorkspace): number => {
    modelProgram(W, 1, ws.theta, ws.J);
    lossProgram(ws.theta, 1, lg, null);
    ws.loss = lg[0];
    for (let k = 0; k < q; k++) ws.gradTheta[k] = lg[k + 1];
    chain(ws.J, 0, ws.gradTheta, 0, ws.gradW, 0);
    return lg[0];
  };

  const canonical = (theta: Float64Array, n: number, loss: Float64Array | null, grad: Float64Array | null): void => {
    const buf = n === 1 ? lgOne : new Float64Array(n * (q + 1));
    lossProgram(theta, n, buf, null);
    for (let i = 0; i < n; i++) {
      if (loss) loss[i] = buf[i * (q + 1)];
      if (grad) for (let k = 0; k < q; k++) grad[i * q + k] = buf[i * (q + 1) + k + 1];
    }
  };

  const evaluate: CompiledObjective['evaluate'] = (W, n, loss, gradW, gradTheta = null) => {
    const theta = new Float64Array(n * q),
      J = gradW ? new Float64Array(n * nnz) : null;
    modelProgram(W, n, theta, J);
    const g = gradW || gradTheta ? new Float64Array(n * q) : null;
    canonical(theta, n, loss, g);
    if (gradTheta && g) gradTheta.set(g.subarray(0, n * q));
    if (gradW && J && g) for (let i = 0; i < n; i++) chain(J, i * nnz, g, i * q, gradW, i * p);
  };

  let samples: SampleGradients | null | undefined;
  const compileSamples = (): SampleGradients | null => {
    if (!spec.samples) return null;
    const list = sampleGradients(store, spec.samples);
    const n = spec.samples.length;
    const start = new Int32Array(n + 1);
    for (const e of list) start[e.sample + 1]++;
    for (let i = 0; i < n; i++) start[i + 1] += start[i];
    const program = generateProgram(
      list.map((e, i) => ({ expr: e.expr, target: 'theta' as const, offset: i })),
      q,
      Math.max(1, list.length),
      0,
    );
    return {
      n,
      sample: Int32Array.from(list, (e) => e.sample),
      k: Int32Array.from(list, (e) => e.k),
      start,
      evaluate: (theta, out) => program(theta, 1, out, null),
    };
  };

  let inW: Expr[] | null | undefined;
  const buildInW = (): Expr[] | null => {
    if (template || nnz > FUSED_MAX_ENTRIES) return null;
    try {
      const memo = new Map<number, Expr>();
      const at = (e: Expr): Expr => substitute(store, e, (k) => model.symbolic.outputs[k], memo);
      const g = gradientExprs.map(at);
      const terms: Expr[][] = Array.from({ length: p }, () => []);
      entries.forEach((e) => terms[e.col].push(store.mul([e.expr, g[e.row]])));
      return [at(spec.loss), ...terms.map((t) => store.add(t))];
    } catch (e) {
      if (e instanceof RangeError) return null;
      throw e;
    }
  };
  const lossAndGradientInW = (): Expr[] | null => (inW === undefined ? (inW = buildInW()) : inW);
  let fused: ((W: Float64Array, out: Float64Array) => void) | null | undefined;
  const compileFused = (): ((W: Float64Array, out: Float64Array) => void) | null => {
    const roots = lossAndGradientInW();
    if (!roots) return null;
    const program = generateProgram(
      roots.map((expr, i) => ({ expr, target: 'theta' as const, offset: i })),
      p,
      p + 1,
      0,
    );
    return (W, out) => program(W, 1, out, null);
  };

  let hessian: HessianEvaluator | undefined;
  const objective: CompiledObjective = {
    model,
    spec,
    p,
    q,
    jRows,
    jCols,
    gradientExprs,
    workspace,
    at,
    evaluateModel: (W, n, theta, J) => modelProgram(W, n, theta, J),
    canonical,
    evaluate,
    lossAndGradientInW,
    fused: () => (fused === undefined ? (fused = compileFused()) : fused),
    samples: () => (samples === undefined ? (samples = compileSamples()) : samples),
    hessian: (deadline = options.deadline) => (hessian ??= compileHessian(objective, deadline)),
    compileWatches: (watches) => {
      const program = generateProgram(
        watches.map((w, i) => ({ expr: w.expr, target: 'theta' as const, offset: i })),
        p,
        Math.max(1, watches.length),
        0,
      );
      return (W, out) => program(W, 1, out, null);
    },
  };
  return objective;
}
