/*
 * Day-by-day playback inside the map: step or play through the trip without asking the server.
 *
 * Every stop and leg feature carries ``t``, the moment it happens as ISO text ("2023-09-13" or
 * "2023-09-13T13:09", so text order is time order; "~" for undated), and a stop carries ``u``, the
 * first later moment of the trip: the stop stays current until then, so a stay spans its days. The
 * control finds the trip's layers as Leaflet adds them (their ``tripLayer`` option), so it follows
 * whatever days are on the map: the day filter, the layer control, and layers swapped in later.
 */
(function (root, factory) {
    'use strict';
    root.L.tripMap = Object.assign(root.L.tripMap || {}, factory(root.L, root.L.tripMap.core, root));
}(typeof self !== 'undefined' ? self : this, function (L, core, root) {
    'use strict';

    function playback(map, options) {
        var groups = {}, steps = [], index = 0, timer = null, pending = null;
        var container, slider, when, play;

        function register(group) {
            var id = L.stamp(group);
            if (!groups[id]) {
                groups[id] = {group: group, kind: group.options.tripLayer, items: group.getLayers().map(function (layer) {
                    var p = layer.feature.properties;
                    return {layer: layer, t: p.t, u: p.u};
                })};
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
        function apply(moved) {
            var whole = index >= steps.length, now = whole ? null : steps[index], current = [];
            onMap().forEach(function (g) {
                g.items.forEach(function (item) {
                    var at = core.itemAt(item, now, g.kind), show = at.shown && !item.layer._tripOrphan;
                    if (show && !g.group.hasLayer(item.layer)) { g.group.addLayer(item.layer); }
                    if (!show && g.group.hasLayer(item.layer)) { g.group.removeLayer(item.layer); }
                    if (show) { setFaded(item, g.kind, !at.current); }
                    if (show && at.current && g.kind === 'stops' && !whole) {
                        var c = item.layer.feature.geometry.coordinates;
                        current.push([c[1], c[0]]);
                    }
                });
            });
            slider.max = steps.length;
            slider.value = index;
            when.innerHTML = whole ? 'Whole trip' : core.stepLabel(now) + ' <small>(' + (index + 1) + '/' +
                             steps.length + ')</small>';
            container.setAttribute('data-step', whole ? 'all' : now);
            // A step the user took brings its stops into view; a swap of the days does not.
            if (moved) { L.tripMap.follow(map, current); }
        }
        function refresh() {
            pending = null;
            var moments = [];
            onMap().forEach(function (g) { g.items.forEach(function (item) { moments.push(item.t); }); });
            var current = index < steps.length ? steps[index] : null;
            steps = core.stepsOf(moments, options.maxGapDays);
            index = current === null ? steps.length : Math.max(0, steps.indexOf(current));
            apply(false);
        }
        // Past the whole trip, "next" starts again from the first moment.
        function go(to) { index = to > steps.length ? 0 : Math.max(0, to); apply(true); }
        function stop() { if (timer) { clearInterval(timer); timer = null; } play.innerHTML = '&#9654;'; }
        function start() {
            if (index >= steps.length) { index = 0; apply(true); }
            play.innerHTML = '&#10074;&#10074;';
            timer = setInterval(function () { go(index + 1); if (index >= steps.length) { stop(); } },
                                options.intervalMs);
        }

        var control = L.control({position: 'bottomright'});
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
        function later() { if (!pending) { pending = setTimeout(refresh, 0); } }
        function changed(e) {
            if (e.layer.options && e.layer.options.tripLayer && e.layer.getLayers) {
                if (e.type === 'layeradd') { register(e.layer); }
                later();
            }
        }
        map.on('layeradd layerremove', changed);
        map.on('tripfilter', later);
        // A large trip's features arrive after its layers: count them again.
        map.on('tripdata', function () {
            groups = {};
            map.eachLayer(function (layer) { changed({type: 'layeradd', layer: layer}); });
        });
        map.eachLayer(function (layer) { changed({type: 'layeradd', layer: layer}); });
    }

    return {playback: playback};
}));
