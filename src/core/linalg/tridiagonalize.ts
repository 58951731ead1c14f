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
