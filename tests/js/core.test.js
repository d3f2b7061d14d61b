// The pure part of the map's JavaScript (mapping/render/static/trip-core.js), run by node --test.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const core = require('../../mapping/render/static/trip-core.js');

// A day as mapping/render/features.py writes it: two stops at Vladivostok and Russky Island.
const STOPS = {
    day: '2023-09-17', colour: '#76b7b2', number: [9, 10],
    lon: [13188550, 2000], lat: [4311550, -10000],
    fields: {label: ['Far Eastern Federal University', 'Primorsky Aquarium'], when: 'Sun 17 Sep 2023',
             mode: [null, 'Car'], uncertain: [null, true], t: '2023-09-17', u: '2023-09-18'},
};

test('a day of stops decodes into the features Leaflet draws', () => {
    const {features} = core.decodeStops(STOPS);
    assert.equal(features.length, 2);
    assert.deepEqual(features[0], {
        type: 'Feature', geometry: {type: 'Point', coordinates: [131.8855, 43.1155]},
        properties: {number: 9, day: '2023-09-17', colour: '#76b7b2', label: 'Far Eastern Federal University',
                     when: 'Sun 17 Sep 2023', t: '2023-09-17', u: '2023-09-18'},
    });
    assert.deepEqual(features[1].geometry.coordinates, [131.9055, 43.0155]);
    assert.equal(features[1].properties.mode, 'Car');
    assert.equal(features[1].properties.uncertain, true);
    assert.equal('mode' in features[0].properties, false);
});

test('legs chain from stop to stop, start where told, and cross the antimeridian the short way', () => {
    const legs = core.decodeLegs({
        lon: [-14990030, 14990030 - 17323000], lat: [6121810, 6442000 - 6121810],
        start: {0: [13188550, 4311550]},
        fields: {mode: 'plane', arc: true, km: [5322.8, 1300.2], t: ['2023-09-01T20:00', '2023-09-03']},
    }).features;
    assert.deepEqual(legs[0].geometry.coordinates, [[131.8855, 43.1155], [-149.9003 + 360, 61.2181]]);
    assert.deepEqual(legs[1].geometry.coordinates, [[-149.9003, 61.2181], [-173.23, 64.42]]);
    assert.deepEqual(legs[0].properties, {mode: 'plane', arc: true, km: 5322.8, t: '2023-09-01T20:00'});
});

test('a flight is a great circle bulging towards the pole, crossing the Pacific unwrapped', () => {
    const path = core.arcPoints({lat: 43.1155, lng: 131.8855}, {lat: 61.2181, lng: 210.0997});
    assert.ok(path.length > 50 && path.length <= 129);
    assert.deepEqual(path[0], [43.1155, 131.8855]);
    assert.deepEqual(path[path.length - 1], [61.2181, 210.0997]);
    for (let i = 1; i < path.length; i++) { assert.ok(Math.abs(path[i][1] - path[i - 1][1]) < 10); }
    const north = Math.max(...path.map((p) => p[0]));
    assert.ok(north > 62 && north < 66, `the arc peaks at ${north}`);
    // Two points a few km apart need no arc.
    assert.equal(core.arcPoints({lat: 43.1, lng: 131.9}, {lat: 43.11, lng: 131.9}), null);
});

test('an outline stepping across the antimeridian is cut there, a ring crossing twice is drawn on both sides', () => {
    assert.deepEqual(core.cutLine([[170, 60], [179, 61], [-179, 62], [-170, 63]]),
                     [[[170, 60], [179, 61]], [[-179, 62], [-170, 63]]]);
    const ring = [[178, 64], [-178, 64], [-178, 66], [178, 66], [178, 64]];
    const mended = core.mended({type: 'Polygon', coordinates: [ring]});
    assert.equal(mended.type, 'MultiPolygon');
    assert.equal(mended.coordinates.length, 2);
    const lons = mended.coordinates.map((polygon) => polygon[0].map((p) => p[0]));
    // Each copy is unbroken: no step of more than half the world between neighbours.
    lons.forEach((line) => line.slice(1).forEach((lon, i) => assert.ok(Math.abs(lon - line[i]) < 180)));
    assert.deepEqual(lons[0], [178, 182, 182, 178, 178]);
    assert.deepEqual(lons[1], [-182, -178, -178, -182, -182]);
    // Antarctica goes round the pole: one step, left as it is.
    const pole = [[-180, -85], [0, -85], [179.9, -85], [-179.9, -86], [-180, -85]];
    assert.deepEqual(core.mendPolygon([pole]), [[pole]]);
});

