"""Day-by-day playback inside the map: step or play through the trip without asking the server.

Every stop and leg feature carries ``t``, the moment it happens as an ISO text
("2023-09-13" or "2023-09-13T13:09", so text order is time order; "~" for
undated), and a stop carries ``u``, the first later moment of the trip: the stop
stays current until then, so a stay spans its days. The control finds the
trip's layers as Leaflet adds them (``tripLayer`` option), so it follows
whatever days are on the map: the sidebar filter, the layer control, and layers
streamlit-folium swaps in without reloading the map.

Written by hand rather than with folium's TimelineSlider: that plugin needs its
own copy of every feature in L.timeline layers beside the per-day layers, starts
at the first instant (so a map would open showing one stop), and its CSS takes
the whole bottom-left corner where the legend sits.
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from mapping.render.elements import RawRender

UNDATED_STEP = "~"

PLAYBACK_CSS = """
.trip-playback { background: rgba(255,255,255,.94); padding: 4px 6px; border-radius: 6px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); font: 12px/1.4 system-ui, sans-serif; display: flex;
  align-items: center; gap: 4px; }
.trip-playback button { border: 1px solid #bbb; background: #fff; border-radius: 4px; width: 28px; height: 24px;
  cursor: pointer; font-size: 12px; padding: 0; }
