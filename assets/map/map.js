/* Briefing Explorer map page: country layer, choropleth, place markers, caption, and the bridge to the app.
 * Data arrives as JSON through ExplorerMap.update(); text from briefings is only ever set with
 * textContent, never parsed as HTML. */
(function () {
  "use strict";

  var PALETTES = {
    light: { ocean: "#dce6ee", land: "#f3f1ec", border: "#a7aeb5", steps: ["#fde2c8", "#fbc49a", "#f6a26f", "#ec7a4d", "#d4503a", "#a8302e"], select: "#1450b4", highlight: "#0a7d5a", marker: "#1450b4", text: "#1d232a" },
    dark: { ocean: "#0e141b", land: "#28313b", border: "#4a5562", steps: ["#3a3f6b", "#44609a", "#3f86b3", "#38abb8", "#57cf9f", "#c7e86a"], select: "#ffd23f", highlight: "#ff7ab6", marker: "#ffd23f", text: "#e9eef3" },
    /* Projector: high contrast, and a sequential scale that stays ordered for colour-blind viewers. */
    projector: { ocean: "#ffffff", land: "#e6e6e6", border: "#5c5c5c", steps: ["#ffe8a3", "#ffc857", "#f39237", "#d9541e", "#a1280f", "#4a0d04"], select: "#0047ff", highlight: "#000000", marker: "#0047ff", text: "#000000" }
  };
  var WORLD = [[-48, -135], [72, 160]];

  var state = {
    map: null, layer: null, markers: null, legend: null, caption: null, bridge: null,
    counts: {}, max: 0, selected: {}, highlighted: {}, places: [], shown: {}, popups: {}, projected: {},
    theme: "light",
    basemapLoaded: false, painted: 0
  };

  function palette() { return PALETTES[state.theme] || PALETTES.light; }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function stepFor(count) {
    if (!count || state.max <= 0) return -1;
    var steps = palette().steps.length;
    // Log scale: a few hub countries should not wash out everything else.
    var t = Math.log(1 + count) / Math.log(1 + state.max);
    return Math.min(steps - 1, Math.floor(t * steps - 1e-9));
  }

  function style(feature) {
    var p = palette();
    var iso = feature.properties.iso;
    var step = stepFor(state.counts[iso]);
    var selected = state.selected[iso], highlighted = state.highlighted[iso];
    return {
      fillColor: step < 0 ? p.land : p.steps[step],
      fillOpacity: 1,
      color: selected ? p.select : highlighted ? p.highlight : p.border,
      weight: selected ? 3.5 : highlighted ? 2.5 : 0.6,
      dashArray: highlighted && !selected ? "6 3" : null,
      opacity: 1
    };
  }

  function countText(count) { return count === 1 ? "1 briefing" : count + " briefings"; }

  function countryTooltip(feature) {
    var div = el("div");
    div.appendChild(el("strong", null, feature.properties.name || feature.properties.iso));
    div.appendChild(el("div", null, countText(state.counts[feature.properties.iso] || 0)));
    return div;
  }

  function send(command, arg) {
    if (state.bridge && typeof state.bridge[command] === "function") state.bridge[command](arg);
  }

  /* ---- legend and caption ------------------------------------------------------------------- */
  function control(position, className) {
    var ctl = L.control({ position: position });
    ctl.onAdd = function () {
      var div = L.DomUtil.create("div", className);
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    ctl.addTo(state.map);
    return ctl;
  }

  function legendBins() {
    var steps = palette().steps.length, bins = [];
    for (var i = 0; i < steps; i++) {
      var lo = Math.max(1, Math.ceil(Math.exp((i / steps) * Math.log(1 + state.max)) - 1 + 1e-9));
      var hi = Math.floor(Math.exp(((i + 1) / steps) * Math.log(1 + state.max)) - 1 + 1e-9);
      if (hi >= lo) bins.push([i, lo, hi]);
    }
    return bins;
  }

  function renderLegend() {
    if (!state.legend) return;
    var div = state.legend.getContainer(), p = palette();
    div.textContent = "";
    div.appendChild(el("div", "explorer-legend-title", "Briefings per country"));
    if (state.max <= 0) {
      div.appendChild(el("div", null, "No briefings match"));
      return;
    }
    legendBins().forEach(function (b) {
      var row = el("div", "explorer-legend-row");
      var swatch = el("span", "explorer-swatch");
      swatch.style.background = p.steps[b[0]];
      row.appendChild(swatch);
      row.appendChild(el("span", null, b[1] === b[2] ? b[1] : b[1] + "–" + b[2]));
      div.appendChild(row);
    });
    if (state.places.length) {
      var row = el("div", "explorer-legend-row");
      var dot = el("span", "explorer-dot");
      dot.style.borderColor = p.marker;
      row.appendChild(dot);
      row.appendChild(el("span", null, "City or place, sized by briefings"));
      div.appendChild(row);
      var group = el("div", "explorer-legend-row");
      var cluster = el("span", "place-cluster explorer-legend-cluster");
      cluster.appendChild(el("div", null, "3"));
      group.appendChild(cluster);
      group.appendChild(el("span", null, "Places close together" + (state.snapshot ? "" : " (click to zoom in)")));
      div.appendChild(group);
    }
  }

  /* caption: {title, lines: [text, ...]} — shown on snapshots so an image stands alone */
  function setCaption(caption) {
    if (!state.caption) state.caption = control("topleft", "explorer-caption");
    var div = state.caption.getContainer();
    div.textContent = "";
    if (!caption || (!caption.title && !(caption.lines || []).length)) {
      div.style.display = "none";
      return null;
    }
    div.style.display = "";
    if (caption.title) div.appendChild(el("div", "explorer-caption-title", caption.title));
    (caption.lines || []).forEach(function (line) { div.appendChild(el("div", "explorer-caption-line", line)); });
    return null;
  }

  /* ---- place markers ------------------------------------------------------------------------ */
  function popupNode(place, rows) {
    var div = el("div", "explorer-popup");
    div.appendChild(el("strong", null, place[1]));
    div.appendChild(el("div", "explorer-popup-count", countText(place[4])));
    if (rows && rows.length) {
      var list = el("ol");
      rows.forEach(function (row) { list.appendChild(el("li", null, row)); });
      div.appendChild(list);
    } else if (!rows) {
      div.appendChild(el("div", null, "Loading…"));
    }
    if (state.bridge) {
      var button = el("button", "explorer-popup-button", "Show these briefings");
      button.type = "button";
      button.addEventListener("click", function () { send("placeClicked", String(place[0])); });
      div.appendChild(button);
      var evidence = el("button", "explorer-popup-button", "Show evidence");
      evidence.type = "button";
      evidence.addEventListener("click", function () { send("placeEvidence", String(place[0])); });
      div.appendChild(evidence);
      var correct = el("button", "explorer-popup-button", "Correct…");
      correct.type = "button";
      correct.title = "Re-pin, rename or reject this place";
      correct.addEventListener("click", function () { send("placeMenu", String(place[0])); });
      div.appendChild(correct);
    }
    return div;
  }

  function placeTooltip(place) {
    var div = el("div");
    div.appendChild(el("strong", null, place[1]));
    div.appendChild(el("div", null, countText(place[4])));
    return div;
  }

  /* Places closer together on screen than CLUSTER_PX share one cluster marker, anchored on the place
     with the most briefings; from CLUSTER_UNTIL_ZOOM on every place has its own marker. Clusters are
     worked out for the current zoom only (a grid makes it linear in the number of places), and only
     what lies near the view is on the map, so a filter change or a zoom touches a few hundred markers. */
  var CLUSTER_PX = 40;
  var CLUSTER_UNTIL_ZOOM = 7;

  function projected(place) {
    /* Web Mercator pixels at zoom 0, worked out once per place: at zoom z they are scaled by 2^z. */
    var xy = state.projected[place[0]];
    if (!xy) {
      var pt = state.map.project([place[2], place[3]], 0);
      xy = state.projected[place[0]] = [pt.x, pt.y];
    }
    return xy;
  }

  function clusterPlaces() {
    var map = state.map, zoom = map.getZoom(), scale = map.getZoomScale(zoom, 0);
    var view = map.getBounds().pad(0.5);
    var ordered = state.places;  // most briefings first, as the data comes
    if (zoom >= CLUSTER_UNTIL_ZOOM) {
      return ordered.filter(function (place) { return view.contains([place[2], place[3]]); })
        .map(function (place) { return { key: "p" + place[0], anchor: place, members: [place] }; });
    }
    var grid = {}, clusters = [], reach = CLUSTER_PX * CLUSTER_PX;
    ordered.forEach(function (place) {
      var xy = projected(place), x = xy[0] * scale, y = xy[1] * scale;
      var gx = Math.floor(x / CLUSTER_PX), gy = Math.floor(y / CLUSTER_PX), found = null;
      for (var dx = -1; dx <= 1 && !found; dx++) {
        for (var dy = -1; dy <= 1 && !found; dy++) {
          var cell = grid[(gx + dx) + ":" + (gy + dy)];
          for (var k = 0; cell && k < cell.length && !found; k++) {
            var ddx = cell[k].x - x, ddy = cell[k].y - y;
            if (ddx * ddx + ddy * ddy <= reach) found = cell[k];
          }
        }
      }
      if (found) {
        found.members.push(place);
        return;
      }
      var cluster = { anchor: place, x: x, y: y, members: [place] };
      (grid[gx + ":" + gy] = grid[gx + ":" + gy] || []).push(cluster);
      clusters.push(cluster);
    });
    return clusters.filter(function (c) { return view.contains([c.anchor[2], c.anchor[3]]); })
      .map(function (c) {
        c.key = (c.members.length === 1 ? "p" : "c") + c.anchor[0];
        return c;
      });
  }

  function clusterSize(count) { return count < 10 ? 30 : count < 100 ? 36 : 42; }

  function setClusterCount(marker, count) {
    /* A cluster that stays keeps its marker: only the number (and, between size steps, the icon) changes. */
    if (marker.count === count) return;
    if (marker.count === undefined || clusterSize(marker.count) !== clusterSize(count)) {
      marker.label = el("div", null, count);
      var size = clusterSize(count);
      marker.setIcon(L.divIcon({ className: "place-cluster", html: marker.label, iconSize: [size, size] }));
    } else {
      marker.label.textContent = String(count);
    }
    marker.count = count;
  }

  function clusterTooltip(members) {
    var div = el("div");
    div.appendChild(el("strong", null, members.length + " places"));
    members.slice(0, 5).forEach(function (place) { div.appendChild(el("div", null, place[1] + " · " + countText(place[4]))); });
    if (members.length > 5) div.appendChild(el("div", "explorer-popup-count", "… zoom in or click for the rest"));
    return div;
  }

  function createMarkerGroup() {
    var group = L.featureGroup().addTo(state.map);
    // One set of handlers on the group instead of a tooltip and a popup bound to every marker.
    group.on("mouseover", function (e) {
      var layer = e.layer;
      if (layer && layer.place) layer.bindTooltip(placeTooltip(layer.place), { direction: "top" }).openTooltip();
      else if (layer && layer.members) layer.bindTooltip(clusterTooltip(layer.members), { direction: "top" }).openTooltip();
    });
    group.on("click", function (e) {
      var layer = e.layer;
      if (layer && layer.members) {
        var bounds = L.latLngBounds(layer.members.map(function (p) { return [p[2], p[3]]; }));
        state.map.fitBounds(bounds.pad(0.3), { maxZoom: CLUSTER_UNTIL_ZOOM });
        return;
      }
      var place = layer && layer.place;
      if (!place) return;
      layer.unbindPopup().bindPopup(popupNode(place, state.popups[place[0]])).openPopup();
      if (!state.popups[place[0]]) send("popupRequested", String(place[0]));
    });
    // A right-click on a place opens the window's menu for it (evidence, re-pin, rename, reject).
    group.on("contextmenu", function (e) {
      var place = e.layer && e.layer.place;
      if (place) send("placeMenu", String(place[0]));
    });
    return group;
  }

  function renderPlaces() {
    /* Brings the markers on the map to the clusters of the current view by difference: markers that
       stay are reused (a place marker only changes its size), and cluster markers no longer wanted move
       to the new clusters instead of being removed and built again (a filter change replaces most
       clusters, and moving a marker costs far less than a new one in the DOM). */
    if (!state.map) return;
    var p = palette();
    if (!state.markers) state.markers = createMarkerGroup();
    var maxCount = Math.max(1, state.places.length ? state.places[0][4] : 1);
    var items = clusterPlaces(), wanted = {}, spare = {};
    items.forEach(function (item) { wanted[item.key] = true; });
    Object.keys(state.shown).forEach(function (key) {
      if (wanted[key]) return;
      var marker = state.shown[key];
      delete state.shown[key];
      if (marker.members) {
        var size = clusterSize(marker.count);
        (spare[size] = spare[size] || []).push(marker);
      } else {
        state.markers.removeLayer(marker);
      }
    });
    function reuse(size) {
      var sizes = [size, 30, 36, 42];
      for (var i = 0; i < sizes.length; i++) {
        var pool = spare[sizes[i]];
        if (pool && pool.length) return pool.pop();
      }
      return null;
    }
    items.forEach(function (item) {
      var marker = state.shown[item.key];
      if (item.members.length > 1) {
        if (!marker) {
          marker = reuse(clusterSize(item.members.length));
          if (marker) {
            if (marker.getTooltip()) marker.unbindTooltip();
            marker.setLatLng([item.anchor[2], item.anchor[3]]);
          } else {
            marker = L.marker([item.anchor[2], item.anchor[3]], { keyboard: false });
            setClusterCount(marker, item.members.length);
            state.markers.addLayer(marker);
          }
          state.shown[item.key] = marker;
        }
        setClusterCount(marker, item.members.length);
        marker.members = item.members;
        return;
      }
      var place = item.anchor, radius = 4 + 10 * Math.sqrt(place[4] / maxCount);
      if (marker) {
        marker.place = place;
        if (marker.getRadius() !== radius) marker.setRadius(radius);
        return;
      }
      marker = L.circleMarker([place[2], place[3]], {
        radius: radius, color: p.marker, weight: 2, fillColor: "#ffffff", fillOpacity: 0.85
      });
      marker.placeId = place[0];
      marker.place = place;
      state.shown[item.key] = marker;
      state.markers.addLayer(marker);
    });
    Object.keys(spare).forEach(function (size) {
      spare[size].forEach(function (marker) { state.markers.removeLayer(marker); });
    });
  }

  function restyleMarkers() {
    var colour = palette().marker;
    Object.keys(state.shown).forEach(function (key) {
      if (state.shown[key].setStyle) state.shown[key].setStyle({ color: colour });
    });
  }

  function showPopup(placeId, rows) {
    state.popups[placeId] = rows;
    var marker = state.shown["p" + placeId];
    if (marker && marker.isPopupOpen && marker.isPopupOpen()) marker.setPopupContent(popupNode(marker.place, rows));
    return null;
  }

  function openPopup(placeId) {
    /* Opens a place's popup, first zooming in if the place is inside a cluster or out of view
       (keyboard use, tests). */
    var place = state.places.filter(function (p) { return p[0] === placeId; })[0];
    if (!place || !state.map) return null;
    var open = function () {
      var marker = state.shown["p" + placeId];
      if (marker) marker.fire("click", { latlng: marker.getLatLng() }, true);
    };
    if (state.shown["p" + placeId]) {
      open();
      return null;
    }
    state.map.once("moveend", open);  // after renderPlaces, which listens first
    state.map.setView([place[2], place[3]], Math.max(CLUSTER_UNTIL_ZOOM, state.map.getZoom()), { animate: false });
    return null;
  }

  /* ---- lifecycle ---------------------------------------------------------------------------- */
  function restyle() {
    /* Only the countries whose look changed are restyled: each restyle has the renderer redraw that
       country, and most filter changes leave most countries as they were. */
    if (state.layer) state.layer.eachLayer(function (layer) {
      var look = style(layer.feature), key = JSON.stringify(look);
      if (layer.lookKey !== key) {
        layer.lookKey = key;
        layer.setStyle(look);
      }
    });
    renderLegend();
  }

  function afterPaint(callback) {
    // Two animation frames: the first paints, the second runs after that paint reached the screen.
    requestAnimationFrame(function () { requestAnimationFrame(callback); });
  }

  function signalReady() {
    if (!state.basemapLoaded) return;
    afterPaint(function () {
      window.explorerReady = true;
      send("pageReady", "");
    });
  }

  function applyTheme() {
    document.body.className = "theme-" + state.theme + (state.snapshot ? " snapshot" : "");
    if (state.map) state.map.getContainer().style.background = palette().ocean;
  }

  /* ---- names on the map ------------------------------------------------------------------------- */
  var CITY_ZOOM = 3.5;  // cities appear from here; countries whenever their name fits inside them
  var LABEL_ZOOM_LEAD = 1;  // Natural Earth's label zooms run about one step ahead of this map's

  function labelSize() {
    var big = state.theme === "projector";
    return { country: big ? 21 : 12, city: big ? 20 : 11 };
  }

  function renderLabels() {
    /* Countries whose name fits inside them, biggest first, then cities by size; a name that would overlap
       one already placed is left out (hovering a country still names it). */
    if (!state.labels || !state.layer) return;
    state.labels.clearLayers();
    var map = state.map, size = labelSize(), placed = [], candidates = [];
    var frame = map.getSize();
    if (state.legend) {  // names under the legend could not be read: it counts as placed
      var box = state.legend.getContainer().getBoundingClientRect(), origin = map.getContainer().getBoundingClientRect();
      placed.push([box.left - origin.left, box.top - origin.top, box.width, box.height]);
    }
    var view = map.getBounds().pad(0.1);
    state.layer.eachLayer(function (layer) {
      var p = layer.feature.properties, b = layer.getBounds();
      if (!p.name || !p.label || !view.contains(p.label)) return;
      if (p.minLabel && map.getZoom() + LABEL_ZOOM_LEAD < p.minLabel) return;  // too small at this zoom
      var sw = map.latLngToContainerPoint(b.getSouthWest()), ne = map.latLngToContainerPoint(b.getNorthEast());
      var width = Math.abs(ne.x - sw.x);
      var text = p.name.length * size.country * 0.58;
      if (width < text * 0.9) return;  // the name would spill far out of the country
      candidates.push({ name: p.name, at: p.label, kind: "country", rank: width * Math.abs(ne.y - sw.y), px: size.country });
    });
    candidates.sort(function (a, b) { return b.rank - a.rank; });
    if (map.getZoom() >= CITY_ZOOM) {
      state.cities.forEach(function (c) {
        if (view.contains([c[1], c[2]])) candidates.push({ name: c[0], at: [c[1], c[2]], kind: "city", px: size.city });
      });
    }
    candidates.forEach(function (c) {
      var point = map.latLngToContainerPoint(c.at);
      var w = c.name.length * c.px * 0.58, h = c.px * 1.3;
      var box = c.kind === "city" ? [point.x + 4, point.y - h / 2, w + 4, h] : [point.x - w / 2, point.y - h / 2, w, h];
      if (box[0] < 0 || box[1] < 0 || box[0] + box[2] > frame.x || box[1] + box[3] > frame.y) return;  // cut off
      for (var i = 0; i < placed.length; i++) {
        var o = placed[i];
        if (box[0] < o[0] + o[2] && o[0] < box[0] + box[2] && box[1] < o[1] + o[3] && o[1] < box[1] + box[3]) return;
      }
      placed.push(box);
      var span = el("span", "explorer-label explorer-label-" + c.kind, c.name);  // text, never markup
      var anchor = c.kind === "city" ? [c.px * 0.3, h / 2] : [w / 2, h / 2];  // the bullet on the city
      L.marker(c.at, {
        pane: "explorerLabels", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "explorer-label-icon", html: span, iconSize: [w, h], iconAnchor: anchor })
      }).addTo(state.labels);
    });
    return null;
  }

  function addBasemap(geo) {
    state.layer = L.geoJSON(geo, {
      style: style,
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(function () { return countryTooltip(feature); }, { sticky: true, direction: "top" });
        layer.on("click", function () {
          if (feature.properties.iso) send("countryClicked", feature.properties.iso);
        });
        layer.on("contextmenu", function () {
          if (feature.properties.iso) send("countryMenu", feature.properties.iso);
        });
      }
    }).addTo(state.map);
    /* Bottom left: at world zoom that is the south-east Pacific, where no story sits; bottom right hid
       Australia and New Zealand. */
    state.legend = control("bottomleft", "explorer-legend");
    renderLegend();
    renderLabels();
    state.basemapLoaded = true;
    if (state.fit && state.fit.length) resized(state.fit);  // a saved page opens on its countries
    signalReady();
  }

  function init(map, options) {
    state.map = map;
    state.theme = options.theme || "light";
    state.snapshot = !!options.snapshot;
    applyTheme();
    map.options.zoomSnap = 0.25;
    map.options.maxZoom = 10;
    map.options.minZoom = 1;
    // Not animated: a zoom animation under way ignores the next setView (an early openPopup, a fly-to).
    map.fitBounds(WORLD, { animate: false });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Borders: Natural Earth (public domain) · Places: GeoNames (CC BY 4.0) · Briefing Explorer");
    if (state.snapshot && map.zoomControl) map.removeControl(map.zoomControl);
    map.on("moveend", renderPlaces);  // zooms end with a move too
    state.cities = options.cities || [];
    map.createPane("explorerLabels").style.zIndex = 450;  // over the countries, under the markers
    map.getPane("explorerLabels").style.pointerEvents = "none";
    state.labels = L.layerGroup().addTo(map);
    map.on("moveend", renderLabels);
    if (options.data) update(options.data);
    if (options.caption) setCaption(options.caption);
    state.fit = options.fit || [];
    if (window.qt && window.qt.webChannelTransport && window.QWebChannel) {
      new QWebChannel(window.qt.webChannelTransport, function (channel) {
        state.bridge = channel.objects.bridge || null;
        signalReady();
      });
    }
    if (options.basemapData) {
      addBasemap(options.basemapData);
      return;
    }
    fetch(options.basemap)
      .then(function (response) { return response.json(); })
      .then(addBasemap)
      .catch(function (err) { console.error("basemap failed: " + err); });
  }

  function toSet(list) {
    var out = {};
    (list || []).forEach(function (code) { out[code] = true; });
    return out;
  }

  /* data: {counts: {ISO: n}, places: [[id, name, lat, lon, n]] most briefings first (as the store
   *        counts them), selected: [ISO], highlighted: [ISO],
   *        popups: {id: [title, ...]} (optional, for pages without the app behind them)} */
  function update(data) {
    var started = performance.now();
    state.counts = data.counts || {};
    state.max = 0;
    Object.keys(state.counts).forEach(function (k) { state.max = Math.max(state.max, state.counts[k]); });
    state.selected = toSet(data.selected);
    state.highlighted = toSet(data.highlighted);
    var placesKey = JSON.stringify(data.places || []);
    state.popups = data.popups || {};
    if (placesKey !== state.placesKey) {
      // Rebuilding thousands of markers is the slow part of an update: skip it when they did not change.
      // They come most briefings first: clustering anchors on the biggest place of each group.
      state.places = data.places || [];
      state.placesKey = placesKey;
      renderPlaces();
    }
    restyle();
    state.updateMs = performance.now() - started;
    return null;
  }

  function highlight(codes, fly) {
    state.highlighted = toSet(codes);
    restyle();
    if (fly) flyTo(codes);
    return null;
  }

  function flyTo(codes) {
    var bounds = countriesBounds(codes);
    /* A story spanning continents needs the whole world, never less than it (wrapped copies of it). */
    var world = state.map.getBoundsZoom(WORLD);
    if (bounds && state.map.getBoundsZoom(bounds.pad(0.15)) > world) {
      state.map.flyToBounds(bounds.pad(0.15), freeArea({ maxZoom: 5, duration: 0.6 }));
    } else {
      state.map.flyToBounds(WORLD, { duration: 0.6 });
    }
    return null;
  }

  function resized(fitCodes) {
    /* After the view changed size (snapshots): re-measure, then fit the world or the given countries. */
    state.map.invalidateSize({ animate: false });
    var bounds = countriesBounds(fitCodes);
    if (bounds) state.map.fitBounds(bounds.pad(0.15), freeArea({ animate: false, maxZoom: 5 }));
    else state.map.fitBounds(WORLD, { animate: false, maxZoom: 5 });
    return null;
  }

  function countriesBounds(codes) {
    /* The countries' main land: a far-off island (Easter Island for Chile, Hawaii for the US) would
       shrink the country to a strip, so only parts near the largest or large themselves count. */
    var bounds = null;
    if (!state.layer || !codes || !codes.length) return null;
    var wanted = toSet(codes);
    state.layer.eachLayer(function (layer) {
      if (!wanted[layer.feature.properties.iso]) return;
      var main = mainLand(layer);
      bounds = bounds ? bounds.extend(main) : main;
    });
    return bounds;
  }

  function mainLand(layer) {
    var latLngs = layer.getLatLngs();
    var polygons = Array.isArray(latLngs[0]) && Array.isArray(latLngs[0][0]) ? latLngs : [latLngs];
    var parts = polygons.map(function (rings) {
      var b = L.latLngBounds(rings[0]);
      var span = (b.getNorth() - b.getSouth()) * (b.getEast() - b.getWest());
      return { bounds: b, span: span };
    });
    parts.sort(function (a, b) { return b.span - a.span; });
    var largest = parts[0], near = largest.bounds.pad(0.5);
    var out = L.latLngBounds(largest.bounds.getSouthWest(), largest.bounds.getNorthEast());
    parts.slice(1).forEach(function (part) {
      if (part.span >= 0.1 * largest.span || near.intersects(part.bounds)) out.extend(part.bounds);
    });
    return out;
  }

  function freeArea(options) {
    /* Fit inside what the caption (top left) and the legend (bottom left) leave free. */
    var caption = state.caption && state.caption.getContainer ? state.caption.getContainer() : null;
    var legend = state.legend && state.legend.getContainer ? state.legend.getContainer() : null;
    var top = caption && caption.offsetHeight ? caption.offsetHeight + 10 : 0;
    var bottom = legend && legend.offsetHeight ? legend.offsetHeight + 10 : 0;
    options.paddingTopLeft = [0, top];
    options.paddingBottomRight = [0, bottom];
    return options;
  }

  function markPainted() {
    /* Sets window.explorerPainted to a new number once everything pushed so far is on screen. */
    window.explorerPainted = 0;
    afterPaint(function () { window.explorerPainted = ++state.painted; });
    return null;
  }

  function setTheme(name) {
    if (!PALETTES[name]) return null;
    state.theme = name;
    applyTheme();
    renderLabels();
    restyleMarkers();
    restyle();
    return null;
  }

  function setView(lat, lon, zoom) {
    state.map.flyTo([lat, lon], zoom, { duration: 0.6 });
    return null;
  }

  function view() {
    /* The current centre and zoom, for a story step. */
    var c = state.map.getCenter();
    return JSON.stringify({ center: [c.lat, c.lng], zoom: state.map.getZoom() });
  }

  function countryAt(iso) {
    /* Screen position of a country's label point, for tests and keyboard navigation. */
    var found = null;
    if (state.layer) state.layer.eachLayer(function (layer) {
      if (layer.feature.properties.iso === iso) found = layer.feature.properties.label;
    });
    if (!found) return null;
    var pt = state.map.latLngToContainerPoint(found);
    return JSON.stringify([pt.x, pt.y]);
  }

  function snapshot() {
    /* What the map shows right now, as JSON (tests and diagnostics). */
    var popup = document.querySelector(".leaflet-popup-content");
    return JSON.stringify({
      counts: state.counts, selected: Object.keys(state.selected).sort(),
      centre: [state.map.getCenter().lat, state.map.getCenter().lng], zoom: state.map.getZoom(),
      highlighted: Object.keys(state.highlighted).sort(), theme: state.theme, places: state.places.length,
      markers: Object.keys(state.shown).filter(function (k) { return k[0] === "p"; }).map(function (k) {
        return state.shown[k].place[0];
      }),
      clusters: Object.keys(state.shown).filter(function (k) { return k[0] === "c"; }).map(function (k) {
        return state.shown[k].members.map(function (p) { return p[0]; });
      }),
      clusterLabels: Object.keys(state.shown).filter(function (k) { return k[0] === "c"; }).map(function (k) {
        return state.shown[k].getElement().textContent;
      }),
      clusterIcons: document.querySelectorAll(".leaflet-marker-pane .place-cluster").length,
      updateMs: state.updateMs,
      popupText: popup ? popup.textContent : null,
      popupElements: popup ? popup.querySelectorAll("*").length : 0,
      popupImages: popup ? popup.querySelectorAll("img, script, iframe, svg, a").length : 0
    });
  }

  window.ExplorerMap = {
    init: init, update: update, highlight: highlight, flyTo: flyTo, setTheme: setTheme, setCaption: setCaption,
    showPopup: showPopup, openPopup: openPopup, resized: resized, markPainted: markPainted,
    countryAt: countryAt, snapshot: snapshot, setView: setView, view: view
  };
})();
