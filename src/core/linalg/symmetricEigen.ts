import {
  householderTridiagonal,
  hypot2,
  implicitQL,
  tridiagonalEigenvaluesPWK,
  tridiagonalEigenvaluesPWKPair,
  tridiagonalValues,
} from './tridiagonalEigen';
import { TRIDIAGONAL_KERNEL_MAX_N, tridiagonalKernel } from './tridiagonalKernel';

/** Above this size the O(n³)-per-sweep Jacobi method loses to Householder + implicit QL. */
const JACOBI_MAX_N = 32;
const MAX_SWEEPS = 60;

/**
 * Cyclic Jacobi with threshold (Numerical Recipes `jacobi`) on the upper triangle of row-major `a` (destroyed).
 * Eigenvalues into `d`, unsorted; `v` (the identity on entry) receives the eigenvectors as columns.
 */
function jacobiEigen(a: Float64Array, n: number, d: Float64Array, v: Float64Array): void {
  // b accumulates the diagonal once per sweep, z the updates within a sweep (fewer rounding errors than updating d).
  const b = new Float64Array(n),
    z = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = d[i] = a[i * n + i];
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let sm = 0;
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) sm += Math.abs(a[p * n + q]);
    if (!(sm > 0)) return;
    // Early sweeps skip small rotations: they would be undone by the big ones anyway.
    const thresh = sweep < 3 ? (0.2 * sm) / (n * n) : 0;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        const g = 100 * Math.abs(apq);
        if (sweep > 3 && Math.abs(d[p]) + g === Math.abs(d[p]) && Math.abs(d[q]) + g === Math.abs(d[q])) {
          a[p * n + q] = 0;
          continue;
        }
        if (!(Math.abs(apq) > thresh)) continue;
        let h = d[q] - d[p];
        let t: number;
        if (Math.abs(h) + g === Math.abs(h)) t = apq / h;
        else {
          const theta = (0.5 * h) / apq;
          t = 1 / (Math.abs(theta) + hypot2(1, theta));
          if (theta < 0) t = -t;
        }
        const c = 1 / Math.sqrt(1 + t * t),
          s = t * c,
          tau = s / (1 + c);
        h = t * apq;
        z[p] -= h;
        z[q] += h;
        d[p] -= h;
        d[q] += h;
        a[p * n + q] = 0;
        for (let j = 0; j < p; j++) rotate(a, j * n + p, j * n + q, s, tau);
        for (let j = p + 1; j < q; j++) rotate(a, p * n + j, j * n + q, s, tau);
        for (let j = q + 1; j < n; j++) rotate(a, p * n + j, q * n + j, s, tau);
        for (let j = 0; j < n; j++) rotate(v, j * n + p, j * n + q, s, tau);
      }
    }
    for (let i = 0; i < n; i++) {
      b[i] += z[i];
      d[i] = b[i];
      z[i] = 0;
    }
  }
}

function rotate(a: Float64Array, ij: number, kl: number, s: number, tau: number): void {
  const g = a[ij],
    h = a[kl];
  a[ij] = g - s * (h + g * tau);
  a[kl] = h + s * (g - h * tau);
}

/**
 * Copies the n x n block of `a` into `w`, scaled by a power of two (exact) when its largest entry is far from 1 so the
 * squares in the rotations and reflections stay far from overflow and underflow. Returns the scale, NaN if non-finite.
 */
function copyScaled(a: Float64Array, n: number, w: Float64Array): number {
  let max = 0;
  for (let i = 0; i < n * n; i++) {
    const x = Math.abs(a[i]);
    if (x > max || x !== x) max = x;
  }
  if (!Number.isFinite(max)) return NaN;
  if (max === 0 || (max > 1e-100 && max < 1e100)) {
    for (let i = 0; i < n * n; i++) w[i] = a[i];
    return 1;
  }
  const scale = Math.pow(2, Math.round(Math.log2(max)));
  const inv = 1 / scale;
  for (let i = 0; i < n * n; i++) w[i] = a[i] * inv;
  return scale;
}

function sortDescending(d: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const x = d[i];
    let j = i - 1;
    while (j >= 0 && d[j] < x) {
      d[j + 1] = d[j];
      j--;
    }
    d[j + 1] = x;
  }
}

