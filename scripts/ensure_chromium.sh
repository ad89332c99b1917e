#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the browser tests (Playwright's own download does
# not work offline). Installs it with apt when we are root; otherwise says how.
set -euo pipefail
CHROMIUM="${LEGWORK_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  exit 0
fi
echo "The browser tests need Chromium at $CHROMIUM." >&2
echo "Install it with: sudo apt-get install chromium   (or set LEGWORK_CHROMIUM to its path)" >&2
exit 1
