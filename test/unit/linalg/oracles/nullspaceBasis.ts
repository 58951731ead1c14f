import { nullspacesFromSvd } from '../../../../src/core/linalg/nullspace';
import { rankTolerance } from '../../../../src/core/linalg/rank';
import { svd } from '../../../../src/core/linalg/svd';

// Test oracles: one side of the null spaces of a matrix, through src/'s SVD and its kernel completion.

function bases(a: Float64Array, rows: number, cols: number, tol: number | undefined) {
  const s = svd(a, rows, cols);
  return nullspacesFromSvd(s, rows, cols, rankTolerance(s.k > 0 ? s.S[0] : 0, rows, cols, tol));
}

/** Orthonormal basis of ker A = {x : A x = 0} (each vector of length cols, largest entry positive). */
export function kernelBasis(a: Float64Array, rows: number, cols: number, tol?: number): Float64Array[] {
  return bases(a, rows, cols, tol).kernel;
}

/** Orthonormal basis of ker Aᵀ (each vector of length rows, largest entry positive). */
export function cokernelBasis(a: Float64Array, rows: number, cols: number, tol?: number): Float64Array[] {
  return bases(a, rows, cols, tol).cokernel;
}
