import { reflect } from './householder';

/** `count` orthonormal vectors (length m, vector t at t*m) orthogonal to the c orthonormal ones in `basis` (vector j at j*m). */
export function orthogonalComplement(basis: Float64Array, c: number, m: number, count: number): Float64Array {
  // Householder QR of the m x c basis: columns c, c+1, ... of Q span the complement, orthogonal to rounding, which
  // Gram-Schmidt against the standard basis would not guarantee when the basis is nearly aligned with it.
  if (c + count > m) throw new Error(`orthogonalComplement: ${c} + ${count} vectors exceed dimension ${m}`);
  const y = Float64Array.from(basis.subarray(0, c * m));
  const beta = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    const yj = j * m;
    let ss = 0;
    for (let i = j; i < m; i++) ss += y[yj + i] * y[yj + i];
    const alpha = Math.sqrt(ss);
    if (alpha === 0) continue;
    const x0 = y[yj + j];
    const s = x0 >= 0 ? 1 : -1;
    y[yj + j] = x0 + s * alpha;
    const b = 1 / (alpha * (alpha + Math.abs(x0)));
    beta[j] = b;
    for (let l = j + 1; l < c; l++) reflect(y, yj, y, l * m, j, m, b);
  }
  const out = new Float64Array(count * m);
  for (let t = 0; t < count; t++) {
    const o = t * m;
    out[o + c + t] = 1;
    // Q e = H_0 (H_1 (... H_{c-1} e)).
    for (let j = c - 1; j >= 0; j--) {
      if (beta[j] !== 0) reflect(y, j * m, out, o, j, m, beta[j]);
    }
  }
  return out;
}
