// Newton-type root finding on ∇_W L = 0 with the exact Hessian: Levenberg-Marquardt on the residual r(W) = ∇_W L,
// whose Jacobian is the (symmetric) Hessian H, so each step solves (H² + μ I) δ = -H ∇_W L. Unlike a descent method it
// is attracted to every zero of the gradient (saddles and maxima as much as minima), and the damping μ keeps the step
// finite where H is singular (the critical sets of an overparameterization are where H is singular by construction).
import { choleskySolve } from '../linalg/cholesky';
import type { CompiledObjective, ObjectiveWorkspace } from '../objective/compileObjective';
import type { HessianEvaluator } from '../objective/hessianEvaluator';

/** Settings of one Levenberg-Marquardt run. */
export interface NewtonSettings {
  /** Converged when ‖∇_W L‖ ≤ gradTol. */
  gradTol: number;
  /** Most accepted-or-rejected iterations (default 100). */
  maxIterations?: number;
  /** A run whose iterate leaves this box (per coordinate) is abandoned (default: no limit). */
  lo?: Float64Array;
  hi?: Float64Array;
  /** Date.now() past which the run stops (not converged unless it already is). */
  deadline?: number;
}

/** Where a run ended. */
export interface NewtonResult {
  W: Float64Array;
  gradNorm: number;
  converged: boolean;
  iterations: number;
}

const norm = (x: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
};

/** ‖∇_W L‖ at W (through `ws`), NaN where L or the gradient is not finite. */
export function gradientNorm(obj: CompiledObjective, W: Float64Array, ws: ObjectiveWorkspace): number {
  const loss = obj.at(W, ws);
  const g = norm(ws.gradW);
  return Number.isFinite(loss) && Number.isFinite(g) ? g : NaN;
}

/**
 * Levenberg-Marquardt on ∇_W L = 0 from W0 with the exact dense Hessian: δ = -(H² + μ I)⁻¹ H g, a step accepted
 * when it lowers ‖g‖ (then μ /= 10), else μ *= 10 and retried. μ starts at 1e-6 · max_i (H²)_ii. The run converges
 * when ‖g‖ ≤ gradTol (then it goes on while each step still halves ‖g‖) and fails when μ grows past 1e18 times its
 * start (a minimum of ‖g‖² that is no zero of g), the iterate leaves the box, or maxIterations pass.
 */
export function levenbergMarquardt(
  obj: CompiledObjective,
  hessian: HessianEvaluator,
  W0: Float64Array,
  settings: NewtonSettings,
): NewtonResult {
  const p = obj.p;
  const maxIterations = settings.maxIterations ?? 100;
  const ws = obj.workspace();
  const W = Float64Array.from(W0);
  const trial = new Float64Array(p),
    A = new Float64Array(p * p),
    H2 = new Float64Array(p * p),
    b = new Float64Array(p),
    g = new Float64Array(p);
  let f = gradientNorm(obj, W, ws);
  if (!Number.isFinite(f)) return { W, gradNorm: f, converged: false, iterations: 0 };
  const H = hessian.at(W).dense();
  g.set(ws.gradW);
  let mu = -1,
    mu0 = 0;
  // H² = H Hᵀ (H is symmetric): row times row, contiguous.
  const squareH = (): void => {
    for (let i = 0; i < p; i++)
      for (let j = i; j < p; j++) {
        let s = 0;
        const a = i * p,
          c = j * p;
        for (let k = 0; k < p; k++) s += H[a + k] * H[c + k];
        H2[i * p + j] = s;
        H2[j * p + i] = s;
      }
  };
  squareH();
  const outside = (x: Float64Array): boolean => {
    const { lo, hi } = settings;
    if (!lo || !hi) return false;
    for (let j = 0; j < p; j++) if (x[j] < lo[j] || x[j] > hi[j]) return true;
    return false;
  };
  let polishing = false,
    it = 0;
  for (; it < maxIterations; it++) {
    if (f <= settings.gradTol) polishing = true;
    if (settings.deadline !== undefined && Date.now() > settings.deadline) break;
    if (mu < 0) {
      let d = 0;
      for (let i = 0; i < p; i++) d = Math.max(d, H2[i * p + i]);
      mu = mu0 = Math.max(1e-6 * d, 1e-300);
    }
    A.set(H2);
    for (let i = 0; i < p; i++) A[i * p + i] += mu;
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += H[i * p + k] * g[k];
      b[i] = -s;
    }
    if (!choleskySolve(A, p, b)) {
      if (polishing) break;
      mu *= 10;
      continue;
    }
    for (let j = 0; j < p; j++) trial[j] = W[j] + b[j];
    const ft = gradientNorm(obj, trial, ws);
    // Past the tolerance, steps go on while they still halve ‖g‖: a degenerate zero (θ = a b c at 0, where Newton
    // only halves the distance) is then approached to rounding level, not left at the tolerance's distance.
    if (polishing && !(ft < 0.5 * f)) break;
    if (ft < f) {
      W.set(trial);
      f = ft;
      g.set(ws.gradW);
      if (outside(W)) return { W, gradNorm: f, converged: false, iterations: it + 1 };
      H.set(hessian.at(W).dense());
      squareH();
      mu = Math.max(mu / 10, mu0 * 1e-12);
    } else {
      mu *= 10;
      if (mu > mu0 * 1e18) break;
    }
  }
  return { W, gradNorm: f, converged: f <= settings.gradTol, iterations: it };
}
