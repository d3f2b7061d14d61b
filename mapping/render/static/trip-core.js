/*
 * Trip map, the pure part: everything the map works out without Leaflet or a page, so that node
 * can test it (tests/js). In a page it is L.tripMap.core; in node it is the module's exports.
 *
 * The data it reads is described once, in mapping/render/contract.py: the columnar day layers
 * (decodeStops, decodeLegs), the place labels (decodePlaces) and the feature properties.
 */
(function (root, factory) {
    'use strict';
    if (typeof module === 'object' && module.exports) {
        module.exports = factory();
    } else {
        root.L.tripMap = root.L.tripMap || {};
        root.L.tripMap.core = factory();
    }
}(typeof self !== 'undefined' ? self : this, function () {
    'use strict';

    var UNDATED = '~';
    var COORDINATE_SCALE = 1e5;
    var PLACE_SCALE = 100;
    var EARTH_KM = 6371;
    var DAY_MS = 86400000;

    // ---- columnar day layers -------------------------------------------------------------

    /** A column holds one value for every row, or a list with one value per row. */
    function cell(column, i) {
        return Array.isArray(column) ? column[i] : column;
    }

    /** Delta-coded integers back to degrees: [a, b-a, c-b, ...] / scale. */
    function undelta(deltas, scale) {
        var out = [], at = 0;
        for (var i = 0; i < deltas.length; i++) {
            at += deltas[i];
            out.push(at / scale);
        }
        return out;
    }

    function copyFields(fields, i, into) {
        Object.keys(fields || {}).forEach(function (key) {
            var value = cell(fields[key], i);
            if (value !== null && value !== undefined && value !== '' && value !== false && value !== 0) {
                into[key] = value;
            }
        });
        return into;
    }

    /** A day's stops, as the GeoJSON FeatureCollection Leaflet draws. */
    function decodeStops(day) {
        var lons = undelta(day.lon, COORDINATE_SCALE), lats = undelta(day.lat, COORDINATE_SCALE);
        var features = [];
        for (var i = 0; i < lons.length; i++) {
            var properties = copyFields(day.fields, i, {number: cell(day.number, i), day: day.day, colour: day.colour});
            features.push({type: 'Feature', geometry: {type: 'Point', coordinates: [lons[i], lats[i]]},
                           properties: properties});
        }
        return {type: 'FeatureCollection', features: features};
    }

    /** The end's longitude on the same turn of the globe as the start's, so a leg goes the short way. */
    function shortWay(startLon, endLon) {
        if (Math.abs(endLon - startLon) > 180) {
            return endLon + (endLon < startLon ? 360 : -360);
        }
        return endLon;
    }

    /** A day's legs: each starts where the one before it ended, unless ``start`` says otherwise. */
    function decodeLegs(day) {
        var lons = undelta(day.lon, COORDINATE_SCALE), lats = undelta(day.lat, COORDINATE_SCALE);
        var starts = day.start || {}, features = [], previous = null;
        for (var i = 0; i < lons.length; i++) {
            var given = starts[String(i)];
            var start = given ? [given[0] / COORDINATE_SCALE, given[1] / COORDINATE_SCALE] : previous;
            var end = [lons[i], lats[i]];
            features.push({
                type: 'Feature',
                geometry: {type: 'LineString', coordinates: [start, [shortWay(start[0], end[0]), end[1]]]},
                properties: copyFields(day.fields, i, {})
            });
            previous = end;
        }
        return {type: 'FeatureCollection', features: features};
    }

    /** Place labels: names joined by '|', positions delta-coded in hundredths of a degree. */
    function decodePlaces(places) {
        if (!places || !places.name) { return []; }
        var names = places.name.split('|');
        var lats = undelta(places.lat, PLACE_SCALE), lons = undelta(places.lon, PLACE_SCALE);
        return names.map(function (name, i) {
            return {name: name, lat: lats[i], lng: lons[i], minZoom: cell(places.zoom, i)};
        });
    }

    // ---- flights as great circles ---------------------------------------------------------

    /**
     * A flight's arc from a to b ({lat, lng}), as [lat, lng] points: a great circle on the sphere,
     * within a few km of the ellipsoid's geodesic at this scale, one point every 50 km or so (at
     * most 128 steps). Longitudes are unwrapped, so the Pacific is crossed; null when too short.
     */
    function arcPoints(a, b) {
        var rad = Math.PI / 180;
        function vector(p) {
            return [Math.cos(p.lat * rad) * Math.cos(p.lng * rad), Math.cos(p.lat * rad) * Math.sin(p.lng * rad),
                    Math.sin(p.lat * rad)];
        }
        var u = vector(a), v = vector(b);
        var angle = Math.acos(Math.min(1, Math.max(-1, u[0] * v[0] + u[1] * v[1] + u[2] * v[2])));
        var steps = Math.min(128, Math.ceil(angle * EARTH_KM / 50));
        if (steps < 2 || Math.sin(angle) < 1e-9) { return null; }
        var points = [[a.lat, a.lng]], lng = a.lng, s = Math.sin(angle);
        for (var i = 1; i < steps; i++) {
            var f = i / steps, p = Math.sin((1 - f) * angle) / s, q = Math.sin(f * angle) / s;
            var x = p * u[0] + q * v[0], y = p * u[1] + q * v[1], z = p * u[2] + q * v[2];
            var next = Math.atan2(y, x) / rad;
            next += 360 * Math.round((lng - next) / 360);
            points.push([Math.atan2(z, Math.sqrt(x * x + y * y)) / rad, next]);
            lng = next;
        }
        points.push([b.lat, b.lng]);
        return points;
    }

    // ---- the antimeridian on the basemap --------------------------------------------------
    // Natural Earth's Russia and Fiji cross the antimeridian: their outlines step from 180 to -180,
    // which Leaflet draws as a line across the whole world. Lines are cut at such a step; a ring that
    // steps across and back is drawn unbroken on both sides of the line. (Antarctica's rings step
    // once, going round the pole, and are drawn as they are.)

    function steps(line) {
        var n = 0;
        for (var i = 1; i < line.length; i++) { if (Math.abs(line[i][0] - line[i - 1][0]) > 180) { n++; } }
        return n;
    }

    function unwrapped(line, by) {
        var out = [], lon = null;
        line.forEach(function (p) {
            var next = p[0] + by;
            if (lon !== null) { next += 360 * Math.round((lon - next) / 360); }
            out.push([next, p[1]]);
            lon = next;
        });
        return out;
    }

    function mendPolygon(rings) {
        var n = steps(rings[0]);
        if (n === 0 || n % 2 === 1) { return [rings]; }
        var whole = rings.map(function (ring) { return unwrapped(ring, 0); });
        var east = whole[0].some(function (p) { return p[0] > 180; });
        var by = east ? -360 : 360;
        return [whole, whole.map(function (ring) { return unwrapped(ring, by); })];
    }

    function cutLine(line) {
        var parts = [[line[0]]];
        for (var i = 1; i < line.length; i++) {
            if (Math.abs(line[i][0] - line[i - 1][0]) > 180) { parts.push([]); }
            parts[parts.length - 1].push(line[i]);
        }
        return parts.filter(function (part) { return part.length > 1; });
    }

    function mended(geometry) {
        if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
            var polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
            return {type: 'MultiPolygon', coordinates: [].concat.apply([], polygons.map(mendPolygon))};
        }
        if (geometry.type === 'LineString' || geometry.type === 'MultiLineString') {
            var lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
            return {type: 'MultiLineString', coordinates: [].concat.apply([], lines.map(cutLine))};
        }
        return geometry;
    }

    // ---- playback ------------------------------------------------------------------------

    var WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

    function pad(n) { return (n < 10 ? '0' : '') + n; }

    /** "2023-09-13T13:09" as "Wed 13 Sep 2023, 13:09". */
    function stepLabel(step) {
        if (step === UNDATED) { return 'Undated'; }
        var d = new Date(step.slice(0, 10) + 'T00:00:00Z');
        var text = WEEKDAYS[d.getUTCDay()] + ' ' + pad(d.getUTCDate()) + ' ' + MONTHS[d.getUTCMonth()] + ' ' +
                   d.getUTCFullYear();
        return step.length > 10 ? text + ', ' + step.slice(11) : text;
    }

    /**
     * The playback's steps: every moment, and every calendar day between two moments, so a stay is
     * seen to last; not across gaps longer than maxGapDays (two trips years apart on one map).
     */
    function stepsOf(moments, maxGapDays) {
        var seen = {};
        moments.forEach(function (m) { seen[m] = true; });
        var dated = Object.keys(seen).filter(function (m) { return m !== UNDATED; }).sort();
        for (var i = 1; i < dated.length; i++) {
            var day = new Date(dated[i - 1].slice(0, 10) + 'T00:00:00Z');
            var next = new Date(dated[i].slice(0, 10) + 'T00:00:00Z');
            if (next - day > maxGapDays * DAY_MS) { continue; }
            for (; day < next; day = new Date(day.getTime() + DAY_MS)) {
                seen[day.toISOString().slice(0, 10)] = true;
            }
        }
        return Object.keys(seen).sort();
    }

    /**
     * Whether an item ({t, u}) is on the map at step ``now`` (null: the whole trip), and whether it is
     * the current one rather than faded: a leg is current at its own moment, a stop until its ``u``.
     */
    function itemAt(item, now, kind) {
        if (now === null) { return {shown: true, current: true}; }
        var shown = item.t <= now;
        var current = shown && (kind === 'legs' ? item.t === now : item.u === undefined || now < item.u);
        return {shown: shown, current: current};
    }

    // ---- legs, stops and popups ------------------------------------------------------------

    /** "559 km · Train", with a warning sign on a leg too fast for its mode. */
    function legLabelText(p, modes) {
        var mode = modes[p.mode];
        return (p.warn ? '\u26a0 ' : '') +
               (p.km >= 10 ? Math.round(p.km).toLocaleString('en') : p.km.toFixed(1)) + ' km' +
               (mode ? ' \u00b7 ' + mode : '');
    }

    /** A leg's line style: the mode picks the dashes and weight, the day the colour. */
    function legStyle(styles, colour, p) {
        var style = styles[p.mode] || styles.unknown || {};
        return {color: colour, weight: style.weight, dashArray: style.dashArray, opacity: 0.85, lineCap: 'round'};
    }

    /** A leg is drawn only while the stop it starts from is shown (its day, ``from``, is wanted). */
    function legShown(p, wanted) {
        return p.from === undefined || Boolean(wanted[p.from]);
    }

    /** The numbered marker's HTML; every text in ``p`` was escaped in Python. */
    function stopIconHtml(p) {
        return '<div class="trip-stop' + (p.uncertain ? ' uncertain' : '') + '" data-stop="' + p.number +
               '" data-day="' + p.day + '" style="background:' + p.colour + ';color:' +
               (p.uncertain ? p.colour : '#fff') + '">' + p.number + '</div>';
    }

    function popupHtml(p, lat, lng) {
        var rows = ['<div class="trip-popup"><h4>' + p.number + '. ' + p.label + '</h4>',
                    '<div class="meta">' + p.when + (p.mode ? ' · ' + p.mode : '') + '</div>'];
        if (p.activity) { rows.push('<div>' + p.activity + '</div>'); }
        if (p.evidence) { rows.push('<div class="evidence">' + p.evidence + '</div>'); }
        if (p.source_url) {
            rows.push('<div>Source: <a href="' + p.source_url + '" target="_blank" rel="noopener noreferrer">' +
                      p.source + '</a></div>');
        } else if (p.source) { rows.push('<div>Source: ' + p.source + '</div>'); }
        rows.push('<div class="where' + (p.uncertain ? ' uncertain' : '') + '">' + lat.toFixed(4) + ', ' +
                  lng.toFixed(4) + ' · ' + (p.where || 'coordinates given') + '</div></div>');
        return rows.join('');
    }

    // ---- the view ------------------------------------------------------------------------

    /** [[south, west], [north, east]] around [lat, lng] points; null for none. */
    function boundsOf(points) {
        if (!points.length) { return null; }
        var box = [[Infinity, Infinity], [-Infinity, -Infinity]];
        points.forEach(function (p) {
            box[0][0] = Math.min(box[0][0], p[0]); box[0][1] = Math.min(box[0][1], p[1]);
            box[1][0] = Math.max(box[1][0], p[0]); box[1][1] = Math.max(box[1][1], p[1]);
        });
        return box;
    }

    function sameBounds(a, b) {
        if (a === null || b === null) { return a === b; }
        for (var i = 0; i < 2; i++) {
            for (var j = 0; j < 2; j++) { if (Math.abs(a[i][j] - b[i][j]) > 1e-6) { return false; } }
        }
        return true;
    }

    /**
     * Whether the view should follow a new choice of days: the shown stops' extent changed (a day
     * at the edge came or went); removing a day in the middle of the trip leaves the user's view.
     */
    function viewFollows(before, after, keepView) {
        return !keepView && after !== null && !sameBounds(before, after);
    }

    // ---- place labels --------------------------------------------------------------------

    function overlaps(a, b) {
        return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    }

    function overlapArea(a, boxes) {
        var area = 0;
        boxes.forEach(function (b) {
            area += Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) *
                    Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
        });
        return area;
    }

    // Where a label may sit beside its place, in order of preference: right, left, above, below.
    var SIDES = ['right', 'left', 'top', 'bottom'];

    function boxAt(side, x, y, w, h, gap) {
        if (side === 'right') { return {x0: x + gap, y0: y - h / 2, x1: x + gap + w, y1: y + h / 2}; }
        if (side === 'left') { return {x0: x - gap - w, y0: y - h / 2, x1: x - gap, y1: y + h / 2}; }
        if (side === 'top') { return {x0: x - w / 2, y0: y - gap - h, x1: x + w / 2, y1: y - gap}; }
        return {x0: x - w / 2, y0: y + gap, x1: x + w / 2, y1: y + gap + h};
    }

    /**
     * Which labels to draw and where, never overlapping: ``candidates`` ({x, y, w, h, minZoom}, in
     * screen pixels, most important first) are placed in order at the first side that overlaps no
     * placed label (nor comes within ``options.room`` pixels of one) and, if it can, no obstacle (the
     * trip's markers): failing that, at the free side the obstacles cover least. A label with no free
     * side is left out. Returns [{index, side, box}].
     */
    function placeLabels(candidates, zoom, obstacles, options) {
        var gap = (options && options.gap) || 5, max = (options && options.max) || 250;
        var room = (options && options.room) || 0;
        var placed = [];
        for (var i = 0; i < candidates.length && placed.length < max; i++) {
            var c = candidates[i];
            if (c.minZoom > zoom) { continue; }
            var fallback = null, fallbackArea = Infinity, chosen = null;
            for (var s = 0; s < SIDES.length && chosen === null; s++) {
                var box = boxAt(SIDES[s], c.x, c.y, c.w, c.h, gap);
                var roomy = {x0: box.x0 - room, y0: box.y0 - room, x1: box.x1 + room, y1: box.y1 + room};
                if (placed.some(function (q) { return overlaps(q.box, roomy); })) { continue; }
                var hidden = overlapArea(box, obstacles);
                if (hidden > 0) {
                    if (hidden < fallbackArea) { fallback = {index: i, side: SIDES[s], box: box}; fallbackArea = hidden; }
                    continue;
                }
                chosen = {index: i, side: SIDES[s], box: box};
            }
            if (chosen || fallback) { placed.push(chosen || fallback); }
        }
        return placed;
    }

    return {
        UNDATED: UNDATED,
        cell: cell,
        undelta: undelta,
        decodeStops: decodeStops,
        decodeLegs: decodeLegs,
        decodePlaces: decodePlaces,
        shortWay: shortWay,
        arcPoints: arcPoints,
        steps: steps,
        unwrapped: unwrapped,
        mendPolygon: mendPolygon,
        cutLine: cutLine,
        mended: mended,
        stepLabel: stepLabel,
        stepsOf: stepsOf,
        itemAt: itemAt,
        legLabelText: legLabelText,
        legStyle: legStyle,
        legShown: legShown,
        stopIconHtml: stopIconHtml,
        popupHtml: popupHtml,
        boundsOf: boundsOf,
        sameBounds: sameBounds,
        viewFollows: viewFollows,
        placeLabels: placeLabels
    };
}));
