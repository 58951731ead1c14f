import { mulberry32 } from '../random';

/**
 * A unit eigenvector of the symmetric tridiagonal T (diagonal d[0..n-1], off-diagonal e[0..n-2]) for its eigenvalue
 * `lambda`, by inverse iteration on T - μI with μ just outside the eigenvalue (three solves, Gaussian elimination with
 * partial pivoting as LAPACK's dgtsv). Within a repeated eigenvalue it returns one unit vector of the eigenspace.
 */
export function tridiagonalEigenvector(
  d: Float64Array,
  e: Float64Array,
  n: number,
  lambda: number,
  below: boolean,
): Float64Array {
  let norm = 0;
  for (let i = 0; i < n; i++)
    norm = Math.max(norm, Math.abs(d[i]) + (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < n - 1 ? Math.abs(e[i]) : 0));
  const mu = lambda + (below ? -1 : 1) * 1e-10 * (Math.abs(lambda) + norm + Number.MIN_VALUE);
  const tiny = Number.EPSILON * (norm + Number.MIN_VALUE);
  const dd = new Float64Array(n),
    dl = new Float64Array(n),
    du = new Float64Array(n);
  // A seeded random start: a constant one is orthogonal to every antisymmetric eigenvector (the Laplacian's even ones).
  const rand = mulberry32(7);
  const b = Float64Array.from({ length: n }, () => rand() + 0.5);
  for (let iter = 0; iter < 3; iter++) {
    for (let i = 0; i < n; i++) {
      dd[i] = d[i] - mu;
      dl[i] = du[i] = i < n - 1 ? e[i] : 0;
    }
    // Forward elimination; dl[i] becomes the second superdiagonal when rows i and i+1 were swapped.
    for (let i = 0; i < n - 1; i++) {
      if (Math.abs(dd[i]) >= Math.abs(dl[i])) {
        if (dd[i] === 0) dd[i] = tiny;
        const f = dl[i] / dd[i];
        dd[i + 1] -= f * du[i];
        b[i + 1] -= f * b[i];
        dl[i] = 0;
      } else {
        const f = dd[i] / dl[i];
        dd[i] = dl[i];
        const t = dd[i + 1];
        dd[i + 1] = du[i] - f * t;
        if (i < n - 2) {
          dl[i] = du[i + 1];
          du[i + 1] = -f * dl[i];
        } else dl[i] = 0;
        du[i] = t;
        const bi = b[i];
        b[i] = b[i + 1];
        b[i + 1] = bi - f * b[i + 1];
      }
    }
    if (dd[n - 1] === 0) dd[n - 1] = tiny;
    b[n - 1] /= dd[n - 1];
    if (n > 1) b[n - 2] = (b[n - 2] - du[n - 2] * b[n - 1]) / dd[n - 2];
    for (let i = n - 3; i >= 0; i--) b[i] = (b[i] - du[i] * b[i + 1] - dl[i] * b[i + 2]) / dd[i];
    let s = 0;
    for (let i = 0; i < n; i++) s += b[i] * b[i];
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < n; i++) b[i] *= inv;
  }
  return b;
}
