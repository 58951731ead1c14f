// The hover of an `at` line as markdown: rank, singular values, J, and what a rank drop means (ghost saddles and
// symmetries) in plain words. Pure: no vscode; command links come in as ready-made URIs.
import type { AnalysisReport, PointReport } from '../../core/report';
import { fullRank, pointSummary } from '../findings';
import { canonicalSign, direction, escapeMd, matrixTable, num, tuple } from '../../format';

/** Command URIs offered at the bottom of a hover. */
export interface HoverLinks {
  openPanel: string;
  copyLatex: string;
}

/** Most basis vectors listed per kernel. */
const MAX_DIRECTIONS = 3;

/** The markdown of point `index` of `report`, with command links when given. */
export function pointMarkdown(report: AnalysisReport, index: number, links?: HoverLinks): string {
  const point = report.points[index];
  const full = fullRank(report);
  const q = report.outputs.length;
  const p = report.params.length;
  const out: string[] = [];
  const deficient = point.finite && point.rank !== undefined && point.rank < full;
  const verdict = !point.finite ? 'not finite' : deficient ? 'rank-deficient' : 'full rank';
  out.push(
    `**Point ${index + 1}** · ${escapeMd(point.label)} · **${pointSummary(point, full).replace(' · ', '** · ')} (${verdict})`,
  );
  if (!point.finite) {
    out.push(
      'θ or J has a NaN or an infinity at this point (for example 1/w at w = 0), so there is no rank to report.',
    );
    if (point.theta.length) out.push(`θ = ${tuple(point.theta)}`);
  } else {
    out.push(
      `σ = ${tuple(point.singularValues ?? [])} · ‖J‖ = ${num(point.operatorNorm ?? NaN)}${point.tolerance !== undefined ? ` · tol ${num(point.tolerance)}` : ''}`,
    );
  }
  if (point.finite && point.loss !== undefined) out.push(lossLine(point));
  if (point.finite) out.push(...directions(report, point));
  if (point.J.length)
    out.push(`J (${q} × ${p}) at this point:\n\n${matrixTable(point.J, report.outputs, report.params)}`);
  else out.push(`J is ${q} × ${p}: too large to show here.`);
  if (links)
    out.push(`[$(graph) Open panel at this point](${links.openPanel}) · [$(copy) Copy J as LaTeX](${links.copyLatex})`);
  return out.join('\n\n');
}

/** Where the gradient is 0 in W but not in θ: the parameterization made the critical point (the blog's ghost). */
const GHOST_RATIO = 1e-8;

/** L, ‖∇_W L‖ and ‖∇_θ L‖, the Hessian's extremes, and a ghost critical point named as such. */
function lossLine(point: PointReport): string {
  const gW = Math.hypot(...(point.gradient ?? [])),
    gTheta = Math.hypot(...(point.canonicalGradient ?? []));
  const parts = [`L = ${num(point.loss!)}`, `‖∇_W L‖ = ${num(gW)}`, `‖∇_θ L‖ = ${num(gTheta)}`];
  const h = point.hessianEigenvalues;
  if (h?.length) parts.push(`∇²_W L eigenvalues ${num(h[0])} … ${num(h[h.length - 1])}`);
  let line = `**Loss** · ${parts.join(' · ')}`;
  if (gTheta > 0 && gW <= GHOST_RATIO * gTheta)
    line +=
      '\n\n∇_W L = Jᵀ ∇_θ L vanishes here while ∇_θ L does not: a critical point of L(W) that L(θ) does not have (a ghost).';
  return line;
}

/** Ghost-saddle (ker Jᵀ) and symmetry (ker J) directions in plain words. */
function directions(report: AnalysisReport, point: PointReport): string[] {
  const out: string[] = [];
  const cokernel = (point.cokernel ?? []).map(canonicalSign);
  const kernel = (point.kernel ?? []).map(canonicalSign);
  if (cokernel.length) {
    out.push(
      `**Ghost saddle** (ker Jᵀ, in θ): ${along(cokernel, report.outputs)}\n\n` +
        `A loss whose canonical gradient points along ${tuple(cokernel[0])} has a critical point here that the canonical space does not have.`,
    );
  }
  if (kernel.length) {
    out.push(
      `**Symmetry** (ker J, in parameters): ${along(kernel, report.params)}\n\n` +
        `Moving the parameters along ${tuple(kernel[0])} does not change θ (to first order), so the gradient has no component there.`,
    );
  }
  return out;
}

/** `along (0, 1) = θ[2]`, or a list when the space has more than one basis vector. */
function along(basis: number[][], names: readonly string[]): string {
  const one = (v: number[]): string => `along ${tuple(v)} = ${escapeMd(direction(v, names))}`;
  if (basis.length === 1) return one(basis[0]);
  return `${basis.length} directions\n${basis
    .slice(0, MAX_DIRECTIONS)
    .map((v) => `- ${one(v)}`)
    .join('\n')}${more(basis.length)}`;
}

function more(n: number): string {
  return n > MAX_DIRECTIONS ? `\n- … ${n - MAX_DIRECTIONS} more (dimension ${n})` : '';
}
