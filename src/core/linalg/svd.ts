import { orthogonalComplement } from './orthogonalComplement';
import { hypot2 } from './hypot';
import { diagonalSvd, isDiagonalLike } from './diagonalLike';
import { reflect } from './householder';

/** Thin SVD A = U diag(S) Vᵀ: U rows x k, V cols x k (row-major, column i = i-th singular vector), S descending. */
export interface SvdResult {
  U: Float64Array;
  S: Float64Array;
  V: Float64Array;
  k: number;
}

const MAX_SWEEPS = 80;
/** A vector whose norm (after scaling the matrix to max entry ~1) is below this has no reliable direction. */
const TINY = 1e-140;

/**
 * Hestenes one-sided Jacobi: rotates pairs of the k vectors of length m in `x` (vector i at i*m) until every pair is
 * orthogonal relative to its norms; that relative test is what keeps tiny singular values accurate. When `vt` (k x k)
 * is given its rows receive the same rotations.
 */
function oneSidedJacobi(x: Float64Array, k: number, m: number, vt: Float64Array | null): void {
  const tol = Number.EPSILON * Math.sqrt(m);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let i = 0; i < k - 1; i++) {
      const xi = i * m;
      for (let j = i + 1; j < k; j++) {
        const xj = j * m;
        let a = 0,
          b = 0,
          c = 0;
        for (let t = 0; t < m; t++) {
          const u = x[xi + t],
            v = x[xj + t];
          a += u * u;
          b += v * v;
          c += u * v;
        }
        if (!(Math.abs(c) > tol * Math.sqrt(a) * Math.sqrt(b))) continue;
        rotated = true;
        const zeta = (b - a) / (2 * c);
        const tan = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + hypot2(1, zeta));
        const cs = 1 / Math.sqrt(1 + tan * tan),
          sn = cs * tan;
        for (let t = 0; t < m; t++) {
          const u = x[xi + t],
            v = x[xj + t];
          x[xi + t] = cs * u - sn * v;
          x[xj + t] = sn * u + cs * v;
        }
        if (vt !== null) {
          const vi = i * k,
            vj = j * k;
          for (let t = 0; t < k; t++) {
            const u = vt[vi + t],
              v = vt[vj + t];
            vt[vi + t] = cs * u - sn * v;
            vt[vj + t] = sn * u + cs * v;
          }
        }
      }
    }
    if (!rotated) return;
  }
}

/**
 * Loads the point at `offset` into `x` as k = min(rows, cols) contiguous vectors of length max(rows, cols): the columns
 * when rows >= cols, else the rows (Jacobi on the smaller side), scaled by a power of two to max entry ~1.
 * Returns the scale, 0 for a zero matrix, NaN for a non-finite entry.
 */
function load(a: Float64Array, offset: number, rows: number, cols: number, x: Float64Array): number {
  let max = 0;
  const end = offset + rows * cols;
  for (let i = offset; i < end; i++) {
    const v = Math.abs(a[i]);
    if (v > max || v !== v) max = v;
  }
  if (!Number.isFinite(max)) return NaN;
  if (max === 0) return 0;
  const scale = Math.pow(2, Math.round(Math.log2(max)));
  const inv = 1 / scale;
  if (rows >= cols) {
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) x[c * rows + r] = a[offset + r * cols + c] * inv;
  } else {
    for (let i = 0; i < rows * cols; i++) x[i] = a[offset + i] * inv;
  }
  return scale;
}

function norm(x: Float64Array, o: number, m: number): number {
  let ss = 0;
  for (let t = 0; t < m; t++) ss += x[o + t] * x[o + t];
  if (ss > 1e-250) return Math.sqrt(ss);
  // Squares of tiny entries underflow: rescale by the largest entry.
  let max = 0;
  for (let t = 0; t < m; t++) max = Math.max(max, Math.abs(x[o + t]));
  if (max === 0) return 0;
  ss = 0;
  for (let t = 0; t < m; t++) {
    const v = x[o + t] / max;
    ss += v * v;
  }
  return max * Math.sqrt(ss);
}

