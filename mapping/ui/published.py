"""A large trip's map layers, as files that belong to the session that made them.

The map of a large trip fetches its day layers from a file under the app's static folder rather
than carrying them in its script (see ``mapping.render.layers``). Static files have no owner, so
each session writes under a directory named by an unguessable token of its own; nobody without
the session's page knows the address. The files go when the session does (Streamlit keeps a
closed tab's session about two minutes for a reconnect, so they wait that long), and in any case
after a few hours; a session keeps its last few; and all of them together stay under a disk
quota. A session that would break the quota gets its map with the layers inside (slower, but
whole) instead of a file.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mapping.io.files import write_atomically
from mapping.render.layers import PUBLISHED_DIR, PUBLISHED_URL


def _setting(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


#: All sessions' layer files together, in bytes.
QUOTA_BYTES = int(_setting("TRIPMAP_LAYERS_QUOTA_MB", 256) * 1024 * 1024)
#: A file older than this is removed even while its session lives (the session writes it again if needed).
EXPIRY_SECONDS = _setting("TRIPMAP_LAYERS_EXPIRY_S", 6 * 3600)
#: How long a session that is no longer connected keeps its files: Streamlit's reconnect window and a bit.
GRACE_SECONDS = _setting("TRIPMAP_LAYERS_GRACE_S", 150)
#: Files kept per session: the trip on screen and a few it showed before.
PER_SESSION = 4
SWEEP_EVERY_SECONDS = _setting("TRIPMAP_LAYERS_SWEEP_S", 30)
#: A server process's folder not swept for this long belongs to a server that has stopped.
STALE_SECONDS = 20 * max(SWEEP_EVERY_SECONDS, 30)


@dataclass
class _Owner:
    session_id: str
    last_alive: float


@dataclass
class LayerStore:
    """Per-session layer files under ``root`` (this server process's folder, served at ``url``);
    ``alive(session_id)`` says whether a session is connected."""

    root: Path
    url: str
    alive: Callable[[str], bool]
    quota: int = QUOTA_BYTES
    expiry: float = EXPIRY_SECONDS
    grace: float = GRACE_SECONDS
    clock: Callable[[], float] = time.time
    _owners: dict[str, _Owner] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        # Beside this process's folder: other servers' (their sweeps keep them fresh) and what stopped
        # servers left, which goes once it is stale; loose files are from before per-session folders.
        self.root.mkdir(parents=True, exist_ok=True)
        for entry in self.root.parent.iterdir():
            if entry != self.root and (entry.is_file() or self.clock() - entry.stat().st_mtime > STALE_SECONDS):
                _remove(entry)

    def publish(self, token: str, session_id: str, name: str, make: Callable[[], dict[str, Any]]) -> str | None:
        """The URL of session ``token``'s file ``name``, written from ``make()`` if not there yet.

        None when the file would not fit in the quota: the caller then puts the layers in the map itself.
        """
        path = self.root / token / f"{name}.json"
        with self._lock:
            self._owners[token] = _Owner(session_id, self.clock())
        if path.exists():
            os.utime(path)
        else:
            text = json.dumps(make(), separators=(",", ":"), ensure_ascii=False)
            self.sweep()
            with self._lock:
                if _size(self.root.parent) + len(text.encode("utf-8", "surrogatepass")) > self.quota:
                    return None
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(path, text)
                kept = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
                for old in kept[PER_SESSION:]:
                    old.unlink(missing_ok=True)
        return f"{self.url}/{token}/{path.name}"

    def sweep(self) -> None:
        """Remove the files of sessions gone for longer than the grace, files past their expiry, and strays."""
        now = self.clock()
        with self._lock:
            self.root.mkdir(parents=True, exist_ok=True)
            os.utime(self.root, (now, now))
            for folder in self.root.iterdir():
                owner = self._owners.get(folder.name)
                if owner is None or not folder.is_dir():
                    _remove(folder)
                    continue
                if self.alive(owner.session_id):
                    owner.last_alive = now
                elif now - owner.last_alive > self.grace:
                    _remove(folder)
                    del self._owners[folder.name]
                    continue
                for file in folder.glob("*.json"):
                    if now - file.stat().st_mtime > self.expiry:
                        file.unlink(missing_ok=True)

    def start_sweeping(self, every: float = SWEEP_EVERY_SECONDS) -> None:
        """Sweep in the background, so files go even when nobody publishes a new one."""

        def loop() -> None:
            while True:
                time.sleep(every)  # a period between sweeps, not a wait for something to happen
                try:
                    self.sweep()
                except OSError:
                    continue

        threading.Thread(target=loop, name="layer-sweeper", daemon=True).start()


def _size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*.json")) if root.exists() else 0


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def app_store() -> LayerStore:
    """The store of the running app, with Streamlit's own list of connected sessions."""
    from streamlit import runtime

    def alive(session_id: str) -> bool:
        return runtime.exists() and runtime.get_instance().is_active_session(session_id)

    process = secrets.token_urlsafe(6)
    store = LayerStore(PUBLISHED_DIR / process, f"{PUBLISHED_URL}/{process}", alive)
    store.start_sweeping()
    return store
