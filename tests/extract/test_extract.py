import json
import subprocess
import sys

from explorer.extract import extract, extract_text
from explorer.ingest.registry import iter_files, read_file
from explorer.model import Mention
from tests.conftest import SAMPLES


def places(text: str) -> set[str]:
    return {m.country for m in extract_text(text) if m.kind == "place"}


def test_the_ai_lab_briefing_lands_on_us_china_and_australia_through_asx():
    (briefing,) = read_file(SAMPLES / "2025-01-29-ai-lab-distillation-dispute.txt").briefings
    assert "Australia" not in briefing.body
    mentions = extract(briefing)
    countries = {m.country for m in mentions if m.kind in ("place", "org") and m.country}
    assert {"US", "CN", "AU"} <= countries
    asx = [m for m in mentions if m.name == "ASX"]
    assert asx and asx[0].kind == "org" and asx[0].country == "AU"
    orgs = {m.name for m in mentions if m.kind == "org"}
    assert {"OpenAI", "DeepSeek", "Micron", "Qualcomm"} <= orgs


def test_short_forms_demonyms_and_x_based():
    assert places("The U.S. and the UK met.") == {"US", "GB"}
    assert places("Chinese and Australian officials") == {"CN", "AU"}
    based = [m for m in extract_text("a China-based firm and a US-based lab") if m.kind == "place"]
    assert [(m.country, m.rule) for m in based] == [("CN", "x-based"), ("US", "x-based")]
    assert places("US-China talks") == {"US", "CN"}


def test_lowercase_words_are_not_places():
    assert places("Tell us about it; the us of it") == set()


def test_longest_match_wins_over_a_contained_country():
    mentions = extract_text("The Bank of Japan held rates; South China Morning Post reported.")
    assert [m.name for m in mentions] == ["Bank of Japan", "South China Morning Post"]
    assert mentions[0].country == "JP"


def test_people_with_titles():
    people = [
        m.name for m in extract_text("CEO Jensen Huang met President Emmanuel Macron.") if m.kind == "person"
    ]
    assert people == ["Jensen Huang", "Emmanuel Macron"]


def test_mentions_carry_offsets_rule_and_confidence():
    text = "Shares fell in ASX trading."
    (m,) = extract_text(text)
    assert text[m.start : m.end] == "ASX"
    assert m.rule.startswith("org-kb") and 0 < m.confidence <= 1


def test_every_mention_of_the_samples_is_a_whole_record_that_points_at_its_text():
    """Mentions are built field by field without the named tuple's checks: each must still be whole."""
    checked = 0
    for path, _kind in iter_files([SAMPLES]):
        for briefing in read_file(path).briefings:
            pieces = {(section, item): text for section, item, text in briefing.texts()}
            for m in extract(briefing):
                assert type(m) is Mention and len(m) == len(Mention._fields)
                assert m.kind in ("place", "org", "person", "topic") and 0 < m.confidence <= 1 and m.rule
                assert pieces[(m.section, m.item)][m.start : m.end] == m.surface
                assert m.sentence >= 0 and isinstance(m.start, int)
                checked += 1
    assert checked > 1000


