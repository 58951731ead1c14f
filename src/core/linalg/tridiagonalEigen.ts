/** sqrt(a² + b²) without overflow or underflow (Math.hypot is slower and this runs in inner loops). */
export function hypot2(a: number, b: number): number {
  const x = Math.abs(a),
    y = Math.abs(b);
  if (x > y) {
    const r = y / x;
    return x * Math.sqrt(1 + r * r);
  }
  if (y === 0) return 0;
  const r = x / y;
  return y * Math.sqrt(1 + r * r);
}

/** Reduces symmetric `a` (destroyed) to T = Qᵀ a Q: diagonal `d`, sub-diagonal `e[0..n-2]` (e[n-1] = 0), Q into `q`. */
export function householderTridiagonal(
  a: Float64Array,
  n: number,
  d: Float64Array,
  e: Float64Array,
  q: Float64Array,
): void {
  // Squares are not guarded: the caller keeps entries within ~1e±100.
  // v: the current Householder vector; pw: p = beta A v, then w = p - K v; betas: one per step, for accumulating Q.
  const v = new Float64Array(n),
    pw = new Float64Array(n),
    betas = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    const k1 = k + 1;
    d[k] = a[k * n + k];
    const x0 = a[k1 * n + k];
    let tail = 0;
    for (let i = k1 + 1; i < n; i++) {
      const x = a[i * n + k];
      tail += x * x;
    }
    if (tail === 0) {
      e[k] = x0;
      betas[k] = 0;
      continue;
    }
    const alpha = Math.sqrt(x0 * x0 + tail);
    const s = x0 >= 0 ? 1 : -1;
    const beta = 1 / (alpha * (alpha + Math.abs(x0)));
    betas[k] = beta;
    e[k] = -s * alpha;
    const v0 = x0 + s * alpha;
    a[k1 * n + k] = v0;
    v[k1] = v0;
    for (let i = k1 + 1; i < n; i++) v[i] = a[i * n + k];
    let pv = 0;
    for (let i = k1; i < n; i++) {
      const ri = i * n;
      let sum = 0;
      for (let j = k1; j < n; j++) sum += a[ri + j] * v[j];
      const pi = beta * sum;
      pw[i] = pi;
      pv += pi * v[i];
    }
    const K = 0.5 * beta * pv;
    for (let i = k1; i < n; i++) pw[i] -= K * v[i];
    for (let i = k1; i < n; i++) {
      const ri = i * n,
        vi = v[i],
        wi = pw[i];
      for (let j = k1; j < n; j++) a[ri + j] -= vi * pw[j] + wi * v[j];
    }
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2];
    e[n - 2] = a[(n - 1) * n + n - 2];
  }
  if (n >= 1) {
    d[n - 1] = a[n * n - 1];
    e[n - 1] = 0;
  }
  q.fill(0);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  // Backward accumulation: Q = H_0 H_1 ... H_{n-3}; the partial product is the identity outside rows/cols > k.
  for (let k = n - 3; k >= 0; k--) {
    const beta = betas[k];
    if (beta === 0) continue;
    const k1 = k + 1;
    for (let j = k1; j < n; j++) {
      let s = 0;
      for (let i = k1; i < n; i++) s += a[i * n + k] * q[i * n + j];
      s *= beta;
      for (let i = k1; i < n; i++) q[i * n + j] -= s * a[i * n + k];
    }
  }
}

