// The hover of a `loss`, `model`, `data`, `test`, `sweep`, `seed` or `watch` line: what the statement means, with the
// numbers of this document (n, p, the regime, L at each point, the sweep value in force), and on `data` and `model`
// lines the tangent kernel's figures when the worker has them (./kernelMarkdown.ts). Pure: no vscode.
import type { AnalysisReport } from '../../core/report';
import { escapeMd, num } from '../../format';
import type { KernelSummaryResult } from '../../protocol/worker';
import { kernelMarkdown } from './kernelMarkdown';

/** The statements with a hover of their own. */
export const STATEMENT_KEYWORDS = ['loss', 'model', 'data', 'test', 'sweep', 'seed', 'watch'] as const;
export type StatementKeyword = (typeof STATEMENT_KEYWORDS)[number];

/** The keyword a line starts with, if it is one of STATEMENT_KEYWORDS (`loss = …`, `model f(x) = …`, `sweep m = …`). */
export function statementKeyword(line: string): StatementKeyword | null {
  const m = /^\s*(loss|model|data|test|sweep|seed|watch)\b/u.exec(line);
  return m ? (m[1] as StatementKeyword) : null;
}

/** L at every `at` point, one line. */
function lossAtPoints(report: AnalysisReport): string | null {
  const shown = report.points.filter((p) => p.loss !== undefined).slice(0, 6);
  if (!shown.length) return null;
  return shown.map((p, i) => `L = ${num(p.loss!)} at point ${i + 1}`).join(' · ');
}

/**
 * The markdown for a statement line of `keyword`; `sweepName` names the swept value of a `sweep` line; `kernel`, the
 * worker's tangent-kernel summary of this version, is shown on `data` and `model` lines.
 */
export function statementMarkdown(
  report: AnalysisReport,
  keyword: StatementKeyword,
  sweepName?: string,
  kernel?: KernelSummaryResult,
): string {
  const t = report.training;
  const p = report.params.length,
    q = report.outputs.length;
  const out: string[] = [];
  switch (keyword) {
    case 'loss':
      out.push(
        '**loss**: the canonical loss L(θ), a function of the outputs (and constants) only; the parameters reach it through θ = ψ(W), so ∇_W L = Jᵀ ∇_θ L (the blog’s chain rule).',
      );
      break;
    case 'model':
      out.push(
        '**model** f(x): the model of one input x (a scalar or a row of `X`). With `data`, the predictions F_k = f(X_k) on the training inputs are the data outputs.',
        t?.data?.predictionsAreOutputs
          ? `The file defines no outputs, so θ = F: J = DF (${q} × ${p}) and M = J Jᵀ is the tangent kernel K = DF DFᵀ.`
          : 'The file also defines outputs, so F is a function of θ and DF = (∂F/∂θ) J.',
      );
      if (kernel) out.push(kernelMarkdown(kernel, kernel.point));
      break;
    case 'data': {
      out.push(
        '**data** X, y: the training set; L = ½ Σ_k (F_k − y_k)² (the notes’ convention) unless a `loss` line is written. SGD averages ∇ℓ_k = ∇ ½ (F_k − y_k)² over its batch, so a full batch is GD on L / n.',
      );
      const d = t?.data;
      if (d) {
        const regime =
          p > d.n
            ? `over-parameterized (p = ${p} > n = ${d.n}): the tangent kernel can be positive definite and exact fits exist generically`
            : p === d.n
              ? `at the interpolation threshold (p = n = ${d.n})`
              : `under-parameterized (p = ${p} < n = ${d.n}): K = DF DFᵀ has rank at most p, so λ_min(K) = 0 and PL* cannot hold`;
        const samples = `n = ${d.n} samples of ${d.inputDim} number${d.inputDim === 1 ? '' : 's'}`;
        // With the kernel's figures the regime is stated once, there.
        out.push(kernel ? `${samples}.` : `${samples}; ${regime}.`);
      }
      if (kernel) out.push(kernelMarkdown(kernel, kernel.point));
      break;
    }
    case 'test':
      out.push(
        `**test** Xt, yt: a test set; the test risk is mean_k (f(Xt_k) − yt_k)²${t?.data ? ` over ${t.data.testN} samples` : ''}.`,
      );
      for (const [i, pt] of report.points.entries())
        if (pt.testRisk != null && i < 6) out.push(`test risk ${num(pt.testRisk)} at point ${i + 1}`);
      break;
    case 'sweep': {
      const s = t?.sweeps.find((x) => x.name === sweepName) ?? t?.sweeps[0];
      out.push('**sweep**: a swept value; sizes and expressions may use it, and every lab can run once per value.');
      if (s) {
        const values =
          s.values.length > 12
            ? `${s.values.slice(0, 12).join(', ')}, … (${s.values.length} values)`
            : s.values.join(', ');
        out.push(
          `${escapeMd(s.name)} ∈ {${values}}; the editor shows ${escapeMd(s.name)} = ${s.used}. The CLI runs every value, or one with \`--sweep ${escapeMd(s.name)}=VALUE\`.`,
        );
      }
      break;
    }
    case 'seed':
      out.push(
        `**seed** ${t?.seed ?? 1}: the root of every random draw in the file (Philox4x32-10, one stream per statement name), so the same file gives the same numbers in the CLI, the editor and the panel. \`--seed S\` replaces it in the CLI.`,
      );
      break;
    case 'watch':
      out.push(
        '**watch**: a scalar of the parameters tracked along every trajectory (`overparam train` and the panel’s Training view).',
      );
      break;
  }
  const losses = keyword === 'test' || keyword === 'sweep' || keyword === 'seed' ? null : lossAtPoints(report);
  if (losses) out.push(losses);
  return out.join('\n\n');
}
