/** Default numerical-rank tolerance sigma_max * max(rows, cols) * eps (the choice of NumPy's `matrix_rank`). */
export function defaultTolerance(sigmaMax: number, rows: number, cols: number): number {
  return sigmaMax * Math.max(rows, cols) * Number.EPSILON;
}

/** Number of singular values strictly above `tol`. */
export function numericalRank(singularValues: ArrayLike<number>, tol: number): number {
  let rank = 0;
  for (let i = 0; i < singularValues.length; i++) if (singularValues[i] > tol) rank++;
  return rank;
}
