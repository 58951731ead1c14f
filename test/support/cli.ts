// Running the built CLI (dist/cli.js, made by esbuild.js) as a process, and temporary .overparam files for it.
import { after } from 'node:test';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from './paths';

/** What a CLI run gave: exit code, output, and its wall time in ms. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `overparam ARGS` from the repository root, killed after `timeoutMs`. */
export function runCli(args: readonly string[], timeoutMs = 30_000): CliRun {
  const t = Date.now();
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t };
}

/** A temporary folder removed after the test file; the function writes a document there and returns its path. */
export function tempFiles(prefix: string): (name: string, text: string) => string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  return (name, text) => {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, text);
    return p;
  };
}
