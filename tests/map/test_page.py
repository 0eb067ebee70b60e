import re
from pathlib import Path

import pytest

from explorer.map import page as map_page
from explorer.map.assets import asset_routes


def test_page_references_only_local_urls():
    html = map_page.build()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, "the page loads scripts and styles"
    assert all(u.startswith(("app://explorer/", "qrc:///")) for u in urls), urls
    assert "http://" not in html and "https://" not in html


def test_page_has_a_strict_csp_with_hashes_for_its_own_inline_scripts():
    html = map_page.build()
    (policy,) = re.findall(r'Content-Security-Policy" content="([^"]+)"', html)
    assert "default-src 'none'" in policy
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert script_src.count("'sha256-") == len(re.findall(r"<script>", html))


def test_unknown_theme_is_refused():
    with pytest.raises(ValueError, match="unknown theme"):
        map_page.build(theme="neon")


def test_asset_routes_serve_vendor_and_own_files_and_nothing_else(tmp_path: Path):
    (tmp_path / "basemap.geojson").write_text("{}")
    routes = asset_routes(tmp_path)
    assert routes.resolve("/vendor/leaflet/leaflet.js").name == "leaflet.js"
    assert routes.resolve("/vendor/jquery/jquery.min.js") is not None
    assert routes.resolve("/assets/map/map.js") is not None
    assert routes.resolve("/generated/basemap.geojson") is not None
    for bad in ("/vendor/leaflet/../../../../etc/passwd", "/generated/../x", "/nowhere/a.js", "/", "/assets"):
        assert routes.resolve(bad) is None, bad


def test_every_page_url_resolves_to_a_shipped_file(tmp_path: Path):
    routes = asset_routes(tmp_path)
    for url in re.findall(r'(?:src|href)="app://explorer(/[^"]+)"', map_page.build()):
        assert routes.resolve(url) is not None, url


def test_standalone_exports_are_titled_and_framed_on_their_countries(sample_store, tmp_path: Path):
    from explorer.map.files import export_text
    from explorer.model import Filter

    flt = Filter(countries=("CN",))
    html = export_text(sample_store, flt, "html", tmp_path, title="China & the chips <week>")
    assert "<title>China &amp; the chips &lt;week&gt;</title>" in html
    assert '"fit": ["CN"]' in html  # the page frames the filter's countries, not the world
    kml = export_text(sample_store, flt, "kml", tmp_path, title="China & the chips")
    assert "<name>China &amp; the chips</name>" in kml


WINDOW_PAGE = """
import sys
from pathlib import Path
from explorer.map import page
print(page.window_page(Path(sys.argv[1]), sys.argv[2], "app://explorer/generated/basemap-v9.geojson"))
print("folium" in sys.modules)
"""


def _window_page_in_a_process(folder: Path, theme: str) -> tuple[Path, bool]:
    import subprocess
    import sys

    command = [sys.executable, "-c", WINDOW_PAGE, str(folder), theme]
    lines = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout.split()
    return Path(lines[0]), lines[1] == "True"


def test_the_window_page_is_built_once_and_a_start_loads_it_without_folium(tmp_path: Path):
    first, built = _window_page_in_a_process(tmp_path, "dark")
    assert built
    html = first.read_text(encoding="utf-8")
    assert '"theme": "dark"' in html and "generated/basemap-v9.geojson" in html
    assert "Content-Security-Policy" in html

    again, built_again = _window_page_in_a_process(tmp_path, "dark")
    assert again == first and not built_again  # about 0.3 s less on every start

    other, _ = _window_page_in_a_process(tmp_path, "light")
    assert other != first and first.exists()  # one page per theme


def test_the_window_page_follows_the_capitals_it_names():
    from explorer.resources import data_path

    inputs = map_page.page_inputs()
    assert data_path("gazetteer/countries.json") in inputs  # major_cities() adds every capital
    assert data_path("gazetteer/places.tsv") in inputs
    assert all(path.exists() for path in inputs)


FIRST_START = """
import sys
from pathlib import Path
from explorer.map import first_build
page = first_build.window_page(Path(sys.argv[1]), "projector")
builders = ("folium", "jinja2", "requests", "shapely", "shapefile")
print(page, page.exists(), [name for name in builders if name in sys.modules])
"""


def test_a_first_start_builds_the_basemap_and_page_in_a_child_and_keeps_none_of_their_builders(
    tmp_path: Path,
):
    import subprocess
    import sys

    command = [sys.executable, "-c", FIRST_START, str(tmp_path)]
    out = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True).stdout
    page, exists, held = out.split(maxsplit=2)
    assert exists == "True" and held.strip() == "[]"
    assert Path(page).parent == tmp_path and "projector" in Path(page).name
    assert (tmp_path / "basemap-v2.geojson").exists()


def test_when_the_child_cannot_run_the_window_builds_the_page_itself(tmp_path: Path, monkeypatch):
    from explorer.map import first_build

    monkeypatch.setattr(first_build, "program_command", lambda *args: [str(tmp_path / "missing"), *args])
    page = first_build.window_page(tmp_path, "light")
    assert page.exists() and '"theme": "light"' in page.read_text(encoding="utf-8")


def _stuck_child(*_args: str) -> list[str]:
    import sys

    return [sys.executable, "-c", "import time; time.sleep(60)"]


def test_a_stuck_child_is_given_up_on_and_the_window_builds_the_page(tmp_path: Path, monkeypatch):
    import time

    from explorer.map import first_build

    monkeypatch.setattr(first_build, "program_command", _stuck_child)
    monkeypatch.setattr(first_build, "CHILD_TIMEOUT_S", 1)
    started = time.perf_counter()
    page = first_build.PageBuild().window_page(tmp_path, "dark")
    assert page.exists() and time.perf_counter() - started < 30


def test_closing_the_window_stops_a_build_at_once(tmp_path: Path, monkeypatch):
    import threading
    import time

    from explorer.map import first_build

    monkeypatch.setattr(first_build, "program_command", _stuck_child)
    build, outcome = first_build.PageBuild(), []

    def run() -> None:
        try:
            outcome.append(build.window_page(tmp_path, "light"))
        except first_build.Stopped as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(1.0)
    started = time.perf_counter()
    build.stop()
    thread.join(10)
    assert not thread.is_alive() and time.perf_counter() - started < 5
    assert isinstance(outcome[0], first_build.Stopped)
    assert not list(tmp_path.glob("map-*.html"))  # nothing built in the closing window
