/**
 * Eigenvalues of a symmetric positive semi-definite n x n matrix for n <= 4 (the Gram matrices of most models:
 * q = 2, 3, 4 outputs), descending, from the characteristic polynomial of the SHIFTED matrix G - cI (c = mean of
 * the diagonal, so the coefficients carry no cancellation against a large common part, as in M = UᵀU + |v|² I).
 * The extreme roots come from Laguerre's method started at the Gershgorin bounds (for a polynomial with only real
 * roots it converges monotonically from outside them, cubically, and in one step onto a root of full
 * multiplicity), the middle roots from the remaining quadratic. Returns false (out unspecified) for clustered
 * roots, where a polynomial pins roots only to ~eps^(1/m): the caller then uses a general solver. The smallest
 * eigenvalue carries an absolute error ~ eps * lambda_max, as on any route through the Gram matrix; callers redo
 * near-singular points by a Jacobi SVD. `w` is a smallEigenScratch(), reused across calls (nothing is allocated).
 */
export function smallSymmetricEigenvalues(G: Float64Array, n: number, out: Float64Array, w: Float64Array): boolean {
  if (n === 1) {
    out[0] = G[0];
    return true;
  }
  if (n === 2) {
    const a = G[0],
      b = G[1],
      d = G[3];
    const mid = 0.5 * (a + d),
      half = 0.5 * (a - d);
    const hi = mid + Math.sqrt(half * half + b * b);
    out[0] = hi;
    // The small one from the determinant: no cancellation between mid and the root.
    out[1] = hi > 0 ? Math.max((a * d - b * b) / hi, 0) : 0;
    return true;
  }
  if (!prepare(G, n, 0, w)) {
    out.fill(w[0], 0, n);
    return true;
  }
  laguerreRoots(n, true, false, w);
  return finish(n, 0, out, w);
}

/**
 * smallSymmetricEigenvalues of two matrices of one size n (3 or 4) at once, the root iterations of both interleaved
 * (each is a chain of divisions and square roots that leaves the processor waiting). Same results as two calls.
 * Returns bit 1 when the first was solved, bit 2 for the second (a clear bit: clustered roots, see above).
 */
export function smallSymmetricEigenvaluesPair(
  A: Float64Array,
  B: Float64Array,
  n: number,
  outA: Float64Array,
  outB: Float64Array,
  w: Float64Array,
): number {
  const activeA = prepare(A, n, 0, w),
    activeB = prepare(B, n, 1, w);
  laguerreRoots(n, activeA, activeB, w);
  const okA = activeA ? finish(n, 0, outA, w) : (outA.fill(w[0], 0, n), true);
  const okB = activeB ? finish(n, 1, outB, w) : (outB.fill(w[SLOT], 0, n), true);
  return (okA ? 1 : 0) | (okB ? 2 : 0);
}

// Scratch layout (see smallEigenScratch). Per slot (two matrices in flight): c, e2, e3, e4, start below, start above,
// spread of the Gershgorin interval; then the smallest and largest root of slot 0, of slot 1.
const SLOT = 8,
  ROOTS = 2 * SLOT;

/** Scratch for smallSymmetricEigenvalues(Pair): allocate once per caller, pass on every call (none per point). */
export function smallEigenScratch(): Float64Array {
  return new Float64Array(ROOTS + 4);
}

/**
 * Shifts G by c = mean of its diagonal (trace 0) and stores the characteristic coefficients and root bounds in the
 * slot. Returns false when G is c times the identity (every eigenvalue is c, in w[slot * SLOT]).
 */
