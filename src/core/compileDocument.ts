import { OverparamError, spanOf, type Diagnostic, type Span } from './diagnostic';
import { checkDeadline } from './budget';
import { compileData, pickDataLines } from './language/dataSets';
import { collectConsts, collectParams, entryName, sizeOf, type ParamInfo } from './language/declarations';
import { LIMITS } from './language/limits';
import { compileLoss, compileWatches, lossSpecOf } from './language/objectiveLines';
import { expandOutputs, type OutputRow } from './language/outputs';
import { collectPoints } from './language/points';
import { parseStatements, type Statement } from './language/statements';
import { checkSweepSizes, collectSweeps, parameterLimitMessage, type SweepInfo } from './language/sweeps';
import type { DataSpec, LossSpec, Watch } from './lossSpec';
import { makeEvaluator, type CompiledModel, type JacobianEntry, type SymbolicModel } from './model';
import { modelShape } from './modelShape';
import { columnsOf, lazySymbolic, rowJacobian, templateJacobian, templateRows } from './language/jacobian';
import { ExprStore, type Expr } from './symbolic/expr';
import type { RowTemplate } from './symbolic/rowTemplate';

/** Data models with at least this many J entries (n x p) are compiled once for all inputs (a row template). */
const ROW_TEMPLATE_MIN = 100_000;

/** Options of compilation. */
export interface CompileOptions {
  /** Date.now() value after which compilation stops with BudgetExceededError. */
  deadline?: number;
  /** The value of each sweep to compile for (default: each sweep's first value); a value not listed is an error. */
  sweep?: Record<string, number>;
  /** A seed that replaces the file's `seed` line (default: the file's seed, else 1). */
  seed?: number;
}

/** What compilation knows about where things were written, for hovers and related information. */
export interface CompileSites {
  outputRows: OutputRow[];
  params: ParamInfo[];
}

/** Everything compilation produces; `model` (and with it loss and data) only when there is no error. */
export interface CompileResult {
  model?: CompiledModel;
  diagnostics: Diagnostic[];
  sites?: CompileSites;
  /** The canonical loss: a `loss` line, or with data ½ Σ_k (F_k - y_k)². */
  loss?: LossSpec;
  /** The training (and test) data of a file with `model` and `data`. */
  data?: DataSpec;
  watches: Watch[];
  /** The seed the draws used. */
  seed: number;
  /** Every sweep of the file with all its values (this compilation is for one value of each: `options.sweep`). */
  sweeps: SweepInfo[];
}

type Of = <K extends Statement['kind']>(k: K) => Extract<Statement, { kind: K }>[];

/**
 * Parses, checks and differentiates a document, and builds its batch evaluator, its loss, data and watches. Never
 * throws on bad input. Canonical space: J is dθ/dW of the defined outputs; a file with `model` and `data` but no
 * outputs takes the predictions F_k = f(X_k) as its outputs (J = DF); with both, the predictions are expressions of θ.
 */
