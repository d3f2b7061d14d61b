"""The one way this package writes a file: to a temporary name beside the target, then renamed into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from mapping.errors import ExportError


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomically(out: Path, content: str) -> None:
    directory = out.resolve().parent
    if not directory.is_dir():
        raise ExportError(f"{out}: the folder {directory} does not exist; create it or choose another path")
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=directory)
    try:
        # mkstemp makes the file private (0600); a file the user asked for follows their umask, as open() would.
        os.fchmod(handle, 0o666 & ~_umask())
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as f:
            f.write(content)
        os.replace(temporary, out)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"{out}: cannot write the file ({exc.strerror})") from exc
