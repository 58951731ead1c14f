// J = ∂θ/∂W symbolically, two ways: output by output over the parameters each depends on, or for a large data model
// once as the gradient of f(W, x) in W (a row template), whose rows at the inputs X_k are built only on demand.
import { checkDeadline } from '../budget';
import type { DataSpec } from '../lossSpec';
import type { JacobianEntry, SymbolicModel } from '../model';
import { Differentiator } from '../symbolic/differentiate';
import type { Expr, ExprStore } from '../symbolic/expr';
import { findFamilySum, type FamilySum } from '../symbolic/familySum';
import { atRow, type FamilyLayout, type RowTemplate } from '../symbolic/rowTemplate';
import { substitute } from '../symbolic/substitute';
import type { OutputRow } from './outputs';
import type { ModelStatement } from './statementTypes';

/** The parameters (variables below p) an expression of W and x depends on: J's columns in every row. */
export function columnsOf(f: Expr, p: number): Int32Array {
  let k = 0;
  while (k < f.vars.length && f.vars[k] < p) k++;
  return f.vars.subarray(0, k);
}

/** J's structural non-zeros (row-major) and its q x p pattern. */
export interface SymbolicJacobian {
  entries: JacobianEntry[];
  pattern: Uint8Array;
  rows?: RowTemplate;
}

/**
 * J column by column: only outputs that depend on parameter j are differentiated (structural zeros are free), and one
 * Differentiator memo serves every output for that parameter.
 */
export function rowJacobian(
  store: ExprStore,
  rows: readonly OutputRow[],
  p: number,
  deadline?: number,
): SymbolicJacobian {
  const q = rows.length;
  const byParam: number[][] = Array.from({ length: p }, () => []);
  rows.forEach((r, k) => r.expr.vars.forEach((j) => byParam[j].push(k)));
  const diff = new Differentiator(store);
  const entries: JacobianEntry[] = [];
  const pattern = new Uint8Array(q * p);
  for (let j = 0; j < p; j++) {
    if ((j & 15) === 0) checkDeadline(deadline, `differentiating (parameter ${j + 1} of ${p})`);
    for (const k of byParam[j]) {
      const expr = diff.derivative(rows[k].expr, j);
      if (expr.kind === 'num' && expr.value === 0) continue;
      entries.push({ row: k, col: j, expr });
      pattern[k * p + j] = 1;
    }
  }
  entries.sort((a, b) => a.row - b.row || a.col - b.col);
  return { entries, pattern, rows: undefined };
}

/**
 * The Jacobian of a row template: ∂f/∂W_j once per parameter, every row sharing the columns. A column is structural in
 * every row, even where a row's input makes it vanish (the expanded rows would have folded such an entry to 0).
 */
export function templateJacobian(
  store: ExprStore,
  f: Expr,
  p: number,
  data: DataSpec,
  deadline?: number,
): SymbolicJacobian & { rows: RowTemplate } {
  const n = data.n;
  const base = { p, d: data.inputDim, n, inputs: data.inputs, f };
  const family = findFamilySum(store, f, p, data.inputDim);
  let rows: RowTemplate;
  if (family) rows = familyJacobian(store, base, family);
  else {
    const diff = new Differentiator(store);
    const cols: number[] = [],
      grads: Expr[] = [];
    const candidates = columnsOf(f, p);
    candidates.forEach((j, i) => {
      if ((i & 1023) === 0) checkDeadline(deadline, `differentiating (parameter ${i + 1} of ${candidates.length})`);
      const g = diff.derivative(f, j);
      if (g.kind === 'num' && g.value === 0) return;
      cols.push(j);
      grads.push(g);
    });
    rows = { ...base, cols: Int32Array.from(cols), grads };
  }
  const pattern = new Uint8Array(n * p);
  for (let k = 0; k < n; k++) for (const j of rows.cols) pattern[k * p + j] = 1;
  return { entries: [], pattern, rows };
}