export function compileDocument(text: string, options: CompileOptions = {}): CompileResult {
  const { statements, diagnostics, failed } = parseStatements(text);
  const of: Of = (k) => statements.filter((s) => s.kind === k) as never;
  const seeds = of('seed');
  for (const extra of seeds.slice(1))
    diagnostics.push({
      severity: 'error',
      code: 'syntax',
      message: `a second \`seed\` line: the file's seed is set once (line ${seeds[0].line})`,
      ...extra.span,
    });
  const seed = options.seed ?? seeds[0]?.value ?? 1;
  const sw = collectSweeps(of('sweep'), options.sweep, diagnostics);
  const base: CompileResult = { diagnostics, watches: [], seed, sweeps: sw.sweeps };
  // Every sweep value's sizes, before any work.
  if (!checkSweepSizes(sw.lines, of('param'), of('const'), diagnostics)) return base;
  const store = new ExprStore(LIMITS.nodes);
  const params = collectParams(of('param'), diagnostics, sw.values);
  // Parameters count through the work they need (a column of J each), checked before any expression is built.
  const over = params.find((x) => x.offset + sizeOf(x.shape) > LIMITS.jacobianPattern);
  if (over) {
    const declared = params.reduce((a, x) => a + sizeOf(x.shape), 0);
    diagnostics.push({ severity: 'error', code: 'limit', message: parameterLimitMessage(declared), ...over.span });
    return base;
  }
  const autoParams = of('param').length === 0;
  const isParam = (n: string) => params.some((p) => p.name === n);
  const consts = collectConsts(of('const'), store, isParam, diagnostics, { sweeps: sw.values, seed });
  checkDeadline(options.deadline, 'reading the definitions');
  let rows = expandOutputs(of('output'), store, { params, consts, autoParams }, diagnostics);
  const lines = pickDataLines(statements, diagnostics, failed);
  let data: DataSpec | undefined;
  const guard = (f: () => void, span: Span) => {
    try {
      f();
    } catch (e) {
      if (e instanceof OverparamError) diagnostics.push(e.toDiagnostic());
      else if (e instanceof RangeError)
        diagnostics.push({ severity: 'error', code: 'limit', message: e.message, ...span });
      else throw e;
    }
  };
  const { model: modelLine, data: dataLine } = lines;
  let template: { f: Expr; p: number } | undefined;
  if (modelLine && dataLine && !diagnostics.some((d) => d.severity === 'error'))
    guard(() => {
      const r = compileData(
        { ...lines, model: modelLine, data: dataLine },
        store,
        { params, consts, autoParams, rows },
        ROW_TEMPLATE_MIN,
      );
      data = r.data;
      if (r.rows) rows = r.rows;
      template = r.template;
    }, modelLine.span);
  // A templated model's rows are f at each input, built only when something asks for their expressions.
  if (template && data && modelLine) rows = templateRows(store, template.f, template.p, data, modelLine);
  const names = { params, consts, rows };
  let written: Expr | undefined;
  const lossLine = of('loss')[0];
  if (lossLine) guard(() => (written = compileLoss(lossLine, store, names)), lossLine.span);
  const watches = compileWatches(of('watch'), store, names, diagnostics);
  const p = params.reduce((a, x) => a + sizeOf(x.shape), 0);
  const q = rows.length;
  const points = collectPoints(of('at'), params, p, { store, consts, seed }, diagnostics);
  const firstLine: Span = spanOf(1, 0, 1);
  const fail = (message: string, span: Span = firstLine) => {
    diagnostics.push({ severity: 'error', code: 'limit', message, ...span });
    return base;
  };
  const structural = template ? q * columnsOf(template.f, p).length : rows.reduce((a, r) => a + r.expr.vars.length, 0);
  if (structural > LIMITS.jacobianPattern)
    return fail(
      `J would have ${structural} structural non-zeros; the limit is ${LIMITS.jacobianPattern}`,
      rows[0]?.span,
    );
  if (q * p > LIMITS.jacobianEntries)
    return fail(`J would have ${q} x ${p} = ${q * p} entries; the limit is ${LIMITS.jacobianEntries}`);
  if (diagnostics.some((d) => d.severity === 'error')) return base;
  if (q === 0) {
    diagnostics.push({
      severity: 'error',
      code: 'syntax',
      message: 'no output is defined: write one like `θ_i = w_i^2`',
      ...firstLine,
    });
    return base;
  }
  if (p === 0) {
    diagnostics.push({
      severity: 'error',
      code: 'syntax',
      message: 'the outputs depend on no parameter',
      ...rows[0].span,
    });
    return base;
  }

  let jacobian: { entries: JacobianEntry[]; pattern: Uint8Array; rows?: RowTemplate };
  try {
    jacobian = template
      ? templateJacobian(store, template.f, p, data!, options.deadline)
      : rowJacobian(store, rows, p, options.deadline);
  } catch (e) {
    if (e instanceof RangeError) return fail(`${e.message} while differentiating; simplify the model`);
    throw e;
  }
  const { entries, pattern } = jacobian;
  const paramNames = params.flatMap((x) =>
    Array.from({ length: sizeOf(x.shape) }, (_, k) => entryName(x.name, x.shape, k)),
  );
  const symbolic: SymbolicModel = jacobian.rows
    ? lazySymbolic(store, jacobian.rows, rows)
    : { store, outputs: rows.map((r) => r.expr), entries };
  const model: CompiledModel = {
    params: paramNames,
    outputs: rows.map((r) => r.name),
    p,
    q,
    shape: modelShape(params, rows),
    points,
    pattern,
    symbolic,
    evaluate: makeEvaluator(symbolic, p, q),
    nonZeros: jacobian.rows ? q * jacobian.rows.cols.length : entries.length,
    evaluateCompact: makeEvaluator(symbolic, p, q, true),
  };
  const loss = lossSpecOf(store, written, data);
  return { ...base, model, sites: { outputRows: rows, params }, loss, data, watches };
}
