import { diagonalSingularValuesInto, isDiagonalLike } from '../../../../src/core/linalg/diagonalLike';
import { jacobiSingularValuesInto } from '../../../../src/core/linalg/svd';

/**
 * Test oracle: all min(rows, cols) singular values of the row-major `a`, descending, one point at a time (the diagonal
 * shortcut, else QR-compressed one-sided Jacobi, accurate for tiny values). Throws on a non-finite entry.
 */
export function singularValues(a: Float64Array, rows: number, cols: number): Float64Array {
  if (a.length < rows * cols) throw new Error(`singularValues: need ${rows * cols} entries, got ${a.length}`);
  for (let i = 0; i < rows * cols; i++)
    if (!Number.isFinite(a[i]))
      throw new Error(`singularValues: non-finite entry at (${Math.floor(i / cols)}, ${i % cols})`);
  const out = new Float64Array(Math.min(rows, cols));
  if (isDiagonalLike(a, rows, cols)) {
    const entries = a.filter((x) => x !== 0);
    diagonalSingularValuesInto(entries, 0, entries.length, out.length, out);
  } else jacobiSingularValuesInto(a, 0, rows, cols, out, new Float64Array(rows * cols));
  return out;
}
