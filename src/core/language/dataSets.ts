// `model f(x) = …`, `data X, y` and `test Xt, yt`: the predictions F_k = f(X_k) and the DataSpec of the contract.
import { OverparamError, type Diagnostic } from '../diagnostic';
import type { DataSpec } from '../lossSpec';
import type { Expr, ExprStore } from '../symbolic/expr';
import { reservedNameProblem, sizeOf, type ParamInfo } from './declarations';
import { expand } from './expand';
import { LIMITS } from './limits';
import { outputTensors, paramTensor, type OutputRow } from './outputs';
import { scopeResolver } from './scope';
import type { DataStatement, LossStatement, ModelStatement, Statement } from './statementTypes';
import { shapeText, type Tensor } from './tensor';

/** The model, data and test lines of a file once their counts and pairing are checked. */
export interface DataLines {
  model?: ModelStatement;
  data?: DataStatement;
  test?: DataStatement;
}

/** One `model`, `data`, `test` and `loss` line at most; a model needs data, data and a test set need a model. */
export function pickDataLines(
  statements: readonly Statement[],
  diagnostics: Diagnostic[],
  failed: ReadonlySet<string> = new Set(),
): DataLines {
  const once = <S extends Statement & { span: ModelStatement['span'] }>(kind: S['kind']): S | undefined => {
    const all = statements.filter((s) => s.kind === kind) as S[];
    for (const extra of all.slice(1))
      diagnostics.push({
        severity: 'error',
        code: 'syntax',
        message: `a second \`${kind}\` line: a file has one (line ${all[0].line})`,
        ...extra.span,
      });
    return all[0];
  };
  const model = once<ModelStatement>('model'),
    data = once<DataStatement>('data'),
    test = once<DataStatement>('test');
  once<LossStatement>('loss');
  const need = (message: string, st: { span: DataStatement['span'] }) =>
    diagnostics.push({ severity: 'error', code: 'syntax', message, ...st.span });
  if (model && !data && !failed.has('data')) need('the model has no data: add a training set like `data X, y`', model);
  if (data && !model && !failed.has('model'))
    need('data need a model of one input, like `model f(x) = a * x + b`', data);
  if (test && !data && !failed.has('data')) need('a test set needs a training set: add `data X, y`', test);
  return { model, data, test };
}

/** A data set read from its constants: the inputs as rows (scalars or vectors) and the targets. */
interface DataSet {
  rows: Tensor[];
  inputs: Float64Array;
  inputDim: number;
  targets: Float64Array;
}

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

const valueOf = (e: Expr): number => (e as { value: number }).value;

/** Reads `data X, y` (or `test Xt, yt`): X a vector (scalar inputs) or a matrix (one input per row), y a vector. */
function readSet(st: DataStatement, consts: ReadonlyMap<string, Tensor>, isParam: (n: string) => boolean): DataSet {
  const get = (ref: DataStatement['inputs']): Tensor => {
    const t = consts.get(ref.name);
    if (t) return t;
    const what = isParam(ref.name) ? 'is a parameter' : 'is not defined';
    throw new OverparamError('unknown-symbol', `data are constants: \`${ref.name}\` ${what}`, ref.span);
  };
  const X = get(st.inputs),
    y = get(st.targets);
  if (X.shape.length === 0)
    throw new OverparamError(
      'shape',
      `\`${st.inputs.name}\` is a scalar: inputs are a vector (one number per sample) or a matrix (one row per sample)`,
      st.inputs.span,
    );
  const n = X.shape[0],
    d = X.shape[1] ?? 1;
  if (y.shape.length !== 1)
    throw new OverparamError(
      'shape',
      `the targets \`${st.targets.name}\` must be a vector, not ${shapeText(y.shape)}`,
      st.targets.span,
    );
  if (y.shape[0] !== n)
    throw new OverparamError(
      'shape',
      `\`${st.targets.name}\` has ${count(y.shape[0], 'target')} but \`${st.inputs.name}\` has ${count(n, 'input')}; their lengths must agree`,
      st.targets.span,
    );
  const rows = Array.from({ length: n }, (_, k): Tensor =>
    X.shape.length === 1 ? { shape: [], data: [X.data[k]] } : { shape: [d], data: X.data.slice(k * d, (k + 1) * d) },
  );
  return { rows, inputs: Float64Array.from(X.data, valueOf), inputDim: d, targets: Float64Array.from(y.data, valueOf) };
}

/** The names a model sees and how a name nobody knows is handled (a new parameter when nothing is declared). */
export interface ModelNames {
  params: ParamInfo[];
  consts: ReadonlyMap<string, Tensor>;
  autoParams: boolean;
  /** The outputs defined by output lines (empty: the predictions become the outputs). */
  rows: readonly OutputRow[];
}

