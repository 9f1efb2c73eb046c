# Sourced by the ensure-* scripts and test-year-ahead.sh: installing one of Debian's packages, as root or through sudo.

# as_root_for <script> <what is missing>: sets the array as_root (empty when already root, sudo otherwise), or exits
# 1 saying that installing needs root.
as_root_for() {
  if [[ "$(id -u)" -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "$1: $2 is missing and installing it needs root; run this as root or install sudo." >&2
    exit 1
  fi
}

# install_debian_package <script> <package>: apt-get update, then the package without its recommendations, asking
# nothing. Needs as_root (as_root_for).
install_debian_package() {
  echo "$1: installing Debian's $2 package (apt-get update, apt-get install)..."
  "${as_root[@]}" apt-get update
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$2"
}
