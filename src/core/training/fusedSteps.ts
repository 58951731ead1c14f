import { straightLineSource } from '../numeric/codegen';
import type { CompiledObjective } from '../objective/compileObjective';
import type { Expr } from '../symbolic/expr';
import { DIVERGENCE_LOSS } from './runControl';

/**
 * Runs up to `steps` GD steps W <- W - η ∇_W L(W) in place; returns how many it took. It stops early, before updating,
 * at a loss that is non-finite or past the divergence threshold (out[0] = that loss).
 */
export type FusedSteps = (W: Float64Array, eta: number, steps: number, out: Float64Array) => number;

/** Past this many statements V8 stops optimising a function: such models take the per-step route. */
const MAX_STATEMENTS = 1500;

/**
 * One generated function holding the whole GD loop: per step, the straight-line code of L and ∇_W L at W, the
 * divergence check, and W_j <- W_j - η ∂L/∂W_j for all j at once (every gradient entry is computed from W_t before
 * any W_j changes: exactly GD). No call and no allocation per step. Null when the model is too large for it.
 */
export function compileFusedSteps(obj: CompiledObjective): FusedSteps | null {
  const roots = obj.lossAndGradientInW();
  return roots ? fusedDescent(roots, obj.p) : null;
}

/** The canonical GD loop θ <- θ - η ∇_θ L(θ), generated the same way (null for very large losses). */
export function compileCanonicalSteps(obj: CompiledObjective): FusedSteps | null {
  return fusedDescent([obj.spec.loss, ...obj.gradientExprs], obj.q);
}

/** The generated descent loop for [L, ∂L/∂x_1, ..., ∂L/∂x_p] over variables x_0 .. x_{p-1}. */
function fusedDescent(roots: readonly Expr[], p: number): FusedSteps | null {
  const { statements, values } = straightLineSource(roots, (k) => `x${k}`);
  if (statements.length + p > MAX_STATEMENTS) return null;
  const reads = Array.from({ length: p }, (_, j) => `const x${j} = W[${j}];`);
  const grads = values.slice(1).map((v, j) => `const g${j} = ${v};`);
  const writes = Array.from({ length: p }, (_, j) => `W[${j}] = x${j} - eta * g${j};`);
  const src = [
    '"use strict";',
    'let t = 0;',
    'for (; t < steps; t++) {',
    ...reads,
    ...statements,
    `const L = ${values[0]};`,
    `if (L > ${DIVERGENCE_LOSS} || L - L !== 0) { out[0] = L; return t; }`,
    ...grads,
    ...writes,
    '}',
    'return t;',
  ].join('\n');
  const softplus = (a: number): number => (a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a)));
  // Generated once per objective (compile once, run many); never in the webview (no unsafe-eval there).
  const run = new Function('W', 'eta', 'steps', 'out', 'sp', src) as (
    W: Float64Array,
    eta: number,
    steps: number,
    out: Float64Array,
    sp: (a: number) => number,
  ) => number;
  return (W, eta, steps, out) => run(W, eta, steps, out, softplus);
}
