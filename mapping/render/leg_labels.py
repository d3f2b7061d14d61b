"""Distance labels on the legs ("559 km · Train"), shown where there is room for them.

A label on every leg would bury a city-scale day under text and cost a DOM node
per leg on a large trip, so a leg is labelled only while it is long enough on
screen to carry its label, and only while few enough legs are.
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from mapping.render.elements import RawRender


class LegLabels(RawRender, MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var pending = null, modes = {{ this.modes|tojson }};
            function label() {
                pending = null;
                var legs = [];
                map.eachLayer(function (layer) {
                    if (layer.feature && layer.feature.properties.km !== undefined && layer.getLatLngs) {
                        legs.push(layer);
                    }
                });
                var room = legs.length <= {{ this.max_labels }};
                legs.forEach(function (leg) {
                    var points = leg.getLatLngs(), a = map.latLngToLayerPoint(points[0]),
                        b = map.latLngToLayerPoint(points[points.length - 1]);
                    var long = room && a.distanceTo(b) >= {{ this.min_pixels }};
                    if (long && !leg.getTooltip()) {
                        var p = leg.feature.properties, mode = modes[p.mode];
                        var text = (p.warn ? '\u26a0 ' : '') +
                                   (p.km >= 10 ? Math.round(p.km).toLocaleString('en') : p.km.toFixed(1)) + ' km' +
                                   (mode ? ' \u00b7 ' + mode : '');
                        leg.bindTooltip(text, {permanent: true, direction: 'center', interactive: false,
                                                  className: 'trip-leg-label' + (p.warn ? ' warn' : '')});
                    } else if (!long && leg.getTooltip()) {
                        leg.unbindTooltip();
                    }
                });
            }
            function later() { if (!pending) { pending = setTimeout(label, 0); } }
            map.on('zoomend layeradd', later);
            later();
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, modes: dict[str, str], *, min_pixels: int = 90, max_labels: int = 400) -> None:
        super().__init__()
        self.modes = modes
        self._name = "LegLabels"
        self.min_pixels = min_pixels
        self.max_labels = max_labels
