"""Where the project keeps its data, built files and assets."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_TRIP = DATA_DIR / "trips" / "kim-jong-un-russia-2023.csv"
LANDMARKS = DATA_DIR / "landmarks.csv"
NODE_MODULES = PROJECT_ROOT / "node_modules"
STATIC_DIR = PROJECT_ROOT / "static"
