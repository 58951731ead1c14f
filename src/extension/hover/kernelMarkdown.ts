// The tangent-kernel part of the hover of `data` and `model` lines: n, p, the regime, λ_min(K) at the point, μ with
// the PL* convention in force named, and the ball's R, with the ball check's outcome in words. Pure: no vscode.
import type { KernelSummary } from '../../core/kernel/kernelSummary';
import { num } from '../../format';

/** The regime in the hover's words: p ≥ n can have K positive definite, p < n cannot. */
export function regimeText(n: number, p: number): string {
  return p >= n ? 'over-parameterized: p ≥ n' : 'under-parameterized: p < n, K is singular';
}

/** The PL* convention in force, as the hover names it. */
export function conventionName(s: Pick<KernelSummary, 'convention'>): string {
  return s.convention === 'half'
    ? 'the ½ form, PL\\* as ½‖∇L‖² ≥ μ L, so μ = λ_min(K)'
    : 'the notes’ form, PL\\* as ‖∇L‖² ≥ μ L, so μ = 2 λ_min(K)';
}

/** The PL ratio at the point under the convention in force (none where L = 0). */
function ratio(s: KernelSummary): string {
  const name = s.convention === 'half' ? '½‖∇L‖² / L' : '‖∇L‖² / L';
  return Number.isNaN(s.plRatio)
    ? `no PL ratio ${name} at the point (L = 0)`
    : `PL ratio ${name} = ${num(s.plRatio)} at the point`;
}

/** What the ball check found, in one sentence. */
function ballText(s: KernelSummary): string {
  if (s.underParameterized)
    return `rank K ≤ p = ${s.p} < n = ${s.n}, so λ_min(K) ≡ 0: PL\\* cannot hold anywhere (μ = 0, R = ∞).`;
  if (s.lambdaMin === 0) return 'λ_min(K) = 0 at the point: PL\\* fails at w0 itself (μ = 0, R = ∞).';
  if (s.zeroAt !== null)
    return `λ_min(K) reaches 0 at distance ${num(s.zeroAt)} from w0, inside the sampled ball: PL\\* fails there (μ = 0).`;
  if (s.stopped)
    return `The ball check ran past the analysis time budget after ${s.rounds} round${s.rounds === 1 ? '' : 's'}: μ and R are from the balls sampled by then.`;
  const by = `${s.samples.toLocaleString('en-US')} samples`;
  if (!s.holds) return `R did not settle in ${s.rounds} rounds of ${by} (μ fell as the ball grew).`;
  return `μ-PL\\* holds on B(w0, ${num(s.radius)}) by ${by} (${s.rounds} round${s.rounds === 1 ? '' : 's'}).`;
}

/**
 * The kernel summary at `at` point `point` (1-based) as markdown: `overparam kernel`'s n, p, λ_min(K), μ and R
 * (the CLI's default point, samples and seed), the regime, the convention of μ and the ball's outcome.
 */
export function kernelMarkdown(s: KernelSummary, point: number): string {
  const half = s.convention === 'half';
  const lines = [
    `**Tangent kernel** K = DF DFᵀ at point ${point} (\`overparam kernel\`'s figures, without its GD run)`,
    `n = ${s.n} samples · p = ${s.p} parameters · **${regimeText(s.n, s.p)}**`,
    `λ_min(K) = ${num(s.lambdaMin)} · λ_max(K) = ${num(s.lambdaMax)} · condition ${num(s.condition)}`,
    `μ = ${num(s.mu)} (inf λ_min(K) over w0 and the ball's samples${half ? '' : ', doubled'}) · ${ratio(s)}`,
    `μ's convention: ${conventionName(s)} (setting \`overparam.kernel.muConvention\`)`,
    `R = ${half ? '2' : '4'} √(2 β L(w0)) / μ = ${num(s.radius)} (β ≈ ${num(s.beta)}: the largest ‖∇²L‖ at ` +
      `${s.betaPoints} point${s.betaPoints === 1 ? '' : 's'} of w0 and the ball; L(w0) = ${num(s.loss)})`,
    ballText(s),
  ];
  return lines.join('\n\n');
}
