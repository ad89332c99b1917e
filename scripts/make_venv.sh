#!/usr/bin/env bash
# Creates the project's virtualenv. Debian ships Python's venv module in a separate package
# (python3-venv): install it with apt when we are root, otherwise say how.
set -euo pipefail
PYTHON="${1:-}"
VENV="${2:?usage: make_venv.sh PYTHON VENV}"

if ! command -v "$PYTHON" >/dev/null || ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Legwork needs Python 3.11 or newer; found '${PYTHON:-no python3}'." >&2
  echo "Install python3.11, or run: make PYTHON_FOR_VENV=/path/to/python3.11 run" >&2
  exit 1
fi
if "$PYTHON" -m venv "$VENV" 2>/dev/null; then
  exit 0
fi
rm -rf "$VENV"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Python's venv module is missing; installing Debian's python3-venv..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq python3-venv >/dev/null
  exec "$PYTHON" -m venv "$VENV"
fi
echo "Python's venv module is missing. Install it with: sudo apt-get install python3-venv" >&2
exit 1
