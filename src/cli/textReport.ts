// The human-readable report of `overparam analyze` (numbers, directions and labels from src/format).
import type { AnalysisReport, Diagnostic, PointReport } from '../core';
import { canonicalSign, direction, num as formatNum } from '../format';

/** `FILE:LINE:COL: severity: message`, the form editors and CI logs link to. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`;
}

/** A matrix with row and column labels, columns aligned. */
export function formatMatrix(
  rows: readonly (readonly string[])[],
  rowNames: readonly string[],
  colNames: readonly string[],
  indent = '  ',
): string {
  const widths = colNames.map((c, j) => Math.max(c.length, ...rows.map((r) => r[j].length)));
  const nameW = Math.max(0, ...rowNames.map((n) => n.length));
  const line = (name: string, cells: readonly string[]) =>
    `${indent}${name.padEnd(nameW)}  ${cells.map((c, j) => c.padStart(widths[j])).join('  ')}`.trimEnd();
  return [line('', colNames), ...rows.map((r, i) => line(rowNames[i], r))].join('\n');
}

/** Six significant digits in the CLI: its text is read next to the JSON and by people checking numbers. */
const num = (v: number): string => formatNum(v, 6);

function formatPoint(r: AnalysisReport, p: PointReport, i: number): string {
  const out: string[] = [];
  const where = p.span ? ` (line ${p.span.line})` : ' (--at)';
  out.push(
    `point ${i + 1}${where}: ${Object.entries(p.at)
      .map(([k, v]) => `${k} = ${num(v)}`)
      .join(', ')}`,
  );
  out.push(`  theta = (${p.theta.slice(0, 12).map(num).join(', ')}${p.theta.length > 12 ? ', …' : ''})`);
  if (r.params.length * r.outputs.length <= 400)
    out.push(
      '  J =',
      formatMatrix(
        p.J.map((row) => row.map(num)),
        r.outputs,
        r.params,
        '    ',
      ),
    );
  if (!p.finite) {
    out.push('  non-finite values: no rank analysis');
    return out.join('\n');
  }
  const k = Math.min(r.params.length, r.outputs.length);
  out.push(`  singular values: ${p.singularValues!.slice(0, 12).map(num).join(', ')}${k > 12 ? ', …' : ''}`);
  out.push(
    `  rank ${p.rank}/${k} (tol ${p.tolerance!.toExponential(2)}), condition number ${num(p.conditionNumber!)}, operator norm ${num(p.operatorNorm!)}`,
  );
  for (const c of p.cokernel!) out.push(`  ghost-saddle direction (ker Jᵀ): ${direction(canonicalSign(c), r.outputs)}`);
  for (const c of p.kernel!.slice(0, 8))
    out.push(`  symmetry direction (ker J): ${direction(canonicalSign(c), r.params)}`);
  if (p.kernel!.length > 8) out.push(`  … ${p.kernel!.length - 8} more symmetry directions`);
  if (p.kernelOmitted) out.push(`  ker J has ${p.kernelOmitted} more dimensions beyond the SVD's (too many to list)`);
  if (p.cokernelOmitted)
    out.push(`  ker Jᵀ has ${p.cokernelOmitted} more dimensions beyond the SVD's (too many to list)`);
  out.push(...lossLines(p));
  return out.join('\n');
}

/** L, the gradients' norms and the Hessian's extreme eigenvalues of a point of a file with a loss. */
function lossLines(p: PointReport): string[] {
  if (p.loss === undefined) return [];
  const norm = (v: readonly number[] = []) => Math.hypot(...v);
  const out = [
    `  loss L = ${num(p.loss)}, ‖∇_W L‖ = ${num(norm(p.gradient))}, ‖∇_θ L‖ = ${num(norm(p.canonicalGradient))}`,
  ];
  const h = p.hessianEigenvalues;
  if (h?.length)
    out.push(
      `  Hessian ∇²_W L: eigenvalues from ${num(h[0])} to ${num(h[h.length - 1])}${p.hessianComplete ? '' : ' (extremes of the large blocks)'}`,
    );
  if (p.residuals)
    out.push(
      `  data: ${p.residuals.length} samples, ½‖F - y‖² = ${num(0.5 * norm(p.residuals) ** 2)}${p.testRisk == null ? '' : `, test risk ${num(p.testRisk)}`}`,
    );
  return out;
}

/** The human-readable report of `overparam analyze`. */
export function formatReport(file: string, r: AnalysisReport): string {
  const out: string[] = [];
  if (r.params.length) {
    out.push(`${file}: ${r.outputs.length} outputs x ${r.params.length} parameters`);
    out.push(`parameters: ${r.params.join(', ')}`, `outputs: ${r.outputs.join(', ')}`);
    if (r.params.length * r.outputs.length <= 400)
      out.push('J = dθ/dW:', formatMatrix(r.jacobian, r.outputs, r.params));
    else out.push(`J = dθ/dW: ${r.outputs.length} x ${r.params.length} (use --json for every entry)`);
    r.points.forEach((p, i) => out.push('', formatPoint(r, p, i)));
  }
  if (r.diagnostics.length) out.push('', ...r.diagnostics.map((d) => formatDiagnostic(file, d)));
  return out.join('\n');
}
