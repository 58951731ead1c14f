// The data side of a data file as numbers: predictions F(W) (n) and DF = ∂F/∂W (n x p, row-major) at any W. With no
// outputs the predictions ARE θ (DF = J); otherwise F is an expression of θ and DF = (∂F/∂θ) J by the chain rule, the
// n x q factor differentiated symbolically once here.
import type { DocumentObjective } from '../objective/documentObjective';
import { generateProgram, type BatchProgram } from '../numeric/codegen';
import { Differentiator } from '../symbolic/differentiate';
import type { Expr } from '../symbolic/expr';

/** F and DF of a data file, compiled once. */
export interface DataJacobian {
  /** Samples n and parameters p. */
  n: number;
  p: number;
  /** Training targets y (length n). */
  targets: Float64Array;
  /** F(W) into `F` (n) and DF(W) into `DF` (n x p row-major); either may be null. */
  evaluate(W: Float64Array, F: Float64Array | null, DF: Float64Array | null): void;
}

/** The DataJacobian of a document with `model` and `data`, or null when it has no data. */
export function compileDataJacobian(lab: DocumentObjective): DataJacobian | null {
  const data = lab.data;
  if (!data) return null;
  const { model } = lab;
  const { p, q } = model;
  const n = data.n;
  const theta = new Float64Array(q),
    J = new Float64Array(q * p);
  let predict: BatchProgram | null = null,
    dFdTheta: BatchProgram | null = null;
  if (data.predictions) {
    const preds: readonly Expr[] = data.predictions;
    predict = generateProgram(
      preds.map((expr, i) => ({ expr, target: 'theta' as const, offset: i })),
      q,
      Math.max(1, n),
      0,
    );
    // The variables of the predictions are output indices: ∂F_i/∂θ_k, n x q row-major.
    const diff = new Differentiator(model.symbolic.store);
    const roots: { expr: Expr; target: 'J'; offset: number }[] = [];
    for (let k = 0; k < q; k++)
      for (let i = 0; i < n; i++) {
        const e = diff.derivative(preds[i], k);
        if (!(e.kind === 'num' && e.value === 0)) roots.push({ expr: e, target: 'J', offset: i * q + k });
      }
    dFdTheta = generateProgram(roots, q, n, n * q);
  }
  const A = new Float64Array(n * q),
    Fbuf = new Float64Array(Math.max(1, n));
  return {
    n,
    p,
    targets: data.targets,
    evaluate(W, F, DF) {
      model.evaluate(W, 1, theta, DF ? J : null);
      if (F) {
        if (predict) {
          predict(theta, 1, Fbuf, null);
          F.set(Fbuf.subarray(0, n));
        } else F.set(theta.subarray(0, n));
      }
      if (!DF) return;
      if (!dFdTheta) {
        DF.set(J.subarray(0, n * p));
        return;
      }
      dFdTheta(theta, 1, null, A);
      DF.fill(0, 0, n * p);
      for (let i = 0; i < n; i++)
        for (let k = 0; k < q; k++) {
          const a = A[i * q + k];
          if (a === 0) continue;
          for (let j = 0; j < p; j++) DF[i * p + j] += a * J[k * p + j];
        }
    },
  };
}

/**
 * Whether F is affine in W (DF the same at W0 and at two points around it, relative to its size), and DF at W0.
 * The batch-size theory and the minimum-norm fits are statements about linear least squares; other models are
 * refused with the reason.
 */
export function linearFeatures(
  dj: DataJacobian,
  W0: Float64Array,
  tol = 1e-9,
): { DF: Float64Array; linear: boolean; offset: Float64Array } {
  const { n, p } = dj;
  const DF = new Float64Array(n * p),
    other = new Float64Array(n * p);
  const F0 = new Float64Array(n);
  dj.evaluate(W0, F0, DF);
  let scale = 0;
  for (let e = 0; e < n * p; e++) scale = Math.max(scale, Math.abs(DF[e]));
  let linear = true;
  for (const shift of [0.7, -1.3]) {
    const W = Float64Array.from(W0, (w, j) => w + shift * (1 + 0.1 * j));
    dj.evaluate(W, null, other);
    for (let e = 0; e < n * p; e++) if (Math.abs(other[e] - DF[e]) > tol * Math.max(1, scale)) linear = false;
  }
  // F(W) = DF W + offset for an affine model: offset = F(W0) - DF W0.
  const offset = Float64Array.from(F0, (f, i) => {
    let s = 0;
    for (let j = 0; j < p; j++) s += DF[i * p + j] * W0[j];
    return f - s;
  });
  return { DF, linear, offset };
}
