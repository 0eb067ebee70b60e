from pathlib import Path

import pytest

from explorer.ingest.errors import IngestError
from explorer.ingest.registry import read_file
from explorer.ingest.sectioned import parse_sectioned
from explorer.model import IMPLICATIONS, SIGNALS, TOPICS

PLAIN = """---
date: 2025-01-29
source: Desk notes
url: https://example.org/a
---
Lab accuses rival — who’s next?
First paragraph names OpenAI and DeepSeek.
Second paragraph mentions ASX trading.
Geopolitical Implications
- 01
First implication text.
- 02
Second implication text.
- 03
Third implication text.
Key Signals
- —First signal
- —Second signal
Topics & Keywords
AI, export controls, distillation
Related Intelligence
Full Access
Unlock Full Intelligence Access
Get alerts and the archive with a Pro subscription.
"""


def test_plain_layout_title_body_sections_and_front_matter():
    b = parse_sectioned(PLAIN, "a.txt")
    assert b.title == "Lab accuses rival — who’s next?"
    assert b.body == "First paragraph names OpenAI and DeepSeek.\n\nSecond paragraph mentions ASX trading."
    assert b.section(IMPLICATIONS).items == (
        "First implication text.",
        "Second implication text.",
        "Third implication text.",
    )
    assert b.section(SIGNALS).items == ("First signal", "Second signal")
    assert b.section(TOPICS).items == ("AI", "export controls", "distillation")
    assert (b.published, b.date_source, b.source, b.url) == (
        "2025-01-29",
        "front-matter",
        "Desk notes",
        "https://example.org/a",
    )


def test_boilerplate_is_dropped_everywhere():
    b = parse_sectioned(PLAIN, "a.txt")
    everything = " ".join(text for _s, _i, text in b.texts())
    for phrase in ("Related Intelligence", "Full Access", "Unlock", "subscription"):
        assert phrase not in everything


def test_markdown_variant_with_inline_numbers_and_star_bullets():
    text = (
        "# A cleaned-up title\n\nBody line one\nwrapped onto line two.\n\nSecond paragraph.\n\n"
        "## Geopolitical Implications\n1. One.\n2. Two.\n\n## Key Signals\n* Alpha\n- Beta\n\n"
        "## Topics & Keywords\n\n## Related Intelligence\nFull Access\n"
    )
    b = parse_sectioned(text, "b.md")
    assert b.title == "A cleaned-up title"
    assert b.body == "Body line one wrapped onto line two.\n\nSecond paragraph."
    assert b.section(IMPLICATIONS).items == ("One.", "Two.")
    assert b.section(SIGNALS).items == ("Alpha", "Beta")
    assert b.section(TOPICS) is None  # empty section is not kept
    assert "Related" not in str(b.sections)


@pytest.mark.parametrize("bullet", ["- —", "- ", "• ", "— ", "– "])
def test_bullet_styles(bullet):
    b = parse_sectioned(f"Title\nBody.\nKey Signals\n{bullet}Signal one\n{bullet}Signal two\n", "c.txt")
    assert b.section(SIGNALS).items == ("Signal one", "Signal two")


def test_inline_implication_numbers_and_numbers_inside_signals():
    text = (
        "Title\nBody.\nGeopolitical Implications\n- 01 First.\n- 02 Second.\n"
        "Key Signals\n- 10 ships left port\n"
    )
    b = parse_sectioned(text, "d.txt")
    assert b.section(IMPLICATIONS).items == ("First.", "Second.")
    assert b.section(SIGNALS).items == ("10 ships left port",)


def test_missing_sections_and_no_front_matter_use_the_fallback_date():
    b = parse_sectioned("Only a title\nAnd a body.\n", "e.txt", fallback_date="2025-02-01")
    assert b.sections == ()
    assert (b.published, b.date_source) == ("2025-02-01", "mtime")


def test_title_without_body_is_an_error():
    with pytest.raises(IngestError, match="no body"):
        parse_sectioned("Just a title\n\n", "f.txt")


NOTE = (
    "Shares of Woodside Energy fell 4% in Sydney on Tuesday after the company cut its output forecast. "
    "Chief executive Meg O'Neill said repairs at the Pluto plant would take until June."
)


def test_a_one_paragraph_note_takes_its_first_sentence_as_title():
    b = parse_sectioned(NOTE + "\n", "note.txt")
    assert (
        b.title
        == "Shares of Woodside Energy fell 4% in Sydney on Tuesday after the company cut its output forecast."
    )
    assert b.body == NOTE  # nothing is lost: the body keeps the whole paragraph


def test_a_long_first_sentence_is_shortened_at_a_word_for_the_title():
    sentence = "Officials in " + ", ".join(f"town number {i}" for i in range(30)) + " met on Monday."
    b = parse_sectioned(sentence, "long.txt")
    assert b.title.endswith("…") and len(b.title) <= 121
    assert sentence.startswith(b.title[:-1]) and b.title[-2] != " "
    assert b.body == sentence


def test_every_sample_text_file_parses_with_sections(tmp_path: Path):
    from tests.conftest import SAMPLES

    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".md"})
    assert len(files) >= 40
    for path in files:
        result = read_file(path)
        assert not result.failures, result.failures
        (b,) = result.briefings
        assert b.title and len(b.body) > 200, path.name
        assert b.section(IMPLICATIONS) and len(b.section(IMPLICATIONS).items) >= 2, path.name
        assert b.date_source == "front-matter", path.name
        assert "Unlock Full Intelligence Access" not in b.body
