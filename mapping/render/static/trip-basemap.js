/*
 * The offline basemap: Natural Earth land, coastlines and borders drawn by Leaflet on a canvas in
 * its own pane, between tiles and the trip, and place names from the project's own place index,
 * chosen by zoom and never overlapping. Needs topojson-client for the world file.
 */
(function (root, factory) {
    'use strict';
    root.L.tripMap = Object.assign(root.L.tripMap || {}, factory(root.L, root.L.tripMap.core, root));
}(typeof self !== 'undefined' ? self : this, function (L, core, root) {
    'use strict';

    var LABEL_FONT = '600 11px system-ui, sans-serif';
    var LABEL_HEIGHT = 14;

    function land(collection) {
        collection.features.forEach(function (f) { if (f.geometry) { f.geometry = core.mended(f.geometry); } });
        return collection;
    }

    /**
     * Draw the basemap into ``group`` (a layer group the layer control switches): ``options.topology``
     * inline, or fetched from ``options.url``; ``options.detail`` holds finer outlines, lakes, rivers
     * and first-level borders for the trip's region; ``options.places`` the place labels.
     */
    function basemap(map, group, options) {
        map.createPane('basemap');
        map.getPane('basemap').style.zIndex = 250;
        map.getPane('basemap').style.pointerEvents = 'none';
        map.getContainer().style.background = options.colours.sea;
        var renderer = L.canvas({pane: 'basemap', padding: 0.5});
        var colours = options.colours;
        var styles = {
            sea: {stroke: false, fillColor: colours.sea, fillOpacity: 1},
            land: {stroke: false, fillColor: colours.land, fillOpacity: 1},
            coast: {color: colours.coast, weight: 1, fill: false},
            border: {color: colours.border, weight: 1, dashArray: '4 3', fill: false},
            region: {color: colours.region, weight: 0.8, dashArray: '2 3', fill: false},
            lake: {stroke: true, color: colours.coast, weight: 0.6, fillColor: colours.sea, fillOpacity: 1},
            river: {color: colours.river, weight: 1, fill: false}
        };
        function layer(geojson, style) {
            return L.geoJSON(geojson, {renderer: renderer, pane: 'basemap', interactive: false, style: style})
                .addTo(group);
        }
        function draw(topo) {
            var countries = topo.objects.countries;
            layer(land(root.topojson.feature(topo, countries)), styles.land);
            layer(core.mended(root.topojson.mesh(topo, countries, function (a, b) { return a !== b; })), styles.border);
            layer(core.mended(root.topojson.mesh(topo, countries, function (a, b) { return a === b; })), styles.coast);
            if (options.detail) {
                layer(options.detail, function (feature) { return styles[feature.properties.role]; });
            }
            group.fire('basemapready');
            map.getContainer().setAttribute('data-basemap', 'ready');
        }
        if (options.places) { placeLabels(map, group, core.decodePlaces(options.places)); }
        if (options.topology) {
            draw(options.topology);
        } else {
            fetch(options.url).then(function (response) { return response.json(); }).then(draw);
        }
    }

    var measurer = null;
    function textWidth(text) {
        if (!measurer) {
            measurer = document.createElement('canvas').getContext('2d');
            measurer.font = LABEL_FONT;
        }
        return Math.ceil(measurer.measureText(text).width) + 4;
    }

    /**
     * Place names in their own pane under the trip, redrawn when the view changes: the most important
     * first (the list comes sorted), each beside its place where it overlaps no other name and, if it
     * can, no stop marker nor leg label. Plain elements rather than markers: they are not the trip's stops and take
     * no clicks; hidden while a zoom animates, placed again after it.
     */
    function placeLabels(map, group, places) {
        var pane = map.createPane('tripPlaces');
        pane.style.zIndex = 350;
        pane.style.pointerEvents = 'none';
        var elements = {}, pending = null;
        places.forEach(function (place) { place.width = null; });

        function obstacles() {
            var boxes = [];
            map.eachLayer(function (layer) {
                if (layer instanceof L.Marker && layer.feature && layer.feature.properties.number !== undefined) {
                    var p = map.latLngToContainerPoint(layer.getLatLng());
                    boxes.push({x0: p.x - 12, y0: p.y - 12, x1: p.x + 12, y1: p.y + 12});
                }
            });
            // The legs' distance labels too.
            var origin = map.getContainer().getBoundingClientRect();
            map.getContainer().querySelectorAll('.trip-leg-label').forEach(function (label) {
                var r = label.getBoundingClientRect();
                boxes.push({x0: r.left - origin.left, y0: r.top - origin.top, x1: r.right - origin.left,
                            y1: r.bottom - origin.top});
            });
            return boxes;
        }
        function clear(keep) {
            Object.keys(elements).forEach(function (key) {
                if (!keep[key]) { L.DomUtil.remove(elements[key]); delete elements[key]; }
            });
        }
        function redraw() {
            pending = null;
            if (!map.hasLayer(group)) { clear({}); return; }
            var size = map.getSize(), zoom = map.getZoom(), candidates = [], indexes = [];
            places.forEach(function (place, i) {
                if (place.minZoom > zoom) { return; }
                var p = map.latLngToContainerPoint([place.lat, place.lng]);
                if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) { return; }
                if (place.width === null) { place.width = textWidth(place.name); }
                candidates.push({x: p.x, y: p.y, w: place.width, h: LABEL_HEIGHT, minZoom: place.minZoom});
                indexes.push(i);
            });
            var keep = {};
            core.placeLabels(candidates, zoom, obstacles(), {gap: 5, room: 10, max: 90}).forEach(function (spot) {
                var place = places[indexes[spot.index]], key = indexes[spot.index] + spot.side;
                var element = elements[key];
                if (!element) {
                    element = elements[key] = L.DomUtil.create('div', 'trip-place leaflet-zoom-hide side-' + spot.side,
                                                               pane);
                    element.textContent = place.name;
                    element.setAttribute('data-place', place.name);
                    element.style.width = place.width + 'px';
                }
                var c = candidates[spot.index], at = map.latLngToLayerPoint([place.lat, place.lng]);
                L.DomUtil.setPosition(element, at.add([spot.box.x0 - c.x, spot.box.y0 - c.y]));
                keep[key] = true;
            });
            clear(keep);
        }
        function later() { if (!pending) { pending = setTimeout(redraw, 30); } }
        map.on('moveend zoomend resize tripdata tripfilter', later);
        group.on('add remove', later);
        later();
    }

    return {basemap: basemap};
}));
