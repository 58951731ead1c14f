/** sqrt(a² + b²) without overflow or underflow (Math.hypot is slower and this runs in inner loops). */
export function hypot2(a: number, b: number): number {
  const x = Math.abs(a), y = Math.abs(b);
  if (x > y) { const r = y / x; return x * Math.sqrt(1 + r * r); }
  if (y === 0) return 0;
  const r = x / y;
  return y * Math.sqrt(1 + r * r);
}

/**
 * Householder reduction of the symmetric n x n row-major `a` (overwritten) to tridiagonal T: diagonal into `d`,
 * sub-diagonal into `e[eo .. eo+n-2]`, `e[eo+n-1] = 0`. When `q` (n x n) is given it receives Q with a = Q T Qᵀ.
 * `w[wo .. wo+3n)` is scratch. Entries of `a` should be scaled to about 1 (the caller pre-scales).
 * Offsets instead of subarrays so the hot path allocates nothing.
 */
export function householderTridiagonal(a: Float64Array, n: number, d: Float64Array, e: Float64Array, eo: number, q: Float64Array | null, w: Float64Array, wo: number): void {
  // Scratch: v at [vo, vo+n), p (then w = p - K v) at [po, po+n), beta per step at [bo, bo+n).
  const vo = wo, po = wo + n, bo = wo + 2 * n;
  for (let k = 0; k < n - 2; k++) {
    const k1 = k + 1;
    d[k] = a[k * n + k];
    const x0 = a[k1 * n + k];
    let tail = 0;
    for (let i = k1 + 1; i < n; i++) { const x = a[i * n + k]; tail += x * x; }
    if (tail === 0) { e[eo + k] = x0; w[bo + k] = 0; continue; }
    const alpha = Math.sqrt(x0 * x0 + tail);
    const s = x0 >= 0 ? 1 : -1;
    const beta = 1 / (alpha * (alpha + Math.abs(x0)));
    w[bo + k] = beta;
    e[eo + k] = -s * alpha;
    const v0 = x0 + s * alpha;
    a[k1 * n + k] = v0;
    w[vo + k1] = v0;
    for (let i = k1 + 1; i < n; i++) w[vo + i] = a[i * n + k];
    let pv = 0;
    for (let i = k1; i < n; i++) {
      const ri = i * n;
      let sum = 0;
      for (let j = k1; j < n; j++) sum += a[ri + j] * w[vo + j];
      const pi = beta * sum;
      w[po + i] = pi;
      pv += pi * w[vo + i];
    }
    const K = 0.5 * beta * pv;
    for (let i = k1; i < n; i++) w[po + i] -= K * w[vo + i];
    for (let i = k1; i < n; i++) {
      const ri = i * n, vi = w[vo + i], wi = w[po + i];
      for (let j = k1; j < n; j++) a[ri + j] -= vi * w[po + j] + wi * w[vo + j];
    }
  }
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * n + n - 2];
    e[eo + n - 2] = a[(n - 1) * n + n - 2];
  }
  if (n >= 1) { d[n - 1] = a[n * n - 1]; e[eo + n - 1] = 0; }
  if (q === null) return;
  q.fill(0);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  // Backward accumulation: Q = H_0 H_1 ... H_{n-3}; the partial product is the identity outside rows/cols > k.
  for (let k = n - 3; k >= 0; k--) {
    const beta = w[bo + k];
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

/**
 * Eigenvalues of the symmetric tridiagonal (d, e) by implicit QL with Wilkinson-like shifts (EISPACK tql2 as in JAMA),
 * in place into `d` (unsorted); `e[eo .. eo+n)` is destroyed. When `z` (n x n) is given its columns are rotated along, so
 * passing Q from householderTridiagonal yields the eigenvectors of the original matrix as columns.
 */
export function implicitQL(d: Float64Array, e: Float64Array, eo: number, n: number, z: Float64Array | null): void {
  const eps = Number.EPSILON;
  let f = 0, tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[eo + l]));
    let m = l;
    while (m < n - 1 && !(Math.abs(e[eo + m]) <= eps * tst1)) m++;
    if (m > l) {
      // NaN input would never meet the convergence test; the cap keeps the loop finite.
      for (let iter = 0; iter < 60; iter++) {
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[eo + l]);
        let r = hypot2(p, 1);
        if (p < 0) r = -r;
        d[l] = e[eo + l] / (p + r);
        d[l + 1] = e[eo + l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1, c2 = 1, c3 = 1, s = 0, s2 = 0;
        const el1 = e[eo + l + 1];
        for (let i = m - 1; i >= l; i--) {
          c3 = c2; c2 = c; s2 = s;
          g = c * e[eo + i];
          h = c * p;
          const ei = e[eo + i], rr = p * p + ei * ei;
          // The plain square root is safe (and twice as fast) unless the squares leave the normal range.
          r = rr > 1e-290 && rr < 1e290 ? Math.sqrt(rr) : hypot2(p, ei);
          e[eo + i + 1] = s * r;
          const inv = 1 / r;
          s = ei * inv;
          c = p * inv;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (z !== null) {
            for (let k = 0; k < n; k++) {
              const row = k * n;
              const zh = z[row + i + 1], zi = z[row + i];
              z[row + i + 1] = s * zi + c * zh;
              z[row + i] = c * zi - s * zh;
            }
          }
        }
        p = -s * s2 * c3 * el1 * e[eo + l] / dl1;
        e[eo + l] = s * p;
        d[l] = c * p;
        if (!(Math.abs(e[eo + l]) > eps * tst1)) break;
      }
    }
    d[l] += f;
    e[eo + l] = 0;
  }
}
