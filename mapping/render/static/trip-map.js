/*
 * Trip map, in the page: the day layers, their markers, popups and legs, the day filter, the view
 * following the days, the legend and the leg labels. Python passes options only
 * (mapping/render/elements.py); what the data looks like is in mapping/render/contract.py.
 *
 * Globals and events other code relies on:
 *   window.tripSlots   day layers by key ("stops 2023-09-16"), for a large trip's fetched data
 *   map._tripDays      every day layer met so far, by Leaflet id: the filter adds and removes them
 *   'tripdata'         fired on the map once a large trip's fetched features are in
 */
(function (root, factory) {
    'use strict';
    root.L.tripMap = Object.assign(root.L.tripMap || {}, factory(root.L, root.L.tripMap.core, root));
}(typeof self !== 'undefined' ? self : this, function (L, core, root) {
    'use strict';

    var FIT_PADDING = [40, 40];
    var MAX_FIT_ZOOM = 11;

    // ---- stacked stops -------------------------------------------------------------------

    /**
     * One spiderfier per map: a click on a stack opens the popup of the marker clicked and spreads the
     * stack out, side by side, so that each of the others opens its own with one more click.
     */
    function spiderfierOf(map) {
        if (!map._tripSpiderfier && typeof root.OverlappingMarkerSpiderfier === 'function') {
            var oms = new root.OverlappingMarkerSpiderfier(map, {keepSpiderfied: true, nearbyDistance: 14,
                                                                 circleFootSeparation: 36, circleStartAngle: 0,
                                                                 legWeight: 2});
            oms.addListener('click', function (marker) { openStop(marker); });
            // A spread stack's popups open above the whole fan, so that none of its markers hides.
            oms.addListener('spiderfy', function (markers) {
                var points = markers.map(function (m) { return map.latLngToLayerPoint(m.getLatLng()); });
                var x = points.reduce(function (sum, p) { return sum + p.x; }, 0) / points.length;
                var top = Math.min.apply(null, points.map(function (p) { return p.y; }));
                var above = map.layerPointToLatLng([x, top]);
                markers.forEach(function (m) { m._tripFanTop = above; });
            });
            oms.addListener('unspiderfy', function (markers) {
                markers.forEach(function (m) { delete m._tripFanTop; });
            });
            map._tripSpiderfier = oms;
        }
        return map._tripSpiderfier || null;
    }

    // ---- day layers -------------------------------------------------------------------------

    function pointToMarker(feature, latlng) {
        var p = feature.properties;
        var icon = L.divIcon({className: 'trip-stop-icon', iconSize: [22, 22], iconAnchor: [11, 11],
                              popupAnchor: [0, -11], html: core.stopIconHtml(p)});
        // A title attribute is text: the escaped label is read back, or "AT&T" would show as "AT&amp;T".
        var label = new DOMParser().parseFromString(p.label, 'text/html').documentElement.textContent;
        return L.marker(latlng, {icon: icon, title: p.number + '. ' + label, riseOnHover: true});
    }

    function pointToDot(feature, latlng) {
        var p = feature.properties;
        return L.circleMarker(latlng, {
            renderer: root.tripDots || (root.tripDots = L.canvas({padding: 0.5})),
            radius: 4, weight: 1, color: '#fff', fillColor: p.colour, fillOpacity: p.uncertain ? 0.25 : 0.9
        });
    }

    function openStop(marker) {
        marker.openPopup(marker._tripFanTop);
    }

    function openSpread() {
        if (this._omsData && !this.isPopupOpen()) { openStop(this); }
    }

    // Popups are built when opened, so a large trip does not pay for them up front. They read the
    // stop's own coordinates: a spread-out marker stands elsewhere for a while.
    function bindStopPopup(feature, layer) {
        layer.bindPopup(function () {
            var at = feature.geometry.coordinates;
            return core.popupHtml(feature.properties, at[1], at[0]);
        }, {maxWidth: 300});
        if (layer instanceof L.Marker) {
            // The spiderfier decides what a click on a marker does: spread a stack, or open the popup.
            layer.off('click', layer._openPopup, layer);
            layer.on('add', function () {
                var oms = spiderfierOf(layer._map);
                if (!oms) { layer.on('click', layer._openPopup, layer); return; }
                oms.addMarker(layer);
                // After the spiderfier's own handler: the marker that spread its stack opens too.
                layer.on('click', openSpread, layer);
            });
        }
    }

    /** An empty layer for a day's stops; ``options.dots`` draws dots on a canvas for a large trip. */
    function stopsLayer(options) {
        return L.geoJSON(null, {
            tripLayer: 'stops',
            pointToLayer: options.dots ? pointToDot : pointToMarker,
            onEachFeature: bindStopPopup
        });
    }

    // A flight's arc is worked out here rather than shipped: a hundred points a flight made a large
    // trip's page megabytes heavier and its build seconds slower.
    function drawArc(feature, layer) {
        if (!feature.properties.arc) { return; }
        var ends = layer.getLatLngs();
        var points = core.arcPoints(ends[0], ends[ends.length - 1]);
        if (points) { layer.setLatLngs(points); }
    }

    /** An empty layer for a day's legs, in the day's colour, dashed by mode (``options.styles``). */
    function legsLayer(options) {
        return L.geoJSON(null, {
            tripLayer: 'legs',
            interactive: false,
            style: function (feature) { return core.legStyle(options.styles, options.colour, feature.properties); },
            onEachFeature: drawArc
        });
    }

    /** Fill a day layer from its columns (see contract.py). */
    function fill(layer, kind, columns) {
        layer.addData(kind === 'legs' ? core.decodeLegs(columns) : core.decodeStops(columns));
        return layer;
    }

    /** Marks a feature group as the day ``key``'s, for the day filter. */
    function dayKey(group, key) {
        group.options.tripDay = key;
    }

    /** Registers a layer whose features a large trip fetches later (see loadLayers). */
    function dataSlot(layer, key) {
        (root.tripSlots = root.tripSlots || {})[key] = layer;
    }

    /** Fetch a large trip's day layers once, fill the slots, and tell the map ('tripdata'). */
    function loadLayers(map, options) {
        map._tripLoading = true;
        fetch(options.url).then(function (response) {
            if (!response.ok) { throw new Error('HTTP ' + response.status); }
            return response.json();
        }).then(function (data) {
            Object.keys(data).forEach(function (key) {
                var layer = (root.tripSlots || {})[key];
                if (layer) { fill(layer, key.split(' ')[0], data[key]); }
            });
            map._tripLoading = false;
            map.fire('tripdata');
        }).catch(function (error) {
            map._tripLoading = false;
            map.attributionControl.addAttribution('<b style="color:#b3261e">The trip could not be loaded (' +
                String(error).replace(/[<>&]/g, '') + '): reload the page.</b>');
        });
    }

    // ---- the days shown, and the view ------------------------------------------------------

    function knownDays(map) {
        var known = map._tripDays = map._tripDays || {};
        map.eachLayer(function (layer) {
            if (layer.options && layer.options.tripDay) { known[L.stamp(layer)] = layer; }
        });
        return Object.keys(known).map(function (id) { return known[id]; });
    }

    function eachFeatureLayer(group, kind, fn) {
        group.eachLayer(function (child) {
            if (child.options && child.options.tripLayer === kind) { child.eachLayer(fn); }
        });
    }

    /** Where the stops of these day layers are ([lat, lng]), from their data, not their markers. */
    function stopPoints(groups) {
        var points = [];
        groups.forEach(function (group) {
            eachFeatureLayer(group, 'stops', function (layer) {
                var at = layer.feature.geometry.coordinates;
                points.push([at[1], at[0]]);
            });
        });
        return points;
    }

    function fitTo(map, bounds, maxZoom) {
        // Leaflet ignores a new view asked for while a zoom animates: fit once it has ended.
        if (map._animatingZoom) {
            map.once('zoomend', function () { fitTo(map, bounds, maxZoom); });
            return;
        }
        map.fitBounds(bounds, {paddingTopLeft: FIT_PADDING, paddingBottomRight: [40, map._tripLegendRoom || 100],
                               maxZoom: maxZoom});
    }

    /** A leg whose start stop's day is hidden starts from nothing: it is left out while the day is. */
    function hideOrphanLegs(groups, wanted) {
        groups.forEach(function (group) {
            eachFeatureLayer(group, 'legs', function (leg) {
                leg._tripOrphan = !core.legShown(leg.feature.properties, wanted);
            });
        });
    }

    /**
     * Show the day layers whose key is listed and hide the rest; the layer control follows. When the
     * shown stops' extent changes, the view fits them, unless the user keeps the view.
     */
    function dayFilter(group, options) {
        setTimeout(function apply() {
            var map = group._map;
            if (!map) { return; }
            if (map._tripLoading) { map.once('tripdata', apply); return; }
            var days = knownDays(map), wanted = {};
            options.keys.forEach(function (key) { wanted[key] = true; });
            var before = map._tripShown === undefined ?
                core.boundsOf(stopPoints(days.filter(function (d) { return map.hasLayer(d); }))) : map._tripShown;
            var shown = days.filter(function (d) { return wanted[d.options.tripDay]; });
            hideOrphanLegs(days, wanted);
            days.forEach(function (layer) {
                if (wanted[layer.options.tripDay] && !map.hasLayer(layer)) { map.addLayer(layer); }
                if (!wanted[layer.options.tripDay] && map.hasLayer(layer)) { map.removeLayer(layer); }
            });
            var after = core.boundsOf(stopPoints(shown));
            map._tripShown = after;
            if (core.viewFollows(before, after, map._tripKeepView)) { fitTo(map, after, MAX_FIT_ZOOM); }
            map.fire('tripfilter');
        }, 0);
    }

    /** Bring these [lat, lng] points into view if any is outside it, zooming out only if need be. */
    function follow(map, points) {
        if (map._tripKeepView || !points.length) { return; }
        var view = map.getBounds();
        if (points.every(function (p) { return view.contains(p); })) { return; }
        fitTo(map, core.boundsOf(points), map.getZoom());
    }

    /** Centre the map on one stop and open it, once per choice: later swaps of the days leave the view. */
    function focus(group, options) {
        var number = options.number;
        setTimeout(function apply() {
            var map = group._map;
            if (map && map._tripLoading) { map.once('tripdata', apply); return; }
            if (!map || map._tripFocus === number) { return; }
            map._tripFocus = number;
            map.eachLayer(function (layer) {
                if (number !== null && layer.feature && layer.feature.properties.number === number &&
                        layer.getLatLng) {
                    var at = layer.feature.geometry.coordinates;
                    map.setView([at[1], at[0]], Math.max(map.getZoom(), 10));
                    layer.openPopup();
                }
            });
        }, 0);
    }

    /**
     * While the app places stop ``options.number`` by hand, its marker can be dragged: where it is dropped
     * is told to the app as a click there (the click streamlit-folium reports). Any other view stops it.
     */
    function placing(group, options) {
        var number = options.number;
        setTimeout(function apply() {
            var map = group._map;
            if (map && map._tripLoading) { map.once('tripdata', apply); return; }
            if (!map) { return; }
            var before = map._tripPlacing;
            if (before && before.feature.properties.number === number) { return; }
            if (before) {
                before.dragging.disable();
                before.off('dragend', before._tripDropped);
                L.DomUtil.removeClass(before.getElement(), 'trip-placing');
                map._tripPlacing = null;
            }
            if (number === null) { return; }
            map.eachLayer(function (layer) {
                if (map._tripPlacing || !layer.feature || layer.feature.properties.number !== number ||
                        !layer.dragging || !layer.getElement) { return; }
                layer._tripDropped = function () { map.fire('click', {latlng: layer.getLatLng()}); };
                layer.on('dragend', layer._tripDropped);
                layer.dragging.enable();
                L.DomUtil.addClass(layer.getElement(), 'trip-placing');
                map._tripPlacing = layer;
            });
        }, 0);
    }

    /** A checkbox on the map: keep the view where the user put it when the days or the step change. */
    function viewOption(map) {
        var control = L.control({position: 'bottomright'});
        control.onAdd = function () {
            var div = L.DomUtil.create('label', 'trip-keep-view');
            div.innerHTML = '<input type="checkbox"> Keep the view';
            div.title = 'Leave the view where it is when the days shown or the playback step change';
            L.DomEvent.disableClickPropagation(div);
            var box = div.querySelector('input');
            box.onchange = function () { map._tripKeepView = box.checked; };
            return div;
        };
        control.addTo(map);
    }

    // ---- legend, credits, focus ------------------------------------------------------------

    function legend(map, options) {
        var control = L.control({position: 'bottomleft'});
        control.onAdd = function () {
            var div = L.DomUtil.create('div', 'trip-legend');
            div.innerHTML = options.html;
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        control.addTo(map);
        map._tripLegendRoom = options.room;
    }

    function attribution(map, options) {
        map.attributionControl.addAttribution(options.text);
    }

    // Leaflet focuses the map on the first mouse-down; in an iframe, that scrolled the page under the
    // pointer, so a first click on a marker low on the screen landed on the map instead.
    function focusInPlace(map) {
        var container = map.getContainer();
        container.focus = function () { HTMLElement.prototype.focus.call(container, {preventScroll: true}); };
    }

    /**
     * Distance labels on the legs, shown only while a leg is long enough on screen to carry one and
     * few enough legs are: a label on every leg would bury a city-scale day under text.
     */
    function legLabels(map, options) {
        var pending = null;
        function label() {
            pending = null;
            var legs = [];
            map.eachLayer(function (layer) {
                if (layer.feature && layer.feature.properties.km !== undefined && layer.getLatLngs) { legs.push(layer); }
            });
            var room = legs.length <= options.maxLabels;
            legs.forEach(function (leg) {
                var points = leg.getLatLngs(), a = map.latLngToLayerPoint(points[0]),
                    b = map.latLngToLayerPoint(points[points.length - 1]);
                var long = room && a.distanceTo(b) >= options.minPixels;
                var p = leg.feature.properties;
                if (long && !leg.getTooltip()) {
                    leg.bindTooltip(core.legLabelText(p, options.modes), {
                        permanent: true, direction: 'center', interactive: false,
                        className: 'trip-leg-label' + (p.warn ? ' warn' : '')});
                } else if (!long && leg.getTooltip()) {
                    leg.unbindTooltip();
                }
            });
        }
        function later() { if (!pending) { pending = setTimeout(label, 0); } }
        map.on('zoomend layeradd', later);
        later();
    }

    return {
        spiderfierOf: spiderfierOf,
        stopsLayer: stopsLayer,
        legsLayer: legsLayer,
        fill: fill,
        dayKey: dayKey,
        dataSlot: dataSlot,
        loadLayers: loadLayers,
        dayFilter: dayFilter,
        follow: follow,
        stopPoints: stopPoints,
        focus: focus,
        placing: placing,
        viewOption: viewOption,
        legend: legend,
        attribution: attribution,
        focusInPlace: focusInPlace,
        legLabels: legLabels
    };
}));
