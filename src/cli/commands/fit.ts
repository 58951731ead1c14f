// `overparam fit`: double descent over a file's sweep. Per swept value the minimum-norm (or ridge) least-squares fit,
// its training and test risk, the coefficients' norm and σ_min of the feature matrix, averaged over seeds.
import { doubleDescent, UnsuitableFileError, type DoubleDescentCurve } from '../../core';
import { num } from '../../format';
import { UsageError, type ParsedArgs } from '../args';
import { positiveInt, readInput, toJson, type CliCommand } from '../command';
import { labRuns, seedArg } from '../labInput';

/** `--ridge L`: λ ≥ 0 (default 0). */
function ridgeArg(args: ParsedArgs): number {
  const raw = args.flags.get('--ridge');
  if (raw === undefined) return 0;
  const v = Number(raw);
  if (!(v >= 0) || !Number.isFinite(v)) throw new UsageError('--ridge takes a number λ ≥ 0');
  return v;
}

/** A table: one row per swept value, the threshold p = n marked. */
function text(file: string, c: DoubleDescentCurve, repeats: number, ridge: number): string[] {
  const out = [
    `${file}: minimum-norm least squares over ${c.sweep} (n = ${c.n}, ${repeats} seed${repeats > 1 ? 's' : ''}` +
      `${ridge > 0 ? `, ridge λ = ${ridge}` : ''}); risks are mean squared errors`,
    [c.sweep, 'train risk', 'test risk', '‖w‖', 'σ_min(DF)'].map((h) => h.padStart(12)).join(' '),
  ];
  c.values.forEach((v, i) =>
    out.push(
      [
        String(v),
        num(c.trainRisk[i]),
        c.testRisk[i] === null ? '—' : num(c.testRisk[i]!),
        num(c.norm[i]),
        num(c.sigmaMin[i]),
      ]
        .map((s) => s.padStart(12))
        .join(' ') + (v === c.n ? '   ← p = n' : ''),
    ),
  );
  return out;
}

/** `overparam fit FILE`: exit 1 when the file has no sweep, no data, or a model not linear in its parameters. */
export const fitCommand: CliCommand = {
  name: 'fit',
  synopsis: 'overparam fit FILE [--repeats S] [--ridge L] [--seed S] [--json]',
  valued: ['--repeats', '--ridge', '--seed'],
  switches: ['--json'],
  run(args, io) {
    const { file, text: source } = readInput(args, io);
    const repeats = positiveInt(args, '--repeats', 1);
    const ridge = ridgeArg(args);
    if (!labRuns(file, source, args, io, { all: false })) return 1;
    let curve: DoubleDescentCurve;
    try {
      curve = doubleDescent(source, { repeats, ridge, seed: seedArg(args) });
    } catch (e) {
      if (!(e instanceof UnsuitableFileError)) throw e;
      io.out(`${file}:1:1: error: ${e.message} [syntax]`);
      return 1;
    }
    if (args.flags.has('--json'))
      io.out(
        toJson({
          sweep: curve.sweep,
          values: curve.values,
          trainRisk: curve.trainRisk,
          testRisk: curve.testRisk,
          norm: curve.norm,
          sigmaMin: curve.sigmaMin,
          n: curve.n,
        }),
      );
    else text(file, curve, repeats, ridge).forEach((l) => io.out(l));
    return 0;
  },
};
