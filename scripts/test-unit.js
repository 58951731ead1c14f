// Unit tier: builds (esbuild.js bundles each test/unit/**/*.test.ts into out/unit) and runs node's test runner on it,
// two files at a time (the machine has 2 cores; node's default is cores - 1). OVERPARAM_BUILT=1 (set by
// scripts/test-all.sh after its one build) skips the build.
const { execFileSync, spawnSync } = require('child_process');
if (!process.env.OVERPARAM_BUILT) execFileSync(process.execPath, ['esbuild.js'], { stdio: 'inherit' });
const r = spawnSync(
  process.execPath,
  ['--enable-source-maps', '--test', '--test-concurrency=2', '--test-reporter=spec', 'out/unit/'],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
