"""Story locations for GIS tools: names from untrusted text never run as spreadsheet formulas."""

from __future__ import annotations

from explorer.map.gis import _safe_cell


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_quoted():
    assert _safe_cell("=cmd|' /C calc'!A0").startswith("'")
    assert _safe_cell("@SUM(1+1)").startswith("'")
    assert _safe_cell("-2+3").startswith("'")
    assert _safe_cell("Canberra") == "Canberra"
