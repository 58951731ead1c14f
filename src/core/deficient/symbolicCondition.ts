import { checkDeadline } from '../budget';
import type { CompiledModel } from '../model';
import type { Expr } from '../symbolic/expr';
import { MAX_PRINTED_NODES, printText, treeSize } from '../symbolic/printText';
import { PolynomialContext, PolynomialTooLargeError, type Polynomial } from './polynomial';

/** The symbolic rank condition: det J (square), det(J Jᵀ) (q < p) or det(Jᵀ J) (q > p), and its factors. */
export interface SymbolicCondition {
  /** The normalised determinant in the model's text syntax, or null when it is too large to form. */
  determinant: string | null;
  /** Each factor f of the determinant (J loses rank where some f = 0), printed; empty when determinant is null. */
  factors: string[];
  /** Why the determinant is null (`too large: rely on the numeric search`). */
  note?: string;
}

/** The same condition as expressions of the model's store (for callers that print or evaluate them themselves). */
export interface SymbolicConditionExprs {
  determinant: Expr | null;
  factors: Expr[];
  note?: string;
}

/** Budgets of the symbolic condition. */
export interface ConditionOptions {
  /** Largest matrix whose determinant is expanded (n x n, n = min(q, p)); default 8. */
  maxSize?: number;
  /** Most terms any intermediate polynomial may have; default 4000. */
  maxTerms?: number;
  /** Largest printed expression (tree nodes); default the printer's own limit. */
  maxNodes?: number;
  /** Date.now() value after which the expansion stops with BudgetExceededError. */
  deadline?: number;
}

const TOO_LARGE = 'too large: rely on the numeric search';

/** The n x n matrix whose determinant vanishes exactly where J loses rank, entries as polynomials. */
function gramOrJacobian(model: CompiledModel, ctx: PolynomialContext): Polynomial[][] {
  const { q, p } = model;
  const J: Polynomial[][] = Array.from({ length: q }, () => Array.from({ length: p }, () => ctx.constant(0)));
  for (const e of model.symbolic.entries) J[e.row][e.col] = ctx.fromExpr(e.expr);
  if (q === p) return J;
  const n = Math.min(q, p);
  const at = (i: number, t: number): Polynomial => (q < p ? J[i][t] : J[t][i]);
  const inner = Math.max(q, p);
  const M: Polynomial[][] = Array.from({ length: n }, () => new Array<Polynomial>(n));
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let sum = ctx.constant(0);
      for (let t = 0; t < inner; t++) {
        const x = at(a, t),
          y = at(b, t);
        if (x.size && y.size) sum = ctx.add(sum, ctx.mul(x, y));
      }
      M[a][b] = M[b][a] = sum;
    }
  }
  return M;
}

/** Determinant by Laplace expansion along the rows with every column subset's minor computed once (n 2^n products). */
function determinant(M: Polynomial[][], ctx: PolynomialContext, deadline?: number): Polynomial {
  const n = M.length;
  let minors = new Map<number, Polynomial>([[0, ctx.constant(1)]]);
  for (let row = 0; row < n; row++) {
    checkDeadline(deadline, `expanding the determinant (row ${row + 1} of ${n})`);
    const next = new Map<number, Polynomial>();
    for (const [mask, minor] of minors) {
      if (minor.size === 0) continue;
      // Column j added last sits after the columns of `mask` above it: its sign is (-1)^(how many are above j).
      for (let j = 0; j < n; j++) {
        if (mask & (1 << j) || M[row][j].size === 0) continue;
        let above = 0;
        for (let t = j + 1; t < n; t++) if (mask & (1 << t)) above++;
        const term = ctx.mul(M[row][j], minor);
        const key = mask | (1 << j);
        next.set(key, ctx.add(next.get(key) ?? ctx.constant(0), term, above % 2 ? -1 : 1));
      }
    }
    minors = next;
  }
  return minors.get((1 << n) - 1) ?? ctx.constant(0);
}

/** The rank condition as expressions in the model's store, normalised and split into factors, within budgets. */
export function symbolicConditionExprs(model: CompiledModel, options: ConditionOptions = {}): SymbolicConditionExprs {
  const n = Math.min(model.q, model.p);
  const maxNodes = options.maxNodes ?? MAX_PRINTED_NODES;
  if (n > (options.maxSize ?? 8)) return { determinant: null, factors: [], note: TOO_LARGE };
  const store = model.symbolic.store;
  const ctx = new PolynomialContext(store, options.maxTerms ?? 4000);
  try {
    const det = ctx.dropTiny(determinant(gramOrJacobian(model, ctx), ctx, options.deadline));
    const expr = ctx.toExpr(det);
    if (treeSize(expr) > maxNodes) return { determinant: null, factors: [], note: TOO_LARGE };
    const { atoms, rest } = ctx.factor(det);
    const factors = [...atoms, ...(rest ? [ctx.toExpr(rest)] : [])];
    return { determinant: expr, factors };
  } catch (e) {
    if (e instanceof PolynomialTooLargeError || e instanceof RangeError)
      return { determinant: null, factors: [], note: TOO_LARGE };
    throw e;
  }
}

/**
 * det J for square J, det(J Jᵀ) for q < p, det(Jᵀ J) for q > p: zero exactly where J loses rank. Printed with the
 * model's parameter names, e.g. `4 * w[1] * w[2]` with factors `w[1]`, `w[2]` for θ = w∘w, `r` for the polar map.
 */
export function symbolicCondition(model: CompiledModel, options: ConditionOptions = {}): SymbolicCondition {
  const out = symbolicConditionExprs(model, options);
  const print = (e: Expr): string => printText(e, model.params);
  return {
    determinant: out.determinant ? print(out.determinant) : null,
    factors: out.factors.map(print),
    ...(out.note ? { note: out.note } : {}),
  };
}
