import type { CompactLayout } from './compactLayout';
import { hasNonFinite } from './compactLayout';
import { gramWriter } from './gramKernel';
import type { GramPlan } from './gramPlan';
import { CONFIRM_RATIO, type CompactSolver } from './jacobiConfirmation';
import { smallEigenScratch, smallSymmetricEigenvalues, smallSymmetricEigenvaluesPair } from './smallSymmetricEigen';
import { symmetricEigenvaluesWellScaled, symmetricEigenvaluesWellScaledPair } from './symmetricEigenvalues';

/** Gram trace outside this range: squares (and the eigen-solver's squares of those) near overflow or underflow. */
const GRAM_MAX = 1e100,
  GRAM_MIN = 1e-100;

/** Singular values through the smaller Gram matrix, one compact point at a time or two (see `pair`). */
export interface GramSpectrum {
  /** Singular values of the compact point at v[off..] into out[0..min(q,p)-1], descending. */
  single: CompactSolver;
  /** Two points at once (offA -> outA, offB -> outB), the eigen-solvers interleaved; same results as two `single`. */
  pair(v: Float64Array, offA: number, outA: Float64Array, offB: number, outB: Float64Array): void;
  /** True when `pair` pays (Gram matrices of 3 x 3 or larger). */
  paired: boolean;
}

/**
 * The Gram route: the g x g Gram matrix from structural overlaps only, its eigenvalues (characteristic polynomial up to
 * 4 x 4, else tridiagonal QL), square roots; `jacobi` redoes near-singular points and those whose Gram trace leaves
 * 1e-100 .. 1e100. Every buffer is allocated here, none per point.
 */
export function createGramSpectrum(layout: CompactLayout, plan: GramPlan, jacobi: CompactSolver): GramSpectrum {
  const g = plan.g,
    m = Math.min(layout.q, layout.p),
    nnz = layout.nonZeros;
  const gram = gramWriter(layout, plan);
  const paired = g >= 3;
  const G = new Float64Array(g * g),
    eig = new Float64Array(g),
    eigWork = new Float64Array(g * (g + 2));
  const G2 = paired ? new Float64Array(g * g) : G,
    eig2 = new Float64Array(g),
    eigWork2 = new Float64Array(g * (g + 2));
  const small = smallEigenScratch();

  /** True when the eigenvalues of a Gram matrix with this trace can be taken as they are (else see gramInto). */
  const regular = (trace: number): boolean => trace < GRAM_MAX && trace > GRAM_MIN;

  /** Singular values from the Gram eigenvalues in `eigen`, confirmed by Jacobi when near-singular. */
  function fromEigenvalues(v: Float64Array, off: number, eigen: Float64Array, out: Float64Array): void {
    for (let i = 0; i < g; i++) out[i] = Math.sqrt(Math.max(eigen[i], 0));
    if (g < m) out.fill(0, g, m); // a builtin call costs as much as a 2 x 2 point: only when there is a tail
    if (out[g - 1] < CONFIRM_RATIO * out[0]) jacobi(v, off, out);
  }

  /** Descending singular values of a point through its Gram matrix (already in `Gp` when `trace` is given). */
  function gramInto(v: Float64Array, off: number, out: Float64Array, trace = gram(v, off, G), Gp = G): void {
    if (trace === 0) {
      out.fill(0, 0, m);
      return;
    }
    if (!regular(trace)) {
      if (hasNonFinite(v, off, nnz)) out.fill(NaN, 0, m);
      else jacobi(v, off, out);
      return;
    }
    if (g > 4 || !smallSymmetricEigenvalues(Gp, g, eig, small)) symmetricEigenvaluesWellScaled(Gp, g, eig, eigWork);
    fromEigenvalues(v, off, eig, out);
  }

  function pair(v: Float64Array, offA: number, outA: Float64Array, offB: number, outB: Float64Array): void {
    const ta = gram(v, offA, G),
      tb = gram(v, offB, G2);
    if (!(ta !== 0 && tb !== 0 && regular(ta) && regular(tb))) {
      gramInto(v, offA, outA, ta);
      gramInto(v, offB, outB, tb, G2);
      return;
    }
    if (g <= 4) {
      const solved = smallSymmetricEigenvaluesPair(G, G2, g, eig, eig2, small);
      if (!(solved & 1)) symmetricEigenvaluesWellScaled(G, g, eig, eigWork);
      if (!(solved & 2)) symmetricEigenvaluesWellScaled(G2, g, eig2, eigWork2);
    } else symmetricEigenvaluesWellScaledPair(G, G2, g, eig, eig2, eigWork, eigWork2);
    fromEigenvalues(v, offA, eig, outA);
    fromEigenvalues(v, offB, eig2, outB);
  }

  return { single: gramInto, pair, paired };
}
