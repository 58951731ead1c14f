// `overparam batch`: Ma, Bassily & Belkin's batch-size theory for a linear least-squares file (β, λ1, λn, the critical
// batch m*, the optimal step and guaranteed rate per batch size) beside the rate SGD shows with that step.
import { batchReport, defaultBatches, UnsuitableFileError, type BatchReport } from '../../core';
import { num } from '../../format';
import { UsageError, type ParsedArgs } from '../args';
import { readInput, toJson, type CliCommand } from '../command';
import { LAB_FLAGS, labRuns } from '../labInput';

/** `--batches 1,2,4`: positive integers, at most n. */
function batchesArg(args: ParsedArgs, n: number): number[] {
  const raw = args.flags.get('--batches');
  if (raw === undefined) return defaultBatches(n);
  const out = String(raw)
    .split(',')
    .map((s) => Number(s.trim()));
  if (out.length === 0 || out.some((b) => !Number.isInteger(b) || b < 1 || b > n))
    throw new UsageError(`--batches takes batch sizes 1 to n = ${n}, like --batches 1,2,4`);
  return out;
}

/** The fixed JSON. */
function json(r: BatchReport): Record<string, unknown> {
  return {
    beta: r.beta,
    lambdaMax: r.lambdaMax,
    lambdaMin: r.lambdaMin,
    criticalBatch: r.criticalBatch,
    batches: r.batches,
    optimalStep: r.optimalStep,
    theoryRate: r.theoryRate,
    measuredRate: r.measuredRate,
  };
}

/** The summary: the regime, the constants, then one row per batch size. */
function text(file: string, r: BatchReport): string[] {
  const out = [
    `${file}: ${r.interpolation.words}`,
    `β = max ‖x_i‖² = ${num(r.beta)}, λ1 = ${num(r.lambdaMax)}, λn = ${num(r.lambdaMin)} (H = (1/n) Σ x_i x_iᵀ), ` +
      `critical batch m* = β / (λ1 - λn) + 1 = ${num(r.criticalBatch)}`,
    ['b', 'η*(b)', 'theory rate', 'measured'].map((c) => c.padStart(12)).join(' '),
  ];
  r.batches.forEach((b, i) =>
    out.push(
      [String(b), num(r.optimalStep[i]), num(r.theoryRate[i]), num(r.measuredRate[i])]
        .map((c) => c.padStart(12))
        .join(' '),
    ),
  );
  out.push(
    'rates: per-step contraction of E‖w_t - w*‖² (theory: a guarantee; measured: SGD, batches with replacement)',
  );
  return out;
}

/** `overparam batch FILE`: exit 1 when the file is not linear least squares with data. */
export const batchCommand: CliCommand = {
  name: 'batch',
  synopsis: 'overparam batch FILE [--batches 1,2,4,…] [--seed S] [--sweep NAME=VALUE] [--json]',
  valued: ['--batches', ...LAB_FLAGS],
  switches: ['--json'],
  run(args, io) {
    const { file, text: source } = readInput(args, io);
    const runs = labRuns(file, source, args, io, { all: false });
    if (!runs) return 1;
    const { lab } = runs[0];
    if (!lab.data) {
      io.out(`${file}:1:1: error: the batch-size theory needs a file with \`model\` and \`data\` [syntax]`);
      return 1;
    }
    const batches = batchesArg(args, lab.data.n);
    let report: BatchReport;
    try {
      report = batchReport(lab, { batches });
    } catch (e) {
      if (!(e instanceof UnsuitableFileError)) throw e;
      io.out(`${file}:1:1: error: ${e.message} [syntax]`);
      return 1;
    }
    if (args.flags.has('--json')) io.out(toJson(json(report)));
    else text(file, report).forEach((l) => io.out(l));
    return 0;
  },
};
