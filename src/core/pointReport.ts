import type { CompiledModel } from './model';
import type { PointReport } from './report';
import { pointLabel } from '../format/point';
import { analyzeMatrix } from './linalg/matrixReport';
import { diagonalMatrixReport, isDiagonalLike } from './linalg/diagonalLike';

const rowsOf = (a: Float64Array, rows: number, cols: number): number[][] =>
  Array.from({ length: rows }, (_, i) => Array.from(a.subarray(i * cols, (i + 1) * cols)));

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
  const base: PointReport = {
    at,
    label: pointLabel(model.shape.params, values),
    theta: Array.from(theta),
    J: rowsOf(J, q, p),
    finite,
  };
  if (!finite) return base;
  if (isDiagonalLike(model.pattern, q, p)) return { ...base, ...diagonalMatrixReport(J, q, p, tol) };
  return { ...base, ...analyzeMatrix(J, q, p, tol) };
}
