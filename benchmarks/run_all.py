"""Run every benchmark and write their figures to artifacts/benchmarks.md (and to the terminal).

    .venv/bin/python benchmarks/run_all.py [--quick]

--quick skips the 100,000-stop sizes and the browser timings.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "artifacts" / "benchmarks.md"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    runs: list[tuple[str, list[str]]] = [
        (
            "Map build and render: trip map against naive folium",
            ["map_scale.py"] + (["--sizes", "100,1000,10000"] if args.quick else []),
        ),
        ("Gazetteer speed and memory", ["geocoding_speed.py"]),
        ("Gazetteer accuracy on worldcities.csv", ["geocoding_accuracy.py", "--repair"]),
        ("Real stop names: accuracy and calibrated confidence", ["stop_names.py"]),
        ("Stops extracted from reports", ["extraction_quality.py"]),
    ]
    if not args.quick:
        runs.append(("In the browser (Chromium)", ["browser_timing.py"]))
    sections = [f"# Benchmarks, {time.strftime('%Y-%m-%d %H:%M')}\n"]
    failed = 0
    for title, command in runs:
        print(f"== {title}", flush=True)
        result = subprocess.run([sys.executable, str(HERE / command[0]), *command[1:]], capture_output=True, text=True)
        output = result.stdout.rstrip() or result.stderr.rstrip()
        failed += result.returncode != 0
        print(output, flush=True)
        sections.append(f"## {title}\n\n```\n{output}\n```\n")
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text("\n".join(sections), "utf-8")
    print(f"wrote {OUT}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
