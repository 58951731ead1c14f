// Parameters grouped back into their declarations (scalars, vectors, matrices) from the core's column names,
// for the sliders and for point labels. Pure: no vscode, no DOM.
import type { ParamGroup } from '../../protocol/messages';

const ENTRY = /^(.*)\[(\d+)(?:,\s*(\d+))?\]$/;

/** Groups column names (`r`, `w[1]`, `U[1,2]`) into declarations with shapes; columns keep J's order. */
export function paramGroups(params: readonly string[]): ParamGroup[] {
  const groups: ParamGroup[] = [];
  const byName = new Map<string, ParamGroup>();
  params.forEach((name, column) => {
    const m = ENTRY.exec(name);
    if (!m) {
      groups.push({ name, shape: [], columns: [column] });
      return;
    }
    const base = m[1];
    const index = m[3] === undefined ? [Number(m[2])] : [Number(m[2]), Number(m[3])];
    let g = byName.get(base);
    if (!g || g.shape.length !== index.length) {
      g = { name: base, shape: index.map(() => 0), columns: [] };
      byName.set(base, g);
      groups.push(g);
    }
    g.columns.push(column);
    index.forEach((v, k) => {
      g!.shape[k] = Math.max(g!.shape[k], v);
    });
  });
  return groups;
}

/** A number as a short label: `0.1`, `1`, `1.5e-7`. */
export function shortNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? String(Number(x.toPrecision(3))) : x.toExponential(2);
}

/** A point as the blog titles its subplots: `w = (0.1, 1)`, `r = 0.3, φ = 0.5`; cut at `maxLength`. */
export function formatPoint(groups: readonly ParamGroup[], values: ArrayLike<number>, maxLength = 80): string {
  const parts = groups.map((g) => {
    const v = g.columns.map((c) => shortNumber(values[c]));
    if (g.shape.length === 0) return `${g.name} = ${v[0]}`;
    if (g.shape.length === 1) return `${g.name} = (${v.join(', ')})`;
    const cols = g.shape[1];
    const rows: string[] = [];
    for (let i = 0; i < v.length; i += cols) rows.push(`(${v.slice(i, i + cols).join(', ')})`);
    return `${g.name} = (${rows.join(', ')})`;
  });
  const text = parts.join(', ');
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
