#!/usr/bin/env bash
# Integration tests in the real VS Code extension host (code-server 4.100.3 = VS Code 1.100.3), headless.
#   scripts/test-integration.sh            set up (idempotent), build, run; exit code = the tests'
# OVERPARAM_BUILT=1 (set by scripts/test-all.sh after its one build) skips the build.
# env: INT_GREP=pattern runs matching tests only; INT_TRUST=untrusted also runs in restricted mode (see run-int.js).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-vscode.sh .vscode-test
[ -n "${OVERPARAM_BUILT:-}" ] || node esbuild.js
start=$(date +%s)
status=0
node scripts/run-int.js || status=$?
# restricted mode: a second, short run with workspace trust on and the workspace not trusted
if [ "$status" -eq 0 ]; then INT_TRUST=untrusted INT_GREP="restricted mode" node scripts/run-int.js || status=$?; fi
echo "integration tests: exit $status in $(( $(date +%s) - start )) s"
exit "$status"
