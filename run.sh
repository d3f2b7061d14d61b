#!/usr/bin/env bash
# Set up everything (first run only) and start the app on the default trip.
# Extra arguments go to streamlit, for example: ./run.sh --server.port 8600
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
# The same as `streamlit run app.py`, with the app's imports warmed while the browser loads the page.
exec .venv/bin/python -m mapping serve "$@"
