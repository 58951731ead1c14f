import { OverparamError, type Diagnostic } from '../diagnostic';
import type { ExprStore } from '../symbolic/expr';
import { numericTensor, sizeOf, type ParamInfo } from './declarations';
import type { AtStatement } from './statements';
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

/** Builds full parameter vectors from `at` lines; missing parameters, wrong shapes and unknown names are diagnostics. */
export function collectPoints(
  stmts: readonly AtStatement[],
  params: readonly ParamInfo[],
  p: number,
  store: ExprStore,
  consts: ReadonlyMap<string, Tensor>,
  diagnostics: Diagnostic[],
): ModelPoint[] {
  const points: ModelPoint[] = [];
  for (const st of stmts) {
    try {
      const values = new Float64Array(p).fill(NaN);
      for (const a of st.assignments) {
        const target = findTarget(params, a.name, a.index);
        if (!target) throw new OverparamError('unknown-symbol', `unknown parameter \`${a.name}\``, a.nameSpan);
        const t = numericTensor(a.value.node, a.value.spans, store, consts);
        const { param, index } = target;
        if (index) {
          if (index.length !== param.shape.length)
            throw new OverparamError(
              'shape',
              `\`${param.name}\` is ${shapeText(param.shape)}: give ${param.shape.length} index${param.shape.length === 1 ? '' : 'es'}`,
              a.nameSpan,
            );
          let flat = 0;
          index.forEach((d, k) => {
            if (d < 1 || d > param.shape[k])
              throw new OverparamError(
                'index-range',
                `index ${d} is out of range 1..${param.shape[k]} for \`${param.name}\``,
                a.nameSpan,
              );
            flat = flat * param.shape[k] + d - 1;
          });
          if (t.shape.length !== 0)
            throw new OverparamError(
              'shape',
              `\`${a.name}\` is one entry; give a number, not ${shapeText(t.shape)}`,
              a.value.span,
            );
          values[param.offset + flat] = (t.data[0] as { value: number }).value;
        } else if (t.shape.length === 0 && param.shape.length > 0) {
          // `at w = 0.5` sets every entry: the only way to write a point of a large parameter on one line.
          values.fill((t.data[0] as { value: number }).value, param.offset, param.offset + sizeOf(param.shape));
        } else {
          if (t.shape.length !== param.shape.length || t.shape.some((d, i) => d !== param.shape[i])) {
            throw new OverparamError(
              'point',
              `\`${param.name}\` is ${shapeText(param.shape)}, but the value is ${shapeText(t.shape)}`,
              a.value.span,
            );
          }
          t.data.forEach((x, k) => {
            values[param.offset + k] = (x as { value: number }).value;
          });
        }
      }
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