/** f at each row of a set: expressions of the parameters (no outputs) or of θ (with outputs; variables = rows). */
function predict(
  model: ModelStatement,
  set: DataSet,
  ref: DataStatement['inputs'],
  s: ExprStore,
  names: ModelNames,
): Expr[] {
  const outputs = names.rows.length ? outputTensors(s, names.rows, 'outputs') : undefined;
  let x: Tensor = set.rows[0];
  const resolver = scopeResolver(s, {
    lookup(name, span) {
      if (name === model.arg) return x;
      const param = names.params.find((p) => p.name === name);
      if (param && outputs)
        throw new OverparamError(
          'unknown-symbol',
          `the model sees the parameters only through the outputs here: \`${name}\` is a parameter (write f in ${[...outputs.keys()].join(', ')})`,
          span,
        );
      if (param) return paramTensor(s, param);
      return outputs?.get(name) ?? names.consts.get(name);
    },
    unknown(name, span) {
      if (names.autoParams && !outputs && !reservedNameProblem(name)) {
        const info: ParamInfo = {
          name,
          shape: [],
          offset: names.params.reduce((a, p) => a + sizeOf(p.shape), 0),
          span,
        };
        names.params.push(info);
        return paramTensor(s, info);
      }
      throw new OverparamError('unknown-symbol', `unknown symbol \`${name}\``, span);
    },
  });
  const rowText = `each ${shapeText(set.rows[0]?.shape ?? [])}`;
  return set.rows.map((row, k) => {
    x = row;
    let t: Tensor;
    try {
      t = expand(model.value.node, model.value.spans, s, resolver);
    } catch (e) {
      if (e instanceof OverparamError && e.code === 'shape')
        throw new OverparamError(
          'shape',
          `the rows of \`${ref.name}\` (${rowText}) do not fit \`${model.name}\`: ${e.message}`,
          ref.span,
        );
      throw e;
    }
    if (t.shape.length !== 0)
      throw new OverparamError(
        'shape',
        `${model.name}(${ref.name}[${k + 1}]) is ${shapeText(t.shape)}, not a number: the rows of \`${ref.name}\` (${rowText}) do not fit \`${model.name}\``,
        ref.span,
      );
    return t.data[0];
  });
}

/**
 * Compiles the data side. Without output lines the predictions are returned as `rows` (they become the outputs,
 * θ = F, and `data.predictions` is null); with output lines they are expressions of θ.
 */
export function compileData(
  lines: Required<Pick<DataLines, 'model' | 'data'>> & DataLines,
  s: ExprStore,
  names: ModelNames,
  rowTemplateMin = Infinity,
): { data: DataSpec; rows?: OutputRow[]; template?: { f: Expr; p: number } } {
  const { model, data, test } = lines;
  const isParam = (n: string) => names.params.some((p) => p.name === n);
  const reserved = reservedNameProblem(model.name) ?? reservedNameProblem(model.arg);
  if (reserved)
    throw new OverparamError('not-allowed', `${reserved} and cannot name a model or its input`, model.nameSpan);
  if (isParam(model.arg) || names.consts.has(model.arg))
    throw new OverparamError(
      'duplicate-output',
      `the input \`${model.arg}\` is already a parameter or constant`,
      model.argSpan,
    );
  const train = readSet(data, names.consts, isParam);
  if (train.rows.length > LIMITS.outputs)
    throw new OverparamError('limit', `more than ${LIMITS.outputs} samples, the limit`, data.inputs.span);
  const space = names.rows.length ? 'outputs' : 'params';
  const p = names.params.reduce((a, x) => a + sizeOf(x.shape), 0);
  // A large model on declared parameters is expanded once, with the input as the variables p, p + 1, …: f(W, x).
  const templated = space === 'params' && !names.autoParams && train.rows.length * p >= rowTemplateMin;
  let template: { f: Expr; p: number } | undefined;
  if (templated) {
    const d = train.inputDim;
    const vars = Array.from({ length: d }, (_, c) => s.variable(p + c));
    const x: Tensor = train.rows[0].shape.length === 0 ? { shape: [], data: vars } : { shape: [d], data: vars };
    template = { f: predict(model, { ...train, rows: [x] }, data.inputs, s, names)[0], p };
  }
  const F = template ? [] : predict(model, train, data.inputs, s, names);
  let testSpec: DataSpec['test'] = null;
  if (test) {
    const set = readSet(test, names.consts, isParam);
    if (set.inputDim !== train.inputDim || (set.rows[0]?.shape.length ?? 0) !== (train.rows[0]?.shape.length ?? 0))
      throw new OverparamError(
        'shape',
        `the test inputs \`${test.inputs.name}\` have rows of ${set.inputDim}, the training inputs rows of ${train.inputDim}`,
        test.inputs.span,
      );
    testSpec = { predictions: predict(model, set, test.inputs, s, names), space, targets: set.targets };
  }
  const spec: DataSpec = {
    n: train.rows.length,
    inputs: train.inputs,
    inputDim: train.inputDim,
    targets: train.targets,
    predictions: space === 'outputs' ? F : null,
    test: testSpec,
  };
  if (space === 'outputs') return { data: spec };
  const n = train.rows.length;
  if (template) return { data: spec, rows: [], template };
  const rows = F.map((expr, k) => ({
    name: `${model.name}[${k + 1}]`,
    base: model.name,
    shape: [n],
    expr,
    span: model.nameSpan,
    line: model.line,
  }));
  return { data: spec, rows };
}
