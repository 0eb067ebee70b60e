import json

from explorer.geo.basemap import ensure_basemap


def test_basemap_has_every_country_including_those_other_sources_miss(tmp_path):
    path = ensure_basemap(tmp_path)
    features = json.loads(path.read_text())["features"]
    codes = {f["properties"]["iso"] for f in features}
    assert {"HU", "RS", "MM", "ME", "FR", "NO", "AU", "US", "CN"} <= codes
    assert len(features) > 200
    assert path.stat().st_size < 2_500_000
    assert ensure_basemap(tmp_path) == path  # cached: built once
