import { OverparamError, type Diagnostic, type Span } from '../diagnostic';
import type { ExprStore } from '../symbolic/expr';
import { ALLOWED_FUNCTIONS, DISTRIBUTIONS } from './allowlist';
import { distributionArgs, drawNumbers } from './draws';
import { LIMITS } from './limits';
import { numericTensor } from './numericValue';
import { KEYWORDS, type ConstStatement, type ParamStatement } from './statementTypes';
import { resolveDims } from './dims';
import type { Tensor } from './tensor';

export { numericTensor } from './numericValue';

/** A declared (or, without `param` lines, discovered) parameter: its shape and its first column in J. */
export interface ParamInfo {
  name: string;
  shape: number[];
  offset: number;
  span: Span;
}

const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

/** Reserved names that cannot be declared. */
export function reservedNameProblem(name: string): string | undefined {
  if (name === 'pi' || name === 'e') return `\`${name}\` is a constant`;
  if (ALLOWED_FUNCTIONS.has(name)) return `\`${name}\` is a function name`;
  if (DISTRIBUTIONS.has(name)) return `\`${name}\` is a distribution`;
  if (KEYWORD_SET.has(name)) return `\`${name}\` is a keyword`;
  return undefined;
}

/** Size of a shape (1 for a scalar). */
export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Display name of entry `flat` of a parameter or output: `w`, `w[2]`, `U[1,2]`. */
export function entryName(base: string, shape: readonly number[], flat: number): string {
  if (shape.length === 0) return base;
  if (shape.length === 1) return `${base}[${flat + 1}]`;
  return `${base}[${Math.floor(flat / shape[1]) + 1},${(flat % shape[1]) + 1}]`;
}

/**
 * Collects `param` declarations in order, their sizes resolved with the sweep values `sweeps`; duplicates, reserved
 * names and names already taken (a sweep) become diagnostics.
 */
export function collectParams(
  stmts: readonly ParamStatement[],
  diagnostics: Diagnostic[],
  sweeps: ReadonlyMap<string, number> = new Map(),
): ParamInfo[] {
  const params: ParamInfo[] = [];
  let offset = 0;
  for (const st of stmts) {
    for (const d of st.decls) {
      try {
        const reserved = reservedNameProblem(d.name);
        if (reserved) throw new OverparamError('not-allowed', `${reserved} and cannot be a parameter`, d.span);
        if (params.some((p) => p.name === d.name))
          throw new OverparamError('duplicate-param', `parameter \`${d.name}\` is declared twice`, d.span);
        if (sweeps.has(d.name))
          throw new OverparamError('duplicate-param', `\`${d.name}\` is a sweep and cannot be a parameter`, d.span);
        const shape = resolveDims(d.dims, sweeps);
        params.push({ name: d.name, shape, offset, span: d.span });
        offset += sizeOf(shape);
      } catch (e) {
        if (e instanceof OverparamError) diagnostics.push(e.toDiagnostic());
        else throw e;
      }
    }
  }
  return params;
}

/** What constants may see besides each other: the sweep values (as scalars) and the seed of their draws. */
export interface ConstContext {
  sweeps: ReadonlyMap<string, number>;
  seed: number;
}

/**
 * Evaluates `const` lines to numeric tensors (they may use numbers, pi, e, functions, sweeps and earlier constants);
 * a seeded draw `const a[m] ~ normal(0, 1)` takes its numbers from the stream named `const a`. The returned map holds
 * the sweep values too, so every later expression sees them like constants.
 */
export function collectConsts(
  stmts: readonly ConstStatement[],
  store: ExprStore,
  isParam: (name: string) => boolean,
  diagnostics: Diagnostic[],
  context: ConstContext = { sweeps: new Map(), seed: 1 },
): Map<string, Tensor> {
  const consts = new Map<string, Tensor>();
  for (const [name, v] of context.sweeps) consts.set(name, { shape: [], data: [store.num(v)] });
  for (const st of stmts) {
    try {
      const reserved = reservedNameProblem(st.name);
      if (reserved) throw new OverparamError('not-allowed', `${reserved} and cannot be redefined`, st.nameSpan);
      if (consts.has(st.name) || isParam(st.name))
        throw new OverparamError('duplicate-output', `\`${st.name}\` is defined twice`, st.nameSpan);
      if (st.draw) {
        const shape = resolveDims(st.draw.dims, context.sweeps);
        const n = sizeOf(shape);
        if (n > LIMITS.drawEntries)
          throw new OverparamError(
            'limit',
            `\`${st.name}\` would have ${n} entries; the limit is ${LIMITS.drawEntries}`,
            st.nameSpan,
          );
        const args = distributionArgs(st.draw.dist, store, consts);
        const values = drawNumbers(st.draw.dist, args, context.seed, `const ${st.name}`, n);
        consts.set(st.name, { shape, data: values.map((x) => store.num(x)) });
      } else consts.set(st.name, numericTensor(st.value!.node, st.value!.spans, store, consts));
    } catch (e) {
      if (e instanceof OverparamError) diagnostics.push(e.toDiagnostic());
      else throw e;
    }
  }
  return consts;
}
