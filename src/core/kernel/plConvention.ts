// The one place the PL* normalization is decided. With L = ½‖F - y‖², ‖∇L‖² = rᵀ K r ≥ 2 λ_min(K) L, so
//   'half'  (default, Liu-Zhu-Belkin): ½‖∇L‖² ≥ μ L with μ = λ_min(K);
//   'notes' (the seed notes' "2 λ_min = μ"):  ‖∇L‖² ≥ μ L with μ = 2 λ_min(K).
// The ball radius and GD's rate are the theorem's, stated in the ½ form, so they use μ_half whatever is displayed.

/** Which PL* normalization a report displays. */
export type MuConvention = 'half' | 'notes';

/** The convention in words, as the CLI and the panel print it. */
export function muConventionText(c: MuConvention): string {
  return c === 'half'
    ? 'half: PL* is ½‖∇L‖² ≥ μ L, μ = λ_min(K); plRatio = ½‖∇L‖² / L'
    : 'notes: PL* is ‖∇L‖² ≥ μ L, μ = 2 λ_min(K); plRatio = ‖∇L‖² / L (R and the rate use the ½ form μ/2)';
}

/** μ under a convention from λ_min(K). */
export function muOf(lambdaMin: number, c: MuConvention): number {
  return c === 'half' ? lambdaMin : 2 * lambdaMin;
}

/**
 * The PL ratio at a point under a convention: ½‖∇L‖² / L ('half') or ‖∇L‖² / L ('notes'), with ‖∇L‖² = rᵀ K r and
 * L = ½‖r‖²; NaN at L = 0 (no ratio at an interpolating point).
 */
export function plRatio(K: Float64Array, residual: Float64Array, c: MuConvention): number {
  const n = residual.length;
  let rKr = 0,
    rr = 0;
  for (let k = 0; k < n; k++) {
    rr += residual[k] * residual[k];
    let s = 0;
    for (let l = 0; l < n; l++) s += K[k * n + l] * residual[l];
    rKr += residual[k] * s;
  }
  if (rr === 0) return NaN;
  const half = rKr / rr; // ½ rᵀKr / (½ rᵀr)
  return c === 'half' ? half : 2 * half;
}

/** The theorem's radius R = 2 √(2 β L(w0)) / μ (μ in the ½ form); Infinity when μ = 0. */
export function ballRadius(beta: number, loss0: number, muHalf: number): number {
  return muHalf > 0 ? (2 * Math.sqrt(2 * beta * loss0)) / muHalf : Infinity;
}
