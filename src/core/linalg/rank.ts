/**
 * The rank tolerance: `tol` when given, else sigma_max * max(rows, cols) * eps (the choice of NumPy's `matrix_rank`).
 * With numericalRank this is the one rank rule: singular values strictly above the tolerance.
 */
export function rankTolerance(sigmaMax: number, rows: number, cols: number, tol?: number): number {
  return tol ?? sigmaMax * Math.max(rows, cols) * Number.EPSILON;
}

/** Number of singular values strictly above `tol` (a rankTolerance). */
export function numericalRank(singularValues: ArrayLike<number>, tol: number): number {
  let rank = 0;
  for (let i = 0; i < singularValues.length; i++) if (singularValues[i] > tol) rank++;
  return rank;
}
