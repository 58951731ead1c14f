import { MAX_BASIS_ENTRIES } from './nullspace';
import type { MatrixReport } from './matrixReport';
import { numericalRank, rankTolerance } from './rank';
import type { SvdResult } from './svd';

// The diagonal shortcut: a matrix with at most one non-zero per row and per column (theta_i = w_i^2, a permuted
// diagonal) has its |entries| as singular values and unit vectors as singular vectors. No SVD, no Gram matrix.

/** True when at most one entry per row and per column is non-zero: a pattern's 1s, or a matrix's values. */
export function isDiagonalLike(entries: ArrayLike<number>, rows: number, cols: number): boolean {
  const colCount = new Uint8Array(cols);
  for (let i = 0; i < rows; i++) {
    let inRow = 0;
    for (let j = 0; j < cols; j++) {
      if (entries[i * cols + j] === 0) continue;
      if (++inRow > 1 || ++colCount[j] > 1) return false;
    }
  }
  return true;
}

/** Up to this many entries an insertion sort without builtin calls is faster (measured crossover ~64 entries). */
const INSERTION_MAX = 64;

/**
 * Descending singular values of a diagonal-like point given by its `count` structural entries at v[off..]: the sorted
 * |entries|, then zeros up to `m` = min(rows, cols) (all NaN if an entry is not finite). Allocation-free.
 */
export function diagonalSingularValuesInto(
  v: Float64Array,
  off: number,
  count: number,
  m: number,
  out: Float64Array,
): void {
  if (count > INSERTION_MAX) {
    // Insertion sort is quadratic: 1000 entries took ~450 us a point, the builtin sort ~40 us.
    for (let u = 0; u < count; u++) {
      const x = Math.abs(v[off + u]);
      if (!Number.isFinite(x)) {
        out.fill(NaN, 0, m);
        return;
      }
      out[u] = x;
    }
    out.subarray(0, count).sort().reverse();
    out.fill(0, count, m);
    return;
  }
  for (let i = 0; i < m; i++) out[i] = 0;
  for (let u = 0; u < count; u++) {
    const x = Math.abs(v[off + u]);
    if (!Number.isFinite(x)) {
      out.fill(NaN, 0, m);
      return;
    }
    let j = u - 1;
    while (j >= 0 && out[j] < x) {
      out[j + 1] = out[j];
      j--;
    }
    out[j + 1] = x;
  }
}

interface Entry {
  row: number;
  col: number;
  value: number;
}

/** The non-zero entries of a diagonal-like matrix, largest |value| first (ties: lower row first). */
function entriesByMagnitude(a: ArrayLike<number>, rows: number, cols: number): Entry[] {
  const out: Entry[] = [];
  for (let row = 0; row < rows; row++)
    for (let col = 0; col < cols; col++)
      if (a[row * cols + col] !== 0) out.push({ row, col, value: a[row * cols + col] });
  return out.sort((x, y) => Math.abs(y.value) - Math.abs(x.value) || x.row - y.row);
}

/** Thin SVD of a diagonal-like `a` (see isDiagonalLike): U rows x k, V cols x k with unit columns, S descending. */
export function diagonalSvd(a: Float64Array, rows: number, cols: number): SvdResult {
  const k = Math.min(rows, cols);
  const S = new Float64Array(k),
    U = new Float64Array(rows * k),
    V = new Float64Array(cols * k);
  const usedRow = new Uint8Array(rows),
    usedCol = new Uint8Array(cols);
  let i = 0;
  for (const { row, col, value } of entriesByMagnitude(a, rows, cols)) {
    S[i] = Math.abs(value);
    U[row * k + i] = value > 0 ? 1 : -1;
    V[col * k + i] = 1;
    usedRow[row] = usedCol[col] = 1;
    i++;
  }
  // Zero singular values: pair the unused rows and columns in order.
  let r = 0,
    c = 0;
  for (; i < k; i++) {
    while (usedRow[r]) r++;
    while (usedCol[c]) c++;
    U[r++ * k + i] = 1;
    V[c++ * k + i] = 1;
  }
  return { U, S, V, k };
}

/**
 * The spectral report of a diagonal-like q x p `J` straight from its entries: kernel and cokernel are the unit vectors
 * of the columns and rows without an entry above the tolerance (in index order), M = J Jᵀ is diagonal.
 */
export function diagonalMatrixReport(J: Float64Array, q: number, p: number, tol?: number): MatrixReport {
  const entries = entriesByMagnitude(J, q, p);
  const k = Math.min(q, p);
  const sv = entries.map((e) => Math.abs(e.value));
  while (sv.length < k) sv.push(0);
  const tolerance = rankTolerance(sv[0] ?? 0, q, p, tol);
  const unit = (n: number, at: number): number[] => Array.from({ length: n }, (_, x) => (x === at ? 1 : 0));
  const live = entries.filter((e) => Math.abs(e.value) > tolerance);
  const liveRows = new Set(live.map((e) => e.row)),
    liveCols = new Set(live.map((e) => e.col));
  const M = Array.from({ length: q }, () => new Array<number>(q).fill(0));
  for (const e of entries) M[e.row][e.row] = e.value * e.value;
  const eig = Array.from({ length: q }, (_, i) => i).sort((a, b) => M[b][b] - M[a][a] || a - b);
  const deadCols = Array.from({ length: p }, (_, j) => j).filter((j) => !liveCols.has(j)),
    deadRows = Array.from({ length: q }, (_, i) => i).filter((i) => !liveRows.has(i));
  // Bases past MAX_BASIS_ENTRIES are counted, not built (as in nullspacesFromSvd).
  const kernelBuilt = deadCols.length * p <= MAX_BASIS_ENTRIES,
    cokernelBuilt = deadRows.length * q <= MAX_BASIS_ENTRIES;
  return {
    singularValues: sv.slice(0, k),
    rank: numericalRank(sv, tolerance),
    tolerance,
    conditionNumber: sv[k - 1] === 0 ? Infinity : sv[0] / sv[k - 1],
    operatorNorm: sv[0] ?? 0,
    kernel: kernelBuilt ? deadCols.map((j) => unit(p, j)) : [],
    cokernel: cokernelBuilt ? deadRows.map((i) => unit(q, i)) : [],
    ...(kernelBuilt ? {} : { kernelOmitted: deadCols.length }),
    ...(cokernelBuilt ? {} : { cokernelOmitted: deadRows.length }),
    preconditioner: M,
    preconditionerEigenvalues: eig.map((i) => M[i][i]),
    preconditionerEigenvectors: eig.map((i) => unit(q, i)),
  };
}
