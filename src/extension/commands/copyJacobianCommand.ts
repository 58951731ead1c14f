// Copies J to the clipboard: symbolic or at a point, as LaTeX or in mathjs syntax.
import * as vscode from 'vscode';
import type { AnalysisReport } from '../../core/report';
import type { Ctx } from '../ctx';
import { latexMatrix, mathjsMatrix } from '../../format';
import { documentArg, pointArg } from './documentArg';

/** What to copy: the format, and a point index (or undefined for the symbolic J). */
interface Choice {
  format: 'latex' | 'mathjs';
  point?: number;
}

/** J as text in the chosen format; undefined when that J is not available. */
export function jacobianText(report: AnalysisReport, choice: Choice): string | undefined {
  if (choice.point === undefined) {
    const m = choice.format === 'latex' ? report.jacobianTex : report.jacobian;
    if (!m.length) return undefined;
    return choice.format === 'latex' ? latexMatrix(m) : mathjsMatrix(m);
  }
  const J = report.points[choice.point]?.J;
  if (!J?.length) return undefined;
  return choice.format === 'latex' ? latexMatrix(J) : mathjsMatrix(J);
}

/** `overparam.copyJacobian [uri] ['latex' | 'mathjs'] [pointIndex]`; resolves to the copied text. */
export function copyJacobianCommand(ctx: Ctx) {
  return async (uriArg?: unknown, formatArg?: unknown, point?: unknown): Promise<string | undefined> => {
    const doc = await documentArg(uriArg);
    if (!doc) return undefined;
    const state = await ctx.analyses.current(doc);
    const report = state?.report;
    if (!report) {
      void vscode.window.showWarningMessage('Overparam: the file has no Jacobian yet (see the Problems panel).');
      return undefined;
    }
    const choice: Choice | undefined =
      formatArg === 'latex' || formatArg === 'mathjs'
        ? { format: formatArg, point: pointArg(point) }
        : await pick(report);
    if (!choice) return undefined;
    const text = jacobianText(report, choice);
    if (!text) {
      void vscode.window.showWarningMessage(
        'Overparam: that Jacobian is not available (not finite, or too large to show).',
      );
      return undefined;
    }
    await vscode.env.clipboard.writeText(text);
    const where = choice.point === undefined ? 'symbolic J' : `J at point ${choice.point + 1}`;
    void vscode.window.showInformationMessage(
      `Copied ${where} (${report.outputs.length} × ${report.params.length}) as ${choice.format === 'latex' ? 'LaTeX' : 'mathjs'}.`,
    );
    return text;
  };
}

/** Asks which J and which format. */
async function pick(report: AnalysisReport): Promise<Choice | undefined> {
  const items: (vscode.QuickPickItem & { choice: Choice })[] = [
    { label: 'Symbolic J as LaTeX', choice: { format: 'latex' } },
    { label: 'Symbolic J in mathjs syntax', choice: { format: 'mathjs' } },
  ];
  report.points.forEach((p, i) => {
    const line = p.span ? `line ${p.span.line}` : '';
    items.push({ label: `J at point ${i + 1} as LaTeX`, description: line, choice: { format: 'latex', point: i } });
    items.push({
      label: `J at point ${i + 1} in mathjs syntax`,
      description: line,
      choice: { format: 'mathjs', point: i },
    });
  });
  return (await vscode.window.showQuickPick(items, { title: 'Copy Jacobian' }))?.choice;
}
