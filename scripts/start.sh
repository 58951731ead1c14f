#!/usr/bin/env bash
# npm start: VS Code with Overparam Lens loaded (development mode) and examples/ open.
# Desktop `code` when it is on PATH; otherwise the real VS Code server (code-server 4.100.3 = VS Code 1.100.3,
# installed by scripts/setup-vscode.sh) in the browser: prints the URL to open and runs until Ctrl+C.
# env: OVERPARAM_BROWSER=1 forces the browser even with `code` installed; PORT=8080 picks the server's port.
set -euo pipefail
cd "$(dirname "$0")/.."
node esbuild.js
if command -v code >/dev/null 2>&1 && [ -z "${OVERPARAM_BROWSER:-}" ]; then
  echo "Starting VS Code with the extension from $PWD and examples/ open"
  exec code --extensionDevelopmentPath="$PWD" "$PWD/examples"
fi
bash scripts/setup-vscode.sh .vscode-test
exec node -e 'require("./scripts/run-int.js").serve(process.argv[1]).catch((e) => { console.error(e.message); process.exit(1); })' "$PWD/examples"
