import { mulberry32 } from '../random';

/** The generalised golden ratio of dimension d: the positive root of x^(d+1) = x + 1 (φ for d = 1). */
export function goldenRatioOf(d: number): number {
  let x = 2;
  for (let i = 0; i < 60; i++) x -= (Math.pow(x, d + 1) - x - 1) / ((d + 1) * Math.pow(x, d) - 1);
  return x;
}

/**
 * n points of the d-dimensional R_d low-discrepancy sequence (Roberts' Kronecker sequence, x_i = frac(s + i α) with
 * α_j = φ_d^-(j+1)), row-major n x d in [0, 1)^d. It stays evenly spread in high dimension, where Halton's large
 * prime bases correlate. The seed gives the shift s: one mulberry32(seed) draw per dimension (a Cranley–Patterson
 * rotation), so the same seed gives the same points.
 */
export function lowDiscrepancyPoints(n: number, d: number, seed: number): Float64Array {
  const g = goldenRatioOf(d);
  const rand = mulberry32(seed);
  const alpha = Float64Array.from({ length: d }, (_, j) => Math.pow(g, -(j + 1)));
  const shift = Float64Array.from({ length: d }, () => rand());
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = shift[j] + (i + 1) * alpha[j];
      out[i * d + j] = v - Math.floor(v);
    }
  }
  return out;
}
