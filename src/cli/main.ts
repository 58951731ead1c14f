// The CLI's entry: looks the subcommand up in ./commands/index.ts, parses its flags, runs it, maps errors to exit
// codes. All I/O is here (the commands get a CliIo).
import * as fs from 'fs';
import { parseArgs, UsageError } from './args';
import { COMMANDS } from './commands';
import type { CliIo } from './command';

/** Exit codes, documented in the README's CLI section. */
export const EXIT = { ok: 0, fileErrors: 1, usage: 2, internal: 3 } as const;

/** What `overparam help` prints. */
export function usage(): string {
  return [
    'usage:',
    ...COMMANDS.map((c) => `  ${c.synopsis}`),
    '  overparam help',
    'exit codes: 0 done (rank deficiency is a finding), 1 the file has errors, 2 usage error, 3 internal error',
  ].join('\n');
}

const readFile = (file: string): string => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
};

/** Runs the CLI on argv (without node and script) and returns the exit code. */
export function main(
  argv: readonly string[],
  out: (s: string) => void = (s) => process.stdout.write(s + '\n'),
  err: (s: string) => void = (s) => process.stderr.write(s + '\n'),
): number {
  const io: CliIo = { out, readFile };
  try {
    const name = argv[0] ?? 'help';
    if (name === 'help' || name === '--help' || name === '-h') {
      out(usage());
      return EXIT.ok;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command \`${name}\``);
    return command.run(parseArgs(argv, command), io);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`overparam: ${e.message}\n${usage()}`);
      return EXIT.usage;
    }
    err(`overparam: internal error: ${(e as Error).message}`);
    return EXIT.internal;
  }
}

if (require.main === module) {
  // A closed pipe (`overparam map … --json | head`) ends the output, not the process with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  process.exitCode = main(process.argv.slice(2));
}
