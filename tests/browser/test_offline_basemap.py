"""The offline basemap as Chromium draws it, in an exported file opened from disk."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect

from mapping.export import export
from mapping.trip.model import Stop, Trip

TIMEOUT_MS = 60_000

# Every basemap outline as lists of [lat, lng], and whether it is a filled land shape.
BASEMAP_SHAPES = """() => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    const shapes = [];
    map.eachLayer(layer => {
        if (layer.options.pane !== 'basemap' || !layer.getLatLngs || layer.eachLayer) { return; }
        const flat = [];
        (function walk(value) {
            if (Array.isArray(value) && value.length && Array.isArray(value[0])) { value.forEach(walk); }
            else if (Array.isArray(value) && value.length && value[0].lat !== undefined) {
                flat.push(value.map(p => [p.lat, p.lng]));
            } else if (Array.isArray(value)) { value.forEach(walk); }
        })(layer.getLatLngs());
        flat.forEach(line => shapes.push({line: line, land: layer instanceof L.Polygon,
                                         name: (layer.feature && layer.feature.properties.name) || ''}));
    });
    return shapes;
}"""


def test_no_outline_runs_across_the_world_and_chukotka_is_land_on_both_sides(page: Page, tmp_path: Path) -> None:
    # Natural Earth's Russia and Fiji cross the antimeridian; a trip there is drawn zoomed out.
    trip = Trip(
        "Across the date line",
        (
            Stop("Anadyr", date=date(2024, 7, 1), lat=64.733, lon=177.509, provider="given"),
            Stop("Provideniya", date=date(2024, 7, 3), lat=64.423, lon=-173.227, provider="given"),
            Stop("Suva", date=date(2024, 7, 9), lat=-18.141, lon=178.442, provider="given"),
        ),
    )
    saved = export(trip, tmp_path / "date-line.html")
    page.goto(saved.as_uri())
    expect(page.locator('.leaflet-container[data-basemap="ready"]')).to_have_count(1, timeout=TIMEOUT_MS)
    shapes = page.evaluate(BASEMAP_SHAPES)
    assert len(shapes) > 1000

    # A step of more than half the world between two points is a line drawn across the whole map.
    jumps = [
        (shape["name"], a, b)
        for shape in shapes
        for a, b in zip(shape["line"], shape["line"][1:], strict=False)
        if abs(a[1] - b[1]) > 180
    ]
    # Antarctica's outline goes round the pole: its one step runs along the map's bottom edge.
    assert [(name, round(a[0])) for name, a, _ in jumps if name != "Antarctica"] == []

    def land_at(lat: float, lng: float) -> list[str]:
        return [
            s["name"]
            for s in shapes
            if s["land"]
            and min(p[0] for p in s["line"]) <= lat <= max(p[0] for p in s["line"])
            and min(p[1] for p in s["line"]) <= lng <= max(p[1] for p in s["line"])
        ]

    # Chukotka east of the date line: where the map shows it beside Alaska, and beside the rest of Russia.
    assert "Russia" in land_at(66.0, -175.0)
    assert "Russia" in land_at(66.0, 185.0)
