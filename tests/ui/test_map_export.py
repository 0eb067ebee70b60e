"""Map snapshots rendered headless by real QtWebEngine, and the export-map command."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage

from explorer.map.assets import asset_routes
from explorer.model import Filter
from explorer.ui.map.snapshot import MapSnapshot, SnapshotRequest
from explorer.ui.map.web import make_profile
from tests.ui.conftest import run_js

LOCAL_SCHEMES = ("app", "qrc", "data", "blob")


@pytest.fixture
def exporter(qtbot, sample_store, web_cache: Path):
    profile, guard = make_profile(asset_routes(web_cache))
    made: list[MapSnapshot] = []

    def export(request: SnapshotRequest) -> tuple[QImage, tuple[int, int]]:
        snapshot = MapSnapshot(sample_store, profile, web_cache, request)
        made.append(snapshot)
        with qtbot.waitSignal(snapshot.finished, timeout=60_000) as blocker:
            snapshot.start()
        x, y = run_js(qtbot, snapshot.page, "ExplorerMap.countryAt('CN')")
        zoom = snapshot.page.zoomFactor()
        return blocker.args[0], (int(x * zoom), int(y * zoom))

    yield export, guard
    for snapshot in made:
        snapshot.dispose()
    qtbot.wait(20)
    profile.deleteLater()
    qtbot.wait(20)


def distinct_colours(image: QImage, step: int = 37) -> int:
    return len(
        {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}
    )


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (3840, 2160)])
def test_export_has_the_exact_size_is_not_flat_and_changes_with_the_filter(
    exporter, sample_store, width, height
):
    export, guard = exporter
    dutch_case = Filter(query="Milieudefensie")  # the Shell climate appeal: no Chinese angle
    assert "CN" not in {c.code for c in sample_store.country_counts(dutch_case)}
    everything, china = export(SnapshotRequest(width, height, Filter()))
    dutch_only, china_again = export(SnapshotRequest(width, height, dutch_case))
    assert (everything.width(), everything.height()) == (width, height)
    assert (dutch_only.width(), dutch_only.height()) == (width, height)
    assert distinct_colours(everything) > 20
    assert china == china_again  # same framing, so the same pixel is China in both
    before, after = QColor(everything.pixel(*china)), QColor(dutch_only.pixel(*china))
    assert before != after, "China's colour did not change between the two filters"
    # With every briefing China is among the darkest countries; in the Dutch case it is plain land.
    assert before.lightness() < after.lightness()
    non_local = [u for u in guard.requested if QUrl(u).scheme() not in LOCAL_SCHEMES]
    assert guard.requested and non_local == []


def run_cli(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, EXPLORER_DB=str(db), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "explorer", "export-map", *args], capture_output=True, text=True, env=env
    )


def test_export_map_command_writes_png_and_interchange_files(sample_db: Path, tmp_path: Path):
    png = tmp_path / "map.png"
    result = run_cli("--out", str(png), "--width", "1280", "--height", "720", "--country", "AU", db=sample_db)
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1280, 720)
    assert distinct_colours(image, 19) > 10

    geojson = tmp_path / "places.geojson"
    assert run_cli("--out", str(geojson), db=sample_db).returncode == 0
    features = json.loads(geojson.read_text())["features"]
    china = next(f for f in features if f["properties"]["name"] == "China")
    assert china["properties"]["briefings"] > 10 and china["geometry"]["coordinates"] == [105, 35]

    kml = tmp_path / "places.kml"
    assert run_cli("--out", str(kml), "--query", "lithium", db=sample_db).returncode == 0
    names = [e.text for e in ET.parse(kml).iter("{http://www.opengis.net/kml/2.2}name")]
    assert "China" in names

    csv_file = tmp_path / "places.csv"
    assert run_cli("--out", str(csv_file), db=sample_db).returncode == 0
    assert csv_file.read_text().splitlines()[0] == "kind,name,country,lat,lon,briefings"


def test_standalone_html_export_is_offline(sample_db: Path, tmp_path: Path):
    page = tmp_path / "map.html"
    assert run_cli("--out", str(page), "--theme", "dark", db=sample_db).returncode == 0
    html = page.read_text()
    assert not re.findall(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=", html), "nothing is loaded"
    assert "L.circleMarker" in html and "clusterPlaces" in html and "ExplorerMap" in html
    assert "default-src 'none'" in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "{tmp}/missing/x.png"], "does not exist"),
        (["--out", "{tmp}/x.png", "--width", "0"], "size must be"),
        (["--out", "{tmp}/x.png", "--theme", "neon"], "unknown theme"),
        (["--out", "{tmp}/x.pdf"], "unknown format"),
        (["--out", "{tmp}/x.png", "--country", "XX"], "unknown country"),
        (["--width", "10"], "required: --out"),
    ],
)
def test_export_map_errors_are_one_line_and_exit_2(sample_db: Path, tmp_path: Path, args, message):
    result = run_cli(*[a.format(tmp=tmp_path) for a in args], db=sample_db)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("explorer")]
    assert len(lines) == 1 and message in lines[0], result.stderr