test('playback steps through every moment and the days between, not across long gaps', () => {
    assert.deepEqual(core.stepsOf(['2023-09-13T13:09', '2023-09-10', '2023-09-15', '~'], 62), [
        '2023-09-10', '2023-09-11', '2023-09-12', '2023-09-13', '2023-09-13T13:09', '2023-09-14',
        '2023-09-15', '~',
    ]);
    assert.deepEqual(core.stepsOf(['2020-01-01', '2023-01-01'], 62), ['2020-01-01', '2023-01-01']);
    assert.equal(core.stepLabel('2023-09-13T13:09'), 'Wed 13 Sep 2023, 13:09');
    assert.equal(core.stepLabel('~'), 'Undated');
});

test('at a step, a stop stays current until the next moment; a leg only at its own', () => {
    const stay = {t: '2023-09-13T13:09', u: '2023-09-15'};
    assert.deepEqual(core.itemAt(stay, '2023-09-13', 'stops'), {shown: false, current: false});
    assert.deepEqual(core.itemAt(stay, '2023-09-14', 'stops'), {shown: true, current: true});
    assert.deepEqual(core.itemAt(stay, '2023-09-15', 'stops'), {shown: true, current: false});
    assert.deepEqual(core.itemAt(stay, '2023-09-14', 'legs'), {shown: true, current: false});
    assert.deepEqual(core.itemAt(stay, null, 'legs'), {shown: true, current: true});
});

test('leg labels give the distance and mode, and warn of an impossible speed', () => {
    const modes = {train: 'Train', car: 'Car'};
    assert.equal(core.legLabelText({km: 1066.4, mode: 'train'}, modes), '1,066 km · Train');
    assert.equal(core.legLabelText({km: 4.26, mode: 'car', warn: 'too fast'}, modes), '⚠ 4.3 km · Car');
    assert.equal(core.legLabelText({km: 12, mode: 'unknown'}, modes), '12 km');
});

test('a leg is styled by its mode, the unknown style for any other, in the day colour', () => {
    const styles = {train: {dashArray: null, weight: 4}, car: {dashArray: '10 5', weight: 3},
                    unknown: {dashArray: '2 6', weight: 2}};
    assert.deepEqual(core.legStyle(styles, '#e15759', {mode: 'car'}),
                     {color: '#e15759', weight: 3, dashArray: '10 5', opacity: 0.85, lineCap: 'round'});
    assert.equal(core.legStyle(styles, '#000', {mode: 'zeppelin'}).dashArray, '2 6');
});

test('the day filter hides a leg that starts from a stop of a hidden day', () => {
    assert.equal(core.legShown({t: '2023-09-16'}, {'2023-09-16': true}), true);
    assert.equal(core.legShown({from: '2023-09-15'}, {'2023-09-16': true}), false);
    assert.equal(core.legShown({from: '2023-09-15'}, {'2023-09-15': true, '2023-09-16': true}), true);
});

test('the view follows a change of the shown extent, not a day removed from the middle', () => {
    const all = core.boundsOf([[39, 125.7], [50.5, 137], [43.1, 131.9]]);
    const middleGone = core.boundsOf([[39, 125.7], [50.5, 137]]);
    const oneDay = core.boundsOf([[43.0, 131.89], [43.37, 132.16]]);
    assert.deepEqual(oneDay, [[43.0, 131.89], [43.37, 132.16]]);
    assert.equal(core.viewFollows(all, middleGone, false), false);
    assert.equal(core.viewFollows(all, oneDay, false), true);
    assert.equal(core.viewFollows(all, oneDay, true), false);
    assert.equal(core.viewFollows(all, null, false), false);
});

