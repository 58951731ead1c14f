// Matrices and expressions as markdown, LaTeX and mathjs text (hovers, reports, "copy J as …"). Pure.
import { asciiNum, num } from './number';

/** Longest expression shown in a hover or table cell; longer ones are cut (markdown of huge text is slow to render). */
export const MAX_EXPRESSION = 160;

/** `s` cut to `max` characters with a note of how long it was. */
export function clip(s: string, max = MAX_EXPRESSION): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length} characters)`;
}

/** A markdown table of a matrix with row and column names, cut to `maxRows` x `maxCols`. */
export function matrixTable(
  m: readonly (readonly (number | string)[])[],
  rows: readonly string[],
  cols: readonly string[],
  maxRows = 6,
  maxCols = 6,
): string {
  const nc = Math.min(cols.length, maxCols);
  const cell = (x: number | string): string =>
    (typeof x === 'number' ? num(x) : `\`${clip(x, 60).replace(/`/g, "'")}\``).replace(/\|/g, '\\|');
  const head = `| | ${cols.slice(0, nc).map(escapeMd).join(' | ')}${cols.length > nc ? ' | …' : ''} |`;
  const rule = `|---|${'---:|'.repeat(nc)}${cols.length > nc ? '---|' : ''}`;
  const body = m
    .slice(0, maxRows)
    .map(
      (row, i) =>
        `| **${escapeMd(rows[i] ?? '')}** | ${row.slice(0, nc).map(cell).join(' | ')}${cols.length > nc ? ' | …' : ''} |`,
    );
  if (m.length > maxRows)
    body.push(`| … ${m.length - maxRows} more rows |${' |'.repeat(nc)}${cols.length > nc ? ' |' : ''}`);
  return [head, rule, ...body].join('\n');
}

/** Text with markdown's special characters escaped (names like `θ_i` or `w[1]`). */
export function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]#|<>]/g, (c) => `\\${c}`);
}

/** A matrix as LaTeX `pmatrix`, numbers or TeX entries. */
export function latexMatrix(m: readonly (readonly (number | string)[])[]): string {
  const cell = (x: number | string): string => (typeof x === 'number' ? latexNumber(x) : x);
  return `\\begin{pmatrix}\n${m.map((r) => r.map(cell).join(' & ')).join(' \\\\\n')}\n\\end{pmatrix}`;
}

/** A number for LaTeX: `0.7071`, `1.2 \times 10^{-9}`, `\infty`. */
export function latexNumber(x: number): string {
  if (Number.isNaN(x)) return '\\mathrm{NaN}';
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : '-\\infty';
  const s = asciiNum(x);
  const m = /^(-?[\d.]+)e([-+]?\d+)$/.exec(s);
  return m ? `${m[1]} \\times 10^{${Number(m[2])}}` : s;
}

/** A matrix in mathjs syntax: `[[2, 0], [0, 0]]` (numbers in full precision, or expressions as written). */
export function mathjsMatrix(m: readonly (readonly (number | string)[])[]): string {
  return `[${m.map((r) => `[${r.map((x) => String(x)).join(', ')}]`).join(', ')}]`;
}
