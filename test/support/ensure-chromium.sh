#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a browser downloaded by a test tool).
# On a fresh machine, install it before the tests run; CI's .ci/run does the same with fonts.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo"; else
  echo "The browser tests need Debian's Chromium: run 'sudo apt-get install -y chromium' first." >&2
  exit 1
fi
echo "Installing Debian's Chromium for the browser tests…" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-core >/dev/null
