// What the editor says about the rank-deficient sets of a document: the information diagnostic on the outputs'
// definitions with one related location per set, the hover section, and where an inserted `at` line goes. Pure.
import type { ExtDiagnostic } from '../documentAnalyses';
import type { AnalysisReport } from '../../core/report';
import type { DeficiencyResult } from '../../protocol/worker';
import { canonicalSign, describeReason, direction, escapeMd, setConditions } from '../../format';

/** Most sets named in the diagnostic's message (all of them get a related location). */
const MAX_IN_MESSAGE = 4;

/** `w[1] = 0 (zero column of w[1])`: one set in a few words. */
export function setPhrase(set: DeficiencyResult['sets'][number]): string {
  return `${setConditions(set)} (${describeReason(set)})`;
}

/**
 * The information diagnostic on the first output definition: `J loses rank on 2 sets: w[1] = 0 (zero column of
 * w[1]); w[2] = 0 (zero column of w[2])`, each set related to the declaration of its first parameter. Null when the
 * search found no set (or the file has no output definition to hang it on).
 */
export function setsDiagnostic(report: AnalysisReport, sets: DeficiencyResult): ExtDiagnostic | null {
  const anchor = report.outputSites[0]?.span;
  if (!sets.sets.length || !anchor) return null;
  const n = sets.sets.length;
  const named = sets.sets.slice(0, MAX_IN_MESSAGE).map(setPhrase);
  const rest = n > MAX_IN_MESSAGE ? `; and ${n - MAX_IN_MESSAGE} more` : '';
  const full = Math.min(report.params.length, report.outputs.length);
  return {
    severity: 'information',
    code: 'rank-deficient-set',
    message: `J loses rank on ${n} set${n === 1 ? '' : 's'}: ${named.join('; ')}${rest}`,
    ...anchor,
    related: sets.sets.map((s, i) => {
      const site = report.paramSites.find((p) => p.name === s.columns[0]) ?? report.paramSites[0];
      return {
        ...(site?.span ?? anchor),
        message: `set ${i + 1}: ${setPhrase(s)}; rank ${s.rank} of ${full}, dimension ${s.dimension}; e.g. \`${sets.atLines[i]}\``,
      };
    }),
  };
}

/** The hover section: each set with its rank, dimension, ghost-saddle directions and an `at` line on it. */
export function setsMarkdown(report: AnalysisReport, sets: DeficiencyResult): string {
  if (!sets.sets.length) return '';
  const full = Math.min(report.params.length, report.outputs.length);
  const head =
    sets.determinant && sets.factors.length > 1
      ? `**Where J loses rank** (${sets.factors.map((f) => `\`${f} = 0\``).join(' or ')}):`
      : '**Where J loses rank**:';
  const lines = sets.sets.slice(0, 6).map((s, i) => {
    const ghost = s.cokernel[0]
      ? `; ghost-saddle direction ${escapeMd(direction(canonicalSign(s.cokernel[0]), report.outputs))}`
      : '';
    return `- ${escapeMd(setPhrase(s))}: rank ${s.rank} of ${full}, dimension ${s.dimension}${ghost}; e.g. \`${sets.atLines[i]}\``;
  });
  if (sets.sets.length > 6) lines.push(`- … ${sets.sets.length - 6} more`);
  return [head, lines.join('\n')].join('\n\n');
}

/** The 0-based line after which an `at` line is inserted: the last `at` line, else the last non-blank line. */
export function insertionLine(lines: readonly string[]): number {
  let last = -1,
    lastText = -1;
  lines.forEach((l, i) => {
    if (/^\s*at\b/u.test(l)) last = i;
    if (l.trim()) lastText = i;
  });
  return last >= 0 ? last : lastText;
}
