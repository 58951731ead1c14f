import type { CompiledModel } from './model';
import type { PointReport } from './report';
import { analyzeMatrix } from './linalg/matrixReport';
import { defaultTolerance, numericalRank } from './linalg/rank';

const rowsOf = (a: Float64Array, rows: number, cols: number): number[][] =>
  Array.from({ length: rows }, (_, i) => Array.from(a.subarray(i * cols, (i + 1) * cols)));

/** True when every row and every column of the pattern has at most one structural non-zero (e.g. theta_i = w_i^2). */
export function isDiagonalLike(pattern: Uint8Array, q: number, p: number): boolean {
  const colCount = new Uint8Array(p);
  for (let i = 0; i < q; i++) {
    let inRow = 0;
    for (let j = 0; j < p; j++) {
      if (!pattern[i * p + j]) continue;
      if (++inRow > 1 || ++colCount[j] > 1) return false;
    }
  }
  return true;
}

/** Spectral report of a diagonal-like J straight from its entries (no SVD: singular values are |J_ij|). */
function diagonalReport(
  J: Float64Array,
  q: number,
  p: number,
  tol?: number,
): Omit<PointReport, 'at' | 'theta' | 'J' | 'finite'> {
  const entries: Array<{ i: number; j: number; v: number }> = [];
  for (let i = 0; i < q; i++)
    for (let j = 0; j < p; j++) if (J[i * p + j] !== 0) entries.push({ i, j, v: J[i * p + j] });
  const k = Math.min(q, p);
  const sv = entries.map((e) => Math.abs(e.v)).sort((a, b) => b - a);
  while (sv.length < k) sv.push(0);
  const tolerance = tol ?? defaultTolerance(sv[0] ?? 0, q, p);
  const rank = numericalRank(sv, tolerance);
  const unit = (n: number, at: number): number[] => Array.from({ length: n }, (_, x) => (x === at ? 1 : 0));
  const liveRows = new Set(entries.filter((e) => Math.abs(e.v) > tolerance).map((e) => e.i));
  const liveCols = new Set(entries.filter((e) => Math.abs(e.v) > tolerance).map((e) => e.j));
  const M = Array.from({ length: q }, () => new Array<number>(q).fill(0));
  for (const e of entries) M[e.i][e.i] = e.v * e.v;
  const eig = Array.from({ length: q }, (_, i) => i).sort((a, b) => M[b][b] - M[a][a] || a - b);
  return {
    singularValues: sv.slice(0, k),
    rank,
    tolerance,
    conditionNumber: sv[k - 1] === 0 ? Infinity : sv[0] / sv[k - 1],
    operatorNorm: sv[0] ?? 0,
    kernel: Array.from({ length: p }, (_, j) => j)
      .filter((j) => !liveCols.has(j))
      .map((j) => unit(p, j)),
    cokernel: Array.from({ length: q }, (_, i) => i)
      .filter((i) => !liveRows.has(i))
      .map((i) => unit(q, i)),
    preconditioner: M,
    preconditionerEigenvalues: eig.map((i) => M[i][i]),
    preconditionerEigenvectors: eig.map((i) => unit(q, i)),
  };
}

/** theta, J and the spectral analysis of J at one point (non-finite values are reported, never fed to an SVD). */
export function analyzePoint(model: CompiledModel, values: Float64Array, tol?: number): PointReport {
  const { q, p } = model;
  const theta = new Float64Array(q),
    J = new Float64Array(q * p);
  model.evaluate(values, 1, theta, J);
  const at: Record<string, number> = {};
  model.params.forEach((name, j) => {
    at[name] = values[j];
  });
  const finite = theta.every(Number.isFinite) && J.every(Number.isFinite);
  const base: PointReport = { at, theta: Array.from(theta), J: rowsOf(J, q, p), finite };
  if (!finite) return base;
  if (isDiagonalLike(model.pattern, q, p)) return { ...base, ...diagonalReport(J, q, p, tol) };
  return { ...base, ...analyzeMatrix(J, q, p, tol) };
}
