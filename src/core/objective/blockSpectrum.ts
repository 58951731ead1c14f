import type { BlockStructure } from './hessianStructure';
import { jacobiEigen } from './denseSymmetricEigen';
import { lanczos } from './lanczos';

/** A symmetric p x p operator that never couples two blocks of `structure`. */
export interface BlockOperator {
  p: number;
  structure: BlockStructure;
  /** The dense n_b x n_b matrix of block b (row-major, in the block's parameter order). */
  block(b: number): Float64Array;
  /** out = H x over all p coordinates (out is overwritten). */
  apply(x: Float64Array, out: Float64Array): void;
}

/** Extreme eigenvalues and vectors of a block operator, and how they were found. */
export interface SpectrumSummary {
  /** Smallest and largest eigenvalue, and the spectral norm max(|min|, |max|). */
  min: number;
  max: number;
  norm: number;
  /** Unit eigenvectors (length p) of `min` (the escape direction when min < 0) and of `max`. */
  minVector: Float64Array;
  maxVector: Float64Array;
  /**
   * Eigenvalues, ascending: the whole spectrum when `complete`, else every dense block's eigenvalues together with the
   * extreme Ritz values of each Lanczos block.
   */
  eigenvalues: Float64Array;
  complete: boolean;
  /** Number of blocks, how many were solved densely (Jacobi) and how many by Lanczos. */
  blocks: number;
  denseBlocks: number;
  lanczosBlocks: number;
  /** Largest residual ‖H y - λ y‖ among the Lanczos extremes (0 when every block was dense). */
  residual: number;
}

/** Options of blockSpectrum. */
export interface SpectrumOptions {
  /** Largest block solved densely by Jacobi (default 64); larger ones go to Lanczos. */
  denseMax?: number;
  /** Krylov steps per Lanczos block (default 80). */
  lanczosSteps?: number;
}

/**
 * The spectrum of a block-diagonal symmetric operator block by block: small blocks densely (Jacobi, all eigenpairs),
 * large coupled ones by Lanczos on operator products restricted to the block. The extremes are the extremes over blocks.
 */
export function blockSpectrum(op: BlockOperator, options: SpectrumOptions = {}): SpectrumSummary {
  const denseMax = options.denseMax ?? 64,
    steps = options.lanczosSteps ?? 80;
  const { p, structure } = op;
  const values: number[] = [];
  let min = Infinity,
    max = -Infinity,
    residual = 0,
    dense = 0,
    viaLanczos = 0,
    complete = true;
  const minVector = new Float64Array(p),
    maxVector = new Float64Array(p);
  let minAt: { block: number; v: Float64Array } | null = null,
    maxAt: { block: number; v: Float64Array } | null = null;
  const full = new Float64Array(p),
    image = new Float64Array(p);
  structure.blocks.forEach((members, b) => {
    const nb = members.length;
    let lo: number, hi: number, vLo: Float64Array, vHi: Float64Array;
    if (nb <= denseMax) {
      dense++;
      const { values: ev, vectors } = jacobiEigen(op.block(b), nb);
      for (const x of ev) values.push(x);
      lo = ev[0];
      hi = ev[nb - 1];
      vLo = vectors.subarray(0, nb);
      vHi = vectors.subarray((nb - 1) * nb, nb * nb);
    } else {
      viaLanczos++;
      const r = lanczos(
        (x, out) => {
          full.fill(0);
          for (let i = 0; i < nb; i++) full[members[i]] = x[i];
          op.apply(full, image);
          for (let i = 0; i < nb; i++) out[i] = image[members[i]];
        },
        nb,
        steps,
        b + 1,
      );
      if (r.steps < nb) complete = false;
      lo = r.ritz[0];
      hi = r.ritz[r.ritz.length - 1];
      if (r.steps < nb) values.push(lo, hi);
      else for (const x of r.ritz) values.push(x);
      vLo = r.minVector;
      vHi = r.maxVector;
      residual = Math.max(residual, r.minResidual, r.maxResidual);
    }
    if (lo < min || Number.isNaN(lo)) {
      min = lo;
      minAt = { block: b, v: Float64Array.from(vLo) };
    }
    if (hi > max || Number.isNaN(hi)) {
      max = hi;
      maxAt = { block: b, v: Float64Array.from(vHi) };
    }
  });
  const place = (at: { block: number; v: Float64Array } | null, out: Float64Array): void => {
    if (!at) return;
    const members = structure.blocks[at.block];
    for (let i = 0; i < members.length; i++) out[members[i]] = at.v[i];
  };
  place(minAt, minVector);
  place(maxAt, maxVector);
  const eigenvalues = Float64Array.from(values).sort();
  return {
    min,
    max,
    norm: Math.max(Math.abs(min), Math.abs(max)),
    minVector,
    maxVector,
    eigenvalues,
    complete,
    blocks: structure.blocks.length,
    denseBlocks: dense,
    lanczosBlocks: viaLanczos,
    residual,
  };
}
