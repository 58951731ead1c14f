import { OverparamError, type Diagnostic, type Span } from '../diagnostic';
import type { ExprStore } from '../symbolic/expr';
import { sizeOf, type ParamInfo } from './declarations';
import { numericTensor } from './numericValue';
import { distributionArgs, drawNumbers } from './draws';
import type { AtAssignment, AtStatement } from './statementTypes';
import { shapeText, type Tensor } from './tensor';
import type { ModelPoint } from '../model';
import { modelShape } from '../modelShape';
import { pointLabel } from '../../format/point';

/** Resolves `w1` to entry 1 of vector `w` when no parameter is called `w1` (handy on command lines). */
export function findTarget(
  params: readonly ParamInfo[],
  name: string,
  index: number[] | undefined,
): { param: ParamInfo; index?: number[] } | undefined {
  const direct = params.find((p) => p.name === name);
  if (direct) return { param: direct, index };
  const m = /^(.+?)_?(\d+)$/u.exec(name);
  if (!m || index) return undefined;
  const vec = params.find((p) => p.name === m[1] && p.shape.length === 1);
  if (vec) return { param: vec, index: [Number(m[2])] };
  // A list of entries (`w[1]`, `w[2]`, as pointFromNames passes) finds `w1` as the entry `w[1]`.
  const entry = params.find((p) => p.name === `${m[1]}[${Number(m[2])}]`);
  return entry ? { param: entry } : undefined;
}

/** The flat offset of a 1-based index into a parameter, or an error at the target. */
function flatIndex(param: ParamInfo, index: readonly number[], span: Span): number {
  if (index.length !== param.shape.length)
    throw new OverparamError(
      'shape',
      `\`${param.name}\` is ${shapeText(param.shape)}: give ${param.shape.length} index${param.shape.length === 1 ? '' : 'es'}`,
      span,
    );
  let flat = 0;
  index.forEach((d, k) => {
    if (d < 1 || d > param.shape[k])
      throw new OverparamError(
        'index-range',
        `index ${d} is out of range 1..${param.shape[k]} for \`${param.name}\``,
        span,
      );
    flat = flat * param.shape[k] + d - 1;
  });
  return flat;
}

/** `v_i` or `U_ij`: an indexed point formula's parameter and letters, or undefined when the name is none. */
function indexedTarget(
  params: readonly ParamInfo[],
  a: AtAssignment,
): { param: ParamInfo; letters: string[] } | undefined {
  const m = /^(.+)_([A-Za-z]{1,2})$/u.exec(a.name);
  const param = m && !a.index ? params.find((q) => q.name === m[1]) : undefined;
  if (!m || !param) return undefined;
  const letters = [...m[2]];
  if (param.shape.length !== letters.length || (letters.length === 2 && letters[0] === letters[1]))
    throw new OverparamError(
      'shape',
      `\`${param.name}\` is ${shapeText(param.shape)}: an indexed formula names ${param.shape.length === 2 ? 'two different letters, like U_ij' : param.shape.length === 1 ? 'one letter, like v_i' : 'no letter; write `' + param.name + ' = …`'}`,
      a.nameSpan,
    );
  return { param, letters };
}

const scalarValue = (t: Tensor): number => (t.data[0] as { value: number }).value;

/** What `at` values may use, and the seed of their draws. */
export interface PointContext {
  store: ExprStore;
  consts: ReadonlyMap<string, Tensor>;
  seed: number;
}

/**
 * Builds full parameter vectors from `at` lines; missing parameters, wrong shapes and unknown names are diagnostics.
 * A value is an expression (`w = [1, 0]`, `w = 0.5` for every entry, `w[1] = 3`), an indexed formula (`v_i = (-1)^i`,
 * `U_ij = sin(i + j)`, letters 1-based) or a seeded draw (`U ~ normal(0, 0.1)`): the n-th `at` line that draws
 * parameter U reads the stream `at U #n` (n from 1), so draws do not move when other lines are added.
 */
