// The CLI's registration contract: one CliCommand per subcommand, listed once in ./commands/index.ts.
// Adding a lab's subcommand = one file in ./commands exporting a CliCommand, plus one line in the table.
import { UsageError, type ParsedArgs } from './args';

/** What a command may do to the outside world (main wires it to the process; tests capture it). */
export interface CliIo {
  /** Writes one line to stdout. */
  out(line: string): void;
  /** Reads a UTF-8 file; throws UsageError when it cannot. */
  readFile(path: string): string;
}

/** One subcommand: its usage line, the flags it takes, and what it does (returns the exit code). */
export interface CliCommand {
  name: string;
  /** The usage line(s) printed by `overparam help` and mirrored in the README's synopsis. */
  synopsis: string;
  /** Flags that take a value (`--tol 1e-9`, `--tol=1e-9`). */
  valued: readonly string[];
  /** Flags without a value (`--json`). */
  switches: readonly string[];
  run(args: ParsedArgs, io: CliIo): number;
}

/** The FILE positional of a command and its text. */
export function readInput(args: ParsedArgs, io: CliIo): { file: string; text: string } {
  const file = args.positional[0];
  if (!file) throw new UsageError('give a .overparam file');
  return { file, text: io.readFile(file) };
}

/** `--tol X`: a non-negative number, or undefined for the default rank rule. */
export function tolerance(args: ParsedArgs): number | undefined {
  const t = args.flags.get('--tol');
  if (t === undefined) return undefined;
  const v = Number(t);
  if (!(v >= 0) || !Number.isFinite(v)) throw new UsageError('--tol takes a non-negative number');
  return v;
}

/** A positive integer flag (`--point K`, `--starts N`), or `fallback` when absent. */
export function positiveInt(args: ParsedArgs, flag: string, fallback: number): number {
  const raw = args.flags.get(flag);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw new UsageError(`${flag} takes a positive integer`);
  return v;
}

/** `--budget SECONDS`: a positive number of seconds, or `fallback` when absent. */
export function budgetSeconds(args: ParsedArgs, fallback: number): number {
  const raw = args.flags.get('--budget');
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!(v > 0) || !Number.isFinite(v)) throw new UsageError('--budget takes a positive number of seconds');
  return v;
}

/** JSON with non-finite numbers as strings ("Infinity", "NaN"), which JSON itself cannot hold. */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), indent);
}
