import { jacobiEigen } from './denseSymmetricEigen';
import type { BlockStructure } from './hessianStructure';

/** The spectral norm of a symmetric n x n matrix given by its upper triangle (closed forms for n <= 2). */
export function symmetricNorm(M: Float64Array, n: number): number {
  if (n === 1) return Math.abs(M[0]);
  if (n === 2) {
    // Eigenvalues (a + d)/2 ± √(((a - d)/2)² + b²): the norm is the one of larger modulus.
    const a = M[0],
      b = M[1],
      d = M[3];
    return Math.abs(a + d) / 2 + Math.hypot((a - d) / 2, b);
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) M[j * n + i] = M[i * n + j];
  const ev = jacobiEigen(M, n).values;
  return Math.max(Math.abs(ev[0]), Math.abs(ev[n - 1]));
}

/**
 * ‖Σ_t [psiK[t] = k] psi[t] E_{psiA[t], psiB[t]}‖ for every k < q, over a block structure that separates them: the
 * norm of a block-diagonal matrix is the largest of its blocks' norms. `byBlock[b]` lists block b's entries in
 * ascending t, and entries are sorted by k, so each block's matrix for one k is assembled once from consecutive entries.
 */
export function blockNorms(
  s: BlockStructure,
  byBlock: readonly Int32Array[],
  psiK: Int32Array,
  psiA: Int32Array,
  psiB: Int32Array,
  psi: Float64Array,
  q: number,
): Float64Array {
  const out = new Float64Array(q);
  const largest = s.blocks.reduce((a, m) => Math.max(a, m.length), 0);
  const M = new Float64Array(largest * largest);
  s.blocks.forEach((members, b) => {
    const nb = members.length,
      ts = byBlock[b];
    for (let i = 0; i < ts.length;) {
      const k = psiK[ts[i]];
      M.fill(0, 0, nb * nb);
      for (; i < ts.length && psiK[ts[i]] === k; i++) {
        const t = ts[i];
        M[s.local[psiA[t]] * nb + s.local[psiB[t]]] += psi[t];
      }
      const norm = symmetricNorm(M, nb);
      if (!(norm <= out[k])) out[k] = norm;
    }
  });
  return out;
}
