// Seeded draws: the numbers of `const a[m] ~ normal(0, 1)` and `at U ~ uniform(-1, 1)`, from src/core/random.ts.
import { OverparamError } from '../diagnostic';
import { normalAt, streamId, uniformAt } from '../random';
import type { ExprStore } from '../symbolic/expr';
import { numericTensor } from './numericValue';
import type { Distribution } from './statementTypes';
import { shapeText, type Tensor } from './tensor';

/** The checked numeric arguments of a distribution: (mean, sd) or (lo, hi). */
export function distributionArgs(
  dist: Distribution,
  store: ExprStore,
  consts: ReadonlyMap<string, Tensor>,
): [number, number] {
  const [a, b] = dist.args.map((arg) => {
    const t = numericTensor(arg.node, arg.spans, store, consts);
    if (t.shape.length !== 0)
      throw new OverparamError(
        'shape',
        `an argument of \`${dist.dist}\` is a number, not ${shapeText(t.shape)}`,
        arg.span,
      );
    return (t.data[0] as { value: number }).value;
  });
  if (dist.dist === 'normal' && b < 0)
    throw new OverparamError(
      'shape',
      `a negative spread: the standard deviation is ${b}; normal(mean, sd) needs sd ≥ 0`,
      dist.args[1].span,
    );
  if (dist.dist === 'uniform' && b < a)
    throw new OverparamError(
      'shape',
      `a negative spread: uniform(lo, hi) needs hi ≥ lo, and ${b} < ${a}`,
      dist.args[1].span,
    );
  return [a, b];
}

/**
 * Draws `count` numbers of `dist` from the stream named `stream` under `seed`, starting at draw `first`: entry k is
 * mean + sd · normal_k or lo + (hi - lo) · uniform_k (see src/core/random.ts for normal_k and uniform_k).
 */
export function drawNumbers(
  dist: Distribution,
  args: [number, number],
  seed: number,
  stream: string,
  count: number,
  first = 0,
): number[] {
  const id = streamId(stream);
  const [a, b] = args;
  const out = new Array<number>(count);
  for (let k = 0; k < count; k++)
    out[k] =
      dist.dist === 'normal' ? a + b * normalAt(seed, id, first + k) : a + (b - a) * uniformAt(seed, id, first + k);
  return out;
}
