#!/usr/bin/env bash
# Makes sure the browser tests have Debian's Chromium at /usr/bin/chromium (playwright-core drives it; Playwright's
# own browser downloads cannot reach their host from the project's machines).
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  echo "ensure-chromium: /usr/bin/chromium is there."
  exit 0
fi

if [[ "$(id -u)" -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "ensure-chromium: chromium is missing and installing it needs root; run this as root or install sudo." >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium package (apt-get update, apt-get install)..."
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium

if [[ -x /usr/bin/chromium ]]; then
  echo "ensure-chromium: installed at /usr/bin/chromium."
else
  echo "ensure-chromium: installed chromium, but /usr/bin/chromium is still missing." >&2
  exit 1
fi
