// Batch programs of a row template with a family sum f = c(x) Σ_r T(W_r, x) + R(W, x): per point and row, one loop
// over the members r with the template's code (written once, whatever m), then R. The program's size and the time to
// generate it do not grow with the width, and no per-member expression is ever built.
import type { Expr } from '../symbolic/expr';
import type { RowTemplate } from '../symbolic/rowTemplate';
import type { FamilySum } from '../symbolic/familySum';
import type { BatchProgram } from './codegen';
import { straightLineSource } from './codegen';

/** What a program computes per row: expressions of member 0 (and the input) and of W (and the input), and where. */
export interface FamilyRowPlan {
  /** Per member: values of these expressions (of member 0's parameters and the input), written by `write`. */
  member: readonly Expr[];
  /** The code storing member value i (its source `v`) for member `r` (slot base `b = r * width`). */
  writeMember(i: number, v: string): string;
  /** Per row, after the members: expressions of W and the input. */
  rest: readonly Expr[];
  writeRest(i: number, v: string): string;
  /** Code before the member loop and after the rest (e.g. an accumulator and its store). */
  before?: string;
  after?: string;
  /** Values per row in `th` and `J` (their row offsets `to`, `jo`). */
  thetaPerRow: number;
  jPerRow: number;
  /** Tables the writes read: `T0`, `T1`, … (Int32Array). */
  tables?: readonly Int32Array[];
}

/**
 * Compiles a plan over the template's rows into a BatchProgram: per point `o = i * p`, per row k the input `in0, …`,
 * the scale `sc`, then the member loop (`a0, a1, …` the member's parameters) and the rest. Only numbers and indices
 * reach the source, never user text.
 */
export function familyRowProgram(t: RowTemplate, fam: FamilySum, plan: FamilyRowPlan): BatchProgram {
  const { p, d, n: rows } = t;
  const w = fam.width;
  const slot = new Map<number, number>();
  for (let s = 0; s < w; s++) slot.set(fam.vars[s], s);
  const input = (k: number): string | null => (k >= p && k < p + d ? `in${k - p}` : null);
  const memberName = (k: number): string => {
    const s = slot.get(k);
    if (s !== undefined) return `a${s}`;
    const x = input(k);
    if (x === null) throw new Error(`familyRowProgram: variable ${k} is not member 0's nor an input`);
    return x;
  };
  const wName = (k: number): string => input(k) ?? `W[o + ${k}]`;
  const m = straightLineSource(plan.member, memberName, 'm');
  const r = straightLineSource(plan.rest, wName, 'r');
  const c = straightLineSource([fam.scale], wName, 'c');
  const loads = Array.from({ length: w }, (_, s) => `a${s} = W[o + V[b${s ? ` + ${s}` : ''}]]`).join(', ');
  const inputs = Array.from({ length: d }, (_, k) => `in${k} = X[k * ${d} + ${k}]`).join(', ');
  const tables = plan.tables ?? [];
  const src = [
    '"use strict";',
    ...tables.map((_, i) => `const T${i} = tabs[${i}];`),
    `for (let i = 0; i < n; i++) {`,
    `  const o = i * ${p};`,
    `  for (let k = 0; k < ${rows}; k++) {`,
    `    const row = i * ${rows} + k, to = row * ${plan.thetaPerRow}, jo = row * ${plan.jPerRow};`,
    d ? `    const ${inputs};` : '',
    ...c.statements.map((s) => `    ${s}`),
    `    const sc = ${c.values[0]};`,
    `    ${plan.before ?? ''}`,
    `    for (let r = 0, b = 0; r < ${fam.members}; r++, b += ${w}) {`,
    `      const ${loads};`,
    ...m.statements.map((s) => `      ${s}`),
    ...m.values.map((v, i) => `      ${plan.writeMember(i, v)}`),
    '    }',
    ...r.statements.map((s) => `    ${s}`),
    ...r.values.map((v, i) => `    ${plan.writeRest(i, v)}`),
    `    ${plan.after ?? ''}`,
    '  }',
    '}',
  ].join('\n');
  // One generated function per model and use (compile once, evaluate many); never in the webview (no unsafe-eval).
  const fn = new Function('W', 'n', 'th', 'J', 'sp', 'V', 'X', 'tabs', src) as (
    W: Float64Array,
    n: number,
    th: Float64Array | null,
    J: Float64Array | null,
    sp: (a: number) => number,
    V: Int32Array,
    X: Float64Array,
    tabs: readonly Int32Array[],
  ) => void;
  const softplus = (a: number): number => (a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a)));
  return (W, n, theta, J) => fn(W, n, theta, J, softplus, fam.vars, t.inputs, tables);
}
