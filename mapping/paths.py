"""Where the project keeps its data, built files and assets."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
TRIPS_DIR = DATA_DIR / "trips"
DEFAULT_TRIP = TRIPS_DIR / "kim-jong-un-russia-2023.csv"
LANDMARKS = DATA_DIR / "landmarks.csv"
NODE_MODULES = PROJECT_ROOT / "node_modules"
STATIC_DIR = PROJECT_ROOT / "static"


def bundled_trips() -> dict[str, Path]:
    """The trips that ship with the app, by the id a link names them with; the default first."""
    found = sorted(TRIPS_DIR.glob("*.csv"), key=lambda path: (path != DEFAULT_TRIP, path.stem))
    return {path.stem: path for path in found}
