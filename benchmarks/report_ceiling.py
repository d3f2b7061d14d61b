"""How much of a labelled report set the offline gazetteer can place at all: the most any extractor on it can find.

For every gold stop, the gazetteer is asked for the stop's own name and for each of
its comma-separated parts ("Pashupatinath Temple, Kathmandu" asks for the temple and
for Kathmandu), taking up to 50 candidates each. The stop is placeable when any
candidate lies within the scoring distance of it (25 km, 10 km for a site), the same
distances ``extraction_quality.py`` scores with. The test is generous (the gold name
is the labeller's, often fuller than the report's, and any candidate counts, not the
one ranked first), so the share it prints is an upper bound on recall for an
extractor that places stops with this gazetteer; with it come the best F1 that
recall allows and the precision an F1 of 0.80 would need.

    .venv/bin/python benchmarks/report_ceiling.py DIR [DIR ...]

The folders are sets in the shape of ``tests/data/reports`` (``NAME.txt`` with
``NAME.gold.json``); the real sets live outside the repository (see
``extraction_quality.py``). No text is parsed: only the gold names are looked up.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from geopy.distance import great_circle

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction_quality import MATCH_KM, SITE_KM, load_dir

from mapping.geocode.gazetteer import OfflineGazetteer

#: The F1 the issue asks for, and how many candidates each name may bring.
TARGET_F1 = 0.80
CANDIDATES = 50


def placeable(gazetteer: OfflineGazetteer, stop: dict[str, object]) -> bool:
    """Whether any candidate for the stop's name or a part of it lies within the scoring distance."""
    limit = SITE_KM if stop.get("kind") == "site" else MATCH_KM
    name = str(stop["place"]).split("(")[0].strip()
    point = (float(stop["lat"]), float(stop["lon"]))  # type: ignore[arg-type]
    for query in [name, *(part.strip() for part in name.split(",")[1:])]:
        found = gazetteer.geocode(query, exactly_one=False, limit=CANDIDATES) or []
        if any(great_circle(location.point[:2], point).km <= limit for location in found):
            return True
    return False


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="labelled report sets")
    args = parser.parse_args(argv)
    gazetteer = OfflineGazetteer()
    print(
        "| set | reports | gold stops | towns placeable | sites placeable | recall at most | F1 at most | precision F1 0.80 needs |"
    )
    print("|---|---|---|---|---|---|---|---|")  # fmt: skip
    for folder in args.folders:
        cases = load_dir(folder)
        counts = {"town": [0, 0], "site": [0, 0]}
        for _, _, gold in cases:
            for stop in gold["stops"]:  # type: ignore[attr-defined]
                kind = "site" if stop.get("kind") == "site" else "town"
                counts[kind][0] += 1
                counts[kind][1] += placeable(gazetteer, stop)
        total = counts["town"][0] + counts["site"][0]
        reachable = counts["town"][1] + counts["site"][1]
        recall = reachable / total if total else 0.0
        best = 2 * recall / (1 + recall) if recall else 0.0
        # F1 = 2PR / (P + R) solved for P at F1 = 0.80.
        needed = TARGET_F1 * recall / (2 * recall - TARGET_F1) if 2 * recall > TARGET_F1 else None
        need = f"{needed:.1%}" if needed is not None and needed <= 1 else "out of reach"
        towns = f"{counts['town'][1]}/{counts['town'][0]}"
        sites = f"{counts['site'][1]}/{counts['site'][0]}"
        print(f"| {folder.name} | {len(cases)} | {total} | {towns} | {sites} | {recall:.1%} | {best:.1%} | {need} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
