/** Thrown for a command line that cannot be run; the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {}

/** A parsed command line: the command, its positional arguments and its `--flag [value]` options. */
export interface ParsedArgs {
  command: string;
  positional: string[];
  flags: Map<string, string | true>;
}

/** The flags a command takes: those with a value and those without. */
export interface FlagSpec {
  valued: readonly string[];
  switches: readonly string[];
}

/** Splits argv into command, positionals and the command's flags (`--x=..` and `--x ..` both work). */
export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const [command = 'help', ...rest] = argv;
  const VALUED = new Set(spec.valued);
  const SWITCHES = new Set(spec.switches);
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (VALUED.has(name)) {
      const value = eq < 0 ? rest[++i] : a.slice(eq + 1);
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      flags.set(name, value);
    } else if (SWITCHES.has(name) && eq < 0) flags.set(name, true);
    else throw new UsageError(`unknown option ${a} for ${command}`);
  }
  return { command, positional, flags };
}

/** Parses `--at "w1=1, w2=0"` or `--at "w[1]=1; r=pi"`-style lists of numbers (plain numbers only). */
export function parsePointArg(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(/[;,](?![^[]*\])/)) {
    if (!part.trim()) continue;
    const m = /^\s*([^=\s]+)\s*=\s*(.+?)\s*$/u.exec(part);
    const v = m ? Number(m[2] === 'pi' ? Math.PI : m[2]) : NaN;
    if (!m || !Number.isFinite(v))
      throw new UsageError(`--at: cannot read \`${part.trim()}\`; write it like --at "w1=1, w2=0"`);
    out[m[1]] = v;
  }
  return out;
}

/** Parses `NAME:FROM:TO:STEPS` of `overparam map`. */
export function parseAxisArg(flag: string, text: string): { name: string; from: number; to: number; steps: number } {
  const m = /^(.+):([^:]+):([^:]+):(\d+)$/u.exec(text);
  const from = m ? Number(m[2]) : NaN,
    to = m ? Number(m[3]) : NaN,
    steps = m ? Number(m[4]) : NaN;
  if (!m || !Number.isFinite(from) || !Number.isFinite(to) || !(steps >= 1 && steps <= 1024)) {
    throw new UsageError(`${flag} takes NAME:FROM:TO:STEPS with 1 <= STEPS <= 1024, like ${flag} r:-2:2:256`);
  }
  return { name: m[1], from, to, steps };
}

/** Parses `LO:HI` of `overparam deficient --box` (finite, LO < HI), like `--box -2:2`. */
export function parseBoxArg(text: string): [number, number] {
  const m = /^([^:]+):([^:]+)$/u.exec(text.trim());
  const lo = m ? Number(m[1]) : NaN,
    hi = m ? Number(m[2]) : NaN;
  if (!m || !Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi))
    throw new UsageError(`--box takes LO:HI with LO < HI, like --box -2:2 or --box=-1:3`);
  return [lo, hi];
}
