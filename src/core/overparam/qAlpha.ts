// Woodworth et al., "Kernel and rich regimes in overparametrized models" (COLT 2020): gradient flow on θ = u∘u - v∘v
// from u = v = α·1 ends at argmin Q_α(θ) subject to X θ = y, Q_α(θ) = α² Σ_i q(θ_i / α²), q(z) = 2 - √(4 + z²) +
// z asinh(z/2). Since q'(z) = asinh(z/2), the optimality condition is θ = 2α² sinh(Xᵀ ν) with X θ = y, the stationary
// point of the smooth convex dual D(ν) = Σ_j 2α² (cosh((Xᵀν)_j) - 1) - yᵀ ν, solved here by damped Newton.

/** q(z) = 2 - √(4 + z²) + z asinh(z/2). */
export function q(z: number): number {
  return 2 - Math.sqrt(4 + z * z) + z * Math.asinh(z / 2);
}

/** Q_α(θ) = α² Σ_i q(θ_i / α²). */
export function qAlpha(theta: ArrayLike<number>, alpha: number): number {
  const a2 = alpha * alpha;
  let s = 0;
  for (let i = 0; i < theta.length; i++) s += q(theta[i] / a2);
  return a2 * s;
}

/** The argmin of Q_α on X θ = y, its dual point ν, and the Newton iterations taken. */
export interface QAlphaSolution {
  theta: Float64Array;
  nu: Float64Array;
  iterations: number;
  /** ‖X θ - y‖ at the end. */
  residual: number;
}

/** Solves the n x n Newton system H δ = g by Cholesky (H symmetric positive definite). */
function cholSolve(H: Float64Array, n: number, g: Float64Array): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = H[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / L[j * n + j];
    }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = g[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * z[k];
    z[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * z[k];
    z[i] = s / L[i * n + i];
  }
  return z;
}

/**
 * argmin Q_α(θ) s.t. X θ = y (X n x d row-major, full row rank) by Newton on the dual D(ν) from ν = 0 with
 * backtracking (Armijo) line search: ∇D = X θ(ν) - y, ∇²D = X diag(2α² cosh(Xᵀν)) Xᵀ. Stops when ‖∇D‖ ≤ tol‖y‖.
 */
export function qAlphaArgmin(
  X: Float64Array,
  n: number,
  d: number,
  y: ArrayLike<number>,
  alpha: number,
  tol = 1e-13,
): QAlphaSolution {
  const a2 = alpha * alpha;
  const nu = new Float64Array(n),
    z = new Float64Array(d),
    theta = new Float64Array(d);
  const ynorm = Math.max(1e-300, Math.hypot(...Array.from(y)));
  const at = (v: Float64Array): number => {
    let D = 0;
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += X[i * d + j] * v[i];
      z[j] = s;
      theta[j] = 2 * a2 * Math.sinh(s);
      D += 2 * a2 * (Math.cosh(s) - 1);
    }
    for (let i = 0; i < n; i++) D -= y[i] * v[i];
    return D;
  };
  let D = at(nu),
    iterations = 0,
    residual = Infinity;
  const g = new Float64Array(n),
    H = new Float64Array(n * n);
  for (; iterations < 200; iterations++) {
    for (let i = 0; i < n; i++) {
      let s = -y[i];
      for (let j = 0; j < d; j++) s += X[i * d + j] * theta[j];
      g[i] = s;
    }
    residual = Math.hypot(...Array.from(g));
    if (residual <= tol * ynorm) break;
    H.fill(0);
    for (let j = 0; j < d; j++) {
      const w = 2 * a2 * Math.cosh(z[j]);
      for (let i = 0; i < n; i++) {
        const xi = X[i * d + j] * w;
        if (xi === 0) continue;
        for (let k = 0; k <= i; k++) H[i * n + k] += xi * X[k * d + j];
      }
    }
    for (let i = 0; i < n; i++) for (let k = 0; k < i; k++) H[k * n + i] = H[i * n + k];
    const step = cholSolve(H, n, g);
    let slope = 0;
    for (let i = 0; i < n; i++) slope += g[i] * step[i];
    let t = 1;
    const trial = new Float64Array(n);
    for (let ls = 0; ls < 60; ls++, t /= 2) {
      for (let i = 0; i < n; i++) trial[i] = nu[i] - t * step[i];
      const Dt = at(trial);
      // Near the optimum D changes below its rounding: a full step that does not raise D beyond it is Newton's.
      const flat = t === 1 && Dt <= D + 1e-13 * (1 + Math.abs(D));
      if (Number.isFinite(Dt) && (Dt <= D - 1e-4 * t * slope || flat)) {
        nu.set(trial);
        D = Dt;
        break;
      }
    }
    if (t < 1e-17) break;
    at(nu);
  }
  return { theta: Float64Array.from(theta), nu, iterations, residual };
}
