// Point labels, as the blog titles its subplots: `w = (0.1, 1)`, `r = 0.3, φ = 0.5`, `U = [[1, 0], [0, 1]]`.
import type { Declaration } from '../core/modelShape';
import { asciiNum } from './number';

/** The label of the point `values` (J's column order) over the declarations `decls`; cut at `maxLength`. */
export function pointLabel(decls: readonly Declaration[], values: ArrayLike<number>, maxLength = 80): string {
  const text = decls
    .map((d) => {
      const v = d.entries.map((j) => asciiNum(values[j]));
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
