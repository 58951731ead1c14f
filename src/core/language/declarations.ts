import { OverparamError, type Diagnostic, type Span } from '../diagnostic';
import type { ExprStore } from '../symbolic/expr';
import { interpret } from '../symbolic/interpret';
import { ALLOWED_FUNCTIONS } from './allowlist';
import { expand, type SymbolResolver } from './expand';
import type { ConstStatement, ParamStatement } from './statements';
import type { Tensor } from './tensor';

/** A declared (or, without `param` lines, discovered) parameter: its shape and its first column in J. */
export interface ParamInfo {
  name: string;
  shape: number[];
  offset: number;
  span: Span;
}

/** Reserved names that cannot be declared. */
export function reservedNameProblem(name: string): string | undefined {
  if (name === 'pi' || name === 'e') return `\`${name}\` is a constant`;
  if (ALLOWED_FUNCTIONS.has(name)) return `\`${name}\` is a function name`;
  if (/^(param|const|at)$/.test(name)) return `\`${name}\` is a keyword`;
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

/** Collects `param` declarations in order; duplicates and reserved names become diagnostics. */
export function collectParams(stmts: readonly ParamStatement[], diagnostics: Diagnostic[]): ParamInfo[] {
  const params: ParamInfo[] = [];
  let offset = 0;
  for (const st of stmts) {
    for (const d of st.decls) {
      const reserved = reservedNameProblem(d.name);
      if (reserved) {
        diagnostics.push({
          severity: 'error',
          code: 'not-allowed',
          message: `${reserved} and cannot be a parameter`,
          ...d.span,
        });
        continue;
      }
      if (params.some((p) => p.name === d.name)) {
        diagnostics.push({
          severity: 'error',
          code: 'duplicate-param',
          message: `parameter \`${d.name}\` is declared twice`,
          ...d.span,
        });
        continue;
      }
      params.push({ name: d.name, shape: d.shape, offset, span: d.span });
      offset += sizeOf(d.shape);
    }
  }
  return params;
}

/** Evaluates `const` lines to numeric tensors (they may use numbers, pi, e, functions and earlier constants). */
export function collectConsts(
  stmts: readonly ConstStatement[],
  store: ExprStore,
  isParam: (name: string) => boolean,
  diagnostics: Diagnostic[],
): Map<string, Tensor> {
  const consts = new Map<string, Tensor>();
  for (const st of stmts) {
    try {
      const reserved = reservedNameProblem(st.name);
      if (reserved) throw new OverparamError('not-allowed', `${reserved} and cannot be redefined`, st.nameSpan);
      if (consts.has(st.name) || isParam(st.name))
        throw new OverparamError('duplicate-output', `\`${st.name}\` is defined twice`, st.nameSpan);
      consts.set(st.name, numericTensor(st.value.node, st.value.spans, store, consts));
    } catch (e) {
      if (e instanceof OverparamError) diagnostics.push(e.toDiagnostic());
      else throw e;
    }
  }
  return consts;
}

/** Expands an expression that may only use numbers, pi, e and constants, and checks every entry is a finite number. */
export function numericTensor(
  node: Parameters<typeof expand>[0],
  spans: Parameters<typeof expand>[1],
  store: ExprStore,
  consts: ReadonlyMap<string, Tensor>,
): Tensor {
  const resolver: SymbolResolver = {
    resolve(name, span) {
      if (name === 'pi' || name === 'e') return { shape: [], data: [store.constant(name)] };
      const c = consts.get(name);
      if (c) return c;
      throw new OverparamError(
        'unknown-symbol',
        `unknown symbol \`${name}\`: only numbers, pi, e and constants can be used here`,
        span,
      );
    },
    indexValue: () => undefined,
  };
  const t = expand(node, spans, store, resolver);
  const whole = spans.get(node)!;
  for (const x of t.data) {
    const v = interpret(x);
    if (!Number.isFinite(v))
      throw new OverparamError(
        'non-finite',
        `this value is ${Number.isNaN(v) ? 'not a real number (NaN)' : 'infinite'}`,
        whole,
      );
  }
  return { shape: t.shape, data: t.data.map((x) => store.num(interpret(x))) };
}
