"""The map names countries and, closer in, major cities: drawn from the basemap and gazetteer, offline."""

from __future__ import annotations

from tests.ui.conftest import run_js

LABELS = (
    "JSON.stringify(Array.from(document.querySelectorAll('.explorer-label')).map(function (e) {"
    " return [e.className.indexOf('city') >= 0 ? 'city' : 'country', e.textContent]; }))"
)


def test_country_names_at_world_zoom_and_city_names_closer_in(app, qtbot):
    page = app.window.map_panel.page
    shown = run_js(qtbot, page, LABELS)
    countries = {name for kind, name in shown if kind == "country"}
    assert {"Russia", "Canada", "Brazil", "Australia"} <= countries
    assert "United States Minor Outlying Islands" not in countries  # too small at this zoom
    assert not [name for kind, name in shown if kind == "city"]
    run_js(qtbot, page, "ExplorerMap.setView(48.5, 5.0, 5.5); null")
    qtbot.waitUntil(lambda: any(kind == "city" for kind, _ in run_js(qtbot, page, LABELS)), timeout=5000)
    cities = {name for kind, name in run_js(qtbot, page, LABELS) if kind == "city"}
    assert "Paris" in cities or "London" in cities


def test_labels_grow_with_the_projector_theme(app, qtbot):
    page = app.window.map_panel.page
    size = "parseFloat(getComputedStyle(document.querySelector('.explorer-label')).fontSize)"
    normal = run_js(qtbot, page, size)
    app.window.set_theme("projector")
    assert run_js(qtbot, page, size) >= 19 > normal
