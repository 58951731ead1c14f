// Runs the UI end-to-end test (test/e2e/workbench.e2e.ts, compiled to out/) in the real VS Code workbench:
// code-server 4.100.3 with this extension in development mode and a copy of examples/ open, in headless Chromium
// driven by playwright-core. Screenshots go to test-artifacts/e2e-*.png (git-ignored).
//   node scripts/test-e2e.js          (sets up code-server (idempotent) and builds first; OVERPARAM_BUILT=1, set by
//                                      scripts/test-all.sh after its one build, skips the build; E2E_NO_BUILD=1 both)
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startServer, launchBrowser, workbenchUrl, ROOT } = require('./run-int.js');

const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const STEP_TIMEOUT = 30000;

function prepare() {
  if (process.env.E2E_NO_BUILD) return;
  const steps = [['bash', ['scripts/setup-vscode.sh', '.vscode-test']]];
  if (!process.env.OVERPARAM_BUILT) steps.push(['node', ['esbuild.js']]);
  for (const [cmd, args] of steps) {
    const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
  }
}

/** Runs one named step, printing how long it took. */
async function step(name, fn) {
  const t = Date.now();
  const out = await fn();
  console.log(`  ✔ ${name} (${Date.now() - t} ms)`);
  return out;
}

async function main() {
  prepare();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-'));
  fs.cpSync(path.join(ROOT, 'examples'), folder, { recursive: true });
  const server = await startServer({ settings: path.join(ROOT, 'test/e2e/settings.json') });
  const browser = await launchBrowser();
  const started = Date.now();
  const page = await (await browser.newContext({ viewport: { width: 1500, height: 900 } })).newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  const shot = (name) => page.screenshot({ path: path.join(ARTIFACTS, `e2e-${name}.png`) });
  try {
    console.log('UI end-to-end (code-server workbench, headless Chromium)');
    await step('workbench loads with the extension in development mode', async () => {
      await page.goto(workbenchUrl(server.port, { folder }));
      await page.locator('.monaco-workbench').waitFor();
      await page.locator('.explorer-folders-view, .monaco-list').first().waitFor();
    });
    await require(path.join(ROOT, 'out/test/e2e/workbench.e2e.js')).run({ page, shot, step });
    console.log(
      `UI end-to-end: passed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(ROOT, ARTIFACTS)}/`,
    );
    return 0;
  } catch (e) {
    await shot('failure').catch(() => {});
    console.error(`UI end-to-end: FAILED: ${e.stack || e}`);
    if (process.env.E2E_DEBUG) console.error(server.log());
    return 1;
  } finally {
    await browser.close();
    server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