function prepare(G: Float64Array, n: number, slot: number, w: Float64Array): boolean {
  let c = 0;
  for (let i = 0; i < n; i++) c += G[i * n + i];
  c /= n;
  // Gershgorin bounds of a = G - cI.
  let lower = Infinity,
    upper = -Infinity;
  for (let i = 0; i < n; i++) {
    let radius = 0;
    for (let j = 0; j < n; j++) if (i !== j) radius += Math.abs(G[i * n + j]);
    const centre = G[i * n + i] - c;
    lower = Math.min(lower, centre - radius);
    upper = Math.max(upper, centre + radius);
  }
  const o = slot * SLOT;
  w[o] = c;
  if (upper - lower === 0) return false;
  if (n === 3) coefficients3(G, c, w, o);
  else coefficients4(G, c, w, o);
  const e2 = w[o + 1];
  // Laguerre-Samuelson: with trace 0 every root lies within sqrt((n-1)/n * sum of squares), sum of squares = -2 e2.
  // Often tighter than Gershgorin; both are outside every root, which is all Laguerre's monotone convergence needs.
  const samuelson = Math.sqrt(Math.max((-2 * e2 * (n - 1)) / n, 0));
  w[o + 4] = Math.max(lower, -samuelson);
  w[o + 5] = Math.min(upper, samuelson);
  w[o + 6] = upper - lower;
  return true;
}

// The coefficients of the shifted matrix a = G - cI, its entries in locals (an array for them was measured ~8%
// slower per 4 x 4 pair): e2 = sum of the principal 2 x 2 minors, e3 of the 3 x 3 ones, e4 = det a.

function coefficients3(G: Float64Array, c: number, w: Float64Array, o: number): void {
  const a00 = G[0] - c,
    a01 = G[1],
    a02 = G[2],
    a11 = G[4] - c,
    a12 = G[5],
    a22 = G[8] - c;
  w[o + 1] = a00 * a11 - a01 * a01 + (a00 * a22 - a02 * a02) + (a11 * a22 - a12 * a12);
  w[o + 2] = det3(a00, a01, a02, a11, a12, a22);
  w[o + 3] = 0;
}

function coefficients4(G: Float64Array, c: number, w: Float64Array, o: number): void {
  const a00 = G[0] - c,
    a01 = G[1],
    a02 = G[2],
    a03 = G[3],
    a10 = G[4],
    a11 = G[5] - c,
    a12 = G[6],
    a13 = G[7];
  const a20 = G[8],
    a21 = G[9],
    a22 = G[10] - c,
    a23 = G[11],
    a30 = G[12],
    a31 = G[13],
    a32 = G[14],
    a33 = G[15] - c;
  w[o + 1] =
    a00 * a11 -
    a01 * a01 +
    (a00 * a22 - a02 * a02) +
    (a00 * a33 - a03 * a03) +
    (a11 * a22 - a12 * a12) +
    (a11 * a33 - a13 * a13) +
    (a22 * a33 - a23 * a23);
  w[o + 2] =
    det3(a11, a12, a13, a22, a23, a33) +
    det3(a00, a02, a03, a22, a23, a33) +
    det3(a00, a01, a03, a11, a13, a33) +
    det3(a00, a01, a02, a11, a12, a22);
  // Cofactor expansion over 2 x 2 minors of the top and bottom row pairs (no pivoting needed).
  const s0 = a00 * a11 - a01 * a10,
    s1 = a00 * a12 - a02 * a10,
    s2 = a00 * a13 - a03 * a10;
  const s3 = a01 * a12 - a02 * a11,
    s4 = a01 * a13 - a03 * a11,
    s5 = a02 * a13 - a03 * a12;
  const c5 = a22 * a33 - a23 * a32,
    c4 = a21 * a33 - a23 * a31,
    c3 = a21 * a32 - a22 * a31;
  const c2 = a20 * a33 - a23 * a30,
    c1 = a20 * a32 - a22 * a30,
    c0 = a20 * a31 - a21 * a30;
  w[o + 3] = s0 * c5 - s1 * c4 + s2 * c3 + s3 * c2 - s4 * c1 + s5 * c0;
}

/** Determinant of the symmetric 3 x 3 [[p, q, r], [q, d, e], [r, e, f]]. */
function det3(p: number, q: number, r: number, d: number, e: number, f: number): number {
  return p * (d * f - e * e) - q * (q * f - e * r) + r * (q * e - d * r);
}

