// The same integration tests under @vscode/test-cli + @vscode/test-electron (desktop VS Code; needs internet to
// download it):  npx vscode-test   (after `node esbuild.js`). Offline, scripts/test-integration.sh runs them in
// code-server instead. The workspace is a fresh temp copy of the fixtures, as in scripts/run-int.js.
import { defineConfig } from '@vscode/test-cli';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const workspaceFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'ws-'));
fs.cpSync('test/integration/workspace', workspaceFolder, { recursive: true });

export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/**/*.test.js',
  version: '1.100.3',
  workspaceFolder,
  launchArgs: ['--disable-workspace-trust', '--disable-extensions'],
  mocha: { ui: 'bdd', timeout: 60000 },
});
