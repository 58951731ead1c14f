#!/usr/bin/env bash
# Installs a real VS Code server (code-server 4.100.3 = VS Code 1.100.3, runs on Node 20) and Debian's Chromium,
# working with only the npm registry and Debian's packages reachable. Idempotent.
# usage: scripts/setup-vscode.sh [DEST_DIR]   (default: .vscode-test in the repo, git-ignored)
set -euo pipefail
DEST=${1:-$(dirname "$0")/../.vscode-test}; mkdir -p "$DEST"; DEST=$(cd "$DEST" && pwd)
export DEBIAN_FRONTEND=noninteractive
need=""; for p in chromium libkrb5-dev ripgrep pkg-config; do dpkg -s $p >/dev/null 2>&1 || need="$need $p"; done
if [ -n "$need" ]; then apt-get update -qq && apt-get install -y -qq $need >/dev/null; fi
[ -x "$DEST/node_modules/.bin/code-server" ] && exit 0
# @vscode/ripgrep's postinstall downloads rg from GitHub: seed its cache with Debian's rg (13.0.0, the wanted version)
export TMPDIR="$DEST/tmp"; mkdir -p "$TMPDIR/vscode-ripgrep-cache-1.15.11"
tar czf "$TMPDIR/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
cd "$DEST"; [ -f package.json ] || echo '{"name":"vscode-under-test","private":true}' > package.json
# npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which a `yes=false` npmrc would cancel.
# --unsafe-perm: code-server's postinstall insists on it when run as root.
npm_config_yes=true npm install --no-save --unsafe-perm --no-audit --no-fund code-server@4.100.3
XDG_CONFIG_HOME="$DEST/xdg" "$DEST/node_modules/.bin/code-server" --version