/** Eigenvalues of tridiagonal (d, e) into `d` (unsorted, e destroyed) by implicit QL; z's columns rotated along. */
export function implicitQL(d: Float64Array, e: Float64Array, n: number, z: Float64Array): void {
  // EISPACK tql2 as in JAMA. Passing Q from householderTridiagonal as z yields the eigenvectors as columns.
  const eps = Number.EPSILON;
  let f = 0,
    tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && !(Math.abs(e[m]) <= eps * tst1)) m++;
    if (m > l) {
      // NaN input would never meet the convergence test; the cap keeps the loop finite.
      for (let iter = 0; iter < 60; iter++) {
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = hypot2(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1,
          c2 = 1,
          c3 = 1,
          s = 0,
          s2 = 0;
        const el1 = e[l + 1];
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          const ei = e[i],
            rr = p * p + ei * ei;
          // The plain square root is safe (and twice as fast) unless the squares leave the normal range.
          r = rr > 1e-290 && rr < 1e290 ? Math.sqrt(rr) : hypot2(p, ei);
          e[i + 1] = s * r;
          const inv = 1 / r;
          s = ei * inv;
          c = p * inv;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          for (let k = 0; k < n; k++) {
            const row = k * n;
            const zh = z[row + i + 1],
              zi = z[row + i];
            z[row + i + 1] = s * zi + c * zh;
            z[row + i] = c * zi - s * zh;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
        if (!(Math.abs(e[l]) > eps * tst1)) break;
      }
    }
    d[l] += f;
    e[l] = 0;
  }
}

/** Tridiagonal form of symmetric `a` (lower triangle read, destroyed): diagonal `d`, sub-diagonal e[eo..eo+n-2], no Q. */
export function tridiagonalValues(a: Float64Array, n: number, d: Float64Array, e: Float64Array, eo: number): void {
  // Numerical Recipes `tred2` without vectors, bottom row first so the Householder vector is a contiguous row; the
  // offset `eo` instead of a subarray keeps the hot path allocation-free.
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1,
      ri = i * n;
    if (l === 0) {
      e[eo + i] = a[ri];
      continue;
    }
    let scale = 0;
    for (let k = 0; k <= l; k++) scale += Math.abs(a[ri + k]);
    if (scale === 0) {
      e[eo + i] = a[ri + l];
      continue;
    }
    const inv = 1 / scale;
    let h = 0;
    for (let k = 0; k <= l; k++) {
      const x = a[ri + k] * inv;
      a[ri + k] = x;
      h += x * x;
    }
    let f = a[ri + l];
    let g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
    e[eo + i] = scale * g;
    h -= f * g;
    a[ri + l] = f - g;
    // e[eo .. eo+l] is free until row l is reached: it holds p = A u / h, then q = p - K u.
    f = 0;
    for (let j = 0; j <= l; j++) {
      const rj = j * n;
      g = 0;
      for (let k = 0; k <= j; k++) g += a[rj + k] * a[ri + k];
      for (let k = j + 1; k <= l; k++) g += a[k * n + j] * a[ri + k];
      const pj = g / h;
      e[eo + j] = pj;
      f += pj * a[ri + j];
    }
    const hh = f / (h + h);
    for (let j = 0; j <= l; j++) {
      const rj = j * n;
      f = a[ri + j];
      g = e[eo + j] - hh * f;
      e[eo + j] = g;
      for (let k = 0; k <= j; k++) a[rj + k] -= f * e[eo + k] + g * a[ri + k];
    }
  }
  for (let i = 0; i < n; i++) d[i] = a[i * n + i];
  for (let i = 1; i < n; i++) e[eo + i - 1] = e[eo + i];
  if (n > 0) e[eo + n - 1] = 0;
}

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

/** The end of the block nextSweep found (set by it, read right after: saves scanning the block again). */
let sweepEnd = 0;

/**
 * From l on, deflates converged 1 x 1 blocks and closes 2 x 2 blocks; returns where a sweep is due (n: done) and
 * leaves its block's end in `sweepEnd`.
 */
function nextSweep(d: Float64Array, e: Float64Array, eo: number, l: number, n: number, small: number): number {
  while (l < n) {
    const m = blockEnd(e, eo, l, n, small);
    if (m === l) {
      l++;
      continue;
    }
    if (m !== l + 1) {
      sweepEnd = m;
      return l;
    }
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
    l = nextSweep(d, e, eo, l, n, small);
    if (l >= n) return;
    const m = sweepEnd;
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
      l1 = nextSweep(d1, e1, 0, l1, n, small1);
      if (l1 < n) m1 = sweepEnd;
    }
    if (total2 < 30 * n) {
      l2 = nextSweep(d2, e2, 0, l2, n, small2);
      if (l2 < n) m2 = sweepEnd;
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
