"""Confidence as the probability of being right, fitted on real people's stop names.

The gazetteer's evidence score (``rank.confidence``) orders answers by how sure they are;
the bands in ``calibration.json`` turn it into the share of such answers that lay within
25 km of where their authors pinned them (``benchmarks/data/stopnames-*.csv``), after
neighbouring bands that break the order are pooled. A band's share is counted with one
right and one wrong answer more, so a band of two right answers claims 0.75, not 1; and a
band reaches 0.9 only when it is 95% sure (Wilson's interval) that at least 0.9 of its
answers are right: 0.9 is earned, never extrapolated. An approximate answer is the stop's
town, not the stop: it stays at most ``APPROXIMATE_CEILING`` (shown as uncertain) however
often the town lies within 25 km of the stop.

``benchmarks/stop_names.py --fit`` refits the bands and writes the file.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from mapping.errors import GazetteerError
from mapping.geocode.candidate import Answer

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")
#: The score bands the labelled answers are counted in (lower edges).
EDGES = (0.0, 0.3, 0.5, 0.6, 0.7, 0.85, 0.9, 0.95)
#: One-sided 95% normal quantile: how sure a band must be that it reaches 0.9.
_Z = 1.645
APPROXIMATE_CEILING = 0.5
#: What a confident answer is: a band is given this much or more only when it has earned it.
SURE = 0.9


@dataclass(frozen=True, slots=True)
class Band:
    """Answers whose evidence score is at least ``low`` (up to the next band's)."""

    low: float
    answers: int
    right: int
    probability: float


def wilson_lower(right: int, answers: int, z: float = _Z) -> float:
    """The lower end of the Wilson interval of ``right / answers``."""
    if answers == 0:
        return 0.0
    share = right / answers
    centre = share + z * z / (2 * answers)
    spread = z * math.sqrt(share * (1 - share) / answers + z * z / (4 * answers * answers))
    return max(0.0, (centre - spread) / (1 + z * z / answers))


def fit(labelled: Iterable[tuple[float, bool]], edges: Sequence[float] = EDGES) -> tuple[Band, ...]:
    """Bands from (evidence score, right) pairs: pooled until the shares rise with the score."""
    answers = [0] * len(edges)
    rights = [0] * len(edges)
    for score, right in labelled:
        slot = max(0, bisect.bisect_right(edges, score) - 1)
        answers[slot] += 1
        rights[slot] += int(right)
    # Pool adjacent violators: a band less often right than the one below joins it.
    blocks: list[tuple[float, int, int]] = []
    for low, n, r in zip(edges, answers, rights, strict=True):
        if n == 0:
            continue
        blocks.append((low, n, r))
        while len(blocks) > 1 and blocks[-1][2] / blocks[-1][1] < blocks[-2][2] / blocks[-2][1]:
            top = blocks.pop()
            below = blocks.pop()
            blocks.append((below[0], below[1] + top[1], below[2] + top[2]))
    if not blocks:
        raise GazetteerError("no labelled answers to fit the confidence bands on")
    blocks[0] = (0.0, blocks[0][1], blocks[0][2])
    # The share right, pulled towards a half by one right and one wrong answer more (a thin band
    # claims little); 0.9 or more only where the band is 95% sure to reach 0.9.
    values = [(r + 1) / (n + 2) for _, n, r in blocks]
    values = [
        v if wilson_lower(r, n) >= SURE else min(v, SURE - 0.01) for v, (_, n, r) in zip(values, blocks, strict=True)
    ]
    for i in range(len(values) - 2, -1, -1):
        values[i] = min(values[i], values[i + 1])
    return tuple(Band(low, int(n), int(r), round(v, 3)) for (low, n, r), v in zip(blocks, values, strict=True))


def save(bands: Sequence[Band], path: Path = CALIBRATION_FILE, *, fitted_on: str = "") -> None:
    payload = {"fitted_on": fitted_on, "bands": [asdict(b) for b in bands]}
    path.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


@functools.cache
def bands(path: Path = CALIBRATION_FILE) -> tuple[Band, ...]:
    try:
        payload = json.loads(path.read_text("utf-8"))
        found = tuple(Band(**b) for b in payload["bands"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GazetteerError(
            f"the confidence bands {path} are missing or damaged ({exc}); refit them with "
            "'python benchmarks/stop_names.py --fit'"
        ) from exc
    if not found or found[0].low != 0.0:
        raise GazetteerError(f"the confidence bands {path} must start at 0; refit them")
    return found


def shown(answer: Answer) -> float:
    """The confidence a stop shows for the gazetteer's answer.

    A curated landmark keeps its evidence score: its point was checked by hand, and none of the
    labelled names is one, so no band speaks for it.
    """
    best = answer.best
    if best is not None and best.place.source == "landmarks":
        return min(answer.confidence, APPROXIMATE_CEILING) if best.approximate else answer.confidence
    return calibrated(answer.confidence, approximate=bool(best and best.approximate))


def calibrated(score: float, *, approximate: bool = False, table: Sequence[Band] | None = None) -> float:
    """The probability that an answer with this evidence score is right."""
    found = table if table is not None else bands()
    lows = [b.low for b in found]
    value = found[max(0, bisect.bisect_right(lows, score) - 1)].probability
    return min(value, APPROXIMATE_CEILING) if approximate else value
