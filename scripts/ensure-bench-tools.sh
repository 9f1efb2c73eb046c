#!/usr/bin/env bash
# Makes sure `pnpm bench` has its load generators: wrk (Debian's package) for HTTP, and pgbench, which comes with
# the PostgreSQL server programs (installed by ensure-postgres.sh, which the tests' database path already uses).
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v wrk >/dev/null 2>&1; then
  echo "ensure-bench-tools: wrk found at $(command -v wrk)."
else
  source scripts/lib/debian-package.sh
  as_root_for ensure-bench-tools wrk
  install_debian_package ensure-bench-tools wrk
fi

CUSTOS_NEED_POSTGRES_PROGRAMS=1 bash scripts/ensure-postgres.sh
