import { hypot2 } from '../../../../src/core/linalg/hypot';

const MAX_SWEEPS = 60;

/**
 * Cyclic Jacobi with threshold (Numerical Recipes `jacobi`) on the upper triangle of row-major `a` (destroyed).
 * Eigenvalues into `d`, unsorted; `v` (the identity on entry) receives the eigenvectors as columns.
 */
export function jacobiEigen(a: Float64Array, n: number, d: Float64Array, v: Float64Array): void {
  // b accumulates the diagonal once per sweep, z the updates within a sweep (fewer rounding errors than updating d).
  const b = new Float64Array(n),
    z = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = d[i] = a[i * n + i];
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let sm = 0;
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) sm += Math.abs(a[p * n + q]);
    if (!(sm > 0)) return;
    // Early sweeps skip small rotations: they would be undone by the big ones anyway.
    const thresh = sweep < 3 ? (0.2 * sm) / (n * n) : 0;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        const g = 100 * Math.abs(apq);
        if (sweep > 3 && Math.abs(d[p]) + g === Math.abs(d[p]) && Math.abs(d[q]) + g === Math.abs(d[q])) {
          a[p * n + q] = 0;
          continue;
        }
        if (!(Math.abs(apq) > thresh)) continue;
        let h = d[q] - d[p];
        let t: number;
        if (Math.abs(h) + g === Math.abs(h)) t = apq / h;
        else {
          const theta = (0.5 * h) / apq;
          t = 1 / (Math.abs(theta) + hypot2(1, theta));
          if (theta < 0) t = -t;
        }
        const c = 1 / Math.sqrt(1 + t * t),
          s = t * c,
          tau = s / (1 + c);
        h = t * apq;
        z[p] -= h;
        z[q] += h;
        d[p] -= h;
        d[q] += h;
        a[p * n + q] = 0;
        for (let j = 0; j < p; j++) rotate(a, j * n + p, j * n + q, s, tau);
        for (let j = p + 1; j < q; j++) rotate(a, p * n + j, j * n + q, s, tau);
        for (let j = q + 1; j < n; j++) rotate(a, p * n + j, q * n + j, s, tau);
        for (let j = 0; j < n; j++) rotate(v, j * n + p, j * n + q, s, tau);
      }
    }
    for (let i = 0; i < n; i++) {
      b[i] += z[i];
      d[i] = b[i];
      z[i] = 0;
    }
  }
}

function rotate(a: Float64Array, ij: number, kl: number, s: number, tau: number): void {
  const g = a[ij],
    h = a[kl];
  a[ij] = g - s * (h + g * tau);
  a[kl] = h + s * (g - h * tau);
}
