// What the editor says about the critical points of a document's loss: the code lens on the loss line, one
// information diagnostic per ghost, and the hover of an `at` line that sits on a critical point. Pure.
import type { AnalysisReport, PointReport } from '../../core/report';
import type { CriticalPoint } from '../../core/landscape/searchCritical';
import type { Span } from '../../core/diagnostic';
import type { ExtDiagnostic } from '../documentAnalyses';
import type { CriticalResult } from '../../protocol/worker';
import { canonicalSign, direction, escapeMd, num, tuple } from '../../format';

/** `ghost saddle`, `canonical minimum`. */
export function criticalKind(c: Pick<CriticalPoint, 'origin' | 'type'>): string {
  return `${c.origin} ${c.type}`;
}

/** The loss line's code lens: `3 critical points · 3 ghost · show landscape`. */
export function criticalLensTitle(r: CriticalResult): string {
  const n = r.criticalPoints.length;
  const ghosts = r.criticalPoints.filter((c) => c.origin === 'ghost').length;
  const partial = r.complete ? '' : ' (search stopped at its budget)';
  return `${n} critical point${n === 1 ? '' : 's'} · ${ghosts} ghost${partial} · show landscape`;
}

/** The 1-based line of the statement that defines L: the `loss` line, else the `data` line. */
export function lossLineIndex(lines: readonly string[]): number {
  const find = (re: RegExp) => lines.findIndex((l) => re.test(l));
  const loss = find(/^\s*loss\b/u);
  return (loss >= 0 ? loss : find(/^\s*data\b/u)) + 1;
}

/** A span over the whole of 1-based line `line` of `lines`. */
function lineSpan(lines: readonly string[], line: number): Span {
  return { line, column: 1, endLine: line, endColumn: (lines[line - 1]?.length ?? 0) + 1 };
}

/**
 * One information diagnostic per ghost on the loss line: `ghost saddle at w = (0, 0): ∇_W L = Jᵀ ∇_θ L = 0 while
 * ∇_θ L points along …`, related to the definitions of the outputs in the ghost direction.
 */
export function criticalDiagnostics(
  report: AnalysisReport,
  r: CriticalResult,
  lines: readonly string[],
): ExtDiagnostic[] {
  const line = lossLineIndex(lines);
  if (line < 1) return [];
  const span = lineSpan(lines, line);
  return r.criticalPoints.flatMap((c, i) => {
    if (c.origin !== 'ghost' || !c.ghostDirection) return [];
    // The gradient's own sign (not canonicalSign: ∇_θ L = ‖∇_θ L‖ · direction).
    const dir = direction(c.ghostDirection, report.outputs);
    const where = r.atLines[i].replace(/^at /u, '');
    const set = c.setDimension > 0 ? ` (a set of dimension ${c.setDimension})` : '';
    return [
      {
        severity: 'information' as const,
        code: 'ghost-critical' as const,
        message: `${criticalKind(c)} at ${where}${set}: ∇_W L = Jᵀ ∇_θ L = 0 while ∇_θ L = ${num(c.canonicalGradNorm)} · (${dir}) lies in ker Jᵀ (J has rank ${c.rank} there)`,
        ...span,
        related: c.ghostDirection.flatMap((v, k) => {
          const site = report.outputSites[k];
          return Math.abs(v) > 1e-8 && site
            ? [{ ...site.span, message: `${report.outputs[k]} takes part in the ghost direction (${num(v)})` }]
            : [];
        }),
      },
    ];
  });
}

/** The critical point an `at` point sits on (within 1e-6 of it, relative), if any. */
export function criticalAt(point: PointReport, r: CriticalResult): CriticalPoint | undefined {
  const W = Object.values(point.at);
  return r.criticalPoints.find(
    (c) => c.W.length === W.length && c.W.every((x, j) => Math.abs(x - W[j]) <= 1e-6 * Math.max(1, Math.abs(x))),
  );
}

/** The hover section of an `at` line on a critical point: origin, type, eigenvalues, ghost and escape directions. */
export function criticalMarkdown(report: AnalysisReport, c: CriticalPoint): string {
  const out = [
    `**Critical point of L(W)**: ${criticalKind(c)}${c.setDimension > 0 ? ` on a set of dimension ${c.setDimension}` : ''} · ∇²_W L eigenvalues ${tuple(c.hessianEigenvalues, 8)}`,
  ];
  if (c.ghostDirection)
    out.push(
      `Ghost: ∇_θ L ≠ 0 points along ${escapeMd(direction(canonicalSign(c.ghostDirection), report.outputs))}, a direction J Jᵀ cannot see (ker Jᵀ); the canonical loss has no critical point here.`,
    );
  else out.push('Canonical: ∇_θ L = 0 here, a critical point of L(θ) too.');
  if (c.escapeDirection)
    out.push(
      `Escape direction (most negative curvature): ${escapeMd(direction(canonicalSign(c.escapeDirection), report.params))}`,
    );
  if (c.stableStep !== null) out.push(`Largest stable GD step here: 2/λ_max = ${num(c.stableStep)}`);
  return out.join('\n\n');
}
