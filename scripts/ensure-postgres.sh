#!/usr/bin/env bash
# Makes sure tests can get a real PostgreSQL: a server answering on 127.0.0.1:5432, or the server
# programs (initdb, pg_ctl) that @custos/testing needs to start a throwaway cluster of its own.
# CUSTOS_NEED_POSTGRES_PROGRAMS=1 (scripts/ensure-bench-tools.sh) wants the programs, pgbench among them, even when
# a server answers.
set -euo pipefail

if [[ -z "${CUSTOS_NEED_POSTGRES_PROGRAMS:-}" ]] && command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "ensure-postgres: a PostgreSQL server answers on 127.0.0.1:5432."
  exit 0
fi

find_initdb() {
  command -v initdb 2>/dev/null && return 0
  local candidate
  for candidate in /usr/lib/postgresql/*/bin/initdb; do
    if [[ -x "$candidate" ]]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if initdb_path="$(find_initdb)"; then
  echo "ensure-postgres: initdb found at $initdb_path."
  exit 0
fi

source "$(dirname "$0")/lib/debian-package.sh"
as_root_for ensure-postgres initdb

# Tests start clusters of their own, so the package must not start the distro's cluster service:
# a policy-rc.d that answers 101 ("action forbidden") stops the package scripts from starting it.
# An existing policy-rc.d (Docker images ship one that forbids everything) is the machine's own.
policy=/usr/sbin/policy-rc.d
if [[ -e "$policy" ]]; then
  echo "ensure-postgres: leaving the existing $policy in charge of starting services."
else
  remove_policy() { "${as_root[@]}" rm -f "$policy"; }
  trap remove_policy EXIT
  printf '#!/bin/sh\n# Written by ensure-postgres.sh while it installs PostgreSQL.\nexit 101\n' |
    "${as_root[@]}" tee "$policy" >/dev/null
  "${as_root[@]}" chmod 755 "$policy"
  echo "ensure-postgres: wrote $policy so that installing does not start the PostgreSQL service."
fi

install_debian_package ensure-postgres postgresql

if initdb_path="$(find_initdb)"; then
  echo "ensure-postgres: installed; initdb is at $initdb_path."
else
  echo "ensure-postgres: installed postgresql, but initdb is still not found." >&2
  exit 1
fi
