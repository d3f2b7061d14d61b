"""Shared fixtures: the real offline gazetteer and the default trip, resolved once per session."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.resolve import Resolution, resolve_trip
from mapping.io.formats import load_trip
from mapping.paths import DEFAULT_TRIP
from mapping.trip.model import Trip

# CI runs the same generated cases every time, so a red run is reproducible; a developer's runs explore.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def gazetteer() -> OfflineGazetteer:
    return OfflineGazetteer()


@pytest.fixture(scope="session")
def default_trip() -> Trip:
    result = load_trip(DEFAULT_TRIP)
    assert result.problems == ()
    return result.trip


@pytest.fixture(scope="session")
def resolved_default(default_trip: Trip, gazetteer: OfflineGazetteer) -> Resolution:
    return resolve_trip(default_trip, gazetteer)
