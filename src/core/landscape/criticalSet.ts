// A critical point is usually one point of a critical *set* (the minima of a deep linear network form a manifold).
// This file moves a found point along its set to a representative (the point nearest the box's centre, rounded when
// that stays critical) and measures the set's local dimension there.
import { rowBasis } from '../deficient/gramSolve';
import type { CompiledObjective } from '../objective/compileObjective';
import type { HessianEvaluator } from '../objective/hessianEvaluator';
import { classifyPoint, nullVectors, type CriticalScales, type PointClass } from './classifyCritical';
import { gradientNorm, levenbergMarquardt } from './levenbergMarquardt';

/** What the set operations share: the objective, its Hessians, the box's scales and the convergence tolerance. */
export interface SetContext {
  obj: CompiledObjective;
  hessian: HessianEvaluator;
  scales: CriticalScales;
  /** ‖∇_W L‖ at or below this is critical. */
  gradTol: number;
  /** The box's typical half-width (the sampling step's yardstick). */
  width: number;
}

/** Most tangent steps toward the centre. */
const MAX_MOVES = 25;

const dist2 = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s;
};

/** Two losses on one connected critical set are equal (L is constant where ∇L = 0); this is the rounding allowed. */
export function sameLevel(a: number, b: number, scale: number): boolean {
  return Math.abs(a - b) <= 1e-8 * Math.max(Math.abs(a), Math.abs(b), scale);
}

/** Classifies the point W (a fresh Hessian evaluation). */
export function classifyAt(ctx: SetContext, W: Float64Array): PointClass {
  return classifyPoint(ctx.hessian.at(W), ctx.obj, ctx.scales);
}

/**
 * Cleans rounding noise: coordinates at 1e-6 of the point's size set to 0 together, then the point rounded to 0..8
 * decimals, each kept when it moves no coordinate by more than 1e-6 of that size and ‖∇_W L‖ stays within twice its
 * value (or 1e-3 gradTol): U = 1e-17 becomes U = 0 and 0.9999999999 becomes 1, but an irrational point stays as it is.
 */
export function tidyPoint(ctx: SetContext, W: Float64Array): Float64Array {
  const ws = ctx.obj.workspace();
  let size = 1;
  for (const w of W) size = Math.max(size, Math.abs(w));
  // A cleaner point must be at least as critical (rounding an irrational point to 8 decimals is not).
  const limit = Math.max(2 * gradientNorm(ctx.obj, W, ws), 1e-3 * ctx.gradTol);
  const ok = (R: Float64Array): boolean => gradientNorm(ctx.obj, R, ws) <= limit;
  let best = W;
  const snapped = W.map((w) => (Math.abs(w) <= 1e-6 * size ? 0 : w));
  if (snapped.some((w, j) => w !== W[j]) && ok(snapped)) best = snapped;
  for (let d = 0; d <= 8; d++) {
    const f = 10 ** d;
    const R = best.map((w) => Math.round(w * f) / f + 0);
    if (R.every((w, j) => w === best[j])) break;
    if (R.every((w, j) => Math.abs(w - best[j]) <= 1e-6 * size) && ok(R)) {
      best = R;
      break;
    }
  }
  return best;
}

/**
 * Moves a critical point along its critical set toward `centre`: the step is the projection of centre - W onto the
 * Hessian's null space (the set's tangent lies in it), pulled back onto ∇_W L = 0 by Levenberg-Marquardt, accepted
 * when it stays on the same level of L and comes nearer the centre (halved up to 4 times, else the walk ends). On a
 * flat set this reaches the nearest point in one step (two-layer linear: its ghost set {v = 0, U w* = 0} to U = 0,
 * v = 0); on a curved one it walks until the tangent is orthogonal to centre - W.
 */
export function moveTowards(ctx: SetContext, start: PointClass, centre: Float64Array, deadline?: number): PointClass {
  let c = start;
  const p = ctx.obj.p;
  for (let move = 0; move < MAX_MOVES; move++) {
    if (deadline !== undefined && Date.now() > deadline) break;
    const N = nullVectors(c);
    if (!N.length) break;
    const s = new Float64Array(p);
    for (const n of N) {
      let d = 0;
      for (let j = 0; j < p; j++) d += n[j] * (centre[j] - c.W[j]);
      for (let j = 0; j < p; j++) s[j] += d * n[j];
    }
    let size = 1;
    for (const w of c.W) size = Math.max(size, Math.abs(w));
    if (Math.sqrt(dist2(s, new Float64Array(p))) <= 1e-6 * size) break;
    const here = dist2(c.W, centre);
    let moved = false;
    for (let alpha = 1, k = 0; k < 5 && !moved; k++, alpha /= 2) {
      const trial = Float64Array.from(c.W, (w, j) => w + alpha * s[j]);
      const r = levenbergMarquardt(ctx.obj, ctx.hessian, trial, { gradTol: ctx.gradTol, maxIterations: 30 });
      if (!r.converged || dist2(r.W, centre) >= here * (1 - 1e-12)) continue;
      const next = classifyAt(ctx, tidyPoint(ctx, r.W));
      if (!sameLevel(next.loss, c.loss, ctx.scales.loss)) continue;
      c = next;
      moved = true;
    }
    if (!moved) break;
  }
  return c;
}

/**
 * The local dimension of the critical set through `c`, by sampling: for each null vector n of ∇²_W L (their number,
 * the nullity, is an upper bound: the set's tangent lies in the null space), Levenberg-Marquardt from W + ε n back onto
 * ∇_W L = 0 (ε = 1e-2 of the point's or the box's size; converged to 1e-12 ε ‖∇²_W L‖) on the same level of L. The displacements / ε that keep
 * norm ≥ ½ span the directions along which the set extends (an isolated degenerate point pulls every sample back);
 * the sampled points' own nullities bound the dimension too (where several sets cross, as the axes of θ = a b c at 0,
 * the tangent cone is wider than any one set). The dimension is the smaller of the span's size and those nullities.
 */
export function setDimension(ctx: SetContext, c: PointClass, deadline?: number): number {
  const N = nullVectors(c);
  const k = N.length,
    p = ctx.obj.p;
  if (k === 0) return 0;
  let size = ctx.width;
  for (const w of c.W) size = Math.max(size, Math.abs(w));
  const eps = 1e-2 * size;
  // Critical to the point's own scale, not the box's: a step ε along a flat but curved-to-high-order direction (w⁶)
  // leaves a gradient of order ε⁵ that the box's tolerance would take for zero.
  const gradTol = Math.min(ctx.gradTol, 1e-12 * eps * Math.max(c.eigen.frobenius, ctx.scales.hessian));
  const D = new Float64Array(k * p);
  let bound = k;
  N.forEach((n, t) => {
    if (deadline !== undefined && Date.now() > deadline) return;
    const start = Float64Array.from(c.W, (w, j) => w + eps * n[j]);
    const r = levenbergMarquardt(ctx.obj, ctx.hessian, start, { gradTol, maxIterations: 40 });
    if (!r.converged) return;
    const there = classifyAt(ctx, r.W);
    if (!sameLevel(there.loss, c.loss, ctx.scales.loss)) return;
    for (let j = 0; j < p; j++) D[t * p + j] = (r.W[j] - c.W[j]) / eps;
    bound = Math.min(bound, there.nullity);
  });
  return Math.min(rowBasis(D, k, p, 0.5).length, bound);
}
