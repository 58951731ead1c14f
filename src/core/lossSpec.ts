// The contract between the language (what a file says about losses, data and tracked values) and the numerics
// (gradients, Hessians, training). The language fills it in compileDocument; src/core/objective reads it.
import type { Expr } from './symbolic/expr';

/**
 * The canonical loss of a document. Its expressions live in the model's ExprStore, but their variables are OUTPUT
 * indices (variable k = θ_k, 0-based, in output order), not parameter indices: L is a function of θ alone, and
 * ∇_W L = Jᵀ ∇_θ L by the chain rule.
 */
export interface LossSpec {
  /** L(θ). */
  loss: Expr;
  /** Per-sample losses ℓ_i(θ) (data files: ½ (F_i - y_i)²; their sum is L), or null when the file has no data. */
  samples: Expr[] | null;
  /** `loss` when a `loss = …` line defines L; `data` when L is the default ½ Σ_k (F_k - y_k)². */
  source: 'loss' | 'data';
}

/** A scalar tracked along trajectories (`watch name = expr`); its variables are PARAMETER indices. */
export interface Watch {
  name: string;
  expr: Expr;
}

/** The training and test data of a data file (`data X, y`, `test Xt, yt`). */
export interface DataSpec {
  /** Number of training samples n. */
  n: number;
  /** Training inputs, n rows of `inputDim` numbers, row-major. */
  inputs: Float64Array;
  inputDim: number;
  /** Training targets y (length n). */
  targets: Float64Array;
  /**
   * Predictions F_k = f(X_k) as expressions. When the file defines no outputs, the predictions ARE the outputs
   * (θ = F, J = DF) and `predictions` is null. Otherwise they are expressions of θ (variables = output indices), and
   * DF = (dF/dθ) J.
   */
  predictions: Expr[] | null;
  /** The test set: predictions f(Xt_k) with the variable space they use, and targets yt. */
  test: { predictions: Expr[]; space: 'params' | 'outputs'; targets: Float64Array } | null;
}
