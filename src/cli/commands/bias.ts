// `overparam bias`: implicit bias by initialization scale. Per α of the file's sweep the gradient flow's endpoint θ∞,
// its ℓ1 and ℓ2 norms, the minimum-ℓ1 and minimum-ℓ2 solutions, and the gap to Woodworth's argmin of Q_α.
import { implicitBias, UnsuitableFileError, type ImplicitBiasReport } from '../../core';
import { num } from '../../format';
import { readInput, toJson, type CliCommand } from '../command';
import { labRuns, seedArg } from '../labInput';

/** The summary: one row per α, then the reference norms. */
function text(file: string, r: ImplicitBiasReport): string[] {
  const out = [
    `${file}: gradient flow to convergence per ${r.sweep} (rtol 1e-11, atol 1e-14); Q_α argmin by Newton on its dual`,
    [r.sweep, '‖θ∞‖₁', '‖θ∞‖₂', '‖θ∞ - argmin Q_α‖', 'final L'].map((h) => h.padStart(14)).join(' '),
  ];
  r.alphas.forEach((a, i) =>
    out.push([a, r.l1[i], r.l2[i], r.qAlphaGap[i], r.loss[i]].map((v) => num(v).padStart(14)).join(' ')),
  );
  out.push(`minimum ℓ1: ${num(r.minL1)} (simplex), minimum ℓ2: ${num(r.minL2)} (pseudo-inverse)`);
  return out;
}

/** `overparam bias FILE`: exit 1 when the file has no sweep or its predictions are not linear in θ. */
export const biasCommand: CliCommand = {
  name: 'bias',
  synopsis: 'overparam bias FILE [--seed S] [--json]',
  valued: ['--seed'],
  switches: ['--json'],
  run(args, io) {
    const { file, text: source } = readInput(args, io);
    if (!labRuns(file, source, args, io, { all: false })) return 1;
    let r: ImplicitBiasReport;
    try {
      r = implicitBias(source, { seed: seedArg(args) });
    } catch (e) {
      if (!(e instanceof UnsuitableFileError)) throw e;
      io.out(`${file}:1:1: error: ${e.message} [syntax]`);
      return 1;
    }
    if (args.flags.has('--json'))
      io.out(
        toJson({
          alphas: r.alphas,
          theta: r.theta,
          l1: r.l1,
          l2: r.l2,
          minL1: r.minL1,
          minL2: r.minL2,
          minL1Solution: r.minL1Solution,
          minL2Solution: r.minL2Solution,
          qAlphaGap: r.qAlphaGap,
        }),
      );
    else text(file, r).forEach((l) => io.out(l));
    return 0;
  },
};
