// The README's CLI synopsis against the CLI itself: every command and flag of `overparam help` is in the README,
// every flag the README names parses, and the README lists the exit codes 0 to 3 (dist/cli.js is run as a process:
// importing src/cli/main.ts would run it).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from '../../../src/cli/args';
import { COMMANDS } from '../../../src/cli/commands';
import { spawnSync } from 'child_process';
import { repoRoot } from '../../support/paths';

const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const cliSection = readme.slice(
  readme.indexOf('## The CLI'),
  readme.indexOf('\n## ', readme.indexOf('## The CLI') + 1),
);
const synopsis = /```\n([\s\S]*?)```/.exec(cliSection)?.[1] ?? '';
const flagsOf = (text: string): string[] => [...new Set(text.match(/--[a-z][a-z-]*/g) ?? [])].sort();
const commandsOf = (text: string): string[] => [...new Set([...text.matchAll(/overparam (\w+)/g)].map((m) => m[1]))];

/** Runs dist/cli.js (built by esbuild.js) with `args`. */
function cli(...args: string[]): { code: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout };
}

/** What `overparam help` prints. */
function usage(): string {
  const r = cli('help');
  assert.equal(r.code, 0);
  return r.stdout;
}

describe("the README's CLI synopsis", () => {
  test('has every command and flag of `overparam help`', () => {
    assert.ok(synopsis.length > 0, 'the CLI section opens with a synopsis block');
    const help = usage();
    for (const c of commandsOf(help)) assert.ok(commandsOf(synopsis).includes(c), `command ${c}`);
    for (const f of flagsOf(help)) assert.ok(flagsOf(synopsis).includes(f), `flag ${f}`);
  });

  test('names only flags the CLI accepts, each documented in the section', () => {
    for (const f of flagsOf(synopsis)) {
      if (f === '--help') continue; // a command alias, not an option
      const command = COMMANDS.find((c) => c.valued.includes(f) || c.switches.includes(f));
      assert.ok(command, `${f} belongs to a command`);
      const value = command.valued.includes(f) ? ['1'] : [];
      assert.doesNotThrow(() => parseArgs([command.name, 'f.overparam', f, ...value], command), f);
      assert.ok(cliSection.includes(`| \`${f}`), `${f} has a row in an options table`);
    }
  });

  test('lists the exit codes 0 to 3', () => {
    for (const code of [0, 1, 2, 3]) assert.match(cliSection, new RegExp(`^\\| ${code} \\| \\S`, 'm'), `exit ${code}`);
    assert.equal(cli('nope').code, 2, 'an unknown command is a usage error');
  });
});
