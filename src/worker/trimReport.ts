// Keeps what the worker posts back small enough that the extension host can receive it without a long pause:
// a structured clone is rebuilt on the receiving thread, so a 5000 x 5000 Jacobian would stall the editor.
import type { AnalysisReport, PointReport } from '../core/report';

/** Most matrix entries (q x p) sent to the extension host; past it the matrices are left out and a note added. */
export const MAX_ENTRIES = 40_000;

/** The report with its q x p (and q x q) matrices dropped when they exceed MAX_ENTRIES entries. */
export function trimReport(report: AnalysisReport): AnalysisReport {
  const q = report.outputs.length;
  const p = report.params.length;
  const big = q * p > MAX_ENTRIES || q * q > MAX_ENTRIES;
  if (!big) return report;
  const entries = String(q * p);
  return {
    ...report,
    jacobian: [],
    jacobianTex: [],
    points: report.points.map(trimPoint),
    diagnostics: [
      ...report.diagnostics,
      {
        severity: 'information',
        code: 'limit',
        message: `J is ${q} × ${p} (${entries} entries), too large to show in the editor (limit ${MAX_ENTRIES}); ranks, singular values and condition numbers are still reported. The CLI prints the full matrices.`,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 2,
      },
    ],
  };
}

/** A point without its matrices and bases (the scalars and singular values stay). */
function trimPoint(point: PointReport): PointReport {
  const { J: _J, kernel: _k, cokernel: _c, preconditioner: _m, preconditionerEigenvectors: _v, ...rest } = point;
  return { ...rest, J: [] };
}
