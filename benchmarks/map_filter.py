"""Map filter change: JSON push into the loaded page vs re-rendering and reloading the whole page.

Run: .venv/bin/python benchmarks/map_filter.py [--briefings 10000 --places 2000 --rounds 30]
Builds a synthetic workspace, opens the real map panel headless (QtWebEngine, offscreen), then times
  push:     filter set → store queries (on a worker) → JSON → runJavaScript → the page has applied it
            ("applied") → the frame showing it has been drawn
  reload:   the same filter by building our page again with the data in it, reloading it and drawing
            its first frame (the page says it is ready one frame after that): the lean page's best case
  folium:   the same filter as a plain folium re-render (a GeoJson choropleth with a style and tooltip per
            country, a CircleMarker with a tooltip per place in folium's MarkerCluster), loaded by URL to
            its first painted frame: what the app would do without the JSON push
Set MAP_FILTER_SHOT=FILE.png to save what the last folium page showed.
All end the same way: two animation frames after the page's work, as the page's readiness signal does.
Between rounds the page is left idle for a moment, as it is between an analyst's clicks; without the
pause the next push can slip in ahead of the previous frame and looks faster than what the user sees.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from figures import record

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
IDLE_MS = 150


def synthetic_store(path: Path, n_briefings: int, n_places: int):
    from explorer.extract.gazetteer import countries
    from explorer.model import Briefing, Mention
    from explorer.store import Store

    rng = random.Random(42)
    located = [c for c in countries().values() if c.lat is not None]
    places = []
    for i in range(n_places):
        country = rng.choice(located)
        lat = max(-60.0, min(75.0, country.lat + rng.uniform(-4, 4)))
        places.append(
            Mention(
                f"Place {i}",
                "place",
                "body",
                0,
                0,
                5,
                "Place",
                country.code,
                lat,
                country.lon + rng.uniform(-4, 4),
            )
        )
    store = Store.open(path)
    batch = []
    for i in range(n_briefings):
        chosen = rng.sample(places, rng.randint(1, 4))
        topics = rng.sample(["oil", "chips", "rates", "lithium", "sanctions", "shipping"], 2)
        briefing = Briefing(
            title=f"Briefing {i} on {' and '.join(topics)}", body=f"Synthetic body {i} " + " ".join(topics)
        )
        batch.append((briefing, chosen))
        if len(batch) == 1000:
            store.add_briefings(batch)
            batch = []
    store.add_briefings(batch)
    return store


def copy_cluster_plugin(generated: Path) -> None:
    """Leaflet.markercluster from its XStatic package, served from the page's generated folder."""
    import shutil

    import xstatic.pkg.leaflet_markercluster as plugin

    for name in ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"):
        shutil.copy(Path(plugin.BASE_DIR) / name, generated / name)