.trip-playback button:hover { background: #eef3f8; }
.trip-playback input[type=range] { width: 140px; }
.trip-playback .when { min-width: 150px; white-space: nowrap; }
.trip-leg-label { background: rgba(255,255,255,.85); border: none; box-shadow: none; padding: 0 3px;
  font: 11px/1.3 system-ui, sans-serif; color: #333; }
.trip-leg-label.warn { color: #b3261e; font-weight: 600; }
.trip-leg-label:before { display: none; }
"""


class Playback(RawRender, MacroElement):
    """A Leaflet control: previous, play/pause, next, a slider and the moment shown."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
            var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
            var groups = {}, steps = [], index = 0, timer = null, pending = null;

            function label(step) {
                if (step === {{ this.undated|tojson }}) { return 'Undated'; }
                var d = new Date(step.slice(0, 10) + 'T00:00:00Z');
                var pad = function (n) { return (n < 10 ? '0' : '') + n; };
                var text = DAYS[d.getUTCDay()] + ' ' + pad(d.getUTCDate()) + ' ' + MONTHS[d.getUTCMonth()] + ' ' +
                           d.getUTCFullYear();
                return step.length > 10 ? text + ', ' + step.slice(11) : text;
            }
            // Every calendar day between two moments, so a stay is seen to last; not across long gaps,
            // such as between two trips years apart on one map.
            function stepsOf(moments) {
                var seen = {};
                moments.forEach(function (m) { seen[m] = true; });
                var dated = Object.keys(seen).filter(function (m) { return m !== {{ this.undated|tojson }}; }).sort();
                for (var i = 1; i < dated.length; i++) {
                    var day = new Date(dated[i - 1].slice(0, 10) + 'T00:00:00Z');
                    var next = new Date(dated[i].slice(0, 10) + 'T00:00:00Z');
                    if (next - day > {{ this.max_gap_days }} * 86400000) { continue; }
                    for (; day < next; day = new Date(day.getTime() + 86400000)) {
                        seen[day.toISOString().slice(0, 10)] = true;
                    }
                }
                return Object.keys(seen).sort();
            }
            function register(group) {
                var id = L.stamp(group);
                if (!groups[id]) {
                    groups[id] = {group: group, kind: group.options.tripLayer, items: group.getLayers().map(
                        function (layer) { var p = layer.feature.properties; return {layer: layer, t: p.t, u: p.u}; })};
                }
            }
            function onMap() {
                return Object.keys(groups).map(function (id) { return groups[id]; })
                    .filter(function (g) { return map.hasLayer(g.group); });
            }
            function setFaded(item, kind, faded) {
                var layer = item.layer;
                if (kind === 'legs') { layer.setStyle({opacity: faded ? 0.35 : 0.85}); }
                else if (layer.setOpacity) { layer.setOpacity(faded ? 0.4 : 1); }
                else { layer.setStyle({opacity: faded ? 0.3 : 1, fillOpacity: faded ? 0.25 : 0.9}); }
            }
            function apply() {
                var whole = index >= steps.length, now = whole ? null : steps[index];
                onMap().forEach(function (g) {
                    g.items.forEach(function (item) {
                        var show = whole || item.t <= now;
                        if (show && !g.group.hasLayer(item.layer)) { g.group.addLayer(item.layer); }
                        if (!show && g.group.hasLayer(item.layer)) { g.group.removeLayer(item.layer); }
                        if (show) {
                            var current = whole || (g.kind === 'legs' ? item.t === now
                                                    : item.t <= now && (item.u === undefined || now < item.u));
                            setFaded(item, g.kind, !current);
                        }
                    });
                });
                slider.max = steps.length;
                slider.value = index;
                when.innerHTML = whole ? 'Whole trip' : label(now) + ' <small>(' + (index + 1) + '/' + steps.length +
                                 ')</small>';
                container.setAttribute('data-step', whole ? 'all' : now);
            }
            function refresh() {
                pending = null;
                var moments = [];
                onMap().forEach(function (g) { g.items.forEach(function (item) { moments.push(item.t); }); });
                var current = index < steps.length ? steps[index] : null;
                steps = stepsOf(moments);
                index = current === null ? steps.length : Math.max(0, steps.indexOf(current));
                apply();
            }
            // Past the whole trip, "next" starts again from the first moment.
            function go(to) { index = to > steps.length ? 0 : Math.max(0, to); apply(); }
            function stop() { if (timer) { clearInterval(timer); timer = null; } play.innerHTML = '&#9654;'; }
            function start() {
                if (index >= steps.length) { index = 0; apply(); }
                play.innerHTML = '&#10074;&#10074;';
                timer = setInterval(function () { go(index + 1); if (index >= steps.length) { stop(); } },
                                    {{ this.interval_ms }});
            }

            var control = L.control({position: 'bottomright'});
            var container, slider, when, play;
            control.onAdd = function () {
                container = L.DomUtil.create('div', 'trip-playback');
                container.innerHTML =
                    '<button type="button" class="prev" title="Previous step" aria-label="Previous step">&#9664;&#9664;</button>' +
                    '<button type="button" class="play" title="Play the trip day by day" aria-label="Play">&#9654;</button>' +
                    '<button type="button" class="next" title="Next step" aria-label="Next step">&#9654;&#9654;</button>' +
                    '<input type="range" min="0" max="0" value="0" aria-label="Moment shown">' +
                    '<span class="when">Whole trip</span>';
                L.DomEvent.disableClickPropagation(container);
                L.DomEvent.disableScrollPropagation(container);
                slider = container.querySelector('input');
                when = container.querySelector('.when');
                play = container.querySelector('.play');
                container.querySelector('.prev').onclick = function () { stop(); go(index - 1); };
                container.querySelector('.next').onclick = function () { stop(); go(index + 1); };
                play.onclick = function () { if (timer) { stop(); } else { start(); } };
                slider.oninput = function () { stop(); go(parseInt(slider.value, 10)); };
                return container;
            };
            control.addTo(map);
            // Layers arrive in bursts (a day's stops, a swapped feature group): count the steps once per burst.
            function changed(e) {
                if (e.layer.options && e.layer.options.tripLayer && e.layer.getLayers) {
                    if (e.type === 'layeradd') { register(e.layer); }
                    if (!pending) { pending = setTimeout(refresh, 0); }
                }
            }
            map.on('layeradd layerremove', changed);
            // A large trip's features arrive after its layers (mapping/layer_data.py): count them again.
            map.on('tripdata', function () {
                groups = {};
                map.eachLayer(function (layer) { changed({type: 'layeradd', layer: layer}); });
            });
            map.eachLayer(function (layer) { changed({type: 'layeradd', layer: layer}); });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, *, interval_ms: int = 900, max_gap_days: int = 62) -> None:
        super().__init__()
        self._name = "Playback"
        self.interval_ms = interval_ms
        self.max_gap_days = max_gap_days
        self.undated = UNDATED_STEP
