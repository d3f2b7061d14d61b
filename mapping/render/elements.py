"""The map's elements: each passes options to a function of ``L.tripMap`` (``mapping/render/static``).

Elements whose output reaches the page as text, never parsed again as a template:
branca renders an element's script, then wraps the result in a new jinja
Template before writing the page. Any user text in that result (a trip title,
a stop's name) was therefore template source: "{{ 7*7 }}" came out as 49, and
"{% raw %}" broke the export. Everything that carries user text renders
through :class:`RawText` and :class:`RawRender` instead.

The scripts and styles are declared the way folium's plugins declare theirs
(``default_js``/``default_css``); :func:`mapping.render.assets.localize` points
them at the app's served copies or inlines them into an exported file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Environment, Template

# Options are written compactly, as folium's own templates write their JSON (see map.py): on a large
# trip the spaces of json.dumps's defaults were a megabyte of the page.
# Scripts, not HTML: every value enters them through tojson, which escapes what HTML would read.
_TEMPLATES = Environment(autoescape=False)  # noqa: S701
_TEMPLATES.policies["json.dumps_kwargs"] = {"separators": (",", ":")}


def template(source: str) -> Template:
    return _TEMPLATES.from_string(source)


class RawText(Element):
    """Text added to the page as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class RawRender:
    """Mixin for a MacroElement: its header, html and script macros are written out as text."""

    def render(self, **kwargs: Any) -> Any:
        figure = self.get_root()  # type: ignore[attr-defined]
        module = self._template.module  # type: ignore[attr-defined]
        for part in ("header", "html", "script"):
            macro = module.__dict__.get(part)
            if macro is not None:
                getattr(figure, part).add_child(RawText(macro(self, kwargs)), name=self.get_name())  # type: ignore[attr-defined]
        for child in self._children.values():  # type: ignore[attr-defined]
            child.render(**kwargs)


# Names only: assets.localize() swaps them for local files, in this order, before rendering.
TRIP_JS: list[tuple[str, str]] = [
    ("spiderfier", "overlapping-marker-spiderfier-leaflet"),
    ("trip_core", "trip-core.js"),
    ("trip_map", "trip-map.js"),
    ("trip_playback", "trip-playback.js"),
    ("trip_basemap", "trip-basemap.js"),
]
TRIP_CSS: list[tuple[str, str]] = [("trip_map_css", "trip-map.css")]


class TripCall(JSCSSMixin, RawRender, MacroElement):
    """``L.tripMap.<call>(<the parent>, <options>)``: the whole script of most of the map's elements."""

    call: ClassVar[str]
    _template = template(
        """
        {% macro script(this, kwargs) %}
        L.tripMap.{{ this.call }}({{ this._parent.get_name() }}, {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, **options: Any) -> None:
        super().__init__()
        self._name = type(self).__name__
        self.options = options


class MapStyle(TripCall):
    """The map's own CSS and scripts, declared once, at the top of the map: every other element here
    is added to a map that has them (the app swaps in a view layer, never a map without them)."""

    _template = template("")
    default_js = TRIP_JS
    default_css = TRIP_CSS

    def __init__(self) -> None:
        super().__init__()


class Legend(TripCall):
    """The legend as a Leaflet control, so it sits inside the map wherever the map is shown."""

    call = "legend"

    def __init__(self, legend_html: str, *, room: int) -> None:
        super().__init__(html=legend_html, room=room)


class Attribution(TripCall):
    call = "attribution"

    def __init__(self, text: str) -> None:
        super().__init__(text=text)


class FocusInPlace(TripCall):
    call = "focusInPlace"


class ViewOption(TripCall):
    """A checkbox on the map to keep the view when the days or the playback step change."""

    call = "viewOption"


class Playback(TripCall):
    """A Leaflet control: previous, play/pause, next, a slider and the moment shown.

    Written by hand rather than with folium's TimelineSlider: that plugin needs its
    own copy of every feature in L.timeline layers beside the per-day layers, starts
    at the first instant (so a map would open showing one stop), and its CSS takes
    the whole bottom-left corner where the legend sits.
    """

    call = "playback"

    def __init__(self, *, interval_ms: int = 900, max_gap_days: int = 62) -> None:
        super().__init__(intervalMs=interval_ms, maxGapDays=max_gap_days)


class LegLabels(TripCall):
    """Distance labels on the legs ("559 km · Train"), shown where there is room for them."""

    call = "legLabels"

    def __init__(self, modes: dict[str, str], *, min_pixels: int = 90, max_labels: int = 400) -> None:
        super().__init__(modes=modes, minPixels=min_pixels, maxLabels=max_labels)


class DayKey(TripCall):
    """Marks a day's layer for the day filter. Set after the fact: folium hands a FeatureGroup's options
    to L.featureGroup as its first argument, which Leaflet takes for layers."""

    _template = template(
        """
        {% macro script(this, kwargs) %}
        L.tripMap.dayKey({{ this._parent.get_name() }}, {{ this.key|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class DayFilter(TripCall):
    """Show the trip's day layers whose key is listed and hide the rest; the view follows unless kept."""

    call = "dayFilter"

    def __init__(self, keys: Sequence[str]) -> None:
        super().__init__(keys=list(keys))


class Focus(TripCall):
    """Centre the map on one stop and open it, once per choice: later swaps of the days leave the view alone."""

    call = "focus"

    def __init__(self, number: int | None) -> None:
        super().__init__(number=number)


class Placing(TripCall):
    """While a stop is placed by hand, its marker can be dragged there (a drop is told as a click)."""

    call = "placing"

    def __init__(self, number: int | None) -> None:
        super().__init__(number=number)


class DataSlot(TripCall):
    """Registers its layer under a key, for the loader to fill."""

    _template = template(
        """
        {% macro script(this, kwargs) %}
        L.tripMap.dataSlot({{ this._parent.get_name() }}, {{ this.key|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class LayerLoader(TripCall):
    """Fetches the day layers' columns and fills them; the map fires 'tripdata' when they are in."""

    call = "loadLayers"

    def __init__(self, url: str) -> None:
        super().__init__(url=url)


class DayLayer(TripCall):
    """A day's stops or legs: an L.geoJSON layer filled from columns (see contract.py), or left empty
    for a large trip's fetched file to fill."""

    _template = template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.tripMap.{{ this.kind }}Layer({{ this.options|tojson }});
        {%- if this.columns is not none %}
        L.tripMap.fill({{ this.get_name() }}, {{ this.kind|tojson }}, {{ this.columns|tojson }});
        {%- endif %}
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, kind: str, columns: Any | None, **options: Any) -> None:
        super().__init__(**options)
        # Named as folium's GeoJson layers are: tests and tools that read the page look for geo_json_*.
        self._name = "GeoJson"
        self.kind = kind
        self.columns = columns
