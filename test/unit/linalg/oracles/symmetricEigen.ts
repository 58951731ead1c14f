import { hypot2 } from '../../../../src/core/linalg/hypot';
import { TRIDIAGONAL_KERNEL_MAX_N, tridiagonalKernel } from '../../../../src/core/linalg/tridiagonalKernel';
import { tridiagonalValues } from '../../../../src/core/linalg/tridiagonalize';
import { tridiagonalEigenvaluesPWK } from '../../../../src/core/linalg/tridiagonalQL';
import { householderTridiagonal, implicitQL } from './householderQL';
import { jacobiEigen } from './jacobiEigen';

// Test oracles: general symmetric eigen-solvers (any scale, with vectors) that src/ does not need. symmetricEigenvalues
// runs the same tridiagonalisation and QL as src/'s well-scaled path, behind a scaling copy.

/** Above this size the O(n³)-per-sweep Jacobi method loses to Householder + implicit QL. */
const JACOBI_MAX_N = 32;

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
