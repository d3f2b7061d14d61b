#!/usr/bin/env bash
# Set up everything the tests need, then lint, type-check and run every test (the map's JavaScript too),
# the browser tests in Chromium included. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh --dev
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
# The map's own JavaScript (mapping/render/static): lint, then its pure parts in node.
node_modules/.bin/eslint mapping/render/static tests/js
node --test tests/js/
.venv/bin/python -m pytest "$@"
