"""The one atomic write: whole files or none, with the permissions the user's umask gives."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from mapping.io.files import write_atomically


def test_a_written_file_follows_the_umask_like_any_file_the_user_makes(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        out = tmp_path / "trip.gpx"
        write_atomically(out, "<gpx/>")
        os.umask(0o077)
        private = tmp_path / "private.gpx"
        write_atomically(private, "<gpx/>")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert out.read_text() == "<gpx/>"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