def test_entities_command_prints_the_documented_json():
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "explorer",
            "entities",
            str(SAMPLES / "2025-01-29-ai-lab-distillation-dispute.txt"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = json.loads(out)
    fields = {"name", "kind", "country", "lat", "lon", "count", "confidence", "source", "rules", "surfaces"}
    assert all(set(r) == fields for r in rows)
    assert all(0 < r["confidence"] <= 1 and r["source"] in r["rules"] for r in rows)
    assert {r["kind"] for r in rows} <= {"place", "org", "person", "topic"}
    countries = {r["country"] for r in rows if r["kind"] in ("place", "org")}
    assert {"US", "CN", "AU"} <= countries
    asx = next(r for r in rows if r["name"] == "ASX")
    assert (asx["kind"], asx["country"], asx["source"]) == ("org", "AU", "org-kb:exchange")


def test_people_without_titles_from_speech_verbs_roles_and_surnames():
    text = (
        '"Demand is strong," said Lisa Su. Su added that supply was tight. Jane Doe, an economist, agreed. '
        "According to Kazuo Ueda, rates will rise; ECB President Christine Lagarde disagreed."
    )
    people = {(m.surface, m.name, m.rule) for m in extract_text(text) if m.kind == "person"}
    assert ("Lisa Su", "Lisa Su", "speech-verb") in people
    assert ("Su", "Lisa Su", "surname-coref") in people
    assert ("Kazuo Ueda", "Kazuo Ueda", "speech-verb") in people
    assert ("Christine Lagarde", "Christine Lagarde", "title-cue") in people
    assert ("Jane Doe", "Jane Doe", "role-appositive") in people
    confidences = {m.rule: m.confidence for m in extract_text(text) if m.kind == "person"}
    assert confidences["title-cue"] > confidences["role-appositive"] > confidences["speech-verb"]
    assert confidences["speech-verb"] >= confidences["surname-coref"]


def test_unknown_organisations_by_suffix_prefix_and_ticker_with_lower_confidence():
    text = (
        "Northwind Minerals (ASX: NWM) and Acme Robotics Inc met the Ministry of Commerce; Nvidia Corp too."
    )
    orgs = {m.name: m for m in extract_text(text) if m.kind == "org"}
    assert orgs["Northwind Minerals"].country == "AU"  # the exchange gives the home country
    assert orgs["Acme Robotics Inc"].rule == "org-pattern:suffix:company"
    assert orgs["Ministry of Commerce"].rule == "org-pattern:prefix:government"
    assert orgs["Nvidia"].rule.startswith("org-kb")  # the knowledge base wins over the suffix rule
    assert max(o.confidence for n, o in orgs.items() if o.rule.startswith("org-pattern")) < 0.95


def test_topic_keywords_that_name_known_entities_become_those_entities():
    from explorer.model import TOPICS, Briefing, Section

    briefing = Briefing(
        title="Rates",
        body="CEO Jensen Huang spoke.",
        sections=(Section(TOPICS, ("Nvidia", "Japan", "Canberra", "Jensen Huang", "soft landing")),),
    )
    topics = {m.surface: (m.kind, m.name) for m in extract(briefing) if m.section == TOPICS}
    assert topics == {
        "Nvidia": ("org", "Nvidia"),
        "Japan": ("place", "Japan"),
        "Canberra": ("place", "Canberra"),
        "Jensen Huang": ("person", "Jensen Huang"),
        "soft landing": ("topic", "soft landing"),
    }


def test_mentions_in_every_piece_keep_their_own_offsets_and_sentences():
    from explorer.model import IMPLICATIONS, Briefing, Section

    briefing = Briefing(
        title="Japan and Korea",
        body="Markets were calm. Then Seoul moved. Tokyo followed.",
        sections=(Section(IMPLICATIONS, ("Beijing watches.", "Canberra too. And Jakarta.")),),
    )
    by_surface = {m.surface: m for m in extract(briefing)}
    for m in by_surface.values():
        text = briefing.title if m.section == "title" else briefing.body if m.section == "body" else None
        text = text or briefing.sections[0].items[m.item]
        assert text[m.start : m.end] == m.surface
    assert (by_surface["Seoul"].section, by_surface["Seoul"].sentence) == ("body", 1)
    assert (by_surface["Tokyo"].sentence, by_surface["Jakarta"].item, by_surface["Jakarta"].sentence) == (
        2,
        1,
        1,
    )


def test_given_names_make_people_and_named_features_are_places():
    found = {(m.surface, m.kind, m.country) for m in extract_text("Jordan Peterson toured the Suez Canal.")}
    assert ("Jordan Peterson", "person", None) in found
    assert ("Suez Canal", "place", "EG") in found
    assert not [m for m in extract_text("Jordan Peterson spoke.") if m.kind == "place"]


def test_two_titled_people_joined_by_and_are_both_found():
    text = "Apple CEO Tim Cook and Meta CEO Mark Zuckerberg met Google CEO Sundar Pichai."
    people = [m.name for m in extract_text(text) if m.kind == "person"]
    assert people == ["Tim Cook", "Mark Zuckerberg", "Sundar Pichai"]


def test_possessives_do_not_hide_names():
    found = [
        (m.surface, m.name) for m in extract_text("the United Arab Emirates' baseline and Nvidia's chips")
    ]
    assert found == [("United Arab Emirates", "United Arab Emirates"), ("Nvidia", "Nvidia")]


def test_a_person_named_in_full_wins_later_over_a_place_of_that_name_and_owners_are_not_names():
    found = [(m.surface, m.kind) for m in extract_text("Mayor Ekrem İmamoğlu was held. İmamoğlu denied it.")]
    assert found == [("Ekrem İmamoğlu", "person"), ("İmamoğlu", "person")]
    people = [m.name for m in extract_text("BHP's Mike Henry said the bid was final.") if m.kind == "person"]
    assert people == ["Mike Henry"]


def test_reading_a_text_again_reuses_the_cached_readings_of_its_places():
    # Each span used to get a fresh tuple of readings, so the per-tuple cache missed and kept growing.
    from explorer.extract import places

    text = "Officials from Georgia, Paris, Victoria and Hanover met in Jordan and Washington."
    extract_text(text)
    cached = len(places._PRUNED)
    for _ in range(3):
        extract_text(text)
    assert len(places._PRUNED) == cached


def test_central_banks_by_the_short_names_markets_use() -> None:
    found = {m.surface: (m.name, m.country) for m in extract_text("The Fed held; the BOJ and the BOE cut.")}
    assert found == {
        "Fed": ("Federal Reserve", "US"),
        "BOJ": ("Bank of Japan", "JP"),
        "BOE": ("Bank of England", "GB"),
    }
