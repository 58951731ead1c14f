// Unit tier: builds (esbuild.js transpiles src/core and test/ into out/) and runs node's test runner on out/test/unit.
const { execFileSync, spawnSync } = require('child_process');
execFileSync(process.execPath, ['esbuild.js'], { stdio: 'inherit' });
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', 'out/test/unit/'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
