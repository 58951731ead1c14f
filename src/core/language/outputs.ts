import type { MathNode } from 'mathjs';
import { OverparamError, type Diagnostic, type Span } from '../diagnostic';
import type { Expr, ExprStore } from '../symbolic/expr';
import { entryName, reservedNameProblem, sizeOf, type ParamInfo } from './declarations';
import { expand, symbolsInOrder, type SymbolResolver } from './expand';
import { LIMITS } from './limits';
import { scopeResolver } from './scope';
import type { OutputStatement } from './statements';
import { shapeText, type Tensor } from './tensor';

/** One scalar output row with the definition it came from. */
export interface OutputRow {
  name: string;
  /** The output's name without its entry (`θ` for `θ[2]`) and the shape of the whole output. */
  base: string;
  shape: number[];
  expr: Expr;
  span: Span;
  line: number;
}

/** Everything symbol resolution needs to know about a document's names. */
export interface NameTable {
  params: ParamInfo[];
  consts: ReadonlyMap<string, Tensor>;
  /** Without `param` lines, unknown symbols become scalar parameters in order of first appearance. */
  autoParams: boolean;
}

type AnyNode = MathNode & Record<string, unknown>;

// One tensor per parameter and store: `w_i` in an indexed output of 5,000 rows would otherwise build w 5,000 times.
const tensors = new WeakMap<ExprStore, Map<ParamInfo, Tensor>>();

/** The tensor of a parameter's variables (cached per store). */
export function paramTensor(s: ExprStore, p: ParamInfo): Tensor {
  let cache = tensors.get(s);
  if (!cache) {
    cache = new Map();
    tensors.set(s, cache);
  }
  const hit = cache.get(p);
  if (hit) return hit;
  const data: Expr[] = [];
  for (let k = 0; k < sizeOf(p.shape); k++) data.push(s.variable(p.offset + k));
  const t = { shape: p.shape, data };
  cache.set(p, t);
  return t;
}

/** A resolver over the document's names (parameters, constants; unknown names become parameters with autoParams), with the index letter `index` bound to `value` (if any). */
export function resolver(s: ExprStore, names: NameTable, index?: { letter: string; value: number }): SymbolResolver {
  return scopeResolver(s, {
    index,
    lookup(name) {
      const p = names.params.find((x) => x.name === name);
      if (p) return paramTensor(s, p);
      return names.consts.get(name);
    },
    unknown(name, span) {
      if (names.autoParams && !reservedNameProblem(name)) {
        const offset = names.params.reduce((a, p) => a + sizeOf(p.shape), 0);
        const info: ParamInfo = { name, shape: [], offset, span };
        names.params.push(info);
        return paramTensor(s, info);
      }
      throw new OverparamError('unknown-symbol', `unknown symbol \`${name}\``, span);
    },
  });
}

/** The length an index letter ranges over: the vectors it subscripts (`w_i`, `w[i]`) must agree. */
function indexRange(node: MathNode, letter: string, names: NameTable, span: Span): number {
  const lengths = new Map<string, number>();
  const lengthOf = (base: string): void => {
    const t = names.params.find((p) => p.name === base)?.shape ?? names.consts.get(base)?.shape;
    if (t && t.length === 1) lengths.set(base, t[0]);
  };
  for (const sym of symbolsInOrder(node)) {
    const m = /^(.+)_([A-Za-z])$/u.exec(sym);
    if (m && m[2] === letter) lengthOf(m[1]);
  }
  const visit = (n: AnyNode): void => {
    if (n.type === 'AccessorNode' && ((n.index as AnyNode).dimensions as AnyNode[]).some((d) => d.name === letter))
      lengthOf((n.object as AnyNode).name as string);
    for (const key of ['args', 'items']) (n[key] as AnyNode[] | undefined)?.forEach(visit);
    if (n.content) visit(n.content as AnyNode);
  };
  visit(node as AnyNode);
  const distinct = [...new Set(lengths.values())];
  if (distinct.length === 0)
    throw new OverparamError(
      'index-range',
      `index \`${letter}\` has no range: subscript a vector with it, like w_${letter}`,
      span,
    );
  if (distinct.length > 1)
    throw new OverparamError(
      'index-range',
      `index \`${letter}\` ranges over vectors of different lengths: ${[...lengths].map(([n, l]) => `${n} (${l})`).join(', ')}`,
      span,
    );
  return distinct[0];
}

/** Expands every output definition into scalar rows, in definition order; problems become diagnostics. */
export function expandOutputs(
  stmts: readonly OutputStatement[],
  s: ExprStore,
  names: NameTable,
  diagnostics: Diagnostic[],
): OutputRow[] {
  const rows: OutputRow[] = [];
  const defined = new Set<string>();
  for (const st of stmts) {
    try {
      const m = /^(.+)_([A-Za-z])$/u.exec(st.name);
      const isName = (n: string): boolean => names.params.some((p) => p.name === n) || names.consts.has(n);
      const indexed = m && !isName(st.name) && !isName(m[2]) ? { base: m[1], letter: m[2] } : undefined;
      const base = indexed ? indexed.base : st.name;
      const reserved = reservedNameProblem(base);
      if (reserved) throw new OverparamError('not-allowed', `${reserved} and cannot be an output`, st.nameSpan);
      if (isName(base))
        throw new OverparamError('duplicate-output', `\`${base}\` is already a parameter or constant`, st.nameSpan);
      if (defined.has(base))
        throw new OverparamError('duplicate-output', `output \`${base}\` is defined twice`, st.nameSpan);
      defined.add(base);
      if (indexed) {
        const n = indexRange(st.value.node, indexed.letter, names, st.nameSpan);
        for (let i = 1; i <= n; i++) {
          const t = expand(st.value.node, st.value.spans, s, resolver(s, names, { letter: indexed.letter, value: i }));
          if (t.shape.length !== 0)
            throw new OverparamError(
              'shape',
              `each entry of an indexed output must be a scalar; this is ${shapeText(t.shape)}`,
              st.value.span,
            );
          rows.push({ name: `${base}[${i}]`, base, shape: [n], expr: t.data[0], span: st.nameSpan, line: st.line });
        }
      } else {
        const t = expand(st.value.node, st.value.spans, s, resolver(s, names));
        t.data.forEach((expr, k) =>
          rows.push({
            name: entryName(base, t.shape, k),
            base,
            shape: t.shape,
            expr,
            span: st.nameSpan,
            line: st.line,
          }),
        );
      }
      if (rows.length > LIMITS.outputs)
        throw new OverparamError('limit', `more than ${LIMITS.outputs} outputs, the limit`, st.nameSpan);
    } catch (e) {
      if (e instanceof OverparamError) diagnostics.push(e.toDiagnostic());
      else if (e instanceof RangeError)
        diagnostics.push({ severity: 'error', code: 'limit', message: e.message, ...st.span });
      else throw e;
    }
  }
  return rows;
}

/**
 * The outputs by name as tensors: of canonical variables (space 'outputs': row k is θ_k, the variables of a loss) or
 * of their expressions in the parameters (space 'params', for watches).
 */
export function outputTensors(
  s: ExprStore,
  rows: readonly OutputRow[],
  space: 'outputs' | 'params',
): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  rows.forEach((r, k) => {
    let t = out.get(r.base);
    if (!t) out.set(r.base, (t = { shape: r.shape, data: [] }));
    t.data.push(space === 'outputs' ? s.variable(k) : r.expr);
  });
  return out;
}
