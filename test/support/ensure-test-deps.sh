#!/usr/bin/env bash
# The tests need two things from Debian, never downloaded by a test tool:
# - Chromium (and Noto fonts, emoji included) for the browser tests, driven by playwright-core;
# - PostgreSQL's server binaries: Jest's global setup starts a throwaway cluster (test/support/postgres.ts).
# On a fresh machine, install what is missing before the tests run; CI's .ci/run does the same.
# When everything is present this makes no apt call at all.
set -euo pipefail

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
has_postgres() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if command -v dpkg-query >/dev/null && ! installed fonts-noto-core; then missing+=(fonts-noto-core); fi
if command -v dpkg-query >/dev/null && ! installed fonts-noto-color-emoji; then missing+=(fonts-noto-color-emoji); fi
has_postgres || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo"; else
  echo "The tests need Debian's ${missing[*]}: run 'sudo apt-get install -y --no-install-recommends ${missing[*]}' first." >&2
  exit 1
fi
echo "Installing Debian's ${missing[*]} for the tests…" >&2
# sudo resets the environment: pass DEBIAN_FRONTEND through env so that no package asks a question.
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
