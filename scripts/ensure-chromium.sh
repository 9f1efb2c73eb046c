#!/usr/bin/env bash
# Makes sure the browser tests have Debian's Chromium at /usr/bin/chromium (playwright-core drives it; Playwright's
# own browser downloads cannot reach their host from the project's machines).
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  echo "ensure-chromium: /usr/bin/chromium is there."
  exit 0
fi

source "$(dirname "$0")/lib/debian-package.sh"
as_root_for ensure-chromium chromium
install_debian_package ensure-chromium chromium

if [[ -x /usr/bin/chromium ]]; then
  echo "ensure-chromium: installed at /usr/bin/chromium."
else
  echo "ensure-chromium: installed chromium, but /usr/bin/chromium is still missing." >&2
  exit 1
fi
