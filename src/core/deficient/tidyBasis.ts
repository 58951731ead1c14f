/**
 * Reduced row echelon form of the span of `vectors` (each of length m), pivots taken column by column with partial
 * pivoting: a space spanned by coordinate axes or by pairs like e_1 - e_2 comes out as exactly those sparse rows.
 * Entries below 1e-9 (relative to each row's largest) are set to 0.
 */
export function echelonRows(vectors: readonly ArrayLike<number>[], m: number): Float64Array[] {
  const rows = vectors.map((v) => Float64Array.from(v));
  const out: Float64Array[] = [];
  let next = 0;
  for (let c = 0; c < m && next < rows.length; c++) {
    let best = next;
    for (let i = next + 1; i < rows.length; i++) if (Math.abs(rows[i][c]) > Math.abs(rows[best][c])) best = i;
    if (!(Math.abs(rows[best][c]) > 1e-9)) continue;
    [rows[next], rows[best]] = [rows[best], rows[next]];
    const pivot = rows[next];
    const inv = 1 / pivot[c];
    for (let t = 0; t < m; t++) pivot[t] *= inv;
    for (let i = 0; i < rows.length; i++) {
      if (i === next || rows[i][c] === 0) continue;
      const f = rows[i][c];
      for (let t = 0; t < m; t++) rows[i][t] -= f * pivot[t];
    }
    next++;
  }
  for (let i = 0; i < next; i++) {
    const row = rows[i];
    const max = row.reduce((a, x) => Math.max(a, Math.abs(x)), 0);
    for (let t = 0; t < m; t++) if (Math.abs(row[t]) <= 1e-9 * max) row[t] = 0;
    out.push(row);
  }
  return out;
}

/**
 * An orthonormal basis of the same span, as readable as the space allows: the echelon rows orthonormalised in order
 * (Gram–Schmidt), each with its largest entry positive. Coordinate-aligned spaces give unit vectors.
 */
export function tidyBasis(vectors: readonly ArrayLike<number>[], m: number): number[][] {
  const basis: Float64Array[] = [];
  for (const row of echelonRows(vectors, m)) {
    const v = Float64Array.from(row);
    for (let pass = 0; pass < 2; pass++) {
      for (const b of basis) {
        let d = 0;
        for (let t = 0; t < m; t++) d += b[t] * v[t];
        for (let t = 0; t < m; t++) v[t] -= d * b[t];
      }
    }
    const n = Math.hypot(...v);
    if (!(n > 1e-9)) continue;
    let big = 0;
    for (let t = 0; t < m; t++) if (Math.abs(v[t]) > Math.abs(v[big]) * (1 + 1e-9)) big = t;
    const s = v[big] < 0 ? -1 / n : 1 / n;
    for (let t = 0; t < m; t++) v[t] = v[t] * s + 0;
    basis.push(v);
  }
  return basis.map((b) => Array.from(b));
}
