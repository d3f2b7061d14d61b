"""Decoding TopoJSON (as world-atlas ships Natural Earth) into GeoJSON coordinates.

A few lines of the format's decoding rules (quantised, delta-encoded arcs;
negative indexes for reversed arcs): no maintained Python package reads
TopoJSON, and topojson-client does the same in the browser.
"""

from __future__ import annotations

from typing import Any


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs as absolute lon/lat points (files store quantised deltas)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joining point.
        points.extend(arc[1:] if points else arc)
    return points


def polygon_coordinates(
    arcs: list[list[tuple[float, float]]], geometry: dict[str, Any]
) -> list[list[list[tuple[float, float]]]]:
    if geometry["type"] == "Polygon":
        return [[ring(arcs, r) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in polygon] for polygon in geometry["arcs"]]
    return []


def decode_topojson(topology: dict[str, Any], name: str) -> list[tuple[dict[str, Any] | None, Any]]:
    """The (Multi)Polygons of one TopoJSON object as GeoJSON geometries, with their ids."""
    arcs = decode_arcs(topology)
    decoded: list[tuple[dict[str, Any] | None, Any]] = []
    for geometry in topology["objects"][name]["geometries"]:
        polygons = [p for p in polygon_coordinates(arcs, geometry) if p and len(p[0]) >= 4]
        value = {"type": "MultiPolygon", "coordinates": polygons} if polygons else None
        decoded.append((value, geometry.get("id")))
    return decoded
