// `overparam … | head`: when the reader closes the pipe, the CLI stops quietly (no EPIPE stack trace, exit 0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'child_process';
import * as path from 'path';
import { repoRoot } from '../../support/paths';

test('a closed stdout pipe ends the CLI quietly', async () => {
  const args = ['map', path.join(repoRoot, 'examples', 'squared.overparam'), '--x', 'w[1]:-2:2:512', '--y'];
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args, 'w[2]:-2:2:512', '--csv']);
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  // Read one chunk, then close our end, as `head -1` does.
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  assert.doesNotMatch(stderr, /EPIPE|Error/, stderr);
  assert.equal(code, 0);
});
