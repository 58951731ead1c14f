/**
 * Eigenvalues of a symmetric positive semi-definite n x n matrix for n <= 4 (the Gram matrices of most models:
 * q = 2, 3, 4 outputs), descending, from its characteristic polynomial: the coefficients are sums of principal
 * minors (the determinant by elimination, stable for SPD), the extreme roots come from Laguerre's method, which
 * for a polynomial with only real roots converges monotonically from outside them, in one step for a multiple root,
 * and the middle roots from the remaining quadratic. About 5x faster than a general solver at n = 4. The smallest
 * eigenvalue carries a relative error ~ eps * lambda_max / lambda_min, like any route through the Gram matrix;
 * callers re-do near-singular points by a Jacobi SVD. Returns false (out unspecified) when the roots found break
 * the bounds every PSD spectrum obeys; the caller then uses a general solver.
 */
export function smallSymmetricEigenvalues(G: Float64Array, n: number, out: Float64Array): boolean {
  if (n === 1) { out[0] = G[0]; return true; }
  if (n === 2) {
    const a = G[0], b = G[1], c = G[3];
    const mid = 0.5 * (a + c), half = 0.5 * (a - c);
    const hi = mid + Math.sqrt(half * half + b * b);
    out[0] = hi;
    // The small one from the determinant: no cancellation between mid and the root.
    out[1] = hi > 0 ? (a * c - b * b) / hi : 0;
    return true;
  }
  const e1 = trace(G, n), e2 = minors2(G, n), e3 = n === 3 ? det3(G, 0, 1, 2, n) : minors3of4(G);
  const e4 = n === 4 ? det4(G) : 0;
  const en = n === 4 ? e4 : e3;
  // A (numerically) singular matrix: lambda_min is 0 to round-off; Laguerre near a multiple root at 0 is fragile.
  const lo = en <= 1e-13 * Math.pow(e1, n) ? 0 : laguerre(n, e1, e2, e3, e4, 0);
  const hi = laguerre(n, e1, e2, e3, e4, Math.max(e1, 0));
  const mean = e1 / n;
  // Outside the bounds every spectrum obeys (lambda_min <= mean <= lambda_max <= trace): let the caller solve it.
  if (!(lo >= 0 && lo <= mean * (1 + 1e-12) && hi >= mean * (1 - 1e-12) && hi <= e1 * (1 + 1e-12))) return false;
  out[0] = hi;
  if (n === 3) {
    out[1] = e1 - lo - hi;
    out[2] = lo;
    return separated(out, n);
  }
  // The other two roots solve x^2 - s x + t with s = e1 - lo - hi and t from e2 (Vieta).
  const s = e1 - lo - hi;
  const t = e2 - lo * hi - (lo + hi) * s;
  const d = Math.sqrt(Math.max(0.25 * s * s - t, 0));
  out[1] = 0.5 * s + d;
  out[2] = 0.5 * s - d;
  out[3] = lo;
  return separated(out, n);
}

/**
 * Near a multiple root a polynomial is only known to ~eps^(1/m): roots closer than 1e-3 of the largest are handed
 * to the general solver, unless all are bit-identical (a I: Laguerre lands on the n-fold root in one step, exactly).
 */
function separated(out: Float64Array, n: number): boolean {
  let identical = true;
  for (let i = 1; i < n; i++) identical &&= out[i] === out[0];
  if (identical) return true;
  for (let i = 0; i + 1 < n; i++) if (!(out[i] - out[i + 1] >= 1e-3 * out[0])) return false;
  return true;
}

function trace(G: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += G[i * n + i];
  return s;
}

function minors2(G: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += G[i * n + i] * G[j * n + j] - G[i * n + j] * G[i * n + j];
  return s;
}

function det3(G: Float64Array, i: number, j: number, k: number, n: number): number {
  const a = G[i * n + i], b = G[i * n + j], c = G[i * n + k], d = G[j * n + j], e = G[j * n + k], f = G[k * n + k];
  return a * (d * f - e * e) - b * (b * f - e * c) + c * (b * e - d * c);
}

function minors3of4(G: Float64Array): number {
  return det3(G, 1, 2, 3, 4) + det3(G, 0, 2, 3, 4) + det3(G, 0, 1, 3, 4) + det3(G, 0, 1, 2, 4);
}

/** Determinant of a 4 x 4 SPD matrix by symmetric elimination (the product of the pivots). */
function det4(G: Float64Array): number {
  let a11 = G[5], a12 = G[6], a13 = G[7], a22 = G[10], a23 = G[11], a33 = G[15];
  const a00 = G[0], a01 = G[1], a02 = G[2], a03 = G[3];
  if (!(a00 > 0)) return 0;
  let r = a01 / a00; a11 -= r * a01; a12 -= r * a02; a13 -= r * a03;
  r = a02 / a00; a22 -= r * a02; a23 -= r * a03;
  r = a03 / a00; a33 -= r * a03;
  if (!(a11 > 0)) return 0;
  r = a12 / a11; a22 -= r * a12; a23 -= r * a13;
  r = a13 / a11; a33 -= r * a13;
  if (!(a22 > 0)) return 0;
  a33 -= (a23 / a22) * a23;
  return Math.max(a00 * a11 * a22 * a33, 0);
}

/** The root of x^n - e1 x^(n-1) + e2 x^(n-2) - e3 x^(n-3) (+ e4 for n = 4) nearest to a start outside all roots. */
function laguerre(n: number, e1: number, e2: number, e3: number, e4: number, x0: number): number {
  let x = x0;
  for (let it = 0; it < 40; it++) {
    let p: number, dp: number, ddp: number;
    if (n === 4) {
      p = (((x - e1) * x + e2) * x - e3) * x + e4;
      dp = ((4 * x - 3 * e1) * x + 2 * e2) * x - e3;
      ddp = (12 * x - 6 * e1) * x + 2 * e2;
    } else {
      p = ((x - e1) * x + e2) * x - e3;
      dp = (3 * x - 2 * e1) * x + e2;
      ddp = 6 * x - 2 * e1;
    }
    if (p === 0) return x;
    const g = dp / p, h = g * g - ddp / p;
    const root = Math.sqrt(Math.max((n - 1) * (n * h - g * g), 0));
    const den = g >= 0 ? g + root : g - root;
    if (den === 0) return x;
    const step = n / den;
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.abs(x)) return x;
  }
  return x;
}
