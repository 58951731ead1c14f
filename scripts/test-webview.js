// Webview tier: the panel's webview in real Chromium (playwright-core + Debian chromium), the host replaced by a
// driver running the real host logic on the real core. Builds, installs chromium when missing, bundles the tests,
// runs them with node's test runner. Screenshots and exports go to test-artifacts/webview/. OVERPARAM_BUILT=1 (set by
// scripts/test-all.sh after its one build and type check) skips the build and the type checks.
const { execFileSync, execSync, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
process.chdir(root);

/** Installs Debian's chromium when it is missing (the only way this tier gets a browser). */
function ensureChromium() {
  if (process.env.CHROMIUM_PATH || fs.existsSync('/usr/bin/chromium')) return;
  console.log('[test:webview] installing chromium (apt)...');
  execSync('apt-get update -qq && apt-get install -y -qq chromium', { stdio: 'inherit' });
}

/** KaTeX's stylesheet and fonts beside the bundle (dist/katex), unless the build already put them there. */
function ensureKatexAssets() {
  const from = path.join(root, 'node_modules', 'katex', 'dist');
  const to = path.join(root, 'dist', 'katex');
  if (fs.existsSync(path.join(to, 'katex.min.css'))) return;
  fs.mkdirSync(path.join(to, 'fonts'), { recursive: true });
  fs.copyFileSync(path.join(from, 'katex.min.css'), path.join(to, 'katex.min.css'));
  for (const f of fs.readdirSync(path.join(from, 'fonts')))
    fs.copyFileSync(path.join(from, 'fonts', f), path.join(to, 'fonts', f));
}

async function main() {
  const t0 = Date.now();
  ensureChromium();
  if (!process.env.OVERPARAM_BUILT) {
    execFileSync(process.execPath, ['esbuild.js'], { stdio: 'inherit' });
    for (const project of ['webview/tsconfig.json', 'test/webview/tsconfig.json'])
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--noEmit', '-p', project], {
        stdio: 'inherit',
      });
  }
  ensureKatexAssets();
  await require('esbuild').build({
    entryPoints: ['test/webview/all.test.ts'],
    outdir: 'out/webview-test',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    external: ['playwright-core'],
    logLevel: 'warning',
  });
  const r = spawnSync(
    process.execPath,
    [
      '--enable-source-maps',
      '--test',
      '--test-reporter=spec',
      // The whole file is one test to the runner: this bounds the tier (about 2 min alone, more on a busy machine;
      // a hang inside a test fails sooner, at the driver's own 15 s waits).
      '--test-timeout=600000',
      // WEBVIEW_ONLY=<pattern>: only the suites and tests whose names match (one view's tests while working on it).
      ...(process.env.WEBVIEW_ONLY ? [`--test-name-pattern=${process.env.WEBVIEW_ONLY}`] : []),
      'out/webview-test/all.test.js',
    ],
    { stdio: 'inherit' },
  );
  console.log(
    `[test:webview] ${r.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s; artifacts in test-artifacts/webview/`,
  );
  process.exit(r.status ?? 1);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
