/**
 * Eigenvalues of a symmetric positive semi-definite n x n matrix for n <= 4 (the Gram matrices of most models:
 * q = 2, 3, 4 outputs), descending, from the characteristic polynomial of the SHIFTED matrix G - cI (c = mean of
 * the diagonal, so the coefficients carry no cancellation against a large common part, as in M = UᵀU + |v|² I).
 * The extreme roots come from Laguerre's method started at the Gershgorin bounds (for a polynomial with only real
 * roots it converges monotonically from outside them, cubically, and in one step onto a root of full
 * multiplicity), the middle roots from the remaining quadratic. Returns false (out unspecified) for clustered
 * roots, where a polynomial pins roots only to ~eps^(1/m): the caller then uses a general solver. The smallest
 * eigenvalue carries an absolute error ~ eps * lambda_max, as on any route through the Gram matrix; callers redo
 * near-singular points by a Jacobi SVD.
 */
export function smallSymmetricEigenvalues(G: Float64Array, n: number, out: Float64Array): boolean {
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
  if (!prepare(G, n, 0)) {
    out.fill(PREP[0], 0, n);
    return true;
  }
  laguerreRoots(n, true, false);
  return finish(n, 0, out);
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
): number {
  const activeA = prepare(A, n, 0),
    activeB = prepare(B, n, 1);
  laguerreRoots(n, activeA, activeB);
  const okA = activeA ? finish(n, 0, outA) : (outA.fill(PREP[0], 0, n), true);
  const okB = activeB ? finish(n, 1, outB) : (outB.fill(PREP[SLOT], 0, n), true);
  return (okA ? 1 : 0) | (okB ? 2 : 0);
}

// Per slot (two matrices in flight): c, e2, e3, e4, start below, start above, spread of the Gershgorin interval.
const SLOT = 8;
const PREP = new Float64Array(2 * SLOT);
// Smallest and largest root of slot 0, then of slot 1.
const ROOTS = new Float64Array(4);

/**
 * Shifts G by c = mean of its diagonal (trace 0) and stores the characteristic coefficients and root bounds in the
 * slot. Returns false when G is c times the identity (every eigenvalue is c, in PREP[slot * SLOT]).
 */
function prepare(G: Float64Array, n: number, slot: number): boolean {
  let c = 0;
  for (let i = 0; i < n; i++) c += G[i * n + i];
  c /= n;
  // Shifted entries: a = G - cI (trace 0); Gershgorin bounds of a.
  const a = SHIFTED;
  let lower = Infinity,
    upper = -Infinity;
  for (let i = 0; i < n; i++) {
    let radius = 0;
    for (let j = 0; j < n; j++) {
      const v = G[i * n + j] - (i === j ? c : 0);
      a[i * 4 + j] = v;
      if (i !== j) radius += Math.abs(v);
    }
    lower = Math.min(lower, a[i * 4 + i] - radius);
    upper = Math.max(upper, a[i * 4 + i] + radius);
  }
  const o = slot * SLOT;
  PREP[o] = c;
  if (upper - lower === 0) return false;
  const e2 = minors2(a, n);
  // Laguerre-Samuelson: with trace 0 every root lies within sqrt((n-1)/n * sum of squares), sum of squares = -2 e2.
  // Often tighter than Gershgorin; both are outside every root, which is all Laguerre's monotone convergence needs.
  const samuelson = Math.sqrt(Math.max((-2 * e2 * (n - 1)) / n, 0));
  PREP[o + 1] = e2;
  PREP[o + 2] = n === 3 ? det3(a, 0, 1, 2) : minors3of4(a);
  PREP[o + 3] = n === 4 ? det4(a) : 0;
  PREP[o + 4] = Math.max(lower, -samuelson);
  PREP[o + 5] = Math.min(upper, samuelson);
  PREP[o + 6] = upper - lower;
  return true;
}

/** The roots of the slot from ROOTS: all n into `out`, descending and shifted back; false for clustered roots. */
function finish(n: number, slot: number, out: Float64Array): boolean {
  const o = slot * SLOT,
    c = PREP[o],
    e2 = PREP[o + 1];
  const lo = ROOTS[2 * slot],
    hi = ROOTS[2 * slot + 1];
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

const SHIFTED = new Float64Array(16);

function minors2(a: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) s += a[i * 4 + i] * a[j * 4 + j] - a[i * 4 + j] * a[i * 4 + j];
  return s;
}

function det3(a: Float64Array, i: number, j: number, k: number): number {
  const p = a[i * 4 + i],
    q = a[i * 4 + j],
    r = a[i * 4 + k],
    d = a[j * 4 + j],
    e = a[j * 4 + k],
    f = a[k * 4 + k];
  return p * (d * f - e * e) - q * (q * f - e * r) + r * (q * e - d * r);
}

function minors3of4(a: Float64Array): number {
  return det3(a, 1, 2, 3) + det3(a, 0, 2, 3) + det3(a, 0, 1, 3) + det3(a, 0, 1, 2);
}

/** Determinant of a symmetric 4 x 4 (stride 4) by cofactor expansion over 2 x 2 minors (no pivoting needed). */
function det4(a: Float64Array): number {
  const s0 = a[0] * a[5] - a[1] * a[4],
    s1 = a[0] * a[6] - a[2] * a[4],
    s2 = a[0] * a[7] - a[3] * a[4];
  const s3 = a[1] * a[6] - a[2] * a[5],
    s4 = a[1] * a[7] - a[3] * a[5],
    s5 = a[2] * a[7] - a[3] * a[6];
  const c5 = a[10] * a[15] - a[11] * a[14],
    c4 = a[9] * a[15] - a[11] * a[13],
    c3 = a[9] * a[14] - a[10] * a[13];
  const c2 = a[8] * a[15] - a[11] * a[12],
    c1 = a[8] * a[14] - a[10] * a[12],
    c0 = a[8] * a[13] - a[9] * a[12];
  return s0 * c5 - s1 * c4 + s2 * c3 + s3 * c2 - s4 * c1 + s5 * c0;
}

/**
 * The smallest and largest roots of x^n + e2 x^(n-2) - e3 x^(n-3) (+ e4 for n = 4) of the active slots into ROOTS,
 * Laguerre from starts below and above all roots. The (up to four) iterations are independent and run interleaved:
 * each is a chain of divisions and a square root, so together they take little longer than one. Convergence is
 * cubic: a step below 1e-8 of the spread leaves an error far below eps (even at the closest root gap the caller
 * accepts, 1e-3 of the spread), so no confirming step.
 */
function laguerreRoots(n: number, activeA: boolean, activeB: boolean): void {
  const a2 = PREP[1],
    a3 = PREP[2],
    a4 = PREP[3],
    tinyA = 1e-8 * PREP[6];
  const b2 = PREP[SLOT + 1],
    b3 = PREP[SLOT + 2],
    b4 = PREP[SLOT + 3],
    tinyB = 1e-8 * PREP[SLOT + 6];
  let x0 = PREP[4],
    x1 = PREP[5],
    x2 = PREP[SLOT + 4],
    x3 = PREP[SLOT + 5];
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
  ROOTS[0] = x0;
  ROOTS[1] = x1;
  ROOTS[2] = x2;
  ROOTS[3] = x3;
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