function checkFinite(a: Float64Array, rows: number, cols: number, who: string): void {
  if (a.length < rows * cols) throw new Error(`${who}: need ${rows * cols} entries, got ${a.length}`);
  for (let i = 0; i < rows * cols; i++) {
    if (!Number.isFinite(a[i])) throw new Error(`${who}: non-finite entry at (${Math.floor(i / cols)}, ${i % cols})`);
  }
}

/** Thin SVD by one-sided Jacobi on the smaller side: k = min(rows, cols), S descending, U rows x k, V cols x k. */
export function svd(a: Float64Array, rows: number, cols: number): SvdResult {
  checkFinite(a, rows, cols, 'svd');
  if (isDiagonalLike(a, rows, cols)) return diagonalSvd(a, rows, cols);
  const k = Math.min(rows, cols),
    m = Math.max(rows, cols),
    tall = rows >= cols;
  const x = new Float64Array(k * m);
  const scale = load(a, 0, rows, cols, x);
  const vt = new Float64Array(k * k);
  for (let i = 0; i < k; i++) vt[i * k + i] = 1;
  oneSidedJacobi(x, k, m, vt);
  const sig = new Float64Array(k);
  for (let i = 0; i < k; i++) sig[i] = norm(x, i * m, m);
  const order = Array.from({ length: k }, (_, i) => i).sort((i, j) => sig[j] - sig[i] || i - j);
  // Long-side singular vectors: normalized Jacobi vectors; those of (numerically) zero norm completed orthonormally.
  const long = new Float64Array(k * m);
  let reliable = 0;
  for (let i = 0; i < k; i++) {
    const s = sig[order[i]];
    if (!(s > TINY)) break;
    const src = order[i] * m;
    for (let t = 0; t < m; t++) long[i * m + t] = x[src + t] / s;
    reliable++;
  }
  if (reliable < k) {
    const extra = orthogonalComplement(long, reliable, m, k - reliable);
    long.set(extra, reliable * m);
  }
  const S = new Float64Array(k);
  for (let i = 0; i < k; i++) S[i] = sig[order[i]] * scale;
  const longMat = new Float64Array(m * k),
    shortMat = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let t = 0; t < m; t++) longMat[t * k + i] = long[i * m + t];
    const src = order[i] * k;
    for (let t = 0; t < k; t++) shortMat[t * k + i] = vt[src + t];
  }
  return tall ? { U: longMat, S, V: shortMat, k } : { U: shortMat, S, V: longMat, k };
}

/**
 * Replaces the k vectors of length m > k in `x` (vector j at j*m) by the k columns of R in their QR factorization,
 * each of length k, stored at j*k. Householder QR is backward stable column by column, so a column scaling of the
 * vectors survives into R and Jacobi on R keeps its accuracy for tiny singular values; one O(m k²) pass replaces
 * O(m k²) work in every Jacobi sweep.
 */
function qrCompress(x: Float64Array, k: number, m: number): void {
  for (let j = 0; j < k; j++) {
    const xj = j * m;
    let ss = 0;
    for (let i = j + 1; i < m; i++) ss += x[xj + i] * x[xj + i];
    const x0 = x[xj + j];
    if (ss === 0) continue;
    const alpha = Math.sqrt(x0 * x0 + ss);
    const s = x0 >= 0 ? 1 : -1;
    const beta = 1 / (alpha * (alpha + Math.abs(x0)));
    x[xj + j] = x0 + s * alpha;
    for (let l = j + 1; l < k; l++) reflect(x, xj, x, l * m, j, m, beta);
    x[xj + j] = -s * alpha;
  }
  // Compact: column j moves down to j*k (never past a later vector's start); below-diagonal entries become 0.
  for (let j = 0; j < k; j++) {
    for (let i = 0; i <= j; i++) x[j * k + i] = x[j * m + i];
    for (let i = j + 1; i < k; i++) x[j * k + i] = 0;
  }
}

