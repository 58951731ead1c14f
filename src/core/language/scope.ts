// Symbol resolution shared by every kind of expression (outputs, loss, model, watches): a lookup of whole names,
// `pi` and `e`, subscripts `w_2` / `w_i` of vectors, and what happens to a name nobody knows.
import { OverparamError, type Span } from '../diagnostic';
import type { ExprStore } from '../symbolic/expr';
import type { SymbolResolver } from './expand';
import { shapeText, type Tensor } from './tensor';

/** How one kind of expression sees names. */
export interface Scope {
  /** The tensor a whole name stands for, or undefined. May throw (a name this expression must not use). */
  lookup(name: string, span: Span): Tensor | undefined;
  /** The index letter bound while expanding an indexed definition (`i` in `θ_i = w_i^2`). */
  index?: { letter: string; value: number };
  /** Called for a name that is none of the above; returns its tensor or throws (default: unknown symbol). */
  unknown?(name: string, span: Span): Tensor;
}

/** A SymbolResolver over a scope. */
export function scopeResolver(s: ExprStore, scope: Scope): SymbolResolver {
  const { index } = scope;
  return {
    indexValue: (name) => (index && name === index.letter ? index.value : undefined),
    resolve(name, span) {
      const direct = scope.lookup(name, span);
      if (direct) return direct;
      if (name === 'pi' || name === 'e') return { shape: [], data: [s.constant(name)] };
      if (index && name === index.letter) return { shape: [], data: [s.num(index.value)] };
      const sub = /^(.+)_([A-Za-z]|\d+)$/u.exec(name);
      if (sub) {
        const base = scope.lookup(sub[1], span);
        const k = /^\d+$/.test(sub[2]) ? Number(sub[2]) : index && sub[2] === index.letter ? index.value : undefined;
        if (base && k === undefined)
          throw new OverparamError(
            'index-range',
            `\`${sub[2]}\` in \`${name}\` is not an index letter of this definition`,
            span,
          );
        if (base && k !== undefined) {
          if (base.shape.length !== 1)
            throw new OverparamError(
              'shape',
              `\`${sub[1]}\` is ${shapeText(base.shape)}; subscripts like \`${name}\` index vectors`,
              span,
            );
          if (k < 1 || k > base.shape[0])
            throw new OverparamError(
              'index-range',
              `index ${k} is out of range 1..${base.shape[0]} for \`${sub[1]}\``,
              span,
            );
          return { shape: [], data: [base.data[k - 1]] };
        }
      }
      if (scope.unknown) return scope.unknown(name, span);
      throw new OverparamError('unknown-symbol', `unknown symbol \`${name}\``, span);
    },
  };
}
