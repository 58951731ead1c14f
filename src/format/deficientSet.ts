// A rank-deficient set in words (the blog's: dead neurons, zero layers, identical neurons), and an `at` line that puts
// a point on it. One text for the CLI's `deficient`, the editor's diagnostic, hover and code action.
import type { Declaration } from '../core/modelShape';
import type { DeficientSet } from '../core/deficient/search';

/** How J loses rank on the set, from its columns: `zero column of w[1]`, `parallel columns a[1], a[2] (…)`. */
export function describeReason(s: Pick<DeficientSet, 'reason' | 'columns'>): string {
  const list = s.columns.join(', ');
  const plural = s.columns.length > 1 ? 's' : '';
  if (s.reason === 'zero-columns') return `zero column${plural} of ${list}`;
  if (s.reason === 'parallel-columns')
    return `parallel columns ${list} (columns equal up to scale: identical or parallel neurons)`;
  return `rank drop in the columns of ${list}`;
}

/** The set's equations, or `an open region` when it has none: `w[1] = 0`, `a[1] = a[2], b[1] = b[2]`. */
export function setConditions(s: Pick<DeficientSet, 'conditions'>): string {
  return s.conditions.length ? s.conditions.join(', ') : 'an open region (no equation)';
}

/**
 * A value as the `at` line writes it: the 6-digit text when that is the same double to rounding (so the point stays
 * on the set: J's rank is judged at 1e-15), the shortest round-trip text otherwise.
 */
function exact(v: number): string {
  if (Object.is(v, -0) || Math.abs(v) < 1e-300) return '0';
  const short = Number(v.toPrecision(6));
  return Math.abs(short - v) <= 4 * Number.EPSILON * Math.abs(v) ? String(short) : String(v);
}

/** `at w = [0, -0.1], r = 2, U = [[1, 0], [0, 1]]`: the point `values` (J's column order) as a line of the language. */
export function atLineText(decls: readonly Declaration[], values: ArrayLike<number>): string {
  const parts = decls.map((d) => {
    const v = d.entries.map((j) => exact(values[j]));
    if (d.shape.length === 0) return `${d.name} = ${v[0]}`;
    if (d.shape.length === 1) return `${d.name} = [${v.join(', ')}]`;
    const cols = d.shape[1];
    const rows: string[] = [];
    for (let i = 0; i < v.length; i += cols) rows.push(`[${v.slice(i, i + cols).join(', ')}]`);
    return `${d.name} = [${rows.join(', ')}]`;
  });
  return `at ${parts.join(', ')}`;
}
