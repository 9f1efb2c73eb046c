#!/usr/bin/env bash
# Installs what `npm start` and `npm test` need on a machine with only Node and npm:
# the pnpm version pinned in package.json, then the workspace's dependencies from the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."

wanted=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$wanted" ]; then
  echo "bootstrap: installing pnpm $wanted"
  # corepack cannot verify pnpm's signatures on our machines, so pnpm comes from the npm registry.
  npm install --global "pnpm@$wanted" --no-fund --no-audit
fi

frozen=--frozen-lockfile
[ -n "${CUSTOS_UPDATE_LOCKFILE:-}" ] && frozen=
pnpm install $frozen --reporter=append-only | grep -v '^Progress' || true
test -d node_modules/.pnpm || { echo "bootstrap: pnpm install failed" >&2; exit 1; }
