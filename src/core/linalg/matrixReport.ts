import { fixSign, nullspacesFromSvd } from './nullspace';
import { numericalRank, rankTolerance } from './rank';
import { svd } from './svd';

/** Everything the spectral analysis says about one q x p matrix (here A = J), as plain arrays. */
export interface MatrixReport {
  /** All min(rows, cols) singular values, descending. */
  singularValues: number[];
  /** Number of singular values strictly above `tolerance`. */
  rank: number;
  /** The tolerance used: the one given, else sigma_max * max(rows, cols) * eps. */
  tolerance: number;
  /** sigma_max / sigma_min over the min(rows, cols) singular values; Infinity when sigma_min is exactly 0. */
  conditionNumber: number;
  /** sigma_max (the spectral norm), 0 for an empty matrix. */
  operatorNorm: number;
  /** Orthonormal basis of ker A, each vector of length cols with its largest-magnitude entry positive. */
  kernel: number[][];
  /** Orthonormal basis of ker Aᵀ, each vector of length rows with its largest-magnitude entry positive. */
  cokernel: number[][];
  /** M = A Aᵀ, rows x rows. */
  preconditioner: number[][];
  /** Eigenvalues of M, descending: sigma_i² then rows - min(rows, cols) zeros. */
  preconditionerEigenvalues: number[];
  /** Unit eigenvectors of M (each of length rows, largest-magnitude entry positive), in eigenvalue order. */
  preconditionerEigenvectors: number[][];
  /**
   * When a basis beyond the thin SVD would pass MAX_BASIS_ENTRIES (wide models: ker J of a 20,000-parameter model
   * with 16 outputs), its dimension instead of its vectors: `kernel` then holds only the vectors the SVD itself gives.
   */
  kernelOmitted?: number;
  cokernelOmitted?: number;
}

/** M = A Aᵀ as rows of plain numbers, summing column by column over the non-zeros only (J is often sparse). */
function gramRows(a: Float64Array, rows: number, cols: number): number[][] {
  const m = new Float64Array(rows * rows);
  const nz = new Int32Array(rows);
  for (let c = 0; c < cols; c++) {
    let count = 0;
    for (let r = 0; r < rows; r++) if (a[r * cols + c] !== 0) nz[count++] = r;
    for (let x = 0; x < count; x++) {
      const i = nz[x],
        ai = a[i * cols + c];
      for (let y = x; y < count; y++) m[i * rows + nz[y]] += ai * a[nz[y] * cols + c];
    }
  }
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const row = new Array<number>(rows);
    for (let j = 0; j < rows; j++) row[j] = j >= i ? m[i * rows + j] : m[j * rows + i];
    out.push(row);
  }
  return out;
}

/** Spectral report of the rows x cols row-major `a` from one SVD; throws a plain Error on a non-finite entry. */
export function analyzeMatrix(a: Float64Array, rows: number, cols: number, tol?: number): MatrixReport {
  for (let i = 0; i < rows * cols; i++) {
    if (!Number.isFinite(a[i]))
      throw new Error(`analyzeMatrix: non-finite entry at (${Math.floor(i / cols)}, ${i % cols})`);
  }
  const s = svd(a, rows, cols);
  const k = s.k;
  const sigmaMax = k > 0 ? s.S[0] : 0,
    sigmaMin = k > 0 ? s.S[k - 1] : 0;
  const tolerance = rankTolerance(sigmaMax, rows, cols, tol);
  const { kernel, cokernel, kernelOmitted, cokernelOmitted } = nullspacesFromSvd(s, rows, cols, tolerance);
  const preconditioner = gramRows(a, rows, cols);
  // M's eigenpairs come from the SVD (U, sigma²): more accurate than an eigen-solve of the rounded product A Aᵀ.
  const preconditionerEigenvalues: number[] = [];
  const preconditionerEigenvectors: number[][] = [];
  for (let i = 0; i < k; i++) {
    preconditionerEigenvalues.push(s.S[i] * s.S[i]);
    const u = new Float64Array(rows);
    for (let t = 0; t < rows; t++) u[t] = s.U[t * k + i];
    preconditionerEigenvectors.push(Array.from(fixSign(u)));
  }
  // The rows - k eigenvectors of eigenvalue 0 beyond the thin SVD: the cokernel lists them last (orthogonal to all of U).
  for (let i = cokernelOmitted ? cokernel.length : cokernel.length - (rows - k); i < cokernel.length; i++) {
    preconditionerEigenvalues.push(0);
    preconditionerEigenvectors.push(Array.from(cokernel[i]));
  }
  return {
    singularValues: Array.from(s.S),
    rank: numericalRank(s.S, tolerance),
    tolerance,
    conditionNumber: sigmaMin === 0 ? Infinity : sigmaMax / sigmaMin,
    operatorNorm: sigmaMax,
    kernel: kernel.map((v) => Array.from(v)),
    cokernel: cokernel.map((v) => Array.from(v)),
    preconditioner,
    preconditionerEigenvalues,
    preconditionerEigenvectors,
    ...(kernelOmitted ? { kernelOmitted } : {}),
    ...(cokernelOmitted ? { cokernelOmitted } : {}),
  };
}
