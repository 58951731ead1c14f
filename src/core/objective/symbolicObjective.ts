// The symbolic side of an objective: derivatives of L(θ) in θ and second derivatives of the outputs ψ_k(W) in W,
// each a list of structural non-zeros found from the expressions' `vars` (zeros are never built).
import { checkDeadline } from '../budget';
import type { JacobianEntry } from '../model';
import { Differentiator } from '../symbolic/differentiate';
import { dependsOn, type Expr, type ExprStore } from '../symbolic/expr';
import type { RowTemplate } from '../symbolic/rowTemplate';
import { LIMITS } from '../language/limits';

/** A structural non-zero ∂²L/∂θ_k∂θ_l of the canonical Hessian, upper triangle (k <= l). */
export interface CanonicalHessianEntry {
  k: number;
  l: number;
  expr: Expr;
}

/** A structural non-zero ∂ℓ_i/∂θ_k of a per-sample loss. */
export interface SampleGradientEntry {
  sample: number;
  k: number;
  expr: Expr;
}

/** A structural non-zero ∂²ψ_k/∂W_a∂W_b of output k, upper triangle (a <= b); variables are parameter indices. */
export interface OutputHessianEntry {
  k: number;
  a: number;
  b: number;
  expr: Expr;
}

const isZero = (e: Expr): boolean => e.kind === 'num' && e.value === 0;

/** ∂L/∂θ_k for every output k (q expressions; the number 0 where L does not depend on θ_k). */
export function canonicalGradient(store: ExprStore, loss: Expr, q: number): Expr[] {
  const diff = new Differentiator(store);
  const out = Array.from({ length: q }, () => store.num(0));
  for (const k of loss.vars) if (k < q) out[k] = diff.derivative(loss, k);
  return out;
}

/** The structural non-zeros of ∇²_θ L from the gradient's expressions, upper triangle, sorted by (k, l). */
export function canonicalHessian(store: ExprStore, gradient: readonly Expr[]): CanonicalHessianEntry[] {
  const diff = new Differentiator(store);
  const out: CanonicalHessianEntry[] = [];
  // Column by column (one Differentiator memo per variable), then sorted.
  const q = gradient.length;
  for (let l = 0; l < q; l++)
    for (let k = 0; k <= l; k++) {
      const g = gradient[k];
      if (!dependsOn(g, l)) continue;
      const expr = diff.derivative(g, l);
      if (!isZero(expr)) out.push({ k, l, expr });
    }
  return out.sort((x, y) => x.k - y.k || x.l - y.l);
}

/** ∇_θ ℓ_i of each per-sample loss, sparse (only the θ_k each ℓ_i depends on). */
export function sampleGradients(store: ExprStore, samples: readonly Expr[]): SampleGradientEntry[] {
  const out: SampleGradientEntry[] = [];
  const diff = new Differentiator(store);
  samples.forEach((s, sample) => {
    for (const k of s.vars) {
      const expr = diff.derivative(s, k);
      if (!isZero(expr)) out.push({ sample, k, expr });
    }
  });
  return out;
}

/**
 * Second derivatives of the outputs from the Jacobian's entries: ∂²ψ_k/∂W_a∂W_b = ∂J_ka/∂W_b for b >= a among the
 * entry's own variables, so the work follows the symbolic sparsity (a deep linear w = Uᵀv gives one 1 per (U_ij, v_i)).
 */
export function outputHessians(
  store: ExprStore,
  entries: readonly JacobianEntry[],
  p: number,
  deadline?: number,
): OutputHessianEntry[] {
  // Counted before anything is built: the limit stops a dense Hessian of a wide model before its work.
  let pairs = 0;
  for (const e of entries) for (const b of e.expr.vars) if (b >= e.col && b < p) pairs++;
  checkHessianPattern(pairs);
  const byParam: number[][] = Array.from({ length: p }, () => []);
  entries.forEach((e, i) => {
    for (const b of e.expr.vars) if (b >= e.col && b < p) byParam[b].push(i);
  });
  const diff = new Differentiator(store);
  const out: OutputHessianEntry[] = [];
  for (let b = 0; b < p; b++) {
    if ((b & 63) === 0) checkDeadline(deadline, `differentiating the Hessian (parameter ${b + 1} of ${p})`);
    for (const i of byParam[b]) {
      const e = entries[i];
      const expr = diff.derivative(e.expr, b);
      if (!isZero(expr)) out.push({ k: e.row, a: e.col, b, expr });
    }
  }
  return out.sort((x, y) => x.k - y.k || x.a - y.a || x.b - y.b);
}

/** The limit on the Hessian's work, checked before differentiating: `pairs` second derivatives would be built. */
export function checkHessianPattern(pairs: number): void {
  if (pairs > LIMITS.hessianPattern)
    throw new RangeError(
      `the outputs' Hessians would have ${pairs} structural non-zeros; the limit is ${LIMITS.hessianPattern}`,
    );
}

/** The second derivatives of a row template, ∂²f/∂W_a∂W_b (a <= b, sorted), as expressions of W and the input. */
export interface TemplateHessian {
  a: Int32Array;
  b: Int32Array;
  exprs: Expr[];
}

/** ∂²f/∂W_a∂W_b of a row template from its gradient, each once for all rows (the rows share them). */
export function templateOutputHessians(store: ExprStore, t: RowTemplate, deadline?: number): TemplateHessian {
  let pairs = 0;
  for (let i = 0; i < t.cols.length; i++) for (const b of t.grads[i].vars) if (b >= t.cols[i] && b < t.p) pairs++;
  checkHessianPattern(pairs * t.n);
  const diff = new Differentiator(store);
  const out: { a: number; b: number; expr: Expr }[] = [];
  for (let i = 0; i < t.cols.length; i++) {
    if ((i & 1023) === 0) checkDeadline(deadline, `differentiating the Hessian (column ${i + 1} of ${t.cols.length})`);
    const a = t.cols[i],
      g = t.grads[i];
    for (const b of g.vars) {
      if (b < a || b >= t.p) continue;
      const expr = diff.derivative(g, b);
      if (!isZero(expr)) out.push({ a, b, expr });
    }
  }
  out.sort((x, y) => x.a - y.a || x.b - y.b);
  return { a: Int32Array.from(out, (e) => e.a), b: Int32Array.from(out, (e) => e.b), exprs: out.map((e) => e.expr) };
}
