import { spanOf, type Diagnostic, type Span } from './diagnostic';
import { checkDeadline } from './budget';
import { collectConsts, collectParams, entryName, sizeOf, type ParamInfo } from './language/declarations';
import { LIMITS } from './language/limits';
import { expandOutputs, type OutputRow } from './language/outputs';
import { collectPoints } from './language/points';
import {
  parseStatements,
  type AtStatement,
  type ConstStatement,
  type OutputStatement,
  type ParamStatement,
} from './language/statements';
import { makeEvaluator, type CompiledModel, type JacobianEntry } from './model';
import { modelShape } from './modelShape';
import { Differentiator } from './symbolic/differentiate';
import { ExprStore } from './symbolic/expr';

/** Options of compilation. */
export interface CompileOptions {
  /** Date.now() value after which compilation stops with BudgetExceededError. */
  deadline?: number;
}

/** What compilation knows about where things were written, for hovers and related information. */
export interface CompileSites {
  outputRows: OutputRow[];
  params: ParamInfo[];
}

/** Parses, checks and differentiates a document, and builds its batch evaluator. Never throws on bad input. */
export function compileDocument(
  text: string,
  options: CompileOptions = {},
): { model?: CompiledModel; diagnostics: Diagnostic[]; sites?: CompileSites } {
  const { statements, diagnostics } = parseStatements(text);
  const of = <K extends string>(k: K) => statements.filter((s) => s.kind === k);
  const store = new ExprStore(LIMITS.nodes);
  const params = collectParams(of('param') as ParamStatement[], diagnostics);
  const autoParams = of('param').length === 0;
  const consts = collectConsts(
    of('const') as ConstStatement[],
    store,
    (n) => params.some((p) => p.name === n),
    diagnostics,
  );
  checkDeadline(options.deadline, 'reading the definitions');
  const rows = expandOutputs(of('output') as OutputStatement[], store, { params, consts, autoParams }, diagnostics);
  const p = params.reduce((a, x) => a + sizeOf(x.shape), 0);
  const q = rows.length;
  const points = collectPoints(of('at') as AtStatement[], params, p, store, consts, diagnostics);
  const firstLine: Span = spanOf(1, 0, 1);
  const fail = (message: string, span: Span = firstLine) => {
    diagnostics.push({ severity: 'error', code: 'limit', message, ...span });
    return { diagnostics };
  };
  if (p > LIMITS.params) return fail(`${p} parameters; the limit is ${LIMITS.params}`, params[params.length - 1]?.span);
  if (q * p > LIMITS.jacobianEntries)
    return fail(`J would have ${q} x ${p} = ${q * p} entries; the limit is ${LIMITS.jacobianEntries}`);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  if (q === 0) {
    diagnostics.push({
      severity: 'error',
      code: 'syntax',
      message: 'no output is defined: write one like `θ_i = w_i^2`',
      ...firstLine,
    });
    return { diagnostics };
  }
  if (p === 0) {
    diagnostics.push({
      severity: 'error',
      code: 'syntax',
      message: 'the outputs depend on no parameter',
      ...rows[0].span,
    });
    return { diagnostics };
  }

  // J column by column: only outputs that depend on parameter j are differentiated (structural zeros are free).
  const byParam: number[][] = Array.from({ length: p }, () => []);
  rows.forEach((r, k) => r.expr.vars.forEach((j) => byParam[j].push(k)));
  const diff = new Differentiator(store);
  const entries: JacobianEntry[] = [];
  const pattern = new Uint8Array(q * p);
  try {
    for (let j = 0; j < p; j++) {
      if ((j & 15) === 0) checkDeadline(options.deadline, `differentiating (parameter ${j + 1} of ${p})`);
      for (const k of byParam[j]) {
        const expr = diff.derivative(rows[k].expr, j);
        if (expr.kind === 'num' && expr.value === 0) continue;
        entries.push({ row: k, col: j, expr });
        pattern[k * p + j] = 1;
      }
    }
  } catch (e) {
    if (e instanceof RangeError) return fail(`${e.message} while differentiating; simplify the model`);
    throw e;
  }
  entries.sort((a, b) => a.row - b.row || a.col - b.col);
  const names = params.flatMap((x) => Array.from({ length: sizeOf(x.shape) }, (_, k) => entryName(x.name, x.shape, k)));
  const symbolic = { store, outputs: rows.map((r) => r.expr), entries };
  const model: CompiledModel = {
    params: names,
    outputs: rows.map((r) => r.name),
    p,
    q,
    shape: modelShape(params, rows),
    points,
    pattern,
    symbolic,
    evaluate: makeEvaluator(symbolic, p, q),
    nonZeros: entries.length,
    evaluateCompact: makeEvaluator(symbolic, p, q, true),
  };
  return { model, diagnostics, sites: { outputRows: rows, params } };
}
