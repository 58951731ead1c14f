#!/usr/bin/env bash
# Every test tier, from a fresh clone: install, build, type-check, unit (node), webview (Chromium), integration
# (real VS Code extension host) and UI end-to-end. Each tier installs what it needs through the project's scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
[ -d node_modules ] || npm ci --no-audit --no-fund
node esbuild.js
npm run -s typecheck
node scripts/test-unit.js
for tier in test:webview test:integration test:e2e; do
  if node -e "process.exit(require('./package.json').scripts['$tier'] ? 0 : 1)"; then npm run -s "$tier"; fi
done
echo "all tiers passed in $(( $(date +%s) - start )) s"
