import { mulberry32 } from '../random';

/** The first n primes (the Halton bases), by trial division against the primes found so far. */
export function firstPrimes(n: number): number[] {
  const out: number[] = [];
  for (let k = 2; out.length < n; k++) {
    let prime = true;
    for (const q of out) {
      if (q * q > k) break;
      if (k % q === 0) {
        prime = false;
        break;
      }
    }
    if (prime) out.push(k);
  }
  return out;
}

/**
 * n points of the d-dimensional scrambled Halton sequence, row-major n x d in [0, 1): point i (from 1) has in
 * coordinate j the radical inverse of i in the j-th prime base with every digit passed through a random permutation
 * of that base's digits (0 kept fixed). Each coordinate stays stratified like Halton's, while the permutations break
 * the correlations between large bases that plain Halton shows in high dimension. The seed fixes the permutations:
 * mulberry32(seed), Fisher–Yates per base in order of dimension, so the same seed gives the same points.
 */
export function lowDiscrepancyPoints(n: number, d: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  const bases = firstPrimes(d);
  const perms = bases.map((b) => {
    const perm = Int32Array.from({ length: b }, (_, k) => k);
    for (let k = b - 1; k > 1; k--) {
      const t = 1 + Math.floor(rand() * k);
      [perm[k], perm[t]] = [perm[t], perm[k]];
    }
    return perm;
  });
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const b = bases[j],
        perm = perms[j];
      let x = 0,
        f = 1 / b,
        k = i + 1;
      while (k > 0) {
        x += perm[k % b] * f;
        k = Math.floor(k / b);
        f /= b;
      }
      out[i * d + j] = x;
    }
  }
  return out;
}
