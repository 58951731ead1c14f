// A whole analysis as plain text for the output channel: sizes, J, each point's rank and directions, diagnostics.
import type { AnalysisReport } from '../../core/report';
import type { ExtDiagnostic } from '../documentAnalyses';
import { fullRank, pointSummary } from '../findings';
import { canonicalSign, direction, num, tuple } from '../../format';

/** The text report of `fileName`'s analysis, diagnostics as `file:line:col: severity: message`. */
export function textReport(
  fileName: string,
  report: AnalysisReport | undefined,
  diagnostics: readonly ExtDiagnostic[],
): string {
  const out: string[] = [`Analysis of ${fileName}`];
  if (report) {
    const { params, outputs } = report;
    out.push(
      `  parameters (${params.length}): ${params.join(', ')}`,
      `  outputs (${outputs.length}): ${outputs.join(', ')}`,
    );
    if (report.jacobian.length) {
      out.push('  J:');
      report.jacobian.forEach((row, k) => out.push(`    ${outputs[k]}: [${row.join(', ')}]`));
    }
    report.points.forEach((p, i) => {
      out.push(
        `  point ${i + 1}${p.span ? ` (line ${p.span.line})` : ''}: ${p.label}: ${pointSummary(p, fullRank(report))}`,
      );
      if (!p.finite) return;
      out.push(`    singular values ${tuple(p.singularValues ?? [], 12)}, operator norm ${num(p.operatorNorm ?? NaN)}`);
      for (const v of p.cokernel ?? [])
        out.push(`    ghost-saddle direction (ker Jᵀ): ${direction(canonicalSign(v), outputs)}`);
      for (const v of p.kernel ?? [])
        out.push(`    symmetry direction (ker J): ${direction(canonicalSign(v), params)}`);
    });
  }
  for (const d of diagnostics) out.push(`${fileName}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`);
  if (!diagnostics.length) out.push('  no diagnostics');
  return out.join('\n');
}
