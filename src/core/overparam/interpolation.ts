// Can the data be fit exactly? Damped Gauss-Newton (Levenberg-Marquardt with minimum-norm steps) on the residuals
// r = F(W) - y from a starting point, and the regime in words: p against n, and whether an L below 1e-12 was found.
import { minimumNormSolve } from './minimumNorm';
import type { DataJacobian } from './dataJacobian';

/** Below this loss L = ½ ‖F - y‖² the data count as fit exactly (the threshold). */
export const INTERPOLATION_LOSS = 1e-12;

/** What the search found. */
export interface InterpolationReport {
  n: number;
  p: number;
  /** The best point found and its loss L = ½ Σ_k (F_k - y_k)². */
  W: Float64Array;
  loss: number;
  /** L < INTERPOLATION_LOSS. */
  interpolates: boolean;
  /** rank of DF at W (the number of independent equations the parameters can move). */
  rank: number;
  /** Gauss-Newton iterations used. */
  iterations: number;
  regime: 'over-parameterized' | 'under-parameterized' | 'square';
  /** One sentence for the CLI and the panel. */
  words: string;
}

/**
 * Damped Gauss-Newton from W0: δ = argmin ‖DF δ + r‖² + μ ‖δ‖² (minimum norm at μ = 0), accepted when L drops, μ
 * raised tenfold when it does not. Stops at L < 1e-30, at a point where L stops improving (a least-squares point: the
 * data cannot be fit from here), after `maxIterations` or at the deadline. A linear model takes one step.
 */
export function findInterpolation(
  dj: DataJacobian,
  W0: Float64Array,
  options: { maxIterations?: number; deadline?: number } = {},
): InterpolationReport {
  const { n, p, targets } = dj;
  const maxIterations = options.maxIterations ?? 200;
  const F = new Float64Array(n),
    DF = new Float64Array(n * p),
    r = new Float64Array(n);
  let W = Float64Array.from(W0);
  const lossAt = (x: Float64Array, jac: Float64Array | null): number => {
    dj.evaluate(x, F, jac);
    let s = 0;
    for (let i = 0; i < n; i++) {
      r[i] = F[i] - targets[i];
      s += r[i] * r[i];
    }
    return s / 2;
  };
  let L = lossAt(W, DF),
    mu = 0,
    iterations = 0;
  while (iterations < maxIterations && L >= 1e-30) {
    if (options.deadline !== undefined && Date.now() > options.deadline) break;
    iterations++;
    const minus = Float64Array.from(r, (v) => -v);
    const step = minimumNormSolve(DF, n, p, minus, { ridge: mu });
    const s0 = step.singularValues[0] ?? 0;
    const trial = Float64Array.from(W, (w, j) => w + step.x[j]);
    const Lt = lossAt(trial, null);
    if (Lt < L) {
      const gain = L - Lt;
      W = trial;
      L = lossAt(W, DF);
      mu /= 10;
      if (gain <= 1e-15 * L) break;
    } else {
      lossAt(W, DF);
      if (mu > 1e6 * Math.max(s0 * s0, 1e-300)) break;
      mu = Math.max(mu * 10, 1e-10 * s0 * s0);
    }
  }
  lossAt(W, DF);
  const rank = minimumNormSolve(DF, n, p, r).rank;
  const regime = p > n ? 'over-parameterized' : p < n ? 'under-parameterized' : 'square';
  const interpolates = L < INTERPOLATION_LOSS;
  const fit = interpolates
    ? `an exact fit was found (L = ${L.toExponential(2)} < 1e-12): every ℓ_k is 0 there, so SGD's noise vanishes at the solution`
    : `no exact fit was found (the least-squares point has L = ${L.toPrecision(4)}): SGD with a constant step keeps a noise floor`;
  const words = `p = ${p} parameters, n = ${n} equations (${regime}), rank DF = ${rank}; ${fit}`;
  return { n, p, W, loss: L, interpolates, rank, iterations, regime, words };
}
