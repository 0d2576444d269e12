#!/usr/bin/env bash
# Installs the Debian packages the tests need, only when they are missing:
#   chromium     end-to-end tests (Debian's browser; never a browser download of our own)
#   redis-server distributed tournament tests (each test starts its own server on a free
#                loopback port, persistence off, and stops it by PID)
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "ensure-system-deps: missing ${missing[*]}; run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system-deps: no apt-get here; install ${missing[*]} by hand" >&2
  exit 0
fi
echo "ensure-system-deps: installing ${missing[*]} (Debian packages)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The package's own service is not wanted: tests start their own servers.
