// The outputs' second derivatives of a row-template model: ∂²f/∂W_a∂W_b found once as expressions of W and x, laid
// out for every row (output k = f at X_k) and evaluated row by row.
import { rowProgram } from '../numeric/rowProgram';
import type { BatchProgram } from '../numeric/codegen';
import type { ExprStore } from '../symbolic/expr';
import { atRow, type RowTemplate } from '../symbolic/rowTemplate';
import { familySecondDerivatives } from './familyHessian';
import { templateOutputHessians, type OutputHessianEntry } from './symbolicObjective';

/** (k, a, b) of every row's second derivatives (row-major, each row as the template), their program and expressions. */
export interface RowSecondDerivatives {
  k: Int32Array;
  a: Int32Array;
  b: Int32Array;
  /** Values of every entry at one point W: (W, 1, out, null), out of length k.length. */
  program: BatchProgram;
  /** The entries as expressions of W (built on demand: printing and checks). */
  entries(): OutputHessianEntry[];
  /** Entries per row: every row has the same (a, b) pairs, laid out row after row. */
  perRow: number;
  /** ‖∇²f(x_k)‖ of every row from the values `psi` straight from its layout, when it knows one (a family's). */
  norms?(psi: Float64Array, q: number): Float64Array;
}

/** Differentiates the template twice and lays the result out over its n rows. */
export function outputSecondDerivatives(store: ExprStore, t: RowTemplate, deadline?: number): RowSecondDerivatives {
  if (t.family) return familySecondDerivatives(store, t, t.family);
  const h = templateOutputHessians(store, t, deadline);
  const T = h.exprs.length,
    size = T * t.n;
  const k = new Int32Array(size),
    a = new Int32Array(size),
    b = new Int32Array(size);
  for (let row = 0; row < t.n; row++) {
    k.fill(row, row * T, (row + 1) * T);
    a.set(h.a, row * T);
    b.set(h.b, row * T);
  }
  const program = rowProgram(
    t,
    h.exprs.map((expr, i) => ({ expr, target: 'theta' as const, offset: i })),
    Math.max(1, T),
    0,
  );
  const entries = (): OutputHessianEntry[] => {
    const out: OutputHessianEntry[] = [];
    for (let row = 0; row < t.n; row++) {
      const at = atRow(store, t, row);
      h.exprs.forEach((e, i) => out.push({ k: row, a: h.a[i], b: h.b[i], expr: at(e) }));
    }
    return out;
  };
  return { k, a, b, program, entries, perRow: T };
}
