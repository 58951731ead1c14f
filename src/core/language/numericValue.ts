import { OverparamError } from '../diagnostic';
import type { ExprStore } from '../symbolic/expr';
import { interpret } from '../symbolic/interpret';
import { expand, type SymbolResolver } from './expand';
import type { Tensor } from './tensor';

/**
 * Expands an expression that may only use numbers, pi, e, constants (and the index letters `indices` binds, in `at v_i =
 * (-1)^i`), and checks every entry is a finite number.
 */
export function numericTensor(
  node: Parameters<typeof expand>[0],
  spans: Parameters<typeof expand>[1],
  store: ExprStore,
  consts: ReadonlyMap<string, Tensor>,
  indices?: ReadonlyMap<string, number>,
): Tensor {
  const resolver: SymbolResolver = {
    resolve(name, span) {
      if (name === 'pi' || name === 'e') return { shape: [], data: [store.constant(name)] };
      const index = indices?.get(name);
      if (index !== undefined) return { shape: [], data: [store.num(index)] };
      const c = consts.get(name);
      if (c) return c;
      throw new OverparamError(
        'unknown-symbol',
        `unknown symbol \`${name}\`: only numbers, pi, e and constants can be used here`,
        span,
      );
    },
    indexValue: (name) => indices?.get(name),
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
