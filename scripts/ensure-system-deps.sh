#!/usr/bin/env bash
# Installs the Debian packages the end-to-end tests need (Debian's Chromium),
# only when they are missing. Never downloads a browser build of its own.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "ensure-system-deps: /usr/bin/chromium is missing; run as root: apt-get update && apt-get install -y chromium" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system-deps: no apt-get here; install Chromium at /usr/bin/chromium by hand" >&2
  exit 0
fi
echo "ensure-system-deps: installing chromium (Debian package)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
