// The minimum-ℓ1 solution of A θ = b as a linear program, min Σ (s_i + t_i) over θ = s - t, s, t ≥ 0, A (s - t) = b,
// by a dense two-phase simplex with Bland's rule (no cycling). Written here because no LP package is installed in
// the project (javascript-lp-solver and glpk.js exist on npm but adding a dependency was out of reach for this
// change); the problems are small (n ≤ a few hundred rows), and the vertex it returns is exact up to rounding.

/** The LP's answer: θ, ‖θ‖₁, or infeasible (A θ = b has no solution). */
export interface L1Solution {
  theta: Float64Array;
  l1: number;
  feasible: boolean;
}

/** argmin ‖θ‖₁ subject to A θ = b (A rows x cols, row-major). */
export function minimumL1(A: Float64Array, rows: number, cols: number, b: ArrayLike<number>): L1Solution {
  const m = rows,
    nv = 2 * cols + m; // s, t, artificials
  const width = nv + 1;
  const T = new Float64Array((m + 1) * width);
  let scale = 0;
  for (let e = 0; e < rows * cols; e++) scale = Math.max(scale, Math.abs(A[e]));
  const eps = 1e-11 * Math.max(1, scale);
  const basis = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const sign = b[i] < 0 ? -1 : 1;
    for (let j = 0; j < cols; j++) {
      T[i * width + j] = sign * A[i * cols + j];
      T[i * width + cols + j] = -sign * A[i * cols + j];
    }
    T[i * width + 2 * cols + i] = 1;
    T[i * width + nv] = sign * b[i];
    basis[i] = 2 * cols + i;
  }
  const obj = m * width;
  const pivot = (r: number, c: number): void => {
    const pv = T[r * width + c];
    for (let k = 0; k < width; k++) T[r * width + k] /= pv;
    for (let i = 0; i <= m; i++) {
      if (i === r) continue;
      const f = T[i * width + c];
      if (f === 0) continue;
      for (let k = 0; k < width; k++) T[i * width + k] -= f * T[r * width + k];
    }
    basis[r] = c;
  };
  /** Minimizes the objective row (reduced costs in row m) over columns < `allowed`; Bland's rule. */
  const run = (allowed: number): boolean => {
    for (let iter = 0; iter < 50_000; iter++) {
      let enter = -1;
      for (let c = 0; c < allowed; c++)
        if (T[obj + c] < -eps) {
          enter = c;
          break;
        }
      if (enter < 0) return true;
      let leave = -1,
        best = Infinity;
      for (let i = 0; i < m; i++) {
        const a = T[i * width + enter];
        if (a > eps) {
          const ratio = T[i * width + nv] / a;
          if (ratio < best - 1e-15 || (Math.abs(ratio - best) <= 1e-15 && basis[i] < basis[leave])) {
            best = ratio;
            leave = i;
          }
        }
      }
      if (leave < 0) return false; // unbounded (cannot happen for a norm)
      pivot(leave, enter);
    }
    return false;
  };
  // Phase 1: minimize the sum of the artificials (reduced costs: minus the sum of the rows).
  for (let k = 0; k < width; k++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += T[i * width + k];
    T[obj + k] = k >= 2 * cols && k < nv ? 0 : -s;
  }
  run(nv);
  const feasible = -T[obj + nv] <= 1e-9 * Math.max(1, ...Array.from(b, Math.abs));
  // Drive artificials out of the basis where a real column can replace them (redundant rows keep theirs at 0).
  for (let i = 0; i < m; i++)
    if (basis[i] >= 2 * cols)
      for (let c = 0; c < 2 * cols; c++)
        if (Math.abs(T[i * width + c]) > eps) {
          pivot(i, c);
          break;
        }
  // Phase 2: the costs 1 on every s and t, reduced against the basis.
  for (let k = 0; k < width; k++) T[obj + k] = k < 2 * cols ? 1 : 0;
  for (let i = 0; i < m; i++) {
    const c = basis[i];
    if (c >= 2 * cols) continue;
    for (let k = 0; k < width; k++) T[obj + k] -= T[i * width + k];
  }
  run(2 * cols);
  const theta = new Float64Array(cols);
  for (let i = 0; i < m; i++) {
    const c = basis[i],
      v = T[i * width + nv];
    if (c < cols) theta[c] += v;
    else if (c < 2 * cols) theta[c - cols] -= v;
  }
  return { theta, l1: theta.reduce((s, v) => s + Math.abs(v), 0), feasible };
}
