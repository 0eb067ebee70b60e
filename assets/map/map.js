/* Briefing Explorer map page: country layer, choropleth, selection, and the bridge to the app.
 * Data arrives as JSON through ExplorerMap.update(); text from briefings is only ever set with
 * textContent, never parsed as HTML. */
(function () {
  "use strict";

  var PALETTES = {
    light: { ocean: "#dce6ee", land: "#f3f1ec", border: "#a7aeb5", steps: ["#fde2c8", "#fbc49a", "#f6a26f", "#ec7a4d", "#d4503a", "#a8302e"], select: "#1450b4", text: "#1d232a" },
    dark: { ocean: "#0e141b", land: "#28313b", border: "#4a5562", steps: ["#3a3f6b", "#44609a", "#3f86b3", "#38abb8", "#57cf9f", "#c7e86a"], select: "#ffd23f", text: "#e9eef3" },
    projector: { ocean: "#ffffff", land: "#e6e6e6", border: "#5c5c5c", steps: ["#ffe8a3", "#ffc857", "#f39237", "#d9541e", "#a1280f", "#4a0d04"], select: "#0047ff", text: "#000000" }
  };

  var state = {
    map: null, layer: null, legend: null, bridge: null,
    counts: {}, max: 0, selected: {}, highlighted: {}, theme: "light", title: "",
    basemapLoaded: false, channelReady: false
  };

  function palette() { return PALETTES[state.theme] || PALETTES.light; }

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
    var marked = state.selected[iso] || state.highlighted[iso];
    return {
      fillColor: step < 0 ? p.land : p.steps[step],
      fillOpacity: 1,
      color: marked ? p.select : p.border,
      weight: marked ? 3 : 0.6,
      opacity: 1
    };
  }

  function tooltipNode(feature) {
    var div = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = feature.properties.name || feature.properties.iso;
    var count = state.counts[feature.properties.iso] || 0;
    var line = document.createElement("div");
    line.textContent = count === 1 ? "1 briefing" : count + " briefings";
    div.appendChild(name);
    div.appendChild(line);
    return div;
  }

  function send(command, arg) {
    if (state.bridge && typeof state.bridge[command] === "function") state.bridge[command](arg);
  }

  function buildLegend() {
    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      var div = L.DomUtil.create("div", "explorer-legend");
      L.DomEvent.disableClickPropagation(div);
      return div;
    };
    legend.addTo(state.map);
    state.legend = legend;
    renderLegend();
  }

  function renderLegend() {
    if (!state.legend) return;
    var div = state.legend.getContainer();
    var p = palette();
    div.textContent = "";
    var head = document.createElement("div");
    head.className = "explorer-legend-title";
    head.textContent = "Briefings per country";
    div.appendChild(head);
    if (state.max <= 0) {
      var none = document.createElement("div");
      none.textContent = "No briefings match";
      div.appendChild(none);
      return;
    }
    var bounds = [];
    for (var i = 0; i < p.steps.length; i++) {
      var lo = Math.ceil(Math.exp((i / p.steps.length) * Math.log(1 + state.max)) - 1 + 1e-9);
      var hi = Math.floor(Math.exp(((i + 1) / p.steps.length) * Math.log(1 + state.max)) - 1 + 1e-9);
      lo = Math.max(1, lo);
      if (hi >= lo) bounds.push([i, lo, hi]);
    }
    bounds.forEach(function (b) {
      var row = document.createElement("div");
      row.className = "explorer-legend-row";
      var swatch = document.createElement("span");
      swatch.className = "explorer-swatch";
      swatch.style.background = p.steps[b[0]];
      var label = document.createElement("span");
      label.textContent = b[1] === b[2] ? String(b[1]) : b[1] + "–" + b[2];
      row.appendChild(swatch);
      row.appendChild(label);
      div.appendChild(row);
    });
  }

  function restyle() {
    if (state.layer) state.layer.setStyle(style);
    renderLegend();
  }

  function signalReady() {
    if (!state.basemapLoaded) return;
    // Two animation frames: the first paints, the second runs after that paint reached the screen.
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        window.explorerReady = true;
        send("pageReady", "");
      });
    });
  }

  function applyTheme() {
    document.body.className = "theme-" + state.theme;
    if (state.map) state.map.getContainer().style.background = palette().ocean;
  }

  function init(map, options) {
    state.map = map;
    state.theme = options.theme || "light";
    applyTheme();
    // The inhabited world, Pacific to Pacific, rather than folium's fixed centre and zoom.
    map.options.zoomSnap = 0.25;
    map.fitBounds([[-48, -135], [72, 160]]);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Borders: Natural Earth (public domain)");
    if (window.qt && window.qt.webChannelTransport && window.QWebChannel) {
      new QWebChannel(window.qt.webChannelTransport, function (channel) {
        state.bridge = channel.objects.bridge || null;
        state.channelReady = true;
        signalReady();
      });
    }
    fetch(options.basemap)
      .then(function (response) { return response.json(); })
      .then(function (geo) {
        state.layer = L.geoJSON(geo, {
          style: style,
          onEachFeature: function (feature, layer) {
            layer.bindTooltip(function () { return tooltipNode(feature); }, { sticky: true, direction: "top" });
            layer.on("click", function () {
              if (feature.properties.iso) send("countryClicked", feature.properties.iso);
            });
          }
        }).addTo(map);
        buildLegend();
        state.basemapLoaded = true;
        signalReady();
      })
      .catch(function (err) { console.error("basemap failed: " + err); });
  }

  function toSet(list) {
    var out = {};
    (list || []).forEach(function (code) { out[code] = true; });
    return out;
  }

  /* data: {counts: {ISO: n}, selected: [ISO], highlighted: [ISO]} */
  function update(data) {
    state.counts = data.counts || {};
    state.max = 0;
    Object.keys(state.counts).forEach(function (k) { state.max = Math.max(state.max, state.counts[k]); });
    state.selected = toSet(data.selected);
    state.highlighted = toSet(data.highlighted);
    restyle();
    return null;
  }

  function highlight(codes, fly) {
    state.highlighted = toSet(codes);
    restyle();
    if (fly && state.layer && codes && codes.length) {
      var bounds = null;
      state.layer.eachLayer(function (layer) {
        if (state.highlighted[layer.feature.properties.iso]) {
          var label = layer.feature.properties.label;
          var b = label ? L.latLngBounds([label, label]) : layer.getBounds();
          bounds = bounds ? bounds.extend(b) : b;
        }
      });
      if (bounds) state.map.flyToBounds(bounds.pad(0.6), { maxZoom: 4, duration: 0.6 });
    }
    return null;
  }

  function setTheme(name) {
    if (!PALETTES[name]) return null;
    state.theme = name;
    applyTheme();
    restyle();
    return null;
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
    return JSON.stringify({
      counts: state.counts, selected: Object.keys(state.selected).sort(),
      highlighted: Object.keys(state.highlighted).sort(), theme: state.theme
    });
  }

  window.ExplorerMap = {
    init: init, update: update, highlight: highlight, setTheme: setTheme, countryAt: countryAt, snapshot: snapshot
  };
})();
