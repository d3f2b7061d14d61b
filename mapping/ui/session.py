"""One visitor's state: the only code that spells a session-state key.

Streamlit keeps a visitor's state in ``st.session_state``, a dict of strings shared by the app's
own values and every keyed widget. :class:`Session` wraps it with named, typed properties, and
:class:`Keys` names the widgets' keys, so a typo is an attribute error rather than a value that is
silently never read. :meth:`Session.open` sets the app's own values up, once, at the start of a run.

A widget's value cannot be changed once the widget is drawn in a run (Streamlit raises
``StreamlitWidgetAlreadyInstantiatedError``): code that must change one mid-run asks for it with
:meth:`Session.set_on_next_run`, and the next run applies it before any widget is drawn.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, cast

import streamlit as st

from mapping.geocode.online import OnlineSettings
from mapping.geocode.pace import SESSION_REQUESTS, Budget
from mapping.geocode.resolve import Resolution
from mapping.trip.choices import StopChoice, choices_from_param, choices_param
from mapping.trip.model import LoadResult, Trip

#: Resolutions kept per visitor: the shown trip and the overlays under a few geocoding settings.
KEPT_RESOLUTIONS = 4
#: Edits that can be undone.
KEPT_EDITS = 20


class Keys:
    """Widget keys. Those bound to the URL are part of the links people share: keep their names."""

    TRIP: Final = "trip"
    OVERLAY: Final = "overlay"
    DAYS: Final = "days"
    STOP: Final = "stop"
    UPLOADER: Final = "uploader"
    BASEMAP: Final = "basemap"
    REPORT_PASTE: Final = "report_paste"
    REPORT_FILE: Final = "report_file"
    REPORT_DATE: Final = "report_date"
    DRAFT_EDITOR: Final = "draft_editor"
    ONLINE_SERVICE: Final = "online_service"
    USER_AGENT: Final = "user_agent"
    ONLINE_SERVER: Final = "online_server"
    ONLINE_BUDGET: Final = "online_budget"
    PANEL: Final = "panel"
    MAP: Final = "trip_map"
    SHOW_ALL_DAYS: Final = "show_all_days"
    UNDO_EDIT: Final = "undo_edit"

    @staticmethod
    def of_trip(kind: str, trip_key: str, index: int | None = None) -> str:
        """A widget that belongs to one trip (and stop): another trip starts with fresh inputs."""
        return f"{kind}_{trip_key}" if index is None else f"{kind}_{trip_key}_{index}"


def fingerprint(*parts: object) -> str:
    """The one way a trip (and what was done to it) is named: in caches, widget keys and files.

    ``repr`` of the frozen dataclasses is their whole content; it is worked out once per trip, when the
    trip enters the session, and the short names are combined from then on.
    """
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class OwnTrip:
    """A trip of the visitor's own: an upload, an edit or a mapped draft. It stays in this session only."""

    #: The file name it came from (or will be downloaded as, for an edit or a draft).
    name: str
    loaded: LoadResult
    key: str
    #: For an edit or a draft, already geocoded: the resolution made under ``settings``.
    resolution: Resolution | None = None
    settings: OnlineSettings | None = None

    @classmethod
    def of(
        cls,
        name: str,
        loaded: LoadResult,
        resolution: Resolution | None = None,
        settings: OnlineSettings | None = None,
    ) -> OwnTrip:
        return cls(name, loaded, fingerprint(name, loaded), resolution, settings)

    @property
    def stem(self) -> str:
        return self.name.rsplit(".", 1)[0]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What an undo of an edit puts back."""

    own: OwnTrip | None
    choices: dict[int, StopChoice]
    #: The bundled trip shown when ``own`` is None.
    trip_id: str | None


@dataclass(slots=True)
class _Own:
    """The app's own values, one object under one key: their names are attributes, typed and checked."""

    own: OwnTrip | None = None
    choices: dict[int, StopChoice] = field(default_factory=dict)
    draft: Trip | None = None
    draft_rows: Any = None
    upload_error: str | None = None
    report_error: str | None = None
    #: The visitor asked for stops: the next run reads the report, with a progress bar.
    extract_asked: bool = False
    #: Said under the draft when the report was read only in part (its time ran out).
    report_notice: str | None = None
    #: An error met while loading the last trip, shown once on the run after it was dropped.
    load_error: str | None = None
    edit_problems: list[str] = field(default_factory=list)
    edit_notice: str | None = None
    history: list[Snapshot] = field(default_factory=list)
    #: The day filter is set to every day of the trip the next time it is drawn.
    days_reset: bool = False
    resolutions: dict[tuple[str, OnlineSettings | None], Resolution] = field(default_factory=dict)
    #: Widget values to set before the next run draws its widgets.
    next_run: dict[str, Any] = field(default_factory=dict)
    #: The stop (index) the visitor is placing by clicking the map, and the last click already used.
    placing: int | None = None
    last_click: Any = None
    link_read: bool = False
    token: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    published: dict[str, str] = field(default_factory=dict)


