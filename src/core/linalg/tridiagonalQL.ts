/**
 * Squares the off-diagonal e[eo..eo+n-2] in place (root-free QL works on e²) and returns the convergence threshold
 * eps² max(|d| + |e|)²: an absolute test, as Gram eigenvalues are only that accurate anyway.
 */
function squareOffDiagonal(d: Float64Array, e: Float64Array, eo: number, n: number): number {
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const t = Math.abs(d[i]) + Math.abs(e[eo + i]);
    if (t > norm || t !== t) norm = t;
  }
  for (let i = 0; i < n - 1; i++) e[eo + i] *= e[eo + i];
  return Number.EPSILON * Number.EPSILON * norm * norm;
}

/** The last index m of the unreduced block that starts at l (e² above `small` from l to m - 1). */
function blockEnd(e: Float64Array, eo: number, l: number, n: number, small: number): number {
  let m = l;
  while (m < n - 1 && !(e[eo + m] <= small)) m++;
  return m;
}

/**
 * From l on, deflates converged 1 x 1 blocks and closes 2 x 2 blocks; returns the start of the next unreduced block of
 * 3 or more (n: done). Deciding that needs only e[l] and e[l + 1]; the caller then finds the block's end by blockEnd.
 */
function deflate(d: Float64Array, e: Float64Array, eo: number, l: number, n: number, small: number): number {
  while (l < n) {
    // NaN is never small: such a block goes on to the (capped) sweeps.
    if (l === n - 1 || e[eo + l] <= small) {
      l++;
      continue;
    }
    if (l + 1 < n - 1 && !(e[eo + l + 1] <= small)) return l;
    // A 2x2 block: its eigenvalues in closed form (dsterf's dlae2) instead of iterating.
    const a = d[l],
      c = d[l + 1],
      half = 0.5 * a - 0.5 * c;
    const r = Math.sqrt(half * half + e[eo + l]),
      mean = 0.5 * a + 0.5 * c;
    d[l] = mean + r;
    d[l + 1] = mean - r;
    e[eo + l] = 0;
    l += 2;
  }
  return l;
}

/** The shift of a sweep from l: the eigenvalue of the top 2 x 2 nearer d[l] (as dsterf). */
function sweepShift(d: Float64Array, e: Float64Array, eo: number, l: number): number {
  const p = d[l],
    rte = Math.sqrt(e[eo + l]);
  const sg = (d[l + 1] - p) / (2 * rte);
  const r = Math.abs(sg) < 1e150 ? Math.sqrt(sg * sg + 1) : Math.abs(sg);
  return p - rte / (sg + (sg >= 0 ? r : -r));
}

/** Eigenvalues of the tridiagonal (d, e[eo..]) into `d` (unsorted, e destroyed) by root-free Pal-Walker-Kahan QL. */
export function tridiagonalEigenvaluesPWK(d: Float64Array, e: Float64Array, eo: number, n: number): void {
  // As LAPACK dsterf: QL on squared off-diagonals, no square root per rotation.
  const small = squareOffDiagonal(d, e, eo, n);
  let l = 0;
  // NaN never meets the convergence test; the cap keeps the loop finite.
  for (let total = 0; total < 30 * n; total++) {
    l = deflate(d, e, eo, l, n, small);
    if (l >= n) return;
    const m = blockEnd(e, eo, l, n, small);
    const sigma = sweepShift(d, e, eo, l);
    let c = 1,
      s = 0,
      gamma = d[m] - sigma,
      p = gamma * gamma;
    for (let i = m - 1; i >= l; i--) {
      const bb = e[eo + i],
        rr = p + bb;
      if (i !== m - 1) e[eo + i + 1] = s * rr;
      // gamma² / c = gamma² rr / p: both reciprocals issue together instead of two divisions in the dependency chain.
      const oldc = c,
        inv = 1 / rr,
        invP = 1 / p;
      c = p * inv;
      s = bb * inv;
      const oldgam = gamma,
        alpha = d[i];
      gamma = c * (alpha - sigma) - s * oldgam;
      d[i + 1] = oldgam + (alpha - gamma);
      p = p !== 0 ? gamma * gamma * rr * invP : oldc * bb;
    }
    e[eo + l] = s * p;
    d[l] = sigma + gamma;
  }
}

