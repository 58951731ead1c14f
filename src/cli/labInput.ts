// What every lab command shares: `--sweep NAME=VALUE` and `--seed S` read the same way, the document compiled for
// each chosen sweep value, and its objective (the file's loss) or the file's errors printed at their line and column.
import { compileDocument, type CompileResult } from '../core';
import { documentObjective, NO_LOSS_MESSAGE, type DocumentObjective } from '../core/objective/documentObjective';
import { MAX_SEED } from '../core/random';
import { UsageError, type ParsedArgs } from './args';
import type { CliIo } from './command';
import { formatDiagnostic } from './textReport';

/** The flags `labFlags` adds to a lab command. */
export const LAB_FLAGS = ['--sweep', '--seed'] as const;

/** Most sweep combinations one command runs when no `--sweep` picks one. */
const MAX_RUNS = 64;

/** `--sweep m=1000` or `--sweep m=1000,n=3`: the value of each named sweep, or undefined when absent. */
export function sweepArg(args: ParsedArgs): Record<string, number> | undefined {
  const raw = args.flags.get('--sweep');
  if (raw === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const part of String(raw).split(',')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S+)\s*$/u.exec(part);
    const v = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(v))
      throw new UsageError(`--sweep: cannot read \`${part.trim()}\`; write --sweep m=1000`);
    out[m[1]] = v;
  }
  return out;
}

/** `--seed S`: a whole number 0 ≤ S ≤ 2^53 - 1 that replaces the file's `seed` line, or undefined when absent. */
export function seedArg(args: ParsedArgs): number | undefined {
  const raw = args.flags.get('--seed');
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 0 || v > MAX_SEED) throw new UsageError('--seed takes a whole number ≥ 0');
  return v;
}

/** One compilation of a lab's document: the sweep values it used and its objective. */
export interface LabRun {
  /** The value of each sweep of the file in this run (empty for a file without sweeps). */
  sweep: Record<string, number>;
  lab: DocumentObjective;
  result: CompileResult;
}

/** Every combination of the file's sweep values (the first sweep varies slowest), capped at MAX_RUNS. */
function combinations(result: CompileResult, chosen: Record<string, number> | undefined): Record<string, number>[] {
  let out: Record<string, number>[] = [{}];
  for (const s of result.sweeps) {
    const values = chosen && s.name in chosen ? [chosen[s.name]] : s.values;
    out = out.flatMap((c) => values.map((v) => ({ ...c, [s.name]: v })));
  }
  if (out.length > MAX_RUNS)
    throw new UsageError(`the file's sweeps make ${out.length} runs (at most ${MAX_RUNS}): pick values with --sweep`);
  return out;
}

/**
 * The lab runs of `text`: with `--sweep` the values it names (the others at every value), otherwise every value of
 * every sweep, or the file as it stands when it has none (`all: false` keeps the first value of each instead).
 * Returns null after printing the file's errors or its lack of a loss (the command then exits 1).
 */
export function labRuns(
  file: string,
  text: string,
  args: ParsedArgs,
  io: CliIo,
  options: { all?: boolean } = {},
): LabRun[] | null {
  const chosen = sweepArg(args);
  const seed = seedArg(args);
  const first = compileDocument(text, { sweep: chosen, seed });
  if (!report(file, first, io)) return null;
  for (const name of Object.keys(chosen ?? {}))
    if (!first.sweeps.some((s) => s.name === name)) throw new UsageError(`--sweep: the file has no sweep \`${name}\``);
  const used = Object.fromEntries(first.sweeps.map((s) => [s.name, chosen?.[s.name] ?? s.values[0]]));
  const choices = (options.all ?? true) ? combinations(first, chosen) : [used];
  const runs: LabRun[] = [];
  for (const sweep of choices) {
    const reuse = Object.keys(used).every((name) => used[name] === sweep[name]);
    const result = reuse ? first : compileDocument(text, { sweep, seed });
    if (!report(file, result, io)) return null;
    const lab = documentObjective(result);
    if (!lab) {
      io.out(`${file}:1:1: error: ${NO_LOSS_MESSAGE} [syntax]`);
      return null;
    }
    runs.push({ sweep, lab, result });
  }
  return runs;
}

/** Prints the errors of a compilation; true when there were none. */
function report(file: string, result: CompileResult, io: CliIo): boolean {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  errors.forEach((d) => io.out(formatDiagnostic(file, d)));
  return errors.length === 0 && result.model !== undefined;
}
