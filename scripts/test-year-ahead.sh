#!/usr/bin/env bash
# Runs every package's tests with the machine's clock a year ahead (libfaketime), to prove the suite does not
# depend on the day it runs: `pnpm test:year-ahead [date]`, e.g. `pnpm test:year-ahead "2027-12-01 10:00:00"`.
# Apart from `pnpm test`, like the benchmarks. The local PostgreSQL server keeps the real clock; every test reads
# time through the product (JavaScript's Date), which faketime moves.
set -euo pipefail

at="${1:-$(date -u -d '+365 days' '+%Y-%m-%d %H:%M:%S')}"
cd "$(dirname "$0")/.."
if ! command -v faketime >/dev/null 2>&1; then
  source scripts/lib/debian-package.sh
  as_root_for test-year-ahead faketime
  install_debian_package test-year-ahead faketime
fi
bash scripts/ensure-postgres.sh
pnpm turbo run generate build --output-logs=errors-only
echo "test-year-ahead: the tests run at ${at} (UTC)"
TZ=UTC faketime "${at}" pnpm -r --workspace-concurrency=1 --if-present run test
