// Numbers, vectors, matrices and directions as short text for hovers, code lenses and reports. Pure: no vscode.

/** A number in at most 4 significant digits: `2`, `0.7071`, `1.2e-9`, `∞`; -0 shows as 0. */
export function num(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  const s = a >= 1e-4 && a < 1e6 ? String(Number(x.toPrecision(4))) : x.toExponential(3).replace(/\.?0+e/, 'e');
  return s.replace(/^-/, '−');
}

/** A condition number for a code lens: `1`, `20.1`, `inf` (the core sends null for an infinite one). */
export function cond(x: number | null | undefined): string {
  if (x === null) return 'inf';
  if (x === undefined || Number.isNaN(x)) return '?';
  return Number.isFinite(x) ? num(x).replace('−', '-') : 'inf';
}

/** A vector as a tuple `(1, 0)`, cut after `max` entries. */
export function tuple(v: readonly number[], max = 8): string {
  const shown = v.slice(0, max).map(num).join(', ');
  return `(${shown}${v.length > max ? `, … ${v.length - max} more` : ''})`;
}

/** A basis vector with the sign fixed so its largest entry is positive, and entries below 1e-12 set to 0. */
export function canonicalSign(v: readonly number[]): number[] {
  let big = 0;
  for (const x of v) if (Math.abs(x) > Math.abs(big) + 1e-12) big = x;
  const s = big < 0 ? -1 : 1;
  return v.map((x) => (Math.abs(x) < 1e-12 ? 0 : s * x));
}

/** A direction as a combination of named axes: `θ[2]`, `0.7071 θ[1] − 0.7071 θ[2]` (the `max` largest terms). */
export function combination(v: readonly number[], names: readonly string[], max = 4): string {
  const terms = v.map((x, i) => ({ x, i, name: names[i] ?? `#${i + 1}` })).filter((t) => t.x !== 0);
  // The `max` largest terms, shown in coordinate order.
  const shown = [...terms]
    .sort((a, b) => Math.abs(b.x) - Math.abs(a.x))
    .slice(0, max)
    .sort((a, b) => a.i - b.i);
  const text = shown
    .map((t, k) => {
      const mag = Math.abs(t.x);
      const coef = Math.abs(mag - 1) < 1e-9 ? '' : `${num(mag)} `;
      const sign = t.x < 0 ? (k === 0 ? '−' : ' − ') : k === 0 ? '' : ' + ';
      return `${sign}${coef}${t.name}`;
    })
    .join('');
  return terms.length > max ? `${text} + … (${terms.length - max} more terms)` : text || '0';
}

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
  const s = num(x).replace('−', '-');
  const m = /^(-?[\d.]+)e([-+]?\d+)$/.exec(s);
  return m ? `${m[1]} \\times 10^{${Number(m[2])}}` : s;
}

/** A matrix in mathjs syntax: `[[2, 0], [0, 0]]` (numbers in full precision, or expressions as written). */
export function mathjsMatrix(m: readonly (readonly (number | string)[])[]): string {
  return `[${m.map((r) => `[${r.map((x) => String(x)).join(', ')}]`).join(', ')}]`;
}
