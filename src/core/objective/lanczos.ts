import { mulberry32 } from '../random';
import { tridiagonalEigenvaluesPWK } from '../linalg/tridiagonalQL';
import { tridiagonalEigenvector } from './tridiagonalVector';

/** Extreme eigenpairs of a symmetric operator found by Lanczos. */
export interface LanczosResult {
  /** Ritz values, ascending (all of them: the spectrum of the Krylov tridiagonal). */
  ritz: Float64Array;
  /** Unit Ritz vectors of the smallest and the largest Ritz value (length n each). */
  minVector: Float64Array;
  maxVector: Float64Array;
  /** Residual bounds ‖A y - θ y‖ of those two. */
  minResidual: number;
  maxResidual: number;
  /** Krylov steps taken (n when the whole space was spanned: then the Ritz values are the spectrum). */
  steps: number;
}

/**
 * Lanczos with full reorthogonalization on `apply(x, out)` (out = A x, A symmetric n x n), from a seeded random start:
 * deterministic, and exact (up to rounding) once `steps` reaches n. A breakdown (an invariant subspace) restarts from a
 * fresh random vector orthogonal to the basis, so eigenvalues outside the first Krylov space are not missed.
 */
export function lanczos(
  apply: (x: Float64Array, out: Float64Array) => void,
  n: number,
  maxSteps = 80,
  seed = 1,
): LanczosResult {
  const m = Math.max(1, Math.min(n, maxSteps));
  const basis = new Float64Array(m * n);
  const alpha = new Float64Array(m),
    beta = new Float64Array(m);
  const rand = mulberry32(seed);
  const w = new Float64Array(n);
  const orthogonalize = (x: Float64Array, count: number): number => {
    for (let pass = 0; pass < 2; pass++)
      for (let j = 0; j < count; j++) {
        let d = 0;
        for (let i = 0; i < n; i++) d += x[i] * basis[j * n + i];
        for (let i = 0; i < n; i++) x[i] -= d * basis[j * n + i];
      }
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i] * x[i];
    return Math.sqrt(s);
  };
  const fresh = (count: number): boolean => {
    for (let attempt = 0; attempt < 3; attempt++) {
      for (let i = 0; i < n; i++) w[i] = rand() - 0.5;
      const norm = orthogonalize(w, count);
      if (norm > 1e-8) {
        for (let i = 0; i < n; i++) basis[count * n + i] = w[i] / norm;
        return true;
      }
    }
    return false;
  };
  fresh(0);
  let steps = 0,
    scale = 0;
  for (let j = 0; j < m; j++) {
    steps = j + 1;
    const x = basis.subarray(j * n, (j + 1) * n);
    apply(x, w);
    let a = 0;
    for (let i = 0; i < n; i++) a += w[i] * x[i];
    alpha[j] = a;
    const b = orthogonalize(w, j + 1);
    scale = Math.max(scale, Math.abs(a), b);
    if (j + 1 === m) {
      beta[j] = b;
      break;
    }
    if (b > 1e-12 * scale) {
      beta[j] = b;
      for (let i = 0; i < n; i++) basis[(j + 1) * n + i] = w[i] / b;
    } else {
      beta[j] = 0;
      if (!fresh(j + 1)) break;
    }
  }
  // Ritz values from the tridiagonal by root-free QL, the two extreme Ritz vectors by inverse iteration: O(m²), not
  // the O(m³) of a dense solver.
  const d = alpha.slice(0, steps),
    e = new Float64Array(steps);
  for (let j = 0; j + 1 < steps; j++) e[j] = beta[j];
  tridiagonalEigenvaluesPWK(d, e, 0, steps);
  const values = d.sort();
  const ritzVector = (y: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let j = 0; j < steps; j++) {
      const c = y[j];
      for (let i = 0; i < n; i++) out[i] += c * basis[j * n + i];
    }
    return out;
  };
  const offDiagonal = beta.subarray(0, Math.max(0, steps - 1));
  const yMin = tridiagonalEigenvector(alpha, offDiagonal, steps, values[0], true),
    yMax = tridiagonalEigenvector(alpha, offDiagonal, steps, values[steps - 1], false);
  // The residual of a Ritz pair is |β_last · (last entry of its T-eigenvector)|.
  const last = steps < n ? beta[steps - 1] : 0;
  return {
    ritz: values,
    minVector: ritzVector(yMin),
    maxVector: ritzVector(yMax),
    minResidual: Math.abs(last * yMin[steps - 1]),
    maxResidual: Math.abs(last * yMax[steps - 1]),
    steps,
  };
}
