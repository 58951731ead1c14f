import type { Expr } from '../symbolic/expr';
import type { RowTemplate } from '../symbolic/rowTemplate';
import { generateProgram, type BatchProgram } from './codegen';

/** A root of a per-row program: written at `offset` of the row's theta or J slot. */
export interface RowRoot {
  expr: Expr;
  target: 'theta' | 'J';
  offset: number;
}

/**
 * A batch program over points W (n x p) that evaluates roots of a row template at every row: per point, theta gets
 * `thetaPerRow` values per row and J `jPerRow` per row, row after row (point-major, as a BatchProgram). One generated
 * program for a single row, run with the point's parameters followed by the row's input.
 */
export function rowProgram(
  t: RowTemplate,
  roots: readonly RowRoot[],
  thetaPerRow: number,
  jPerRow: number,
): BatchProgram {
  const { p, d, n, inputs } = t;
  const one = generateProgram(roots, p + d, thetaPerRow, jPerRow);
  const ext = new Float64Array(p + d);
  return (W, points, theta, J) => {
    for (let i = 0; i < points; i++) {
      ext.set(W.subarray(i * p, (i + 1) * p));
      for (let k = 0; k < n; k++) {
        for (let c = 0; c < d; c++) ext[p + c] = inputs[k * d + c];
        const row = i * n + k;
        one(
          ext,
          1,
          theta ? theta.subarray(row * thetaPerRow, (row + 1) * thetaPerRow) : null,
          J ? J.subarray(row * jPerRow, (row + 1) * jPerRow) : null,
        );
      }
    }
  };
}
