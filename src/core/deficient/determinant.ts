/** det of the n x n row-major matrix at a[off..], by LU with partial pivoting (`work`: n*n scratch; closed form n <= 2). */
export function determinant(a: Float64Array, off: number, n: number, work: Float64Array): number {
  if (n === 1) return a[off];
  if (n === 2) return a[off] * a[off + 3] - a[off + 1] * a[off + 2];
  for (let i = 0; i < n * n; i++) work[i] = a[off + i];
  let det = 1;
  for (let c = 0; c < n; c++) {
    let piv = c,
      best = Math.abs(work[c * n + c]);
    for (let r = c + 1; r < n; r++) {
      const v = Math.abs(work[r * n + c]);
      if (v > best) [piv, best] = [r, v];
    }
    if (best === 0) return 0;
    if (piv !== c) {
      for (let k = 0; k < n; k++) [work[c * n + k], work[piv * n + k]] = [work[piv * n + k], work[c * n + k]];
      det = -det;
    }
    const d = work[c * n + c];
    det *= d;
    for (let r = c + 1; r < n; r++) {
      const f = work[r * n + c] / d;
      if (f === 0) continue;
      for (let k = c + 1; k < n; k++) work[r * n + k] -= f * work[c * n + k];
    }
  }
  return det;
}