/** Eigenpairs of the symmetric n x n `a` (unmodified): values descending, column k of `vectors` for values[k]. */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  if (a.length < n * n) throw new Error(`symmetricEigen: need ${n * n} entries, got ${a.length}`);
  for (let i = 0; i < n * n; i++)
    if (!Number.isFinite(a[i])) throw new Error(`symmetricEigen: non-finite entry at (${Math.floor(i / n)}, ${i % n})`);
  const w = new Float64Array(n * n);
  const scale = copyScaled(a, n, w);
  const d = new Float64Array(n);
  const v = new Float64Array(n * n);
  let diagonal = true;
  for (let i = 0; i < n && diagonal; i++)
    for (let j = i + 1; j < n; j++)
      if (w[i * n + j] !== 0) {
        diagonal = false;
        break;
      }
  if (diagonal) {
    for (let i = 0; i < n; i++) {
      d[i] = w[i * n + i];
      v[i * n + i] = 1;
    }
  } else if (n <= JACOBI_MAX_N) {
    for (let i = 0; i < n; i++) v[i * n + i] = 1;
    jacobiEigen(w, n, d, v);
  } else {
    const e = new Float64Array(n);
    householderTridiagonal(w, n, d, e, v);
    implicitQL(d, e, n, v);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => d[y] - d[x] || x - y);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const src = order[k];
    values[k] = d[src] * scale;
    for (let i = 0; i < n; i++) vectors[i * n + k] = v[i * n + src];
  }
  return { values, vectors };
}

/** Eigenvalues of the symmetric n x n `a` (unmodified), descending; allocation-free given `out` and `work` (n*(n+2)). */
export function symmetricEigenvalues(
  a: Float64Array,
  n: number,
  out?: Float64Array,
  work?: Float64Array,
): Float64Array {
  const d = out ?? new Float64Array(n);
  if (n === 0) return d;
  if (n === 1) {
    d[0] = Number.isFinite(a[0]) ? a[0] : NaN;
    return d;
  }
  if (n === 2) {
    const a00 = a[0],
      a11 = a[3],
      b = a[1];
    const mean = 0.5 * a00 + 0.5 * a11,
      r = hypot2(0.5 * a00 - 0.5 * a11, b);
    d[0] = mean + r;
    d[1] = mean - r;
    if (!Number.isFinite(d[0]) || !Number.isFinite(d[1])) d[0] = d[1] = NaN;
    return d;
  }
  const w = work ?? new Float64Array(n * (n + 2));
  // Layout of w: the scaled copy [0, n²), then e. (Values-only Jacobi was slower from n = 3 on, measured.)
  const scale = copyScaled(a, n, w);
  if (scale !== scale) {
    d.fill(NaN, 0, n);
    return d;
  }
  // The straight-line kernel reads the copy (entries within 1e-100 .. 1e100, so its unscaled squares are safe) and
  // writes e after it.
  if (n <= TRIDIAGONAL_KERNEL_MAX_N) tridiagonalKernel(n)(w, d, w, n * n);
  else tridiagonalValues(w, n, d, w, n * n);
  tridiagonalEigenvaluesPWK(d, w, n * n, n);
  for (let i = 0; i < n; i++) d[i] *= scale;
  sortDescending(d, n);
  return d;
}

/**
 * As symmetricEigenvalues for a finite matrix whose entries the caller knows to lie within 1e-100 .. 1e100 (a Gram
 * matrix with a checked trace): no scan for scaling and no copy where the straight-line kernel applies; `a`'s lower
 * triangle is only read. `work` needs n*(n+2) entries.
 */
export function symmetricEigenvaluesInRange(a: Float64Array, n: number, out: Float64Array, work: Float64Array): void {
  tridiagonalInRange(a, n, out, work);
  tridiagonalEigenvaluesPWK(out, work, 0, n);
  sortDescending(out, n);
}

/** symmetricEigenvaluesInRange of two matrices at once, the two eigen-solvers interleaved; same results. */
export function symmetricEigenvaluesInRangePair(
  a: Float64Array,
  b: Float64Array,
  n: number,
  outA: Float64Array,
  outB: Float64Array,
  workA: Float64Array,
  workB: Float64Array,
): void {
  tridiagonalInRange(a, n, outA, workA);
  tridiagonalInRange(b, n, outB, workB);
  tridiagonalEigenvaluesPWKPair(outA, workA, outB, workB, n);
  sortDescending(outA, n);
  sortDescending(outB, n);
}

/** Diagonal into d, off-diagonal into work[0..n-1]. */
function tridiagonalInRange(a: Float64Array, n: number, d: Float64Array, work: Float64Array): void {
  if (n <= TRIDIAGONAL_KERNEL_MAX_N) tridiagonalKernel(n)(a, d, work, 0);
  else {
    for (let i = 0; i < n * n; i++) work[i] = a[i];
    tridiagonalValues(work, n, d, work, n * n);
    for (let i = 0; i < n; i++) work[i] = work[n * n + i];
  }
}
