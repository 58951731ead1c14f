// Point labels, as the blog titles its subplots: `w = (0.1, 1)`, `r = 0.3, φ = 0.5`, `U = [[1, 0], [0, 1]]`.
import type { Declaration } from '../core/modelShape';
import { asciiNum } from './number';

/** The label of the point `values` (J's column order) over the declarations `decls`; cut at `maxLength`. */
export function pointLabel(decls: readonly Declaration[], values: ArrayLike<number>, maxLength = 80): string {
  // Only the entries that can reach the label are formatted (a 200,000-parameter point took 0.3 s): a declaration
  // with more than maxLength entries is longer than the label anyway, and the declarations after it are cut off.
  const long = decls.findIndex((d) => d.entries.length > maxLength);
  const text = (long < 0 ? decls : decls.slice(0, long + 1))
    .map((d) => {
      const v = d.entries.slice(0, maxLength).map((j) => asciiNum(values[j]));
      if (d.shape.length === 0) return `${d.name} = ${v[0]}`;
      if (d.shape.length === 1) return `${d.name} = (${v.join(', ')})`;
      const cols = d.shape[1];
      const rows: string[] = [];
      for (let i = 0; i < v.length; i += cols) rows.push(`[${v.slice(i, i + cols).join(', ')}]`);
      return `${d.name} = [${rows.join(', ')}]`;
    })
    .join(', ');
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
