import { TRIDIAGONAL_KERNEL_MAX_N, tridiagonalKernel } from './tridiagonalKernel';
import { tridiagonalValues } from './tridiagonalize';
import { tridiagonalEigenvaluesPWK, tridiagonalEigenvaluesPWKPair } from './tridiagonalQL';

// Eigenvalues of the Gram matrices of the batch spectrum: entries known to lie within 1e-100 .. 1e100 (the caller
// checked the trace), so there is no scan for scaling and no copy where the straight-line kernel applies.

function sortDescending(d: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const x = d[i];
    let j = i - 1;
    while (j >= 0 && d[j] < x) {
      d[j + 1] = d[j];
      j--;
    }
    d[j + 1] = x;
  }
}

/**
 * Eigenvalues, descending, of a finite symmetric n x n `a` whose entries lie within 1e-100 .. 1e100 (squares neither
 * overflow nor underflow): `a`'s lower triangle is only read; `work` needs n*(n+2) entries.
 */
export function symmetricEigenvaluesWellScaled(
  a: Float64Array,
  n: number,
  out: Float64Array,
  work: Float64Array,
): void {
  tridiagonalizeWellScaled(a, n, out, work);
  tridiagonalEigenvaluesPWK(out, work, 0, n);
  sortDescending(out, n);
}

/** symmetricEigenvaluesWellScaled of two matrices at once, the two eigen-solvers interleaved; same results. */
export function symmetricEigenvaluesWellScaledPair(
  a: Float64Array,
  b: Float64Array,
  n: number,
  outA: Float64Array,
  outB: Float64Array,
  workA: Float64Array,
  workB: Float64Array,
): void {
  tridiagonalizeWellScaled(a, n, outA, workA);
  tridiagonalizeWellScaled(b, n, outB, workB);
  tridiagonalEigenvaluesPWKPair(outA, workA, outB, workB, n);
  sortDescending(outA, n);
  sortDescending(outB, n);
}

/** Diagonal into d, off-diagonal into work[0..n-1]: the straight-line kernel up to its size, else the loop on a copy. */
function tridiagonalizeWellScaled(a: Float64Array, n: number, d: Float64Array, work: Float64Array): void {
  if (n <= TRIDIAGONAL_KERNEL_MAX_N) tridiagonalKernel(n)(a, d, work, 0);
  else {
    for (let i = 0; i < n * n; i++) work[i] = a[i];
    tridiagonalValues(work, n, d, work, n * n);
    for (let i = 0; i < n; i++) work[i] = work[n * n + i];
  }
}
