import { orthogonalComplement } from './orthogonalComplement';
import type { SvdResult } from './svd';

/** Flips `v` in place so its largest-magnitude entry (the first of near-ties) is positive; returns `v`. */
export function fixSign(v: Float64Array): Float64Array {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]));
  // Entries within 1e-9 relative of the largest count as tied, so rounding noise cannot flip the choice.
  const threshold = max * (1 - 1e-9);
  for (let i = 0; i < v.length; i++) {
    if (Math.abs(v[i]) >= threshold) {
      if (v[i] < 0) for (let j = 0; j < v.length; j++) v[j] = -v[j];
      break;
    }
  }
  return v;
}

/**
 * Orthonormal basis of {x : B x = 0} from one side of a thin SVD: `vecs` (dim x k, row-major, column i paired with
 * sigma[i]) spans the row space of B plus the directions of its small singular values. The columns with sigma <= tol
 * belong to the kernel, and so does everything orthogonal to all k columns (dim - k directions, none when dim == k).
 */
function kernelFromSide(
  vecs: Float64Array,
  sigma: Float64Array,
  k: number,
  dim: number,
  tol: number,
  maxEntries: number,
): { basis: Float64Array[]; omitted: number } {
  const out: Float64Array[] = [];
  for (let i = 0; i < k; i++) {
    if (sigma[i] > tol) continue;
    const v = new Float64Array(dim);
    for (let t = 0; t < dim; t++) v[t] = vecs[t * k + i];
    out.push(fixSign(v));
  }
  // The complement beyond the thin SVD is (dim - k) dense vectors of length dim: past the limit it is counted, not built
  // (a 20,000-parameter model with 16 outputs would need 3.2 GB for ker J).
  if (dim > k && (dim - k) * dim > maxEntries) return { basis: out, omitted: dim - k };
  if (dim > k) {
    const basis = new Float64Array(k * dim);
    for (let i = 0; i < k; i++) for (let t = 0; t < dim; t++) basis[i * dim + t] = vecs[t * k + i];
    const extra = orthogonalComplement(basis, k, dim, dim - k);
    for (let j = 0; j < dim - k; j++) out.push(fixSign(extra.slice(j * dim, (j + 1) * dim)));
  }
  return { basis: out, omitted: 0 };
}

/** Most entries of a null-space basis built beyond the thin SVD (32 MB of doubles). */
export const MAX_BASIS_ENTRIES = 4_000_000;

/** Kernel (length cols each) and cokernel (length rows each) orthonormal bases from a thin SVD of the rows x cols A. */
export function nullspacesFromSvd(
  s: SvdResult,
  rows: number,
  cols: number,
  tol: number,
  maxEntries = MAX_BASIS_ENTRIES,
): { kernel: Float64Array[]; cokernel: Float64Array[]; kernelOmitted: number; cokernelOmitted: number } {
  const kernel = kernelFromSide(s.V, s.S, s.k, cols, tol, maxEntries),
    cokernel = kernelFromSide(s.U, s.S, s.k, rows, tol, maxEntries);
  return {
    kernel: kernel.basis,
    cokernel: cokernel.basis,
    kernelOmitted: kernel.omitted,
    cokernelOmitted: cokernel.omitted,
  };
}
