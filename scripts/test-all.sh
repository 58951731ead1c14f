#!/usr/bin/env bash
# Every test tier, from a fresh clone: install, build, type-check, lint (ESLint with the layer boundaries, Prettier),
# unit (node), webview (Chromium), integration
# (real VS Code extension host, trusted and restricted) and UI end-to-end (browser workbench). Each tier installs
# what it needs through the project's own scripts (npm packages, Debian's chromium, code-server).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
tier() { echo; echo "=== $1 ($(( $(date +%s) - start )) s)"; }
[ -d node_modules ] || { tier "npm ci"; npm ci --no-audit --no-fund; }
tier build; node esbuild.js
# Built once: the tier scripts below skip their own build (each still builds when run on its own).
export OVERPARAM_BUILT=1
tier typecheck; npm run -s typecheck
tier lint; npm run -s lint
tier unit; node scripts/test-unit.js
tier webview; node scripts/test-webview.js
tier integration; bash scripts/test-integration.sh
tier e2e; node scripts/test-e2e.js
echo "all tiers passed in $(( $(date +%s) - start )) s"
