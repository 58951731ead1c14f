import { OverparamError } from '../diagnostic';
import type { Dim } from './statementTypes';

/** A size's dimensions with sweep names replaced by their values; an unknown name is an error at it. */
export function resolveDims(dims: readonly Dim[], values: ReadonlyMap<string, number>): number[] {
  return dims.map((d) => {
    if (typeof d === 'number') return d;
    const v = values.get(d.name);
    if (v === undefined)
      throw new OverparamError(
        'unknown-symbol',
        `a size is a whole number or a sweep: \`${d.name}\` is not a sweep (write \`sweep ${d.name} = …\`)`,
        d.span,
      );
    if (!Number.isInteger(v) || v < 1)
      throw new OverparamError('shape', `a size must be a whole number of at least 1; ${d.name} = ${v}`, d.span);
    return v;
  });
}
