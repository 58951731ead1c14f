// The hover of an output definition (its rows of the symbolic Jacobian) or a parameter (its columns). Pure.
import type { AnalysisReport } from '../../core/report';
import { clip, escapeMd } from '../../format';

/** Most rows or columns listed, and most non-zero partials listed per row or column. */
const MAX_LINES = 6;
const MAX_TERMS = 6;

/** Markdown for output rows `rows` of J: the non-zero partial derivatives of each. */
export function rowsMarkdown(report: AnalysisReport, rows: readonly number[]): string {
  if (!report.jacobian.length) return `J has ${report.params.length} columns: too large to show here.`;
  const head =
    rows.length === 1
      ? `**${escapeMd(report.outputs[rows[0]])}**: row ${rows[0] + 1} of J`
      : `**${escapeMd(base(report.outputs[rows[0]]))}**: rows ${rows[0] + 1}–${rows[rows.length - 1] + 1} of J`;
  const lines = rows.slice(0, MAX_LINES).map((k) => {
    const terms = report.jacobian[k].map((e, j) => ({ e, j })).filter((t) => !isZero(t.e));
    return `- ${partials(
      terms.map((t) => [report.outputs[k], report.params[t.j], t.e]),
      report.params.length,
    )}`;
  });
  return [head, lines.join('\n') + extra(rows.length)].join('\n\n');
}

/** Markdown for parameter columns `cols` of J: the non-zero partial derivatives with respect to each. */
export function columnsMarkdown(report: AnalysisReport, cols: readonly number[]): string {
  if (!report.jacobian.length) return `J has ${report.outputs.length} rows: too large to show here.`;
  const head =
    cols.length === 1
      ? `**${escapeMd(report.params[cols[0]])}**: column ${cols[0] + 1} of J`
      : `**${escapeMd(base(report.params[cols[0]]))}**: columns ${cols[0] + 1}–${cols[cols.length - 1] + 1} of J`;
  const lines = cols.slice(0, MAX_LINES).map((j) => {
    const terms = report.jacobian.map((row, k) => ({ e: row[j], k })).filter((t) => !isZero(t.e));
    return `- ${partials(
      terms.map((t) => [report.outputs[t.k], report.params[j], t.e]),
      report.outputs.length,
    )}`;
  });
  return [head, lines.join('\n') + extra(cols.length)].join('\n\n');
}

/** `∂θ[1]/∂w[1] = 2 * w[1]`, …; an all-zero line says so. */
function partials(terms: [string, string, string][], total: number): string {
  if (!terms.length) return 'all partial derivatives are 0';
  const shown = terms
    .slice(0, MAX_TERMS)
    .map(([o, p, e]) => `∂${escapeMd(o)}/∂${escapeMd(p)} = \`${clip(e).replace(/`/g, "'")}\``);
  const rest = terms.length > MAX_TERMS ? `, … ${terms.length - MAX_TERMS} more` : '';
  const zeros = total - terms.length > 0 ? ` (the other ${total - terms.length} are 0)` : '';
  return shown.join(', ') + rest + zeros;
}

function extra(n: number): string {
  return n > MAX_LINES ? `\n- … ${n - MAX_LINES} more` : '';
}

function isZero(e: string): boolean {
  return /^\s*-?0(\.0*)?\s*$/.test(e);
}

/** `w` for `w[1]`. */
export function base(name: string): string {
  return name.replace(/\[[^\]]*\]$/, '');
}