def folium_page(basemap: dict, data: dict) -> str:
    """The filter's map rendered the plain folium way, with local assets and the same first-paint signal."""
    import folium
    from branca.element import MacroElement
    from folium.plugins import MarkerCluster
    from jinja2 import Template

    from explorer.map.assets import url
    from explorer.map.page import with_csp

    counts, top = data["counts"], max(data["counts"].values(), default=1)
    steps = ["#fde2c8", "#fbc49a", "#f6a26f", "#ec7a4d", "#d4503a", "#a8302e"]
    fmap = folium.Map(location=[25, 10], zoom_start=2, tiles=None, prefer_canvas=True, world_copy_jump=True)
    fmap.options["maxZoom"] = 10  # without tiles folium leaves it out, and the cluster plugin needs it
    fmap.default_js = [("leaflet", url("vendor/leaflet/leaflet.js"))]
    fmap.default_css = [("leaflet_css", url("vendor/leaflet/leaflet.css"))]
    features = [
        {**f, "properties": {**f["properties"], "briefings": counts.get(f["properties"]["iso"], 0)}}
        for f in basemap["features"]
    ]

    def style(feature: dict) -> dict:
        n = feature["properties"]["briefings"]
        step = min(5, int(math.log1p(n) / math.log1p(top) * 6 - 1e-9)) if n else -1
        return {
            "fillColor": steps[step] if n else "#f3f1ec",
            "fillOpacity": 1,
            "color": "#a7aeb5",
            "weight": 0.6,
        }

    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=style,
        tooltip=folium.GeoJsonTooltip(fields=["name", "briefings"]),
    ).add_to(fmap)
    layer = MarkerCluster(name="places").add_to(fmap)
    layer.default_js = [("markerclusterjs", url("generated/leaflet.markercluster.js"))]
    layer.default_css = [
        ("markerclustercss", url("generated/MarkerCluster.css")),
        ("markerclusterdefaultcss", url("generated/MarkerCluster.Default.css")),
    ]
    most = max((row[4] for row in data["places"]), default=1)
    for _id, name, lat, lon, n in data["places"]:
        folium.CircleMarker(
            [lat, lon],
            radius=4 + 10 * math.sqrt(n / most),
            color="#1450b4",
            weight=2,
            fill_color="#ffffff",
            fill_opacity=0.85,
            tooltip=f"{name} · {n} briefings",
        ).add_to(layer)
    signal = MacroElement()  # rendered after the layers above: the frame after theirs has been drawn
    signal._template = Template(
        "{% macro script(this, kwargs) %}"
        "requestAnimationFrame(() => requestAnimationFrame(() => { window.explorerPainted = 1; }));"
        "{% endmacro %}"
    )
    fmap.add_child(signal)
    return with_csp(fmap.get_root().render())


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--briefings", type=int, default=10_000)
    parser.add_argument("--places", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--reloads", type=int, default=5)
    args = parser.parse_args()

    from explorer.app import freeze_startup_objects, prepare_environment

    prepare_environment()
    from PySide6.QtCore import QEventLoop, QTimer, QUrl
    from PySide6.QtWidgets import QApplication

    from explorer.map import page as map_page
    from explorer.map.assets import asset_routes, url
    from explorer.map.payload import map_data
    from explorer.model import Filter
    from explorer.ui.filter_state import FilterState
    from explorer.ui.map.panel import MapPanel
    from explorer.ui.map.web import make_profile, release_profile
    from explorer.ui.tasks import TaskRunner
    from explorer.ui.workspace_data import WorkspaceData

    _app = QApplication([])  # kept alive to the end of main()
    tmp = Path(tempfile.mkdtemp())
    started = time.perf_counter()
    store = synthetic_store(tmp / "bench.db", args.briefings, args.places)
    built_s = time.perf_counter() - started
    print(f"workspace: {args.briefings} briefings, {args.places} places (built in {built_s:.1f} s)")

    runner = TaskRunner()
    state = FilterState()
    profile, guard = make_profile(asset_routes(tmp))
    workspace_data = WorkspaceData(store)
    panel = MapPanel(workspace_data, state, runner, profile, tmp)
    panel.resize(1400, 900)
    panel.show()

    def wait(signal=None, ms: int = 60_000, until=None) -> None:
        loop = QEventLoop()
        if signal is not None:
            signal.connect(loop.quit)
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(ms)
        if until is None or not until():
            loop.exec()

    wait(panel.loaded)
    freeze_startup_objects()  # as the app does once its window is built
    codes = [c.code for c in store.country_counts()[:20]]
    filters = [Filter(countries=(code,)) for code in codes] + [
        Filter(query=w) for w in ("oil", "chips", "rates")
    ]
    filters += [Filter()]

    def js(script: str) -> object:
        # Waits in an event loop, as the app does: spinning processEvents() would take a core from
        # Chromium's threads on a small machine and slow the very frames being measured.
        box: dict = {}
        loop = QEventLoop()

        def done(value: object) -> None:
            box["done"] = value
            loop.quit()

        panel.page.runJavaScript(script, 0, done)
        if "done" not in box:
            loop.exec()
        return box["done"]

    push_ms, applied_ms, python_ms, page_ms = [], [], [], []
    for i in range(args.rounds):
        flt = filters[i % len(filters)]
        flt = flt if flt != state.filter else Filter(query="sanctions")
        t = time.perf_counter()
        map_data(store, flt).to_json_text()
        python_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        state.set(flt)
        wait(panel.updated)  # the worker has queried the store and the update script was sent
        js("ExplorerMap.markPainted()")  # runs after the update script: the page has applied the filter
        applied_ms.append((time.perf_counter() - t) * 1000)
        while not js("window.explorerPainted"):  # the frame after the one that drew it has begun
            pass
        push_ms.append((time.perf_counter() - t) * 1000)
        page_ms.append(json.loads(str(js("ExplorerMap.snapshot()")))["updateMs"])
        wait(ms=IDLE_MS)  # an analyst's next click finds the page idle, not still drawing the last frame

    reload_ms = []
    for i in range(args.reloads):
        flt = filters[i % len(filters)]
        t = time.perf_counter()
        data = map_data(store, flt).to_json()
        basemap = next(tmp.glob("basemap-v*.geojson"))
        html = map_page.build(basemap_url=url(f"generated/{basemap.name}"), extra_options={"data": data})
        page_file = tmp / f"reload-{i}.html"
        page_file.write_text(html, encoding="utf-8")
        panel.is_ready = False
        panel.view.load(QUrl(url(f"generated/{page_file.name}")))
        wait(panel.bridge.ready)
        reload_ms.append((time.perf_counter() - t) * 1000)

    folium_ms = []
    copy_cluster_plugin(tmp)
    console_before = len(panel.page.console)
    basemap_data = json.loads(next(tmp.glob("basemap-v*.geojson")).read_text(encoding="utf-8"))
    for i in range(args.reloads):
        flt = filters[i % len(filters)]
        t = time.perf_counter()
        page_file = tmp / f"folium-{i}.html"
        page_file.write_text(folium_page(basemap_data, map_data(store, flt).to_json()), encoding="utf-8")
        panel.view.load(QUrl(url(f"generated/{page_file.name}")))
        wait(panel.view.loadFinished)
        while not js("window.explorerPainted"):
            pass
        folium_ms.append((time.perf_counter() - t) * 1000)
    # The baseline must have drawn what it stands for, or its time means nothing.
    drawn = json.loads(str(js("JSON.stringify([document.querySelectorAll('.marker-cluster').length])")))
    errors = [message for level, message in panel.page.console[console_before:] if level >= 2]
    print(f"folium page drawn: {drawn[0]} cluster markers; page errors: {errors or 'none'}")
    if os.environ.get("MAP_FILTER_SHOT"):
        wait(ms=1500)
        panel.view.grab().save(os.environ["MAP_FILTER_SHOT"])

    rows = (
        ("JSON push", push_ms),
        ("  applied", applied_ms),
        ("  store+JSON", python_ms),
        ("  page update", page_ms),
        ("page reload", reload_ms),
        ("folium reload", folium_ms),
    )
    for label, values in rows:
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        print(f"{label:<14} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms  ({len(values)} runs)")
    push_p50, applied_p50 = statistics.median(push_ms), statistics.median(applied_ms)
    for label, values in (("folium re-render", folium_ms), ("our page reloaded", reload_ms)):
        p50 = statistics.median(values)
        print(f"speed-up over {label} (p50): {p50 / push_p50:5.1f}× to the painted frame,", end=" ")
        print(f"{p50 / applied_p50:5.1f}× to the applied push")
    record(
        "map: a filter change to the painted frame",
        f"{args.briefings:,} briefings, {args.places:,} places, p50",
        push_p50,
        "ms",
        statistics.median(folium_ms),
        "folium re-render",
    )
    print("slowest pushes:", ", ".join(f"{v:.0f} ms" for v in sorted(push_ms)[-4:]))
    print(f"non-local requests: {len(guard.blocked)}")
    runner.wait()
    workspace_data.close()
    panel.release_page()
    release_profile(profile)  # after its page: a profile released first ends the process at exit


if __name__ == "__main__":
    main()
