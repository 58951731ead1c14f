import type { Span } from './diagnostic';
import type { Expr, ExprStore } from './symbolic/expr';
import { generateProgram, type BatchProgram, type Root } from './numeric/codegen';
import type { ModelShape } from './modelShape';
import { rowProgram } from './numeric/rowProgram';
import type { FamilyLayout, RowTemplate } from './symbolic/rowTemplate';
import { familyRowProgram } from './numeric/familyProgram';

/** One `at` point: a full parameter vector, where it was written, and a title like `w = (0.1, 1)`. */
export interface ModelPoint {
  values: Float64Array;
  span: Span;
  label: string;
}

/** A structurally non-zero Jacobian entry: d outputs[row] / d params[col]. */
export interface JacobianEntry {
  row: number;
  col: number;
  expr: Expr;
}

/** The symbolic side of a model: what printing and checking need. */
export interface SymbolicModel {
  store: ExprStore;
  outputs: readonly Expr[];
  entries: readonly JacobianEntry[];
  /**
   * A large data model compiled once for all its inputs (its outputs f(X_k) and entries are then built on first
   * access, for printing and checks; evaluation, objectives and Hessians use the template).
   */
  rows?: RowTemplate;
}

/** A parameterization compiled once and evaluated many times over Float64Array batches. */
export interface CompiledModel {
  /** Parameter names in column order (`w[1]`, `U[1,2]`, `r`). */
  params: string[];
  /** Output names in row order (`θ[1]`, `θ1`). */
  outputs: string[];
  p: number;
  q: number;
  /** The declarations behind `params` and `outputs`: names, shapes and their columns / rows of J. */
  shape: ModelShape;
  points: ModelPoint[];
  /** q*p mask, row-major: 1 where J may be non-zero. */
  pattern: Uint8Array;
  /** theta (n*q) and/or J (n*q*p, point-major, row-major) at n points given as W (n*p). Pass null to skip one. */
  evaluate(W: Float64Array, n: number, theta: Float64Array | null, J: Float64Array | null): void;
  /** Number of structural non-zeros of J (the ones in `pattern`). */
  nonZeros: number;
  /**
   * As `evaluate`, with J in the compact layout: per point only its `nonZeros` structural non-zeros, in row-major
   * order of `pattern` (n*nonZeros). Skips writing the zeros, which dominate wide sparse Jacobians.
   */
  evaluateCompact(W: Float64Array, n: number, theta: Float64Array | null, values: Float64Array | null): void;
  symbolic: SymbolicModel;
}

/**
 * Builds the model's evaluator, dense (J as q*p) or compact (J as its structural non-zeros; `sym.entries` must be in
 * row-major order): one generated program per use (theta, J, both), each made on first use.
 */
export function makeEvaluator(sym: SymbolicModel, p: number, q: number, compact = false): CompiledModel['evaluate'] {
  const programs = new Map<string, BatchProgram>();
  const t = sym.rows;
  if (t) {
    // Row by row: θ_k = f(W, X_k), and row k of J (its columns, or all p of them densely).
    const rowRoots = (withTheta: boolean, withJ: boolean) => [
      ...(withTheta ? [{ expr: t.f, target: 'theta' as const, offset: 0 }] : []),
      ...(withJ ? t.grads.map((expr, i) => ({ expr, target: 'J' as const, offset: compact ? i : t.cols[i] })) : []),
    ];
    return (W, n, theta, J) => {
      const key = `${theta ? 't' : ''}${J ? 'J' : ''}`;
      if (!key) return;
      let prog = programs.get(key);
      if (!prog) {
        prog = t.family
          ? familyModelProgram(t, t.family, !!theta, !!J, compact)
          : rowProgram(t, rowRoots(!!theta, !!J), 1, compact ? t.cols.length : p);
        programs.set(key, prog);
      }
      prog(W, n, theta, J);
    };
  }
  const roots = (withTheta: boolean, withJ: boolean): Root[] => [
    ...(withTheta ? sym.outputs.map((expr, k) => ({ expr, target: 'theta' as const, offset: k })) : []),
    ...(withJ
      ? sym.entries.map((e, i) => ({ expr: e.expr, target: 'J' as const, offset: compact ? i : e.row * p + e.col }))
      : []),
  ];
  return (W, n, theta, J) => {
    const key = `${theta ? 't' : ''}${J ? 'J' : ''}`;
    if (!key) return;
    let prog = programs.get(key);
    if (!prog) {
      prog = generateProgram(roots(!!theta, !!J), p, q, compact ? sym.entries.length : q * p);
      programs.set(key, prog);
    }
    prog(W, n, theta, J);
  };
}

/**
 * θ_k = c Σ_r T_r + R and row k of J (c ∂T/∂slot at each member's columns, then ∂R/∂W_j) in one loop over the members
 * per row; the dense layout (`compact` false) zeroes each point's J first.
 */
function familyModelProgram(
  t: RowTemplate,
  fam: FamilyLayout,
  withTheta: boolean,
  withJ: boolean,
  compact: boolean,
): BatchProgram {
  const jPerRow = compact ? t.cols.length : t.p;
  const member = [...(withTheta ? [fam.term] : []), ...(withJ ? fam.termGrads : [])];
  const rest = [...(withTheta ? [fam.rest] : []), ...(withJ ? fam.restGrads : [])];
  const g0 = withTheta ? 1 : 0;
  const memberCols = compact ? fam.offsets : fam.vars;
  const restCols = compact ? fam.restOffsets : fam.restCols;
  const prog = familyRowProgram(t, fam, {
    member,
    writeMember: (i, v) =>
      i < g0 ? `acc += ${v};` : `if (J !== null) J[jo + T0[b${i - g0 ? ` + ${i - g0}` : ''}]] = sc * ${v};`,
    rest,
    writeRest: (i, v) => (i < g0 ? `const rest = ${v};` : `if (J !== null) J[jo + ${restCols[i - g0]}] = ${v};`),
    before: withTheta ? 'let acc = 0;' : '',
    after: withTheta ? 'if (th !== null) th[to] = sc * acc + rest;' : '',
    thetaPerRow: 1,
    jPerRow,
    tables: [memberCols],
  });
  if (compact || !withJ) return prog;
  return (W, n, theta, J) => {
    J?.fill(0, 0, n * t.n * jPerRow);
    prog(W, n, theta, J);
  };
}
