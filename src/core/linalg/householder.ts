/**
 * Applies the Householder reflection I - beta u uᵀ to one vector, where u = h[ho + from .. ho + m - 1] and the
 * vector is w[wo + from .. wo + m - 1] (entries before `from` are zero in u and untouched in w).
 */
export function reflect(
  h: Float64Array,
  ho: number,
  w: Float64Array,
  wo: number,
  from: number,
  m: number,
  beta: number,
): void {
  let dot = 0;
  for (let i = from; i < m; i++) dot += h[ho + i] * w[wo + i];
  dot *= beta;
  for (let i = from; i < m; i++) w[wo + i] -= dot * h[ho + i];
}
