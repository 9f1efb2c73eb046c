#!/usr/bin/env bash
# Makes sure `pnpm bench` has its load generators: wrk (Debian's package) for HTTP, and pgbench, which comes with
# the PostgreSQL server programs (installed by ensure-postgres.sh, which the tests' database path already uses).
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v wrk >/dev/null 2>&1; then
  echo "ensure-bench-tools: wrk found at $(command -v wrk)."
else
  if [[ "$(id -u)" -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "ensure-bench-tools: wrk is missing and installing it needs root; run this as root or install sudo." >&2
    exit 1
  fi
  echo "ensure-bench-tools: installing Debian's wrk package (apt-get update, apt-get install)..."
  "${as_root[@]}" apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk
fi

CUSTOS_NEED_POSTGRES_PROGRAMS=1 bash scripts/ensure-postgres.sh
