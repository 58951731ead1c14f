// `overparam width`: the lecture's transition to linearity across a file's width sweep: ‖H_f‖, ‖∇f‖, λ_min(K) at
// the start, distance, kernel change and linearization error after T GD steps, with log-log slopes and intervals.
import { NO_KERNEL_MESSAGE, widthLab, type WidthReport } from '../../core';
import { num } from '../../format';
import { UsageError, type ParsedArgs } from '../args';
import { readInput, toJson, type CliCommand } from '../command';
import { LAB_FLAGS, labRuns, type LabRun } from '../labInput';

/** Defaults of the flags, stated in the README. */
export const WIDTH_DEFAULTS = { steps: 100, budgetSeconds: 120 } as const;

/** `--steps T`: a whole number ≥ 0 (0: the start quantities only). */
function stepsOf(args: ParsedArgs): number {
  const raw = args.flags.get('--steps');
  if (raw === undefined) return WIDTH_DEFAULTS.steps;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 0) throw new UsageError('--steps takes a whole number ≥ 0');
  return v;
}

/** The sweep whose value changes across the runs (the width); the others must be fixed. */
function widthSweep(runs: readonly LabRun[]): string {
  const names = Object.keys(runs[0].sweep);
  const varying = names.filter((n) => runs.some((r) => r.sweep[n] !== runs[0].sweep[n]));
  if (varying.length > 1)
    throw new UsageError(`the sweeps ${varying.join(', ')} all vary: fix all but the width with --sweep`);
  const name = varying[0] ?? names[0];
  if (name === undefined)
    throw new UsageError('the width lab needs a width sweep: add a line like `sweep m = 10, 100, 1000`');
  return name;
}

const KEYS = ['hessianNorm', 'gradNorm', 'lambdaMin', 'kernelChange', 'distance', 'linearizationError'] as const;

/** The fixed JSON. */
function widthJson(r: WidthReport, sweep: string): Record<string, unknown> {
  const slopes: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(r.slopes))
    slopes[k] = { value: s.value, low: s.low, high: s.high, points: s.points };
  return {
    sweep,
    widths: r.widths,
    ...Object.fromEntries(KEYS.map((k) => [k, r[k]])),
    slopes,
    reference: -0.5,
    blocks: r.blocks,
    lr: r.lr,
    steps: r.steps,
    notes: r.notes,
  };
}

/** A table per width, the slopes, the notes. */
function text(file: string, r: WidthReport, sweep: string): string[] {
  const heads = [sweep, '‖H_f‖', '‖∇f‖', 'λ_min(K)', 'ΔK/K', '‖w_T-w0‖', 'lin. err', 'blocks'];
  const out = [`${file}: ${r.steps} GD steps at η = ${num(r.lr)} per width (the same η at every width)`];
  out.push(heads.map((h) => h.padStart(11)).join(' '));
  r.widths.forEach((m, i) => {
    const cells = [m, ...KEYS.map((k) => r[k][i]), r.blocks[i]];
    out.push(cells.map((v) => (v === null ? '—' : num(v)).padStart(11)).join(' '));
  });
  for (const [k, s] of Object.entries(r.slopes))
    out.push(
      `  slope of ${k} in log-log: ${num(s.value)}` +
        (s.low === null ? '' : ` (95% interval ${num(s.low)} .. ${num(s.high!)})`),
    );
  out.push("  reference slope: −1/2 (the lecture's ‖H_f‖ = O(1/√m))");
  r.notes.forEach((n) => out.push(`  ${n}`));
  return out;
}

/** `overparam width FILE`: exit 0 with the measurements, 1 for file errors or a file without a tangent kernel. */
export const widthCommand: CliCommand = {
  name: 'width',
  synopsis: 'overparam width FILE [--steps T] [--lr ETA] [--sweep NAME=VALUE] [--seed S] [--json]',
  valued: ['--steps', '--lr', ...LAB_FLAGS],
  switches: ['--json'],
  run(args, io) {
    const { file, text: source } = readInput(args, io);
    const steps = stepsOf(args);
    const rawLr = args.flags.get('--lr');
    const lr = rawLr === undefined ? undefined : Number(rawLr);
    if (lr !== undefined && !(lr > 0 && Number.isFinite(lr))) throw new UsageError('--lr takes a positive step size');
    const runs = labRuns(file, source, args, io);
    if (!runs) return 1;
    const sweep = widthSweep(runs);
    if (runs.some((r) => !r.lab.data || r.lab.spec.source !== 'data')) {
      io.out(`${file}:1:1: error: ${NO_KERNEL_MESSAGE} [syntax]`);
      return 1;
    }
    const widthRuns = runs.map((r) => {
      const W0 = r.lab.model.points[0]?.values;
      if (!W0)
        throw new UsageError('the width lab starts from the first `at` point: add one like `at v ~ normal(0, 1)`');
      return { width: r.sweep[sweep], lab: r.lab, W0 };
    });
    const report = widthLab(widthRuns, { steps, lr, deadline: Date.now() + WIDTH_DEFAULTS.budgetSeconds * 1000 });
    if (args.flags.has('--json')) io.out(toJson(widthJson(report, sweep)));
    else text(file, report, sweep).forEach((l) => io.out(l));
    return 0;
  },
};