_APP: Final = "_trip_map"
#: The link's parameter for a bundled trip's choices: "2:43.12204,131.77826:placed;5:...".
PLACED: Final = "placed"


_DRAFT: Final = "draft"


class Session:
    """Typed access to one visitor's state; ``Session.open()`` in the app, ``Session(mapping)`` in tests."""

    def __init__(self, state: MutableMapping[str, Any]) -> None:
        self._state = state
        if _APP not in state:
            state[_APP] = _Own()
        self._own: _Own = state[_APP]

    @classmethod
    def open(cls) -> Session:
        """The visitor's session at the start of a run, with changes asked for last run applied."""
        session = cls(cast(MutableMapping[str, Any], st.session_state))
        pending, session._own.next_run = session._own.next_run, {}
        for key, value in pending.items():
            session._state[key] = value
        if not session._own.link_read:
            # A copied link's choices, once per session: later the session's own choices are the truth.
            session._own.link_read = True
            if session.own is None and not session._own.choices:
                session._own.choices = choices_from_param(st.query_params.get(PLACED))
        return session

    # The trip shown -----------------------------------------------------------------------------

    @property
    def own(self) -> OwnTrip | None:
        return self._own.own

    def show_own(self, own: OwnTrip) -> None:
        """Show a trip of the visitor's own. Call before the trip picker is drawn (from a callback)."""
        self._own.own = own
        self._own.upload_error = None
        self._state[Keys.TRIP] = None
        self.reset_trip_state()

    def drop_own(self) -> None:
        self._own.own = None
        self._own.upload_error = None

    def reset_trip_state(self) -> None:
        """Another trip: its own days, stop and choices. The days are set, not dropped, when the filter is
        next drawn, or the browser would keep showing the old trip's days as chosen."""
        self._own.choices = {}
        self._own.placing = None
        self._own.days_reset = True
        self._state[Keys.STOP] = None
        self._link_choices()

    def pick_bundled(self, trip_id: str) -> None:
        """From a callback: show a bundled trip."""
        self._state[Keys.TRIP] = trip_id

    @property
    def uploaded(self) -> Any:
        """The file in the trip uploader, if any."""
        return self._state.get(Keys.UPLOADER)

    def set_on_next_run(self, key: str, value: Any) -> None:
        self._own.next_run[key] = value

    @property
    def bundled_id(self) -> str | None:
        value = self._state.get(Keys.TRIP)
        return str(value) if value else None

    @property
    def overlay_ids(self) -> list[str]:
        return list(self._state.get(Keys.OVERLAY) or [])

    @property
    def choices(self) -> dict[int, StopChoice]:
        return self._own.choices

    def choose(self, index: int, choice: StopChoice | None) -> None:
        if choice is None:
            self._own.choices.pop(index, None)
        else:
            self._own.choices[index] = choice
        self._link_choices()

    def _link_choices(self) -> None:
        """A bundled trip's choices travel in the link, as its days and stop do; an own trip's file does not."""
        if self._own.own is None and self._own.choices:
            st.query_params[PLACED] = choices_param(self._own.choices)
        else:
            st.query_params.pop(PLACED, None)

    @property
    def placing(self) -> int | None:
        return self._own.placing

    def place_by_click(self, index: int | None) -> None:
        """From a callback: the next click on the map places stop ``index`` (None: stop placing)."""
        self._own.placing = index

    def new_click(self, click: Any) -> bool:
        """Whether ``click`` (the map's last click) has not been seen before; it is seen from now on."""
        if click is None or click == self._own.last_click:
            return False
        self._own.last_click = click
        return True

    # Days and the stop in focus -------------------------------------------------------------------

    def days_to_reset(self) -> bool:
        reset, self._own.days_reset = self._own.days_reset, False
        return reset

    def reset_days(self) -> None:
        self._own.days_reset = True

    def set_days(self, keys: list[str]) -> None:
        """From a callback, or before the filter is drawn."""
        self._state[Keys.DAYS] = list(keys)

    def days_in_link(self) -> bool:
        return bool(st.query_params.get(Keys.DAYS))

    def has_days(self) -> bool:
        return Keys.DAYS in self._state

    @property
    def days(self) -> list[str]:
        return list(self._state.get(Keys.DAYS) or [])

    @property
    def stop(self) -> int | None:
        value = self._state.get(Keys.STOP)
        return int(value) if value is not None else None

    # Messages -------------------------------------------------------------------------------------

    @property
    def upload_error(self) -> str | None:
        return self._own.upload_error

    @upload_error.setter
    def upload_error(self, message: str | None) -> None:
        self._own.upload_error = message

    @property
    def report_error(self) -> str | None:
        return self._own.report_error

    @report_error.setter
    def report_error(self, message: str | None) -> None:
        self._own.report_error = message

    def take_load_error(self) -> str | None:
        message, self._own.load_error = self._own.load_error, None
        return message

    def carry_load_error(self, message: str) -> None:
        self._own.load_error = message

    # A report and its draft -----------------------------------------------------------------------

    @property
    def report_paste(self) -> str:
        return str(self._state.get(Keys.REPORT_PASTE) or "")

    @property
    def report_file(self) -> Any:
        return self._state.get(Keys.REPORT_FILE)

    @property
    def report_date(self) -> date | None:
        value = self._state.get(Keys.REPORT_DATE)
        return value if isinstance(value, date) else None

    def set_report_date(self, value: date) -> None:
        """From the report's callback, before the date input is drawn."""
        self._state[Keys.REPORT_DATE] = value

    def ask_extract(self) -> None:
        self._own.extract_asked = True

    def take_extract_asked(self) -> bool:
        """Whether to read the report this run; asked once: a run stopped mid-reading does not start again."""
        asked, self._own.extract_asked = self._own.extract_asked, False
        return asked

    def keep_draft(self, draft: Trip, notice: str | None) -> None:
        """A report's draft, and what to say under it (how much of the report it comes from)."""
        self.draft, self._own.report_notice = draft, notice

    @property
    def report_notice(self) -> str | None:
        return self._own.report_notice

    @property
    def draft(self) -> Trip | None:
        # Under a key of its own: tests and the lead read the draft by this name.
        value = self._state.get(_DRAFT)
        return value if isinstance(value, Trip) else None

    @draft.setter
    def draft(self, value: Trip | None) -> None:
        if value is None:
            self._state.pop(_DRAFT, None)
            self._own.draft_rows = None
            self._own.report_notice = None
        else:
            self._state[_DRAFT] = value

    @property
    def draft_rows(self) -> Any:
        return self._own.draft_rows

    @draft_rows.setter
    def draft_rows(self, rows: Any) -> None:
        self._own.draft_rows = rows

    # Online geocoding -----------------------------------------------------------------------------

    @property
    def online_service(self) -> str | None:
        value = self._state.get(Keys.ONLINE_SERVICE)
        return str(value) if value else None

    @property
    def user_agent(self) -> str:
        return str(self._state.get(Keys.USER_AGENT) or "")

    @property
    def online_server(self) -> str:
        return str(self._state.get(Keys.ONLINE_SERVER) or "")

    @property
    def online_budget(self) -> Budget:
        """The online requests this visitor may still send, whatever trips they geocode."""
        budget = self._state.get(Keys.ONLINE_BUDGET)
        if not isinstance(budget, Budget):
            budget = self._state[Keys.ONLINE_BUDGET] = Budget(SESSION_REQUESTS, "This session")
        return budget

    def resolution(self, key: str, settings: OnlineSettings | None) -> Resolution | None:
        return self._own.resolutions.get((key, settings))

    def keep_resolution(self, key: str, settings: OnlineSettings | None, resolution: Resolution) -> None:
        kept = self._own.resolutions
        while len(kept) >= KEPT_RESOLUTIONS:
            kept.pop(next(iter(kept)))
        kept[(key, settings)] = resolution

    # Editing --------------------------------------------------------------------------------------

    @property
    def edit_problems(self) -> list[str]:
        return self._own.edit_problems

    @edit_problems.setter
    def edit_problems(self, problems: list[str]) -> None:
        self._own.edit_problems = problems

    def take_edit_notice(self) -> str | None:
        notice, self._own.edit_notice = self._own.edit_notice, None
        return notice

    def apply_edit(self, own: OwnTrip, notice: str | None) -> None:
        """Show an edited trip; the trip before it can be brought back with :meth:`undo_edit`."""
        self._own.history.append(Snapshot(self._own.own, dict(self._own.choices), self.bundled_id))
        del self._own.history[:-KEPT_EDITS]
        # The picker is drawn by now: it goes empty (the own trip is shown) on the rerun that follows.
        self.set_on_next_run(Keys.TRIP, None)
        self._own.own = own
        self._own.choices = {}
        self._own.edit_problems = []
        self._own.edit_notice = notice
        # An edit can bring new days: show them all rather than hide a stop just added.
        self._own.days_reset = True

    @property
    def can_undo(self) -> bool:
        return bool(self._own.history)

    def undo_edit(self) -> None:
        """From a callback: the trip as it was before the last edit."""
        if not self._own.history:
            return
        previous = self._own.history.pop()
        self._own.own = previous.own
        self._state[Keys.TRIP] = previous.trip_id if previous.own is None else None
        self._own.choices = previous.choices
        self._own.edit_problems = []
        self._own.days_reset = True

    # Panels ---------------------------------------------------------------------------------------

    @property
    def panel(self) -> str | None:
        value = self._state.get(Keys.PANEL)
        return str(value) if value else None

    @property
    def token(self) -> str:
        """An unguessable name for this visitor's files (a large trip's map layers)."""
        return self._own.token

    @property
    def published(self) -> dict[str, str]:
        """This visitor's published map layers: URL by the view they were made for."""
        return self._own.published
