/** Eigenvalues (ascending) and unit eigenvectors (row i = the vector of values[i]) of a symmetric matrix. */
export interface SymmetricEigenResult {
  values: Float64Array;
  vectors: Float64Array;
}

/**
 * Cyclic Jacobi with eigenvectors for a small dense symmetric n x n matrix (row-major; only its symmetric part is
 * used). Quadratically convergent and accurate to ~eps ‖A‖ for every eigenvalue, with orthonormal vectors even for
 * repeated eigenvalues; O(n³) per sweep, meant for blocks up to ~100 (the escape direction needs the vector of the
 * most negative eigenvalue). Non-finite input gives NaN values.
 */
export function jacobiEigen(matrix: Float64Array, n: number, maxSweeps = 60): SymmetricEigenResult {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = 0.5 * (matrix[i * n + j] + matrix[j * n + i]);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let frob = 0;
  for (let i = 0; i < n * n; i++) frob += a[i] * a[i];
  if (!Number.isFinite(frob)) return { values: new Float64Array(n).fill(NaN), vectors: v };
  const target = (1e-16 * Math.sqrt(frob)) ** 2;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i * n + j] * a[i * n + j];
    if (off <= target || off === 0) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0 || apq * apq <= target / (n * n)) continue;
        // tan φ as the smaller root of t² + 2θt - 1 = 0 (rotation angle at most π/4: stable).
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1),
          s = t * c;
        for (let k = 0; k < n; k++) {
          const kp = a[k * n + p],
            kq = a[k * n + q];
          a[k * n + p] = c * kp - s * kq;
          a[k * n + q] = s * kp + c * kq;
        }
        for (let k = 0; k < n; k++) {
          const pk = a[p * n + k],
            qk = a[q * n + k];
          a[p * n + k] = c * pk - s * qk;
          a[q * n + k] = s * pk + c * qk;
          const vp = v[k * n + p],
            vq = v[k * n + q];
          v[k * n + p] = c * vp - s * vq;
          v[k * n + q] = s * vp + c * vq;
        }
        a[p * n + q] = a[q * n + p] = 0;
      }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[x * n + x] - a[y * n + y] || x - y);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  const vectors = new Float64Array(n * n);
  order.forEach((col, r) => {
    for (let k = 0; k < n; k++) vectors[r * n + k] = v[k * n + col];
  });
  return { values, vectors };
}
