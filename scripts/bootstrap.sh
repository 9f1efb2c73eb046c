#!/usr/bin/env bash
# Installs what `npm start` and `npm test` need on a machine with only Node and npm:
# the pnpm version pinned in package.json, then the workspace's dependencies from the lock file.
# A stamp of what the last successful install was made from lets an unchanged checkout skip both (starting pnpm
# alone takes about half a second, an up-to-date `pnpm install` a second or more).
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.custos-installed
# Everything an install depends on: the pinned pnpm (package.json), the lock file, every workspace package's manifest
# (the globs of pnpm-workspace.yaml), this script, and Node's version.
fingerprint() {
  cat package.json pnpm-workspace.yaml pnpm-lock.yaml apps/*/package.json packages/*/package.json scripts/bootstrap.sh |
    node -e "const hash = require('node:crypto').createHash('sha256').update(process.version);
      process.stdin.on('data', (chunk) => hash.update(chunk)).on('end', () => console.log(hash.digest('hex')))"
}
if [ -z "${CUSTOS_UPDATE_LOCKFILE:-}" ] && [ -d node_modules/.pnpm ] && [ "$(cat "$stamp" 2>/dev/null || true)" = "$(fingerprint)" ]; then
  exit 0
fi

wanted=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$wanted" ]; then
  echo "bootstrap: installing pnpm $wanted"
  # corepack cannot verify pnpm's signatures on our machines, so pnpm comes from the npm registry.
  npm install --global "pnpm@$wanted" --no-fund --no-audit
fi

frozen=--frozen-lockfile
[ -n "${CUSTOS_UPDATE_LOCKFILE:-}" ] && frozen=
installed=0
echo "bootstrap: installing the workspace's packages"
pnpm install $frozen --reporter=append-only | grep -v '^Progress' || installed=${PIPESTATUS[0]}
test -d node_modules/.pnpm || { echo "bootstrap: pnpm install failed" >&2; exit 1; }
# Only a complete install is stamped (after it: CUSTOS_UPDATE_LOCKFILE may have rewritten the lock file).
if [ "$installed" = 0 ]; then fingerprint >"$stamp"; else rm -f "$stamp"; fi
