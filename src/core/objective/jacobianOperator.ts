/** Products with a compact J (structural non-zeros in row-major order): J x and Jᵀ z without forming J. */
export interface JacobianOperator {
  /** Entries of row k are rowStart[k] .. rowStart[k+1]-1 of the compact layout. */
  rowStart: Int32Array;
  /** u = J x (u: q). */
  times(J: Float64Array, x: Float64Array, u: Float64Array): void;
  /** out = Jᵀ z (out: p). */
  transposeTimes(J: Float64Array, z: Float64Array, out: Float64Array): void;
}

/** The products of the compact J whose non-zeros sit at (rows[e], cols[e]), rows ascending. */
export function jacobianOperator(p: number, q: number, rows: Int32Array, cols: Int32Array): JacobianOperator {
  const nnz = rows.length;
  const rowStart = new Int32Array(q + 1);
  for (let e = 0; e < nnz; e++) rowStart[rows[e] + 1]++;
  for (let k = 0; k < q; k++) rowStart[k + 1] += rowStart[k];
  return {
    rowStart,
    times(J, x, u) {
      for (let k = 0; k < q; k++) {
        let s = 0;
        for (let e = rowStart[k]; e < rowStart[k + 1]; e++) s += J[e] * x[cols[e]];
        u[k] = s;
      }
    },
    transposeTimes(J, z, out) {
      out.fill(0, 0, p);
      for (let e = 0; e < nnz; e++) out[cols[e]] += J[e] * z[rows[e]];
    },
  };
}
