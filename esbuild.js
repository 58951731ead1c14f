// One build for every bundle and for the transpiled test tree.
//   node esbuild.js            build once (dev: sourcemaps, no minify)
//   node esbuild.js --watch    rebuild on change
//   node esbuild.js --production   minified bundles for packaging
// Type checking is separate: `npm run typecheck` (tsc --noEmit per tsconfig).
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Every .ts file under the given folders (for the transpiled out/ tree the node tests run from). */
function tsFiles(...dirs) {
  const found = [];
  const walk = (d) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) found.push(p);
    }
  };
  dirs.forEach(walk);
  return found;
}

// The CLI must start fast (a 256 x 256 rank map in 0.4 s as a whole process), so the full mathjs behind the optional
// `--simplify` pass (a `require('mathjs')`) is loaded from node_modules at run time instead of bundled; the parser's
// ESM imports of mathjs factories are still bundled and tree-shaken.
const lazyFullMathjs = {
  name: 'lazy-full-mathjs',
  setup(build) {
    build.onResolve({ filter: /^mathjs$/ }, (args) =>
      args.kind === 'require-call' ? { path: 'mathjs', external: true } : undefined,
    );
  },
};

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  // The extension host side: `vscode` is provided by the host.
  { ...node, entryPoints: { extension: 'src/extension/main.ts' }, outdir: 'dist', external: ['vscode'] },
  // Heavy analysis off the extension host thread (worker_threads); never imports vscode.
  { ...node, entryPoints: { worker: 'src/worker/analysisWorker.ts' }, outdir: 'dist' },
  // The CLI: a bundle that would fail to build if `vscode` leaked into the core.
  {
    ...node,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [lazyFullMathjs],
  },
  { ...node, entryPoints: { bench: 'scripts/bench.ts', 'bench-locus': 'scripts/benchLocusMain.ts' }, outdir: 'dist' },
  // The webview: browser, no mathjs, no eval.
  {
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
  },
  // Unit tests, one bundle per test file: tree-shaken mathjs (the parser only), so a file starts in ~0.1 s instead of
  // loading all of mathjs (~1.3 s of CPU) as the file-by-file tree below would.
  {
    entryPoints: tsFiles('test/unit').filter((f) => f.endsWith('.test.ts')),
    outdir: 'out/unit',
    outbase: 'test/unit',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [lazyFullMathjs],
  },
  // Tests and the core, transpiled file by file (no bundling) so node's test runner loads them from out/.
  {
    entryPoints: tsFiles(
      'src/core',
      'src/protocol',
      'test/unit',
      'test/webview',
      'test/integration',
      'test/e2e',
      'test/support',
    ),
    outdir: 'out',
    outbase: '.',
    bundle: false,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
  },
];

/** KaTeX's stylesheet and fonts beside the webview bundle (dist/katex): the panel loads nothing remote. */
function copyKatexAssets() {
  const from = path.join('node_modules', 'katex', 'dist'),
    to = path.join('dist', 'katex');
  fs.mkdirSync(path.join(to, 'fonts'), { recursive: true });
  fs.copyFileSync(path.join(from, 'katex.min.css'), path.join(to, 'katex.min.css'));
  for (const f of fs.readdirSync(path.join(from, 'fonts')))
    fs.copyFileSync(path.join(from, 'fonts', f), path.join(to, 'fonts', f));
}

async function main() {
  const present = builds.filter((b) =>
    Array.isArray(b.entryPoints)
      ? b.entryPoints.length > 0
      : Object.values(b.entryPoints).every((f) => fs.existsSync(f)),
  );
  if (watch) {
    for (const b of present) await (await esbuild.context(b)).watch();
    console.log('[watch] building');
    return;
  }
  await Promise.all(present.map((b) => esbuild.build(b)));
  copyKatexAssets();
  if (fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);
}
main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
