import type { Diagnostic, Span } from './diagnostic';

/** Everything the core computes at one `at` point (or a point given on the command line). */
export interface PointReport {
  /** The point by parameter name (`w[1]`, `U[1,2]`, `r`). */
  at: Record<string, number>;
  /** The point as the blog titles it (`w = (0.1, 1)`), the same text in every layer (src/format/point.ts). */
  label: string;
  /** Where the point was written (the `at` line); absent for points given on the command line. */
  span?: Span;
  /** theta(W), length q, in output order. */
  theta: number[];
  /** J = dtheta/dW at the point, q rows x p columns. */
  J: number[][];
  /** False when theta or J has a NaN or infinity at this point; the spectral fields are then absent. */
  finite: boolean;
  singularValues?: number[];
  rank?: number;
  tolerance?: number;
  conditionNumber?: number;
  operatorNorm?: number;
  /** Orthonormal basis of ker J (each vector of length p): parameter directions that do not move theta. */
  kernel?: number[][];
  /** Orthonormal basis of ker Jᵀ (each vector of length q): canonical directions the parametric gradient cannot see. */
  cokernel?: number[][];
  /** The dimension of ker J (ker Jᵀ) when its basis was too large to build (see MatrixReport.kernelOmitted). */
  kernelOmitted?: number;
  cokernelOmitted?: number;
  /** M = J Jᵀ (q x q). */
  preconditioner?: number[][];
  /** Eigenvalues of M, descending, and its eigenvectors (each of length q) in the same order. */
  preconditionerEigenvalues?: number[];
  preconditionerEigenvectors?: number[][];
  /** For a file with a loss: L at the point, ∇_W L (p) and ∇_θ L (q). */
  loss?: number;
  gradient?: number[];
  canonicalGradient?: number[];
  /**
   * Eigenvalues of ∇²_W L, ascending: all of them when `hessianComplete`, else every small block's with the extremes of
   * the large ones (Lanczos); absent when the Hessian did not fit the time budget.
   */
  hessianEigenvalues?: number[];
  hessianComplete?: boolean;
  /** For a data file: F_k = f(X_k), F_k - y_k, and the mean squared error on the test set (null without one). */
  predictions?: number[];
  residuals?: number[];
  testRisk?: number | null;
}

/** Where each output row and parameter column was defined (for hovers on definitions). */
export interface SymbolSite {
  name: string;
  span: Span;
}

/** The whole analysis of one document: what the CLI prints as JSON and the editor shows. */
export interface AnalysisReport {
  /** Parameter names in column order. */
  params: string[];
  /** Output names in row order. */
  outputs: string[];
  /** Symbolic J in mathjs syntax, q rows x p columns. */
  jacobian: string[][];
  /** Symbolic J as TeX, same shape. */
  jacobianTex: string[][];
  /** Output definitions (one per row) and parameter declarations (one per column). */
  outputSites: SymbolSite[];
  paramSites: SymbolSite[];
  points: PointReport[];
  diagnostics: Diagnostic[];
  /** What the file says about training: its loss, data, sweeps and seed (absent when it has no loss and no sweep). */
  training?: TrainingSummary;
  /** Timings and sizes, for the curious and for budgets. */
  stats: { parseMs: number; jacobianMs: number; evaluateMs: number; simplified: boolean; nodes: number };
}

/** The training side of a document, for hovers on its `loss`, `model`, `data`, `sweep` and `seed` lines. */
export interface TrainingSummary {
  /** `loss`: a `loss = …` line defines L; `data`: L = ½ Σ_k (F_k - y_k)²; null: the file has no loss. */
  lossSource: 'loss' | 'data' | null;
  /** Training samples n, numbers per input, test samples; null without `data`. */
  data: { n: number; inputDim: number; testN: number; predictionsAreOutputs: boolean } | null;
  /** Every sweep with its values, and the value this analysis used. */
  sweeps: { name: string; values: number[]; used: number }[];
  seed: number;
  watches: string[];
}
