import { jacobiSingularValuesInto } from './svd';
import { symmetricEigenvalues } from './symmetricEigen';

/**
 * Below this sigma_min / sigma_max the Gram route is re-done by Jacobi: the Gram eigenvalues carry an absolute error
 * of a few eps * sigma_max², so sigma_min from sqrt has relative error ~ eps / (2 ratio²): 1e-3 at 1e-6, worse below.
 */
const CONFIRM_RATIO = 1e-6;
/** Trace of the Gram matrix outside this range: squares may have overflowed or underflowed, use the scaled Jacobi. */
const GRAM_MAX = 1e280, GRAM_MIN = 1e-280;

/** Singular-value summaries of many q x p Jacobians with one fixed structural pattern, allocation-free per point. */
export interface BatchSpectrum {
  /**
   * For each of the n points of `J` (n * q * p, point-major, each row-major q x p): sigma_min and sigma_max over the
   * min(q, p) singular values, and the numerical rank (tol, else sigma_max * max(q, p) * eps per point).
   * A point with a non-finite entry gets NaN for both and rank -1.
   */
  run(J: Float64Array, n: number, sMin: Float64Array, sMax: Float64Array, rank: Int32Array, tol?: number): void;
  /** All min(q, p) singular values of the point at J[offset..], descending, into `out` (NaN if non-finite). */
  singularValuesInto(Jpoint: Float64Array, offset: number, out: Float64Array): void;
}

/**
 * Prepares the per-point work for q x p Jacobians whose structural non-zeros are `pattern` (q * p, 1 = may be
 * non-zero; it must cover every entry that can be non-zero, entries outside it are ignored). Omitted = dense.
 * Diagonal-like patterns give |entries|; otherwise the smaller Gram matrix (J Jᵀ or JᵀJ) is built from structural
 * overlaps only and its eigenvalues taken, with a one-sided Jacobi SVD where that loses precision.
 */
export function createBatchSpectrum(q: number, p: number, pattern?: Uint8Array): BatchSpectrum {
  const qp = q * p, m = Math.min(q, p), maxDim = Math.max(q, p);
  if (pattern !== undefined && pattern.length !== qp) throw new Error(`createBatchSpectrum: pattern has ${pattern.length} entries, expected ${qp}`);
  const mask = pattern ?? new Uint8Array(qp).fill(1);
  const values = new Float64Array(m);

  // Diagonal-like: at most one structural non-zero per row and per column.
  const rowCount = new Int32Array(q), colCount = new Int32Array(p);
  const nonZeros: number[] = [];
  for (let r = 0; r < q; r++) for (let c = 0; c < p; c++) if (mask[r * p + c]) { rowCount[r]++; colCount[c]++; nonZeros.push(r * p + c); }
  const diagonal = rowCount.every((x) => x <= 1) && colCount.every((x) => x <= 1);
  const diag = Int32Array.from(nonZeros);

  // Gram plan over the smaller side: for each pair (i <= j) the flat J offsets whose products sum to G[i][j].
  // Pairs sharing every index are marked dense and summed without index lists.
  const wide = q <= p, len = wide ? p : q;
  const at = (i: number, t: number): number => (wide ? i * p + t : t * p + i);
  const npairs = (m * (m + 1)) / 2;
  const pairI = new Int32Array(npairs), pairJ = new Int32Array(npairs), dense = new Uint8Array(npairs);
  const start = new Int32Array(npairs + 1);
  const aList: number[] = [], bList: number[] = [];
  let t = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++, t++) {
      pairI[t] = i; pairJ[t] = j;
      const before = aList.length;
      for (let s = 0; s < len; s++) if (mask[at(i, s)] && mask[at(j, s)]) { aList.push(at(i, s)); bList.push(at(j, s)); }
      if (aList.length - before === len) { dense[t] = 1; aList.length = bList.length = before; }
      start[t + 1] = aList.length;
    }
  }
  const aIdx = Int32Array.from(aList), bIdx = Int32Array.from(bList);
  const G = new Float64Array(m * m), eig = new Float64Array(m), eigWork = new Float64Array(m * (m + 4));
  const jacobiWork = new Float64Array(qp);

  function hasNonFinite(J: Float64Array, off: number): boolean {
    for (let i = off; i < off + qp; i++) if (!Number.isFinite(J[i])) return true;
    return false;
  }

  /** Descending singular values of a diagonal-like point; returns false when an entry is non-finite. */
  function diagonalInto(J: Float64Array, off: number, out: Float64Array): boolean {
    out.fill(0, 0, m);
    for (let u = 0; u < diag.length; u++) {
      const v = Math.abs(J[off + diag[u]]);
      if (!Number.isFinite(v)) { out.fill(NaN, 0, m); return false; }
      let j = u - 1;
      while (j >= 0 && out[j] < v) { out[j + 1] = out[j]; j--; }
      out[j + 1] = v;
    }
    return true;
  }

  /** Descending singular values of a general point through its Gram matrix, confirmed by Jacobi when near-singular. */
  function gramInto(J: Float64Array, off: number, out: Float64Array): void {
    let trace = 0;
    for (let u = 0; u < npairs; u++) {
      const i = pairI[u], j = pairJ[u];
      let s = 0;
      if (dense[u]) {
        if (wide) {
          const ri = off + i * p, rj = off + j * p;
          for (let c = 0; c < p; c++) s += J[ri + c] * J[rj + c];
        } else {
          for (let r = off; r < off + qp; r += p) s += J[r + i] * J[r + j];
        }
      } else {
        for (let x = start[u]; x < start[u + 1]; x++) s += J[off + aIdx[x]] * J[off + bIdx[x]];
      }
      G[i * m + j] = s;
      G[j * m + i] = s;
      if (i === j) trace += s;
    }
    if (trace === 0) { out.fill(0, 0, m); return; }
    if (!(trace < GRAM_MAX && trace > GRAM_MIN)) {
      if (hasNonFinite(J, off)) out.fill(NaN, 0, m);
      else jacobiSingularValuesInto(J, off, q, p, out, jacobiWork);
      return;
    }
    symmetricEigenvalues(G, m, eig, eigWork);
    for (let i = 0; i < m; i++) out[i] = Math.sqrt(Math.max(eig[i], 0));
    if (out[m - 1] < CONFIRM_RATIO * out[0]) jacobiSingularValuesInto(J, off, q, p, out, jacobiWork);
  }

  function singularValuesInto(Jpoint: Float64Array, offset: number, out: Float64Array): void {
    if (m === 0) return;
    if (diagonal) diagonalInto(Jpoint, offset, out);
    else gramInto(Jpoint, offset, out);
  }

  function run(J: Float64Array, n: number, sMin: Float64Array, sMax: Float64Array, rank: Int32Array, tol?: number): void {
    if (J.length < n * qp) throw new Error(`createBatchSpectrum.run: J has ${J.length} entries, expected ${n * qp}`);
    if (sMin.length < n || sMax.length < n || rank.length < n) throw new Error('createBatchSpectrum.run: output arrays shorter than n');
    for (let k = 0; k < n; k++) {
      if (m === 0) { sMin[k] = sMax[k] = 0; rank[k] = 0; continue; }
      singularValuesInto(J, k * qp, values);
      const hi = values[0];
      if (hi !== hi) { sMin[k] = sMax[k] = NaN; rank[k] = -1; continue; }
      const threshold = tol ?? hi * maxDim * Number.EPSILON;
      let r = 0;
      while (r < m && values[r] > threshold) r++;
      sMax[k] = hi;
      sMin[k] = values[m - 1];
      rank[k] = r;
    }
  }

  return { run, singularValuesInto };
}
