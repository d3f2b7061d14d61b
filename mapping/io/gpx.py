"""Trips as GPX 1.1 (gpxpy)."""

from __future__ import annotations

from datetime import UTC, datetime
from datetime import time as dt_time

import gpxpy
import gpxpy.gpx

from mapping.trip.model import Trip
from mapping.trip.timeline import days, numbered


def to_gpx(trip: Trip) -> str:
    """GPX 1.1: the stops as waypoints, and one route per day through that day's stops."""
    gpx = gpxpy.gpx.GPX()
    gpx.name = trip.title
    gpx.creator = "trip map"
    for item in numbered(trip):
        stop = item.stop
        if stop.lat is None or stop.lon is None:
            continue
        gpx.waypoints.append(
            gpxpy.gpx.GPXWaypoint(
                stop.lat,
                stop.lon,
                name=f"{item.number}. {stop.label}",
                description=stop.activity or None,
                time=datetime.combine(stop.date, time_of(stop.time), tzinfo=UTC) if stop.date else None,
            )
        )
    for day in days(trip):
        located = [s for s in day.stops if s.stop.lat is not None and s.stop.lon is not None]
        if not located:
            continue
        route = gpxpy.gpx.GPXRoute(name=day.label)
        route.points.extend(
            gpxpy.gpx.GPXRoutePoint(s.stop.lat, s.stop.lon, name=f"{s.number}. {s.stop.label}") for s in located
        )
        gpx.routes.append(route)
    return str(gpx.to_xml(version="1.1"))


def time_of(text: str | None) -> dt_time:
    if not text:
        return dt_time(0, 0)
    hours, minutes = text.split(":")
    return dt_time(int(hours), int(minutes))
