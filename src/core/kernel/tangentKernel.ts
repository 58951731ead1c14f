// The tangent kernel K(W) = DF DFᵀ of a data file: the n x n Gram matrix of the predictions' gradients, the notes'
// preconditioner in the canonical space of the predictions F = (f(x_1), ..., f(x_n)).
import type { DocumentObjective } from '../objective/documentObjective';
import { generateProgram, type BatchProgram } from '../numeric/codegen';
import { Differentiator } from '../symbolic/differentiate';
import type { Expr } from '../symbolic/expr';
import { jacobiEigen } from '../objective/denseSymmetricEigen';
import { rankTolerance } from '../linalg/rank';

/** F, the residual, L = ½‖F - y‖², DF (n x p, row-major) and K = DF DFᵀ (n x n) at one point. */
export interface KernelPoint {
  F: Float64Array;
  residual: Float64Array;
  loss: number;
  DF: Float64Array;
  K: Float64Array;
}

/** The spectrum of K at a point: eigenvalues ascending, λ_min (0 where the rank rule says so), λ_max, κ. */
export interface KernelSpectrum {
  eigenvalues: Float64Array;
  lambdaMin: number;
  lambdaMax: number;
  /** λ_max / λ_min (Infinity when λ_min = 0). */
  condition: number;
  /** True when p < n: rank K <= p < n, so λ_min ≡ 0 everywhere and PL* cannot hold. */
  underParameterized: boolean;
}

/** A data file's tangent kernel, compiled once. */
export interface TangentKernel {
  n: number;
  p: number;
  /** The targets y. */
  targets: Float64Array;
  /** True when the file defines outputs θ and the predictions are expressions of them (DF = (dF/dθ) J). */
  throughOutputs: boolean;
  /** The predictions F(W) into F (n). */
  predictions(W: Float64Array, F: Float64Array): void;
  /** Everything at W (fresh arrays). */
  at(W: Float64Array): KernelPoint;
  /** The spectrum of a K from `at`. */
  spectrum(K: Float64Array): KernelSpectrum;
  /** λ_min(K) at N points Ws (N*p) into out (N), evaluated as one batch per chunk. */
  lambdaMins(Ws: Float64Array, N: number, out: Float64Array): void;
}

/** Why a document has no tangent kernel, in words. */
export const NO_KERNEL_MESSAGE =
  'the tangent kernel needs `model f(x) = …` with `data X, y` and the default loss ½ Σ_k (F_k - y_k)² (no `loss` line)';

/** Points evaluated per batch by lambdaMins (bounds the memory of the compact Jacobians). */
const CHUNK = 64;

/**
 * The tangent kernel of a data file, or null when the file has no data or defines its own loss. With no outputs the
 * predictions are the outputs and DF = J; with outputs θ, DF = (dF/dθ) J, dF/dθ differentiated once symbolically.
 * DF is held as n x p (never p x p), so K costs n² p per point.
 */
