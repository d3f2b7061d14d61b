#!/usr/bin/env bash
# Set up everything the tests need, then lint, type-check and run every test,
# the browser tests in Chromium included. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh --dev
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
