import { shortNumber } from './language/points';

/**
 * A direction in named coordinates, as people read it: a unit axis is its name (`θ[2]`); otherwise the largest
 * components with their coefficients, e.g. `0.7071·w[1] - 0.7071·w[2]` (at most `max` terms, then `+ …`).
 */
export function describeDirection(v: readonly number[], names: readonly string[], max = 4): string {
  const order = v
    .map((_, i) => i)
    .filter((i) => Math.abs(v[i]) > 1e-9)
    .sort((a, b) => Math.abs(v[b]) - Math.abs(v[a]));
  if (order.length === 1) return names[order[0]];
  const shown = order.slice(0, max).sort((a, b) => a - b);
  let text = '';
  shown.forEach((i, k) => {
    const c = shortNumber(Math.abs(v[i]));
    const sign = v[i] < 0 ? (k === 0 ? '-' : ' - ') : k === 0 ? '' : ' + ';
    text += `${sign}${c}·${names[i]}`;
  });
  return order.length > max ? `${text} + …` : text;
}

/** A vector as a short tuple: `(1, 0)`, `(0.7071, -0.7071)`. */
export function tuple(v: readonly number[]): string {
  return `(${v.map(shortNumber).join(', ')})`;
}
