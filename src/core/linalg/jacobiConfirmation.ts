import type { CompactLayout } from './compactLayout';
import { jacobiSingularValuesInto } from './svd';

/**
 * Below this sigma_min / sigma_max a fast path's result is redone by Jacobi. Gram eigenvalues carry an absolute error
 * of a few eps * sigma_max², so sqrt gives sigma_min a relative error ~ eps / ratio² (measured worst over random
 * cases: 1e-8 at 1e-4, 1e-4 at 1e-6, 1e-2 at 1e-7). At 1e-4 every reported sigma_min is good to ~8 digits.
 */
export const CONFIRM_RATIO = 1e-4;

/** Singular values of one compact point (v, off) into `out`, descending; the same call for every point of a layout. */
export type CompactSolver = (v: Float64Array, off: number, out: Float64Array) => void;

/** The confirmation step: QR-compressed one-sided Jacobi SVD of a compact point, scattered into a dense q x p. */
export function createCompactJacobi(layout: CompactLayout): CompactSolver {
  const { q, p, nonZeros, dense } = layout;
  // The scattered matrix's entries off the pattern are set once (zero) and never written.
  const scattered = new Float64Array(q * p),
    work = new Float64Array(q * p);
  return (v, off, out) => {
    for (let u = 0; u < nonZeros; u++) scattered[dense[u]] = v[off + u];
    jacobiSingularValuesInto(scattered, 0, q, p, out, work);
  };
}
