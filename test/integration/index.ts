/**
 * Mocha entry point loaded by the extension host (`--extensionTestsPath`), in the layout @vscode/test-electron uses:
 * `run()` resolves when every test passed and rejects otherwise. Runs every `*.test.js` beside this file.
 * env: INT_GREP filters tests by title.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** Runs the integration suite; called by the extension host's test runner. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (process.env.INT_GREP) mocha.grep(process.env.INT_GREP);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
