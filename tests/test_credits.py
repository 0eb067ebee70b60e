from explorer.credits import about_lines
from explorer.extract import backend_name


def test_the_about_box_credits_geonames_and_names_the_backend() -> None:
    lines = about_lines(backend_name())
    assert any("GeoNames" in line and "CC BY 4.0" in line for line in lines)
    assert any(line.startswith("Entity extraction: built-in rules") for line in lines)
