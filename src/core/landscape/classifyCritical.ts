// What a critical point of L(W) = L(ψ(W)) is: canonical (∇_θ L = 0) or a ghost the parameterization made
// (∇_θ L ≠ 0 lies in ker Jᵀ, so ∇_W L = Jᵀ ∇_θ L = 0), and its type from the eigenvalues of ∇²_W L.
import { numericalRank } from '../linalg/rank';
import { svd } from '../linalg/svd';
import type { HessianPoint } from '../objective/hessianEvaluator';
import { jacobiEigen } from '../objective/denseSymmetricEigen';

/** The type of a critical point from its Hessian. */
export type CriticalType = 'minimum' | 'saddle' | 'maximum' | 'degenerate';

/** Where a critical point comes from: the canonical loss itself, or the parameterization (a ghost). */
export type CriticalOrigin = 'canonical' | 'ghost';

/** Typical sizes over the search box, the yardsticks of every "is this zero" test (medians over the starts). */
export interface CriticalScales {
  /** |L|, ‖∇_W L‖, ‖∇_θ L‖, ‖J‖_F and ‖∇²_W L‖_F. */
  loss: number;
  grad: number;
  canonical: number;
  jacobian: number;
  hessian: number;
}

/** Relative tolerances of the zero tests (each times the larger of the value at the point and the box's scale). */
export const CRITICAL_TOLERANCES = {
  /** ∇_W L = 0: ‖∇_W L‖ ≤ 1e-9 · scales.grad. */
  grad: 1e-9,
  /** Canonical: ‖∇_θ L‖ ≤ 1e-6 · scales.canonical. */
  canonical: 1e-6,
  /** A Hessian eigenvalue is zero when |λ| ≤ 1e-6 · max(‖∇²_W L‖_F, scales.hessian). */
  hessian: 1e-6,
  /** A singular value of J is zero when σ ≤ 1e-8 · max(σ_max, scales.jacobian). */
  jacobian: 1e-8,
} as const;

/** The whole spectrum of ∇²_W L, block by block (Jacobi per block): eigenvalues ascending, unit vectors as rows of p. */
export interface HessianEigen {
  values: Float64Array;
  vectors: Float64Array[];
  /** ‖∇²_W L‖_F. */
  frobenius: number;
}

/** All eigenpairs of ∇²_W L at a point, each block of its symbolic structure solved densely by Jacobi. */
export function hessianEigen(point: HessianPoint): HessianEigen {
  const op = point.loss2;
  const p = op.p;
  const pairs: { value: number; vector: Float64Array }[] = [];
  let frob = 0;
  op.structure.blocks.forEach((members, b) => {
    const nb = members.length;
    const M = op.block(b);
    for (let i = 0; i < nb * nb; i++) frob += M[i] * M[i];
    const { values, vectors } = jacobiEigen(M, nb);
    for (let i = 0; i < nb; i++) {
      const v = new Float64Array(p);
      for (let j = 0; j < nb; j++) v[members[j]] = vectors[i * nb + j];
      pairs.push({ value: values[i], vector: v });
    }
  });
  pairs.sort((a, b) => a.value - b.value);
  return {
    values: Float64Array.from(pairs, (x) => x.value),
    vectors: pairs.map((x) => x.vector),
    frobenius: Math.sqrt(frob),
  };
}

/** Everything the search reports about one critical point except its set's dimension and its type. */
export interface PointClass {
  W: Float64Array;
  theta: number[];
  loss: number;
  gradNorm: number;
  canonicalGradNorm: number;
  /** Rank of J (singular values above CRITICAL_TOLERANCES.jacobian relative to the larger of σ_max and the box's ‖J‖). */
  rank: number;
  eigen: HessianEigen;
  /** The zero tolerance used for the Hessian's eigenvalues, and how many are below it. */
  zeroTol: number;
  nullity: number;
  negative: number;
  positive: number;
  origin: CriticalOrigin;
  /** ∇_θ L / ‖∇_θ L‖ at a ghost (a unit vector of ker Jᵀ), null at a canonical point. */
  ghostDirection: number[] | null;
  /** Unit eigenvector of the most negative eigenvalue of ∇²_W L, null when none is below -zeroTol. */
  escapeDirection: number[] | null;
  /** 2 / λ_max(∇²_W L): GD with a larger step diverges from here; null when λ_max ≤ zeroTol. */
  stableStep: number | null;
}

