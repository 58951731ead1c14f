// What the critical-point search reports: one classified point per critical set, JSON-ready (the CLI prints it as is).
import type { CriticalOrigin, CriticalType } from './classifyCritical';

/** How a critical point was reached: a Newton start, or a Newton run from where a GD trajectory stalled. */
export type CriticalSource = 'newton' | 'gd';

/** One critical point (the representative of its critical set), JSON-ready. */
export interface CriticalPoint {
  at: Record<string, number>;
  W: number[];
  theta: number[];
  loss: number;
  gradNorm: number;
  canonicalGradNorm: number;
  /** Rank of J at the point. */
  rank: number;
  /** All eigenvalues of ∇²_W L, ascending. */
  hessianEigenvalues: number[];
  origin: CriticalOrigin;
  type: CriticalType;
  /** ∇_θ L / ‖∇_θ L‖ (length q) at a ghost, null at a canonical point. */
  ghostDirection: number[] | null;
  /** Local dimension of the critical set through the point (0: an isolated point). */
  setDimension: number;
  /** Unit eigenvector of the most negative Hessian eigenvalue (length p), null when there is none. */
  escapeDirection: number[] | null;
  /** 2 / λ_max(∇²_W L), null when λ_max ≤ 0. */
  stableStep: number | null;
  /** Number of zero Hessian eigenvalues (an upper bound of setDimension). */
  nullity: number;
  /** How many converged runs fell into this set, and which kinds of run found it. */
  hits: number;
  sources: CriticalSource[];
}

/** What the search found. */
export interface CriticalSearchResult {
  criticalPoints: CriticalPoint[];
  /** Newton starts used, how many converged inside the box, GD runs made. */
  starts: number;
  converged: number;
  gdRuns: number;
  /** false when the deadline stopped the search early (the points found so far are reported). */
  complete: boolean;
  method: 'levenberg-marquardt';
}
