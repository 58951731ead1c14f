// A whole analysis as a readable markdown document (the report command, and the panel's stand-in). Pure.
import type { AnalysisReport } from '../../core/report';
import type { ExtDiagnostic } from '../documentAnalyses';
import { escapeMd, matrixTable } from '../../format';
import { pointMarkdown } from '../hover/pointMarkdown';

/** The report of `fileName`'s analysis; `focus` puts that point first. */
export function markdownReport(
  fileName: string,
  report: AnalysisReport | undefined,
  diagnostics: readonly ExtDiagnostic[],
  focus?: number,
): string {
  const out: string[] = [`# Overparam analysis: ${escapeMd(fileName)}`];
  if (report) {
    const { params, outputs } = report;
    out.push(
      `${params.length} parameters (${escapeMd(list(params))}) → ${outputs.length} outputs (${escapeMd(list(outputs))}); J is ${outputs.length} × ${params.length}.`,
    );
    if (report.jacobian.length) out.push('## Symbolic Jacobian', matrixTable(report.jacobian, outputs, params, 16, 8));
    const order = report.points.map((_, i) => i);
    if (focus !== undefined && focus < order.length) order.unshift(...order.splice(focus, 1));
    if (order.length) out.push('## Points');
    for (const i of order)
      out.push(
        `### Point ${i + 1}${report.points[i].span ? ` (line ${report.points[i].span!.line})` : ''}`,
        pointMarkdown(report, i),
      );
    if (!order.length) out.push('No `at` points: add one, e.g. `at w = [1, 0]`, to see ranks and directions.');
  }
  out.push('## Diagnostics');
  out.push(
    diagnostics.length
      ? diagnostics
          .map((d) => `- line ${d.line}, column ${d.column}: **${d.severity}** \`${d.code}\`: ${escapeMd(d.message)}`)
          .join('\n')
      : 'None.',
  );
  if (report)
    out.push(
      `_Parsed in ${ms(report.stats.parseMs)}, Jacobian in ${ms(report.stats.jacobianMs)}${report.stats.simplified ? ' (simplified)' : ''}, points in ${ms(report.stats.evaluateMs)}._`,
    );
  return out.join('\n\n') + '\n';
}

function list(names: readonly string[], max = 8): string {
  return names.length > max ? `${names.slice(0, max).join(', ')}, …` : names.join(', ');
}

function ms(x: number): string {
  return `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
}
