import { choleskySolve } from '../linalg/cholesky';

/**
 * An orthonormal basis of the row space of the rows x p row-major G by Gram–Schmidt with pivoting (the remaining row
 * of largest norm next, orthogonalised twice): stops when every remaining row is below `absTol`. Its size is the
 * numerical rank of G; cheap for the low-rank systems of the rank condition (a few times rows x p x rank).
 */
export function rowBasis(G: Float64Array, rows: number, p: number, absTol: number): Float64Array[] {
  const work = Array.from({ length: rows }, (_, t) => G.slice(t * p, (t + 1) * p));
  const basis: Float64Array[] = [];
  const used = new Uint8Array(rows);
  for (;;) {
    let best = -1,
      bestNorm = absTol;
    for (let t = 0; t < rows; t++) {
      if (used[t]) continue;
      let s = 0;
      for (let j = 0; j < p; j++) s += work[t][j] * work[t][j];
      const n = Math.sqrt(s);
      if (n > bestNorm) [best, bestNorm] = [t, n];
    }
    if (best < 0 || basis.length === p) break;
    used[best] = 1;
    const v = work[best];
    for (let pass = 0; pass < 2; pass++) {
      for (const b of basis) {
        let d = 0;
        for (let j = 0; j < p; j++) d += b[j] * v[j];
        for (let j = 0; j < p; j++) v[j] -= d * b[j];
      }
    }
    const n = Math.hypot(...v);
    if (!(n > absTol)) continue;
    for (let j = 0; j < p; j++) v[j] /= n;
    basis.push(v);
    // Remove the new direction from the remaining rows so their norms rank what is left.
    for (let t = 0; t < rows; t++) {
      if (used[t]) continue;
      let d = 0;
      for (let j = 0; j < p; j++) d += v[j] * work[t][j];
      for (let j = 0; j < p; j++) work[t][j] -= d * v[j];
    }
  }
  return basis;
}

/**
 * Minimum-norm least-squares δ for G δ = -R: δ = Qᵀ y over an orthonormal basis Q of G's row space (directions
 * below `relCut` of G's largest row dropped), y the least-squares solution of (G Qᵀ) y = -R.
 */
export function minimumNormStep(
  G: Float64Array,
  R: Float64Array,
  rows: number,
  p: number,
  relCut = 1e-9,
): Float64Array {
  let maxRow = 0;
  for (let t = 0; t < rows; t++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += G[t * p + j] ** 2;
    maxRow = Math.max(maxRow, Math.sqrt(s));
  }
  const Q = rowBasis(G, rows, p, relCut * maxRow);
  const r = Q.length;
  const delta = new Float64Array(p);
  if (r === 0) return delta;
  const L = new Float64Array(rows * r);
  for (let t = 0; t < rows; t++)
    for (let i = 0; i < r; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += G[t * p + j] * Q[i][j];
      L[t * r + i] = s;
    }
  const A = new Float64Array(r * r),
    y = new Float64Array(r);
  for (let t = 0; t < rows; t++) {
    for (let i = 0; i < r; i++) {
      y[i] -= L[t * r + i] * R[t];
      for (let k = 0; k <= i; k++) A[i * r + k] += L[t * r + i] * L[t * r + k];
    }
  }
  if (!choleskySolve(A, r, y)) return delta;
  for (let i = 0; i < r; i++) for (let j = 0; j < p; j++) delta[j] += y[i] * Q[i][j];
  return delta;
}
