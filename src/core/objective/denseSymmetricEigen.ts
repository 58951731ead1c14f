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
        // A' = Rᵀ A R touches rows and columns p and q only: read the (contiguous) rows, write rows and columns.
        for (let k = 0; k < n; k++) {
          if (k === p || k === q) continue;
          const kp = a[p * n + k],
            kq = a[q * n + k];
          const np = c * kp - s * kq,
            nq = s * kp + c * kq;
          a[p * n + k] = a[k * n + p] = np;
          a[q * n + k] = a[k * n + q] = nq;
        }
        a[p * n + p] -= t * apq;
        a[q * n + q] += t * apq;
        a[p * n + q] = a[q * n + p] = 0;
        // Vectors stored as rows (row i = the vector of diagonal entry i): contiguous updates.
        for (let k = 0; k < n; k++) {
          const vp = v[p * n + k],
            vq = v[q * n + k];
          v[p * n + k] = c * vp - s * vq;
          v[q * n + k] = s * vp + c * vq;
        }
      }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[x * n + x] - a[y * n + y] || x - y);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  const vectors = new Float64Array(n * n);
  order.forEach((row, r) => vectors.set(v.subarray(row * n, (row + 1) * n), r * n));
  return { values, vectors };
}
