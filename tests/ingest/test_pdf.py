"""PDF reports, made inside each test with a PDF library and read back from disk."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from fpdf import FPDF

from explorer.ingest.registry import read_file
from explorer.workspace.importer import import_paths

LEAD = (
    "Peru and Chile failed to agree on export quotas for copper concentrate, and the Ministry of "
    "Energy warned that smelters in Arequipa could idle by the end of the quarter while BHP weighs a "
    "review of its Escondida expansion."
)
SECOND = (
    "Officials in Lima said the talks would resume in January. Traders in Shanghai expect the "
    "premium for concentrate to widen through the winter, and the port of Callao reported lower "
    "loadings for a third week."
)


class _Report(FPDF):
    def header(self) -> None:
        self.set_font("helvetica", size=9)
        self.cell(0, 8, "Northbridge Risk Desk | Weekly Copper Report", new_x="LMARGIN", new_y="NEXT")

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("helvetica", size=9)
        self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")


def _paragraph(pdf: FPDF, text: str, size: float = 11, style: str = "") -> None:
    pdf.set_font("helvetica", style, size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def two_page_report(path: Path, title_in_metadata: str | None = None) -> Path:
    pdf = _Report()
    pdf.set_creation_date(datetime.datetime(2026, 11, 3, 9, 30, tzinfo=datetime.UTC))
    if title_in_metadata:
        pdf.set_title(title_in_metadata)
    pdf.add_page()
    _paragraph(pdf, "Copper talks stall in Lima", 18, "B")
    _paragraph(pdf, LEAD)
    # "concen-" / "trate" across a line end: the wrap is forced with an explicit newline.
    _paragraph(pdf, "Smelters fear a shortage of concen-\ntrate before the southern summer.")
    pdf.add_page()
    _paragraph(pdf, SECOND)
    _paragraph(pdf, "Geopolitical Implications", 13, "B")
    _paragraph(pdf, "1. Beijing may turn to suppliers in the Democratic Republic of the Congo.")
    _paragraph(pdf, "2. Freight through Callao could fall.")
    _paragraph(pdf, "Key Signals", 13, "B")
    _paragraph(pdf, "- Spot copper rose 2 percent")
    _paragraph(pdf, "- Freight rates eased")
    pdf.output(str(path))
    return path


def test_two_page_report_reads_as_a_sectioned_briefing(tmp_path: Path):
    result = read_file(two_page_report(tmp_path / "copper.pdf"))
    assert result.failures == ()
    (briefing,) = result.briefings
    assert briefing.title == "Copper talks stall in Lima"
    assert (briefing.published, briefing.date_source) == ("2026-11-03", "field")
    assert LEAD in briefing.body and SECOND in briefing.body  # wrapped lines joined into paragraphs
    assert "shortage of concentrate before" in briefing.body  # the line-end hyphen is joined
    implications = briefing.section("Geopolitical Implications").items
    assert implications == (
        "Beijing may turn to suppliers in the Democratic Republic of the Congo.",
        "Freight through Callao could fall.",
    )
    assert briefing.section("Key Signals").items == ("Spot copper rose 2 percent", "Freight rates eased")
    everything = " ".join(text for _s, _i, text in briefing.texts())
    assert "Northbridge Risk Desk" not in everything  # the running header
    assert "Page 1" not in everything and "Page 2" not in everything  # the footers


def test_metadata_title_wins_unless_it_is_a_file_name(tmp_path: Path):
    named = read_file(two_page_report(tmp_path / "a.pdf", "Lima copper talks: weekly view")).briefings[0]
    assert named.title == "Lima copper talks: weekly view"
    word = read_file(two_page_report(tmp_path / "b.pdf", "Microsoft Word - draft3.docx")).briefings[0]
    assert word.title == "Copper talks stall in Lima"


def test_pdf_without_a_text_layer_is_reported_not_stored(tmp_path: Path, store):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(90, 90, 90)
    for row in range(12):  # a "scan": shapes, no text
        pdf.rect(20, 20 + row * 15, 170, 8, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    report = import_paths(store, [path])
    assert report.failed == [("scan.pdf", "no text layer (scanned?): the PDF has only images")]
    assert store.briefing_count() == 0


@pytest.mark.parametrize("user_password", ["secret", None])
def test_encrypted_pdf(tmp_path: Path, user_password: str | None):
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password=user_password)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(0, 10, "Sealed briefing on Chile", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, "Santiago and Lima met to discuss copper royalties and freight.")
    path = tmp_path / "sealed.pdf"
    pdf.output(str(path))
    result = read_file(path)
    if user_password:  # only a password opens it: one line saying so
        assert result.failures == (("sealed.pdf", "encrypted PDF: it needs a password to open"),)
    else:  # restrictions only, no password to open: it reads like any other
        assert result.briefings[0].title == "Sealed briefing on Chile"
        assert "copper royalties" in result.briefings[0].body


def test_damaged_pdfs_get_one_line_reasons(tmp_path: Path):
    whole = two_page_report(tmp_path / "whole.pdf").read_bytes()
    cases = {
        "cut.pdf": whole[: len(whole) // 3],
        "header-only.pdf": b"%PDF-1.7\n",
        "renamed.pdf": b"PK\x03\x04 a zip file wearing a .pdf name",
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        result = read_file(tmp_path / name)
        assert not result.briefings, name
        ((where, reason),) = result.failures
        assert where == name and "\n" not in reason
        assert reason.startswith(("broken PDF", "not a PDF file", "no text layer")), (name, reason)
