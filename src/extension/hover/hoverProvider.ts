// Hover for .overparam files: an `at` line shows the point's rank story; a parameter its columns of J; an output
// definition its rows; a `data` or `model` line the tangent kernel's figures. Reads the analysis of the version on
// screen (waiting for it if an edit is in flight), and on those lines the kernel search of that version likewise.
import * as vscode from 'vscode';
import type { AnalysisReport } from '../../core/report';
import { Command, commandUri } from '../commands/commandIds';
import { spanContains, toRange } from '../convert';
import type { DocumentAnalyses } from '../documentAnalyses';
import { pointMarkdown } from './pointMarkdown';
import { base, columnsMarkdown, rowsMarkdown } from './siteMarkdown';
import { statementKeyword, statementMarkdown, type StatementKeyword } from './statementMarkdown';
import type { CriticalResult, DeficiencyResult, KernelSummaryResult } from '../../protocol/worker';
import type { CriticalPoints } from '../landscape/criticalPoints';
import { criticalAt, criticalMarkdown } from '../landscape/criticalText';
import type { KernelSummaries } from '../kernel/kernelSummaries';
import type { DeficientSets } from '../sets/deficientSets';
import { setsMarkdown } from '../sets/setsText';

/** Registers the hover provider for `overparam` documents. */
export function registerHover(
  analyses: DocumentAnalyses,
  sets: DeficientSets,
  critical: CriticalPoints,
  kernels: KernelSummaries,
): vscode.Disposable {
  return vscode.languages.registerHoverProvider(
    { language: 'overparam' },
    {
      async provideHover(doc, pos, token) {
        const state = await analyses.current(doc, token);
        // The document may have shrunk under the hover while it waited (an edit since the request).
        const gone = (): boolean => token.isCancellationRequested || pos.line >= doc.lineCount;
        if (!state?.report || gone()) return undefined;
        const keyword = keywordAt(doc, pos);
        const kernel =
          keyword === 'data' || keyword === 'model' ? (await kernels.current(doc, token))?.result : undefined;
        if (gone()) return undefined;
        return hoverAt(doc, pos, state.report, sets.latest(doc)?.result, critical.latest(doc)?.result, kernel);
      },
    },
  );
}

/** The hover for position `pos`, if anything there has one. */
function hoverAt(
  doc: vscode.TextDocument,
  pos: vscode.Position,
  report: AnalysisReport,
  sets: DeficiencyResult | undefined,
  critical: CriticalResult | undefined,
  kernel: KernelSummaryResult | undefined,
): vscode.Hover | undefined {
  const pointIndex = report.points.findIndex(
    (p) => p.span && pos.line >= p.span.line - 1 && pos.line <= p.span.endLine - 1,
  );
  if (pointIndex >= 0) {
    const links = {
      openPanel: commandUri(Command.OpenPanel, [doc.uri.toString(), pointIndex]),
      copyLatex: commandUri(Command.CopyJacobian, [doc.uri.toString(), 'latex', pointIndex]),
    };
    const at = critical && criticalAt(report.points[pointIndex], critical);
    const md = [pointMarkdown(report, pointIndex, links), at ? criticalMarkdown(report, at) : ''];
    return hover(md.filter(Boolean).join('\n\n'), toRange(report.points[pointIndex].span!));
  }
  const wordRange = doc.getWordRangeAtPosition(pos);
  const word = wordRange ? doc.getText(wordRange) : '';
  const line = doc.lineAt(pos.line).text;
  const keyword = keywordAt(doc, pos);
  if (keyword && wordRange) {
    const swept = keyword === 'sweep' ? /^\s*sweep\s+([A-Za-z_]\w*)/u.exec(line)?.[1] : undefined;
    return hover(statementMarkdown(report, keyword, swept, kernel), wordRange);
  }
  const cols = byName(report.params, word);
  if (cols.length) return hover(columnsMarkdown(report, cols), wordRange);
  const site = report.outputSites.findIndex((s) => spanContains(s.span, pos));
  const rows =
    site >= 0
      ? report.outputSites
          .map((s, k) => (sameSpan(s.span, report.outputSites[site].span) ? k : -1))
          .filter((k) => k >= 0)
      : byName(report.outputs, word);
  if (rows.length) {
    const where = sets ? setsMarkdown(report, sets) : '';
    return hover([rowsMarkdown(report, rows), where].filter(Boolean).join('\n\n'), wordRange);
  }
  return undefined;
}

/** The statement keyword under `pos` (the line's first word, when it is one of STATEMENT_KEYWORDS), or null. */
function keywordAt(doc: vscode.TextDocument, pos: vscode.Position): StatementKeyword | null {
  const wordRange = doc.getWordRangeAtPosition(pos);
  const line = doc.lineAt(pos.line).text;
  return wordRange && wordRange.start.character === line.search(/\S/u) ? statementKeyword(line) : null;
}

/** Indices of the names whose base (`w` of `w[2]`) is `word` or `word` less an index suffix (`w_i`, `θ_k`). */
function byName(names: readonly string[], word: string): number[] {
  if (!word) return [];
  const stem = word.includes('_') ? word.slice(0, word.lastIndexOf('_')) : word;
  const hit = (n: string): boolean => n === word || base(n) === word || (stem !== word && base(n) === stem);
  return names.map((n, i) => (hit(n) ? i : -1)).filter((i) => i >= 0);
}

function sameSpan(a: { line: number; column: number }, b: { line: number; column: number }): boolean {
  return a.line === b.line && a.column === b.column;
}

function hover(markdown: string, range?: vscode.Range): vscode.Hover {
  const md = new vscode.MarkdownString(markdown, true);
  md.isTrusted = { enabledCommands: [Command.OpenPanel, Command.CopyJacobian] };
  return new vscode.Hover(md, range);
}