const norm = (x: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
};

/** Rank of the compact J of a Hessian point (dense q x p rebuilt from the structural non-zeros). */
function jacobianRank(point: HessianPoint, q: number, p: number, rows: Int32Array, cols: Int32Array, scale: number) {
  const J = new Float64Array(q * p);
  for (let e = 0; e < rows.length; e++) J[rows[e] * p + cols[e]] = point.J[e];
  if (!J.every(Number.isFinite)) return 0;
  const S = svd(J, q, p).S;
  return numericalRank(S, CRITICAL_TOLERANCES.jacobian * Math.max(S.length ? S[0] : 0, scale));
}

/** Classifies the critical point `point` (the caller has checked ∇_W L ≈ 0) against the box's scales. */
export function classifyPoint(
  point: HessianPoint,
  jac: { q: number; p: number; jRows: Int32Array; jCols: Int32Array },
  scales: CriticalScales,
): PointClass {
  const eigen = hessianEigen(point);
  const zeroTol = CRITICAL_TOLERANCES.hessian * Math.max(eigen.frobenius, scales.hessian);
  let negative = 0,
    positive = 0;
  for (const l of eigen.values) {
    if (l < -zeroTol) negative++;
    else if (l > zeroTol) positive++;
  }
  const n = eigen.values.length;
  const canonicalGradNorm = norm(point.gradTheta);
  const ghost = canonicalGradNorm > CRITICAL_TOLERANCES.canonical * scales.canonical;
  const lMax = n ? eigen.values[n - 1] : 0;
  return {
    W: Float64Array.from(point.W),
    theta: Array.from(point.theta),
    loss: point.loss,
    gradNorm: norm(point.gradW),
    canonicalGradNorm,
    rank: jacobianRank(point, jac.q, jac.p, jac.jRows, jac.jCols, scales.jacobian),
    eigen,
    zeroTol,
    nullity: n - negative - positive,
    negative,
    positive,
    origin: ghost ? 'ghost' : 'canonical',
    ghostDirection: ghost ? Array.from(point.gradTheta, (g) => g / canonicalGradNorm) : null,
    escapeDirection: negative > 0 ? Array.from(eigen.vectors[0]) : null,
    stableStep: lMax > zeroTol ? 2 / lMax : null,
  };
}

/**
 * The type from the Hessian's signs: `saddle` when it has eigenvalues of both signs; otherwise `degenerate` when more
 * eigenvalues are zero than the critical set has dimensions (flat directions that leave the set decide nothing at
 * second order) or when every one is zero; else `minimum` (none negative) or `maximum` (none positive). The zero
 * eigenvalues along a critical set's tangent are expected and do not make a point degenerate.
 */
export function criticalType(
  c: Pick<PointClass, 'negative' | 'positive' | 'nullity'>,
  setDimension: number,
): CriticalType {
  if (c.negative > 0 && c.positive > 0) return 'saddle';
  if (c.nullity > setDimension || (c.negative === 0 && c.positive === 0)) return 'degenerate';
  return c.negative === 0 ? 'minimum' : 'maximum';
}

/** The unit null vectors of ∇²_W L (eigenvalues within zeroTol of 0). */
export function nullVectors(c: PointClass): Float64Array[] {
  const out: Float64Array[] = [];
  c.eigen.values.forEach((l, i) => {
    if (Math.abs(l) <= c.zeroTol) out.push(c.eigen.vectors[i]);
  });
  return out;
}