export function compileTangentKernel(lab: DocumentObjective): TangentKernel | null {
  const { data, objective: obj, model } = lab;
  if (!data || lab.spec.source !== 'data') return null;
  const { n } = data;
  const { p, q } = model;
  const nnz = obj.jRows.length;
  // dF_k/dθ_l: structural non-zeros of the predictions in θ (variables = output indices).
  let G: { k: Int32Array; l: Int32Array; program: BatchProgram; predictions: BatchProgram } | null = null;
  if (data.predictions) {
    const diff = new Differentiator(model.symbolic.store);
    const ks: number[] = [],
      ls: number[] = [],
      exprs: Expr[] = [];
    for (let k = 0; k < n; k++)
      for (const l of data.predictions[k].vars) {
        const e = diff.derivative(data.predictions[k], l);
        if (e.kind === 'num' && e.value === 0) continue;
        ks.push(k);
        ls.push(l);
        exprs.push(e);
      }
    const roots = (list: typeof exprs) => list.map((expr, i) => ({ expr, target: 'theta' as const, offset: i }));
    G = {
      k: Int32Array.from(ks),
      l: Int32Array.from(ls),
      program: generateProgram(roots(exprs), q, Math.max(1, exprs.length), 0),
      predictions: generateProgram(roots(data.predictions), q, n, 0),
    };
  }
  const rowStart = new Int32Array(q + 1);
  for (let e = 0; e < nnz; e++) rowStart[obj.jRows[e] + 1]++;
  for (let k = 0; k < q; k++) rowStart[k + 1] += rowStart[k];
  const gValues = new Float64Array(Math.max(1, G?.k.length ?? 0));
  // A row template's rows of J share their columns (ascending): K_kl is then the dot product of compact rows k and l,
  // the same sum in the same order as over DF's rows, without the n x p matrix.
  const shared = !G && model.symbolic.rows ? model.symbolic.rows.cols.length : 0;
  const compactGram = (J: Float64Array, jo: number, K: Float64Array): void => {
    for (let k = 0; k < n; k++)
      for (let l = k; l < n; l++) {
        let s = 0;
        const a = jo + k * shared,
          b = jo + l * shared;
        for (let j = 0; j < shared; j++) s += J[a + j] * J[b + j];
        K[k * n + l] = K[l * n + k] = s;
      }
  };

  /** F and DF from θ and compact J of one point. */
  const fill = (theta: Float64Array, J: Float64Array, jo: number, F: Float64Array, DF: Float64Array): void => {
    DF.fill(0);
    if (!G) {
      for (let k = 0; k < n; k++) F[k] = theta[k];
      for (let e = 0; e < nnz; e++) DF[obj.jRows[e] * p + obj.jCols[e]] = J[jo + e];
      return;
    }
    G.predictions(theta, 1, F, null);
    G.program(theta, 1, gValues, null);
    for (let t = 0; t < G.k.length; t++) {
      const k = G.k[t],
        l = G.l[t],
        g = gValues[t];
      for (let e = rowStart[l]; e < rowStart[l + 1]; e++) DF[k * p + obj.jCols[e]] += g * J[jo + e];
    }
  };
  const gram = (DF: Float64Array, K: Float64Array): void => {
    for (let k = 0; k < n; k++)
      for (let l = k; l < n; l++) {
        let s = 0;
        const a = k * p,
          b = l * p;
        for (let j = 0; j < p; j++) s += DF[a + j] * DF[b + j];
        K[k * n + l] = K[l * n + k] = s;
      }
  };
  const spectrum = (K: Float64Array): KernelSpectrum => {
    const eigenvalues = n > 0 ? jacobiEigen(K, n).values : new Float64Array(0);
    const lambdaMax = n > 0 ? Math.max(0, eigenvalues[n - 1]) : 0;
    const underParameterized = p < n;
    // The rank rule applied to K itself: eigenvalues at or below λ_max · max(n, p) · ε are zero.
    const zero = rankTolerance(lambdaMax, n, p);
    const raw = n > 0 ? eigenvalues[0] : 0;
    const lambdaMin = underParameterized || raw <= zero ? 0 : raw;
    return {
      eigenvalues,
      lambdaMin,
      lambdaMax,
      condition: lambdaMin > 0 ? lambdaMax / lambdaMin : Infinity,
      underParameterized,
    };
  };
  const theta1 = new Float64Array(q),
    J1 = new Float64Array(Math.max(1, nnz));
  const at = (W: Float64Array): KernelPoint => {
    obj.evaluateModel(W, 1, theta1, J1);
    const F = new Float64Array(n),
      K = new Float64Array(n * n);
    let DF: Float64Array | undefined;
    if (shared) {
      F.set(theta1.subarray(0, n));
      compactGram(J1, 0, K);
    } else {
      DF = new Float64Array(n * p);
      fill(theta1, J1, 0, F, DF);
      gram(DF, K);
    }
    const J = shared ? Float64Array.from(J1) : undefined;
    const residual = Float64Array.from(F, (f, k) => f - data.targets[k]);
    let loss = 0;
    for (let k = 0; k < n; k++) loss += 0.5 * residual[k] * residual[k];
    return {
      F,
      residual,
      loss,
      K,
      // Built on first use from the point's own copy of J (the width lab's linearization reads it, K does not).
      get DF() {
        if (!DF) {
          DF = new Float64Array(n * p);
          for (let e = 0; e < nnz; e++) DF[obj.jRows[e] * p + obj.jCols[e]] = J![e];
        }
        return DF;
      },
    };
  };
  const predictions = (W: Float64Array, F: Float64Array): void => {
    obj.evaluateModel(W, 1, theta1, null);
    if (G) G.predictions(theta1, 1, F, null);
    else F.set(theta1.subarray(0, n));
  };
  const lambdaMins = (Ws: Float64Array, N: number, out: Float64Array): void => {
    const theta = new Float64Array(CHUNK * q),
      J = new Float64Array(CHUNK * Math.max(1, nnz));
    const F = new Float64Array(n),
      DF = new Float64Array(shared ? 0 : n * p),
      K = new Float64Array(n * n);
    for (let start = 0; start < N; start += CHUNK) {
      const count = Math.min(CHUNK, N - start);
      obj.evaluateModel(Ws.subarray(start * p, (start + count) * p), count, theta, J);
      for (let i = 0; i < count; i++) {
        if (shared) compactGram(J, i * nnz, K);
        else {
          fill(theta.subarray(i * q, (i + 1) * q), J, i * nnz, F, DF);
          gram(DF, K);
        }
        out[start + i] = spectrum(K).lambdaMin;
      }
    }
  };
  return { n, p, targets: data.targets, throughOutputs: G !== null, predictions, at, spectrum, lambdaMins };
}