test('markers and popups carry the escaped texts Python wrote, never more', () => {
    const p = {number: 3, day: '2023-09-13', colour: '#59a14f', label: 'Summit &lt;b&gt;', when: 'Wed 13 Sep 2023',
               source: 'The Guardian', source_url: 'https://example.org/a?b=1&amp;c=2', where: 'found by gazetteer'};
    assert.equal(core.stopIconHtml(p), '<div class="trip-stop" data-stop="3" data-day="2023-09-13" ' +
                 'style="background:#59a14f;color:#fff">3</div>');
    assert.match(core.stopIconHtml({...p, uncertain: true}), /class="trip-stop uncertain".*color:#59a14f/);
    const popup = core.popupHtml(p, 51.884, 128.334);
    assert.match(popup, /<h4>3\. Summit &lt;b&gt;<\/h4>/);
    assert.match(popup, /<a href="https:\/\/example.org\/a\?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">/);
    assert.match(popup, /51\.8840, 128\.3340 · found by gazetteer/);
    assert.match(core.popupHtml({...p, source_url: undefined, where: undefined}, 1, 2), /coordinates given/);
});

test('place names: most important first, never overlapping, beside a marker rather than under it', () => {
    const candidates = [
        {x: 100, y: 100, w: 60, h: 14, minZoom: 4},  // Vladivostok
        {x: 110, y: 102, w: 60, h: 14, minZoom: 5},  // a town beside it: would overlap on every side but one
        {x: 300, y: 100, w: 50, h: 14, minZoom: 9},  // a village: not at this zoom
    ];
    const placed = core.placeLabels(candidates, 5, [], {gap: 5});
    assert.deepEqual(placed.map((p) => p.index), [0, 1]);
    assert.equal(placed[0].side, 'right');
    assert.notEqual(placed[1].side, 'right');
    for (const a of placed) {
        for (const b of placed) {
            if (a !== b) { assert.ok(!(a.box.x0 < b.box.x1 && b.box.x0 < a.box.x1 && a.box.y0 < b.box.y1 && b.box.y0 < a.box.y1)); }
        }
    }
    // A marker to the right of the place sends its name to the left.
    const marker = {x0: 100, y0: 90, x1: 200, y1: 110};
    assert.equal(core.placeLabels([candidates[0]], 5, [marker])[0].side, 'left');
    // Markers on every side: the name goes where they hide least of it.
    const hidingRight = {x0: 104, y0: 90, x1: 170, y1: 110}, hidingLeftLess = {x0: 80, y0: 95, x1: 96, y1: 105};
    const bigBelowAbove = {x0: 60, y0: 70, x1: 140, y1: 130};
    assert.equal(core.placeLabels([candidates[0]], 5, [hidingRight, hidingLeftLess, bigBelowAbove])[0].side, 'left');
    // Hemmed in by markers on every side, the name still shows rather than vanish.
    const everywhere = {x0: 0, y0: 0, x1: 400, y1: 400};
    assert.equal(core.placeLabels([candidates[0]], 5, [everywhere]).length, 1);
});

test('place names decode from their compact form', () => {
    const places = core.decodePlaces({name: 'Moscow|Vladivostok', lat: [5576, 4312 - 5576], lon: [3762, 13189 - 3762],
                                      zoom: [3, 4]});
    assert.deepEqual(places, [{name: 'Moscow', lat: 55.76, lng: 37.62, minZoom: 3},
                              {name: 'Vladivostok', lat: 43.12, lng: 131.89, minZoom: 4}]);
    assert.deepEqual(core.decodePlaces(null), []);
});