/** The roots of the slot (from laguerreRoots): all n into `out`, descending and shifted back; false for clustered roots. */
function finish(n: number, slot: number, out: Float64Array, w: Float64Array): boolean {
  const o = slot * SLOT,
    c = w[o],
    e2 = w[o + 1];
  const lo = w[ROOTS + 2 * slot],
    hi = w[ROOTS + 2 * slot + 1];
  if (n === 3) {
    out[0] = hi;
    out[1] = -lo - hi;
    out[2] = lo;
  } else {
    // The other two roots solve x^2 - s x + t, s = -(lo + hi) (the shifted trace is 0), t from e2 (Vieta).
    const s = -lo - hi,
      t = e2 - lo * hi - (lo + hi) * s;
    const d = Math.sqrt(Math.max(0.25 * s * s - t, 0));
    out[0] = hi;
    out[1] = 0.5 * s + d;
    out[2] = 0.5 * s - d;
    out[3] = lo;
  }
  for (let i = 0; i + 1 < n; i++) if (!(out[i] - out[i + 1] >= 1e-3 * (hi - lo))) return false;
  for (let i = 0; i < n; i++) out[i] = Math.max(out[i] + c, 0);
  return true;
}

/**
 * The smallest and largest roots of x^n + e2 x^(n-2) - e3 x^(n-3) (+ e4 for n = 4) of the active slots into w,
 * Laguerre from starts below and above all roots. The (up to four) iterations are independent and run interleaved:
 * each is a chain of divisions and a square root, so together they take little longer than one. Convergence is
 * cubic: a step below 1e-8 of the spread leaves an error far below eps (even at the closest root gap the caller
 * accepts, 1e-3 of the spread), so no confirming step.
 */
function laguerreRoots(n: number, activeA: boolean, activeB: boolean, w: Float64Array): void {
  const a2 = w[1],
    a3 = w[2],
    a4 = w[3],
    tinyA = 1e-8 * w[6];
  const b2 = w[SLOT + 1],
    b3 = w[SLOT + 2],
    b4 = w[SLOT + 3],
    tinyB = 1e-8 * w[SLOT + 6];
  let x0 = w[4],
    x1 = w[5],
    x2 = w[SLOT + 4],
    x3 = w[SLOT + 5];
  let d0 = !activeA,
    d1 = !activeA,
    d2 = !activeB,
    d3 = !activeB;
  for (let it = 0; it < 50 && !(d0 && d1 && d2 && d3); it++) {
    if (!d0) {
      const step = laguerreStep(n, a2, a3, a4, x0);
      x0 -= step;
      d0 = !(Math.abs(step) > tinyA);
    }
    if (!d1) {
      const step = laguerreStep(n, a2, a3, a4, x1);
      x1 -= step;
      d1 = !(Math.abs(step) > tinyA);
    }
    if (!d2) {
      const step = laguerreStep(n, b2, b3, b4, x2);
      x2 -= step;
      d2 = !(Math.abs(step) > tinyB);
    }
    if (!d3) {
      const step = laguerreStep(n, b2, b3, b4, x3);
      x3 -= step;
      d3 = !(Math.abs(step) > tinyB);
    }
  }
  w[ROOTS] = x0;
  w[ROOTS + 1] = x1;
  w[ROOTS + 2] = x2;
  w[ROOTS + 3] = x3;
}

/** One Laguerre step at x (0 at a root or where the step is undefined). */
function laguerreStep(n: number, e2: number, e3: number, e4: number, x: number): number {
  let p: number, dp: number, ddp: number;
  if (n === 4) {
    p = ((x * x + e2) * x - e3) * x + e4;
    dp = (4 * x * x + 2 * e2) * x - e3;
    ddp = 12 * x * x + 2 * e2;
  } else {
    p = (x * x + e2) * x - e3;
    dp = 3 * x * x + e2;
    ddp = 6 * x;
  }
  if (p === 0) return 0;
  const g = dp / p,
    h = g * g - ddp / p;
  const root = Math.sqrt(Math.max((n - 1) * (n * h - g * g), 0));
  const den = g >= 0 ? g + root : g - root;
  return den === 0 ? 0 : n / den;
}
