"""The one way this package writes a file: to a temporary name beside the target, then renamed into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from mapping.errors import ExportError


def write_atomically(out: Path, content: str) -> None:
    directory = out.resolve().parent
    if not directory.is_dir():
        raise ExportError(f"{out}: the folder {directory} does not exist; create it or choose another path")
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as f:
            f.write(content)
        os.replace(temporary, out)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"{out}: cannot write the file ({exc.strerror})") from exc
