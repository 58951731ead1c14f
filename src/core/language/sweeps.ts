// Sweeps (`sweep m = 10, 100, 1000`): a compiled document is for one value of each sweep; every value's sizes are
// checked against the limits before any work starts.
import { spanOf, type Diagnostic, type Span } from '../diagnostic';
import { reservedNameProblem, sizeOf } from './declarations';
import { LIMITS } from './limits';
import type { ConstStatement, Dim, ParamStatement, SweepStatement } from './statementTypes';

/** A sweep as the result reports it: its name and every value it takes, in file order. */
export interface SweepInfo {
  name: string;
  values: number[];
}

/** The file's sweeps and the value of each this compilation uses (the first value unless `chosen` says otherwise). */
export function collectSweeps(
  stmts: readonly SweepStatement[],
  chosen: Readonly<Record<string, number>> | undefined,
  diagnostics: Diagnostic[],
): { sweeps: SweepInfo[]; values: Map<string, number>; lines: SweepStatement[] } {
  const sweeps: SweepInfo[] = [],
    lines: SweepStatement[] = [];
  const values = new Map<string, number>();
  for (const st of stmts) {
    const reserved = reservedNameProblem(st.name);
    const problem = reserved
      ? `${reserved} and cannot be swept`
      : values.has(st.name)
        ? `\`${st.name}\` is swept twice`
        : undefined;
    if (problem) {
      diagnostics.push({ severity: 'error', code: 'duplicate-output', message: problem, ...st.nameSpan });
      continue;
    }
    let pick = chosen?.[st.name];
    if (pick !== undefined && !st.values.includes(pick)) {
      diagnostics.push({
        severity: 'error',
        code: 'syntax',
        message: `${st.name} = ${pick} is not one of this sweep's values (${shortList(st.values)})`,
        ...st.span,
      });
      pick = undefined; // go on with the first value, so the rest of the file is still checked
    }
    sweeps.push({ name: st.name, values: st.values });
    lines.push(st);
    values.set(st.name, pick ?? st.values[0]);
  }
  for (const name of Object.keys(chosen ?? {}))
    if (!stmts.some((s) => s.name === name))
      diagnostics.push({
        severity: 'error',
        code: 'syntax',
        message: `the file has no sweep named \`${name}\``,
        ...spanOf(1, 0, 1),
      });
  return { sweeps, values, lines };
}

const shortList = (v: readonly number[]): string =>
  v.length <= 6 ? v.join(', ') : `${v.slice(0, 3).join(', ')}, …, ${v[v.length - 1]}`;

/** Why p parameters are too many: the work they need (one J entry each at least), against the limit on that work. */
export const parameterLimitMessage = (p: number): string =>
  `there are ${p} parameters, so J would have at least ${p} structural non-zeros; the limit is ${LIMITS.jacobianPattern}`;

/**
 * Checks, for every value of every sweep (the other sweeps at their largest values: sizes only grow with a sweep's
 * value), that the parameters and each random constant fit the limits, and that a sweep used as a size takes whole
 * values of at least 1. Errors stand at the sweep value that breaks a limit. Returns false when one did.
 */
export function checkSweepSizes(
  lines: readonly SweepStatement[],
  params: readonly ParamStatement[],
  consts: readonly ConstStatement[],
  diagnostics: Diagnostic[],
): boolean {
  const uses = (name: string, dims: readonly Dim[]) => dims.some((d) => typeof d !== 'number' && d.name === name);
  const paramDims = params.flatMap((st) => st.decls.map((d) => d.dims));
  const drawDims = consts.flatMap((st) => (st.draw ? [{ name: st.name, dims: st.draw.dims }] : []));
  const largest = new Map(lines.map((l) => [l.name, Math.max(...l.values)]));
  let ok = true;
  const sizeWith = (values: Map<string, number>, dims: readonly Dim[]) =>
    sizeOf(dims.map((d) => (typeof d === 'number' ? d : (values.get(d.name) ?? 1))));
  for (const sw of lines) {
    const used = paramDims.some((d) => uses(sw.name, d)) || drawDims.some((d) => uses(sw.name, d.dims));
    if (!used) continue;
    const fail = (message: string, span: Span, code: 'limit' | 'shape' = 'limit') => {
      diagnostics.push({ severity: 'error', code, message, ...span });
      ok = false;
    };
    for (let k = 0; k < sw.values.length; k++) {
      const v = sw.values[k];
      if (!Number.isInteger(v) || v < 1) {
        fail(`${sw.name} = ${v} is used as a size and must be a whole number of at least 1`, sw.valueSpans[k], 'shape');
        break;
      }
      const values = new Map(largest).set(sw.name, v);
      const p = paramDims.reduce((a, d) => a + sizeWith(values, d), 0);
      if (p > LIMITS.jacobianPattern) {
        fail(`with ${sw.name} = ${v} ${parameterLimitMessage(p)}`, sw.valueSpans[k]);
        break;
      }
      const big = drawDims.find((d) => sizeWith(values, d.dims) > LIMITS.drawEntries);
      if (big) {
        fail(
          `with ${sw.name} = ${v} the random constant \`${big.name}\` has ${sizeWith(values, big.dims)} entries; the limit is ${LIMITS.drawEntries}`,
          sw.valueSpans[k],
        );
        break;
      }
    }
  }
  return ok;
}
