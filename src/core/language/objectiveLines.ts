// `loss = …` and `watch name = …`: the canonical loss L(θ) and the scalars tracked along trajectories.
import { OverparamError, type Diagnostic } from '../diagnostic';
import type { LossSpec, Watch } from '../lossSpec';
import type { Expr, ExprStore } from '../symbolic/expr';
import { reservedNameProblem, type ParamInfo } from './declarations';
import { expand } from './expand';
import { outputTensors, paramTensor, type OutputRow } from './outputs';
import { scopeResolver } from './scope';
import type { LossStatement, WatchStatement } from './statementTypes';
import { shapeText, type Tensor } from './tensor';

/** The names of a document once its outputs are known. */
export interface ObjectiveNames {
  params: readonly ParamInfo[];
  consts: ReadonlyMap<string, Tensor>;
  rows: readonly OutputRow[];
}

/** The message of a loss that names a parameter (the canonical-space rule). */
export const LOSS_SEES_THETA = 'the loss sees the parameters only through θ';

/** Expands a scalar expression or throws at it. */
function scalarOf(st: { value: LossStatement['value'] }, t: Tensor, what: string): Expr {
  if (t.shape.length !== 0)
    throw new OverparamError('shape', `${what} is a number; this is ${shapeText(t.shape)}`, st.value.span);
  return t.data[0];
}

/**
 * L(θ) of a `loss = …` line: an expression of the outputs (variables = output indices) and constants. A parameter
 * in it is an error: the loss sees the parameters only through θ.
 */
export function compileLoss(st: LossStatement, s: ExprStore, names: ObjectiveNames): Expr {
  const outputs = outputTensors(s, names.rows, 'outputs');
  const resolver = scopeResolver(s, {
    lookup(name, span) {
      if (names.params.some((p) => p.name === name))
        throw new OverparamError(
          'not-allowed',
          `${LOSS_SEES_THETA}: \`${name}\` is a parameter; write L in the outputs (${[...outputs.keys()].join(', ') || 'none defined'})`,
          span,
        );
      return outputs.get(name) ?? names.consts.get(name);
    },
  });
  return scalarOf(st, expand(st.value.node, st.value.spans, s, resolver), 'the loss');
}

/**
 * The loss of a file: its `loss` line, or with data the default L = Σ_k ℓ_k, ℓ_k = ½ (F_k - y_k)², where F_k is θ_k
 * (predictions as outputs) or the prediction's expression of θ. A written loss has no per-sample losses.
 */
export function lossSpecOf(
  s: ExprStore,
  written: Expr | undefined,
  data: { targets: Float64Array; predictions: readonly Expr[] | null } | undefined,
): LossSpec | undefined {
  if (written) return { loss: written, samples: null, source: 'loss' };
  if (!data) return undefined;
  const half = s.num(0.5),
    two = s.num(2);
  const samples = Array.from(data.targets, (y, k) =>
    s.mul([half, s.pow(s.sub(data.predictions ? data.predictions[k] : s.variable(k), s.num(y)), two)]),
  );
  return { loss: s.add(samples), samples, source: 'data' };
}

/** The `watch` lines as scalars of the parameters (they may use parameters, outputs as their ψ(W), constants). */
export function compileWatches(
  stmts: readonly WatchStatement[],
  s: ExprStore,
  names: ObjectiveNames,
  diagnostics: Diagnostic[],
): Watch[] {
  // No watch, no work: a templated model's rows are built only when something names them.
  if (stmts.length === 0) return [];
  const outputs = outputTensors(s, names.rows, 'params');
  const resolver = scopeResolver(s, {
    lookup(name) {
      const p = names.params.find((x) => x.name === name);
      return p ? paramTensor(s, p) : (outputs.get(name) ?? names.consts.get(name));
    },
  });
  const watches: Watch[] = [];
  for (const st of stmts) {
    try {
      const reserved = reservedNameProblem(st.name);
      if (reserved) throw new OverparamError('not-allowed', `${reserved} and cannot name a watch`, st.nameSpan);
      if (watches.some((w) => w.name === st.name))
        throw new OverparamError('duplicate-output', `watch \`${st.name}\` is defined twice`, st.nameSpan);
      const expr = scalarOf(st, expand(st.value.node, st.value.spans, s, resolver), 'a watch');
      watches.push({ name: st.name, expr });
    } catch (e) {
      if (e instanceof OverparamError) diagnostics.push(e.toDiagnostic());
      else if (e instanceof RangeError)
        diagnostics.push({ severity: 'error', code: 'limit', message: e.message, ...st.span });
      else throw e;
    }
  }
  return watches;
}