/**
 * tridiagonalEigenvaluesPWK on two independent tridiagonals at once (d1/e1 and d2/e2, offsets 0), bit for bit the
 * same results. One QL step is a chain of a division, products and sums, each waiting on the last: alone it leaves
 * most of the processor idle. Two matrices' sweeps run interleaved, step by step, so one chain fills the other's
 * waits (measured ~1.5x the throughput of two calls at n = 16). Only the step itself is written twice.
 */
export function tridiagonalEigenvaluesPWKPair(
  d1: Float64Array,
  e1: Float64Array,
  d2: Float64Array,
  e2: Float64Array,
  n: number,
): void {
  const small1 = squareOffDiagonal(d1, e1, 0, n),
    small2 = squareOffDiagonal(d2, e2, 0, n);
  let l1 = 0,
    l2 = 0,
    total1 = 0,
    total2 = 0;
  for (;;) {
    // Each matrix's next sweep over [l, m] (m = -1: finished or out of sweeps).
    let m1 = -1,
      m2 = -1;
    if (total1 < 30 * n) {
      l1 = deflate(d1, e1, 0, l1, n, small1);
      if (l1 < n) m1 = blockEnd(e1, 0, l1, n, small1);
    }
    if (total2 < 30 * n) {
      l2 = deflate(d2, e2, 0, l2, n, small2);
      if (l2 < n) m2 = blockEnd(e2, 0, l2, n, small2);
    }
    if (m1 < 0 && m2 < 0) return;
    // Sweep set-up (a matrix with nothing to do takes an empty range).
    let c1 = 1,
      s1 = 0,
      sigma1 = 0,
      gamma1 = 0,
      p1 = 0,
      i1 = -1;
    let c2 = 1,
      s2 = 0,
      sigma2 = 0,
      gamma2 = 0,
      p2 = 0,
      i2 = -1;
    if (m1 >= 0) {
      total1++;
      sigma1 = sweepShift(d1, e1, 0, l1);
      gamma1 = d1[m1] - sigma1;
      p1 = gamma1 * gamma1;
      i1 = m1 - 1;
    }
    if (m2 >= 0) {
      total2++;
      sigma2 = sweepShift(d2, e2, 0, l2);
      gamma2 = d2[m2] - sigma2;
      p2 = gamma2 * gamma2;
      i2 = m2 - 1;
    }
    const stop1 = m1 >= 0 ? l1 : 0,
      stop2 = m2 >= 0 ? l2 : 0;
    while (i1 >= stop1 || i2 >= stop2) {
      if (i1 >= stop1) {
        const bb = e1[i1],
          rr = p1 + bb;
        if (i1 !== m1 - 1) e1[i1 + 1] = s1 * rr;
        const oldc = c1,
          inv = 1 / rr,
          invP = 1 / p1;
        c1 = p1 * inv;
        s1 = bb * inv;
        const oldgam = gamma1,
          alpha = d1[i1];
        gamma1 = c1 * (alpha - sigma1) - s1 * oldgam;
        d1[i1 + 1] = oldgam + (alpha - gamma1);
        p1 = p1 !== 0 ? gamma1 * gamma1 * rr * invP : oldc * bb;
        i1--;
      }
      if (i2 >= stop2) {
        const bb = e2[i2],
          rr = p2 + bb;
        if (i2 !== m2 - 1) e2[i2 + 1] = s2 * rr;
        const oldc = c2,
          inv = 1 / rr,
          invP = 1 / p2;
        c2 = p2 * inv;
        s2 = bb * inv;
        const oldgam = gamma2,
          alpha = d2[i2];
        gamma2 = c2 * (alpha - sigma2) - s2 * oldgam;
        d2[i2 + 1] = oldgam + (alpha - gamma2);
        p2 = p2 !== 0 ? gamma2 * gamma2 * rr * invP : oldc * bb;
        i2--;
      }
    }
    if (m1 >= 0) {
      e1[l1] = s1 * p1;
      d1[l1] = sigma1 + gamma1;
    }
    if (m2 >= 0) {
      e2[l2] = s2 * p2;
      d2[l2] = sigma2 + gamma2;
    }
  }
}
