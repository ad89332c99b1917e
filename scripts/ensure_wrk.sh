#!/usr/bin/env bash
# Makes sure wrk (the HTTP load generator, Debian's package) is there for `make bench-server`.
# Installs it with apt when we are root; otherwise says how.
set -euo pipefail
if command -v wrk >/dev/null; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's wrk for the server benchmark..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq wrk >/dev/null
  exit 0
fi
echo "The server benchmark needs wrk." >&2
echo "Install it with: sudo apt-get install wrk" >&2
exit 1