/** Singular values of the rows x cols matrix at a[offset..] into `out`, descending; allocation-free (`work`: rows*cols). */
export function jacobiSingularValuesInto(
  a: Float64Array,
  offset: number,
  rows: number,
  cols: number,
  out: Float64Array,
  work: Float64Array,
): void {
  // QR compression of the longer side, then one-sided Jacobi without vectors. Non-finite input gives NaN.
  const k = Math.min(rows, cols),
    m = Math.max(rows, cols);
  const scale = load(a, offset, rows, cols, work);
  if (!(scale > 0)) {
    out.fill(scale === 0 ? 0 : NaN, 0, k);
    return;
  }
  if (m > k) qrCompress(work, k, m);
  oneSidedJacobi(work, k, k, null);
  for (let i = 0; i < k; i++) {
    const s = norm(work, i * k, k) * scale;
    let j = i - 1;
    while (j >= 0 && out[j] < s) {
      out[j + 1] = out[j];
      j--;
    }
    out[j + 1] = s;
  }
}

/** Reusable buffers of smallestTripletInto for one matrix size. */
export interface TripletScratch {
  x: Float64Array;
  vt: Float64Array;
  long: Float64Array;
}

/** Scratch for smallestTripletInto on rows x cols matrices. */
export function tripletScratch(rows: number, cols: number): TripletScratch {
  const k = Math.min(rows, cols),
    m = Math.max(rows, cols);
  return { x: new Float64Array(k * m), vt: new Float64Array(k * k), long: new Float64Array(k * m) };
}

/**
 * The smallest singular triplet of the finite rows x cols `a` (the last one of `svd`, to rounding): σ returned, its
 * left vector into u (rows) and right vector into v (cols). Allocation-free on the common path: the locus evaluates
 * it thousands of times per slice.
 */
export function smallestTripletInto(
  a: Float64Array,
  rows: number,
  cols: number,
  u: Float64Array,
  v: Float64Array,
  ws: TripletScratch,
): number {
  if (isDiagonalLike(a, rows, cols) || isZero(a, rows * cols)) {
    const s = svd(a, rows, cols);
    const i = s.k - 1;
    for (let t = 0; t < rows; t++) u[t] = s.U[t * s.k + i];
    for (let t = 0; t < cols; t++) v[t] = s.V[t * s.k + i];
    return s.S[i];
  }
  const k = Math.min(rows, cols),
    m = Math.max(rows, cols),
    tall = rows >= cols;
  const { x, vt, long } = ws;
  const scale = load(a, 0, rows, cols, x);
  vt.fill(0);
  for (let i = 0; i < k; i++) vt[i * k + i] = 1;
  oneSidedJacobi(x, k, m, vt);
  // The smallest norm, ties to the larger index (svd's order puts it last).
  let imin = 0,
    smin = Infinity;
  for (let i = 0; i < k; i++) {
    const s = norm(x, i * m, m);
    if (s <= smin) [imin, smin] = [i, s];
  }
  const longOut = tall ? u : v,
    shortOut = tall ? v : u;
  if (smin > TINY) for (let t = 0; t < m; t++) longOut[t] = x[imin * m + t] / smin;
  else {
    // No reliable direction of its own: the unit vector orthogonal to the other (reliable) long-side vectors.
    let n = 0;
    for (let i = 0; i < k; i++) {
      if (i === imin) continue;
      const s = norm(x, i * m, m);
      if (!(s > TINY)) continue;
      for (let t = 0; t < m; t++) long[n * m + t] = x[i * m + t] / s;
      n++;
    }
    longOut.set(orthogonalComplement(long, n, m, 1).subarray(0, m));
  }
  for (let t = 0; t < k; t++) shortOut[t] = vt[imin * k + t];
  return smin * scale;
}

function isZero(a: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== 0) return false;
  return true;
}