/**
 * The columns of a family sum f = c Σ_r T_r + R: every member's parameters and R's, each member's derivatives the
 * template's (∂T/∂slot, differentiated once). The per-column expressions c ∂T_r/∂W_j are built only when asked for.
 */
function familyJacobian(store: ExprStore, base: Omit<RowTemplate, 'cols' | 'grads'>, fam: FamilySum): RowTemplate {
  const { p } = base;
  const w = fam.width;
  const diff = new Differentiator(store);
  const termGrads = Array.from({ length: w }, (_, s) => diff.derivative(fam.term, fam.vars[s]));
  const restCols = columnsOf(fam.rest, p);
  const restGrads = Array.from(restCols, (j) => diff.derivative(fam.rest, j));
  const cols = new Int32Array(fam.vars.length + restCols.length);
  cols.set(fam.vars);
  cols.set(restCols, fam.vars.length);
  cols.sort();
  const pos = new Int32Array(p).fill(-1);
  for (let i = 0; i < cols.length; i++) pos[cols[i]] = i;
  const family: FamilyLayout = {
    ...fam,
    termGrads,
    offsets: fam.vars.map((j) => pos[j]),
    restCols,
    restOffsets: Int32Array.from(restCols, (j) => pos[j]),
    restGrads,
  };
  let grads: Expr[] | undefined;
  const build = (): Expr[] => {
    const out: Expr[] = new Array(cols.length);
    for (let r = 0; r < fam.members; r++) {
      const at = memberOf(store, fam, r);
      for (let s = 0; s < w; s++) out[family.offsets[r * w + s]] = store.mul([fam.scale, at(termGrads[s])]);
    }
    restGrads.forEach((g, i) => (out[family.restOffsets[i]] = g));
    return out;
  };
  const rows = { ...base, cols, family } as RowTemplate;
  return Object.defineProperty(rows, 'grads', { get: () => (grads ??= build()), enumerable: true });
}

/** Rewrites expressions of member 0 (the template) as member r's: its parameters in the place of member 0's. */
export function memberOf(store: ExprStore, fam: FamilySum, r: number): (e: Expr) => Expr {
  const w = fam.width;
  const slot = new Map<number, number>();
  for (let s = 0; s < w; s++) slot.set(fam.vars[s], s);
  const memo = new Map<number, Expr>();
  return (e) =>
    substitute(
      store,
      e,
      (k) => {
        const s = slot.get(k);
        return store.variable(s === undefined ? k : fam.vars[r * w + s]);
      },
      memo,
    );
}

/** The output rows of a templated model (`f[1]`, …), each expression built on first access. */
export function templateRows(store: ExprStore, f: Expr, p: number, data: DataSpec, model: ModelStatement): OutputRow[] {
  const t: RowTemplate = { p, d: data.inputDim, n: data.n, inputs: data.inputs, f, cols: new Int32Array(0), grads: [] };
  return Array.from({ length: data.n }, (_, k) => {
    let expr: Expr | undefined;
    const row = {
      name: `${model.name}[${k + 1}]`,
      base: model.name,
      shape: [data.n],
      span: model.nameSpan,
      line: model.line,
    };
    return Object.defineProperty(row, 'expr', {
      get: () => (expr ??= atRow(store, t, k)(f)),
      enumerable: true,
    }) as OutputRow;
  });
}

/** A templated model's symbolic side: outputs and entries built (row by row, from the template) on first access. */
export function lazySymbolic(store: ExprStore, t: RowTemplate, rows: readonly OutputRow[]): SymbolicModel {
  let outputs: Expr[] | undefined, entries: JacobianEntry[] | undefined;
  const build = (): JacobianEntry[] => {
    const out: JacobianEntry[] = [];
    for (let k = 0; k < t.n; k++) {
      const at = atRow(store, t, k);
      t.grads.forEach((g, i) => out.push({ row: k, col: t.cols[i], expr: at(g) }));
    }
    return out;
  };
  return {
    store,
    rows: t,
    get outputs() {
      return (outputs ??= rows.map((r) => r.expr));
    },
    get entries() {
      return (entries ??= build());
    },
  };
}
