import type { CompiledModel } from '../model';
import { jacobiSingularValuesInto } from '../linalg/svd';
import { minimumNormStep } from './gramSolve';
import { jacobianDerivatives, jacobianFrame, rankCondition, type JacobianFrame } from './jacobianFrame';

/** Where and how the Newton search for a point of rank <= r ended. */
export interface DropResult {
  W: Float64Array;
  frame: JacobianFrame;
  converged: boolean;
  /** sqrt(Σ_{i >= r} σ_i²): zero exactly on the set. */
  merit: number;
  iterations: number;
}

/** The box and tolerances of a rank-drop search. */
export interface DropSettings {
  lo: Float64Array;
  hi: Float64Array;
  /** Merit at which a point counts as on the set, given its frame (a scale times a relative tolerance). */
  tolerance: (frame: JacobianFrame) => number;
  maxIterations?: number;
}

/** Largest linearised system (rows x p) solved per step. */
const MAX_ENTRIES = 400_000;

/** sqrt of the sum of squares of the singular values from index r on. */
export function meritOf(frame: JacobianFrame, r: number): number {
  let s = 0;
  for (let i = r; i < frame.S.length; i++) s += frame.S[i] * frame.S[i];
  return Math.sqrt(s);
}

/** The merit at W from singular values only (NaN where J or theta is not finite). */
function meritAt(model: CompiledModel, W: Float64Array, r: number): number {
  const J = new Float64Array(model.q * model.p),
    theta = new Float64Array(model.q);
  model.evaluate(W, 1, theta, J);
  if (!J.every(Number.isFinite) || !theta.every(Number.isFinite)) return NaN;
  const S = singularValuesOf(J, model.q, model.p);
  let s = 0;
  for (let i = r; i < S.length; i++) s += S[i] * S[i];
  return Math.sqrt(s);
}

/**
 * Newton's method onto {W : rank J(W) <= r} from W0, inside the box: each step solves the linearised condition
 * U_aᵀ J(W + δ) V_b = 0 (a, b >= r) for the minimum-norm δ, which is well defined when the small singular values
 * cluster (the whole block moves together), then backtracks until the merit sqrt(Σ_{i >= r} σ_i²) decreases.
 * Converges quadratically onto a transversal set; a point counts as converged once polished to 1e-2 of the tolerance.
 */
export function dropRank(model: CompiledModel, W0: Float64Array, r: number, settings: DropSettings): DropResult {
  const { q, p } = model;
  const { lo, hi } = settings;
  const maxIterations = settings.maxIterations ?? 40;
  const maxStep = Math.max(...Array.from(lo, (l, j) => hi[j] - l));
  let W = Float64Array.from(W0, (w, j) => Math.min(hi[j], Math.max(lo[j], w)));
  let frame = jacobianFrame(model, W);
  if (!frame.finite) return { W, frame, converged: false, merit: NaN, iterations: 0 };
  let merit = meritOf(frame, r);
  let polish = 0,
    ratio = 0;
  for (let it = 0; it < maxIterations; it++) {
    const tol = settings.tolerance(frame);
    if (merit <= tol) {
      // A point on the set polishes to rounding level in a step or two; one that stays near the tolerance sits
      // where σ vanishes only to second order (near two crossing sets) and is not counted as converged.
      if (merit <= 1e-2 * tol) return { W, frame, converged: true, merit, iterations: it };
      if (polish++ >= 4) break;
    }
    if ((q - r) * (p - r) * p > MAX_ENTRIES) break;
    const { G, R, rows } = rankCondition(frame, jacobianDerivatives(model, W), q, p, r);
    const delta = minimumNormStep(G, R, rows, p);
    const norm = Math.hypot(...delta);
    if (!(norm > 0)) break;
    if (norm > maxStep) for (let j = 0; j < p; j++) delta[j] *= maxStep / norm;
    // Where the set meets J's rank condition non-transversally (deep linear: v = 0 and det U = 0) Newton converges
    // only linearly, by a steady ratio ρ per step: the step scaled by 1 / (1 - ρ) is tried first.
    const scales = ratio > 0 && ratio < 0.5 ? [1 / (1 - ratio), 1] : [1];
    if (merit > tol) for (let t = 0.5; t > 1e-3; t /= 2) scales.push(t);
    let accepted = false;
    for (const t of scales) {
      const trial = Float64Array.from(W, (w, j) => Math.min(hi[j], Math.max(lo[j], w + t * delta[j])));
      const m = meritAt(model, trial, r);
      if (m < merit * (1 - 1e-4 * t) || (merit <= tol && m < merit)) {
        const f = jacobianFrame(model, trial);
        ratio = m / merit;
        W = trial;
        frame = f;
        merit = m;
        accepted = true;
        break;
      }
    }
    if (!accepted) break;
  }
  return { W, frame, converged: merit <= 1e-2 * settings.tolerance(frame), merit, iterations: maxIterations };
}

/** log of Π_{i <= r} σ_i from singular values (the product vanishes exactly where rank <= r); NaN if not finite. */
function logProductAt(model: CompiledModel, W: Float64Array, r: number): number {
  const J = new Float64Array(model.q * model.p),
    theta = new Float64Array(model.q);
  model.evaluate(W, 1, theta, J);
  if (!J.every(Number.isFinite) || !theta.every(Number.isFinite)) return NaN;
  const S = singularValuesOf(J, model.q, model.p);
  let s = 0;
  for (let i = 0; i <= r && i < S.length; i++) s += Math.log(S[i]);
  return s;
}

/**
 * Newton steps on log Π_{i <= r} σ_i, for starts where σ_min alone is flat (the polar map at |r| > 1, where the
 * smallest singular value is the constant 1 and the one that can vanish is the largest): δ = -∇ / |∇|², the step
 * that would zero the product if it were linear, with backtracking. Returns the point reached.
 */
export function descendProduct(
  model: CompiledModel,
  W0: Float64Array,
  r: number,
  settings: DropSettings,
  iterations = 8,
): Float64Array {
  const { q, p } = model;
  const { lo, hi } = settings;
  let W = Float64Array.from(W0);
  let value = logProductAt(model, W, r);
  for (let it = 0; it < iterations && Number.isFinite(value); it++) {
    const frame = jacobianFrame(model, W);
    if (!frame.finite) break;
    const dJ = jacobianDerivatives(model, W);
    const g = new Float64Array(p);
    for (let i = 0; i <= r && i < frame.S.length; i++) {
      if (!(frame.S[i] > 0)) return W;
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let a = 0; a < q; a++)
          for (let b = 0; b < p; b++) s += frame.U[a * q + i] * dJ[j * q * p + a * p + b] * frame.V[b * p + i];
        g[j] += s / frame.S[i];
      }
    }
    const gg = g.reduce((s, x) => s + x * x, 0);
    if (!(gg > 0)) break;
    let moved = false;
    for (let t = 1; t > 1e-3; t /= 2) {
      const trial = Float64Array.from(W, (w, j) => Math.min(hi[j], Math.max(lo[j], w - (t * g[j]) / gg)));
      const v = logProductAt(model, trial, r);
      if (v < value) {
        [W, value, moved] = [trial, v, true];
        break;
      }
    }
    if (!moved) break;
  }
  return W;
}

/** All min(q, p) singular values of the row-major J, descending (Jacobi: accurate for the tiny ones near the set). */
function singularValuesOf(J: Float64Array, q: number, p: number): Float64Array {
  const out = new Float64Array(Math.min(q, p));
  jacobiSingularValuesInto(J, 0, q, p, out, new Float64Array(q * p));
  return out;
}
