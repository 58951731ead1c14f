// Directions (kernel, cokernel, ghost-saddle directions) as combinations of named coordinates: one format for the
// CLI, the diagnostics, the hover and the panel.
import { num } from './number';

/** A basis vector with the sign fixed so its largest entry is positive, and entries below 1e-12 set to 0. */
export function canonicalSign(v: ArrayLike<number>): number[] {
  const a = Array.from(v);
  let big = 0;
  for (const x of a) if (Math.abs(x) > Math.abs(big) + 1e-12) big = x;
  const s = big < 0 ? -1 : 1;
  return a.map((x) => (Math.abs(x) < 1e-12 ? 0 : s * x));
}

/**
 * A direction in named coordinates: a unit axis is its name (`θ[2]`); otherwise its largest `max` components in
 * coordinate order, `0.7071 w[1] − 0.7071 w[2]` (a coefficient of 1 is left out), then `+ … (n more terms)`.
 * Components below 1e-9 of the largest are dropped.
 */
export function direction(v: ArrayLike<number>, names: readonly string[], max = 4): string {
  let big = 0;
  for (let i = 0; i < v.length; i++) big = Math.max(big, Math.abs(v[i]));
  const terms: { x: number; i: number }[] = [];
  for (let i = 0; i < v.length; i++) if (Math.abs(v[i]) > big * 1e-9) terms.push({ x: v[i], i });
  const shown = [...terms]
    .sort((a, b) => Math.abs(b.x) - Math.abs(a.x))
    .slice(0, max)
    .sort((a, b) => a.i - b.i);
  const text = shown
    .map((t, k) => {
      const mag = Math.abs(t.x);
      const coef = Math.abs(mag - 1) < 1e-9 ? '' : `${num(mag)} `;
      const sign = t.x < 0 ? (k === 0 ? '−' : ' − ') : k === 0 ? '' : ' + ';
      return `${sign}${coef}${names[t.i] ?? `#${t.i + 1}`}`;
    })
    .join('');
  return terms.length > max ? `${text} + … (${terms.length - max} more terms)` : text || '0';
}
