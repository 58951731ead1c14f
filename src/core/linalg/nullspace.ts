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
function kernelFromSide(vecs: Float64Array, sigma: Float64Array, k: number, dim: number, tol: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let i = 0; i < k; i++) {
    if (sigma[i] > tol) continue;
    const v = new Float64Array(dim);
    for (let t = 0; t < dim; t++) v[t] = vecs[t * k + i];
    out.push(fixSign(v));
  }
  if (dim > k) {
    const basis = new Float64Array(k * dim);
    for (let i = 0; i < k; i++) for (let t = 0; t < dim; t++) basis[i * dim + t] = vecs[t * k + i];
    const extra = orthogonalComplement(basis, k, dim, dim - k);
    for (let j = 0; j < dim - k; j++) out.push(fixSign(extra.slice(j * dim, (j + 1) * dim)));
  }
  return out;
}

/** Kernel (length cols each) and cokernel (length rows each) orthonormal bases from a thin SVD of the rows x cols A. */
export function nullspacesFromSvd(
  s: SvdResult,
  rows: number,
  cols: number,
  tol: number,
): { kernel: Float64Array[]; cokernel: Float64Array[] } {
  return {
    kernel: kernelFromSide(s.V, s.S, s.k, cols, tol),
    cokernel: kernelFromSide(s.U, s.S, s.k, rows, tol),
  };
}
