#!/usr/bin/env bash
# Set up everything (first run only) and start the app on the default trip.
# Extra arguments go to streamlit, for example: ./run.sh --server.port 8600
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
exec .venv/bin/streamlit run app.py "$@"
