// What a report says in one line: per point (code lens, hover title) and for the whole file (status bar). Pure.
import type { AnalysisReport, PointReport } from '../core/report';
import type { ExtDiagnostic } from './documentAnalyses';
import { cond } from '../format';

/** The full rank a q x p Jacobian can have. */
export function fullRank(report: Pick<AnalysisReport, 'params' | 'outputs'>): number {
  return Math.min(report.params.length, report.outputs.length);
}

/** `rank 1/2 · cond inf` for a point, or why there is no rank. */
export function pointSummary(point: PointReport, full: number): string {
  if (!point.finite || point.rank === undefined) return 'J not finite here';
  return `rank ${point.rank}/${full} · cond ${cond(point.conditionNumber)}`;
}

/** The most serious thing a file's analysis found, for the status bar. */
export interface Finding {
  kind: 'error' | 'budget' | 'non-finite' | 'rank-deficient' | 'near-singular' | 'ok' | 'empty';
  /** Short text: `rank 1/2`, `2 errors`, `full rank`. */
  text: string;
  /** One sentence for the tooltip. */
  detail: string;
  /** The `at` point it is about, if any. */
  pointIndex?: number;
}

/** The worst finding: errors, then an analysis stopped by a budget, then non-finite points, then the largest rank drop, then near-singular. */
export function worstFinding(report: AnalysisReport | undefined, diagnostics: readonly ExtDiagnostic[]): Finding {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (errors)
    return {
      kind: 'error',
      text: `${errors} error${errors > 1 ? 's' : ''}`,
      detail: 'The file has errors; see the Problems panel.',
    };
  if (!report) {
    const budget = diagnostics.find((d) => d.code === 'budget');
    return budget
      ? { kind: 'budget', text: 'budget', detail: budget.message }
      : { kind: 'empty', text: '', detail: '' };
  }
  const full = fullRank(report);
  const nonFinite = report.points.findIndex((p) => !p.finite);
  if (nonFinite >= 0)
    return {
      kind: 'non-finite',
      text: 'not finite',
      detail: `J has a NaN or infinity at point ${nonFinite + 1}${lineOf(report.points[nonFinite])}.`,
      pointIndex: nonFinite,
    };
  let worst = -1;
  report.points.forEach((p, i) => {
    if ((p.rank ?? full) < full && (worst < 0 || (p.rank ?? full) < (report.points[worst].rank ?? full))) worst = i;
  });
  if (worst >= 0) {
    const p = report.points[worst];
    return {
      kind: 'rank-deficient',
      text: `rank ${p.rank}/${full}`,
      detail: `J loses rank at point ${worst + 1}${lineOf(p)}: rank ${p.rank} of ${full}.`,
      pointIndex: worst,
    };
  }
  const near = report.points.findIndex((p) => (p.conditionNumber ?? 1) > 1 / Math.sqrt(Number.EPSILON));
  if (near >= 0)
    return {
      kind: 'near-singular',
      text: `cond ${cond(report.points[near].conditionNumber)}`,
      detail: `J is nearly singular at point ${near + 1}${lineOf(report.points[near])}.`,
      pointIndex: near,
    };
  if (!report.points.length)
    return {
      kind: 'ok',
      text: `${report.outputs.length}×${report.params.length}`,
      detail: 'No `at` points to diagnose; add one with `at name = value`.',
    };
  return { kind: 'ok', text: 'full rank', detail: `J has full rank ${full} at every point.` };
}

function lineOf(p: PointReport): string {
  return p.span ? ` (line ${p.span.line})` : '';
}