export function collectPoints(
  stmts: readonly AtStatement[],
  params: readonly ParamInfo[],
  p: number,
  ctx: PointContext,
  diagnostics: Diagnostic[],
): ModelPoint[] {
  const { store, consts } = ctx;
  const points: ModelPoint[] = [];
  const drawn = new Map<string, number>();
  for (const st of stmts) {
    try {
      const values = new Float64Array(p).fill(NaN);
      const drawsHere = new Set<string>();
      for (const a of st.assignments) {
        const formula = indexedTarget(params, a);
        if (formula) {
          if (a.draw) throw new OverparamError('syntax', 'an indexed formula is `v_i = …`, not a draw', a.nameSpan);
          const { param, letters } = formula;
          const n = sizeOf(param.shape);
          const cols = param.shape[1] ?? 1;
          for (let k = 0; k < n; k++) {
            const idx = letters.length === 1 ? [k + 1] : [Math.floor(k / cols) + 1, (k % cols) + 1];
            const t = numericTensor(
              a.value!.node,
              a.value!.spans,
              store,
              consts,
              new Map(letters.map((l, d) => [l, idx[d]])),
            );
            if (t.shape.length !== 0)
              throw new OverparamError(
                'shape',
                `each entry of \`${a.name}\` is a number, not ${shapeText(t.shape)}`,
                a.value!.span,
              );
            values[param.offset + k] = scalarValue(t);
          }
          continue;
        }
        const target = findTarget(params, a.name, a.index);
        if (!target) throw new OverparamError('unknown-symbol', `unknown parameter \`${a.name}\``, a.nameSpan);
        const { param, index } = target;
        const size = sizeOf(param.shape);
        const flat = index ? flatIndex(param, index, a.nameSpan) : undefined;
        if (a.draw) {
          const args = distributionArgs(a.draw, store, consts);
          drawsHere.add(param.name);
          const stream = `at ${param.name} #${(drawn.get(param.name) ?? 0) + 1}`;
          const xs = drawNumbers(a.draw, args, ctx.seed, stream, flat === undefined ? size : 1, flat ?? 0);
          values.set(xs, param.offset + (flat ?? 0));
          continue;
        }
        const t = numericTensor(a.value!.node, a.value!.spans, store, consts);
        if (flat !== undefined) {
          if (t.shape.length !== 0)
            throw new OverparamError(
              'shape',
              `\`${a.name}\` is one entry; give a number, not ${shapeText(t.shape)}`,
              a.value!.span,
            );
          values[param.offset + flat] = scalarValue(t);
        } else if (t.shape.length === 0 && param.shape.length > 0) {
          // `at w = 0.5` sets every entry: the only way to write a point of a large parameter on one line.
          values.fill(scalarValue(t), param.offset, param.offset + size);
        } else {
          if (t.shape.length !== param.shape.length || t.shape.some((d, i) => d !== param.shape[i])) {
            throw new OverparamError(
              'point',
              `\`${param.name}\` is ${shapeText(param.shape)}, but the value is ${shapeText(t.shape)}`,
              a.value!.span,
            );
          }
          t.data.forEach((x, k) => {
            values[param.offset + k] = (x as { value: number }).value;
          });
        }
      }
      for (const name of drawsHere) drawn.set(name, (drawn.get(name) ?? 0) + 1);
      const missing = params
        .filter((q) => Array.from(values.subarray(q.offset, q.offset + sizeOf(q.shape))).some(Number.isNaN))
        .map((q) => q.name);
      if (missing.length)
        throw new OverparamError(
          'point',
          `the point misses ${missing.length === 1 ? 'parameter' : 'parameters'} ${missing.map((m) => `\`${m}\``).join(', ')}`,
          st.span,
        );
      points.push({ values, span: st.span, label: pointLabel(modelShape(params, []).params, values) });
    } catch (e) {
      if (e instanceof OverparamError) diagnostics.push(e.toDiagnostic());
      else throw e;
    }
  }
  return points;
}
