import { hypot2 } from '../../../../src/core/linalg/hypot';

// Test oracle: Householder tridiagonalisation with Q and implicit QL with vectors (EISPACK tred2/tql2 as in JAMA).

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
