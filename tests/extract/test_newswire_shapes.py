"""Shapes of ordinary wire copy that the rules must read: capitals, regions and seas, people without cues."""

from __future__ import annotations

from explorer.extract import extract_text


def found(text: str) -> dict[str, tuple[str, str | None]]:
    return {m.surface: (m.kind, m.country) for m in extract_text(text)}


def test_datelines_and_headlines_in_capitals_are_read():
    text = "FERRY STRIKE HITS HELSINKI PORT\nHELSINKI 2001-03-04\nDockers in Helsinki walked out on Monday."
    seen = found(text)
    assert seen["HELSINKI"] == ("place", "FI")
    assert [m.start for m in extract_text(text) if m.name == "Helsinki"] == [18, 32, 63]
    assert found("NAIROBI, June 3 (Reuters) - Kenyan tea prices rose.")["NAIROBI"] == ("place", "KE")
    assert found("LIMA (Reuters) - Copper output grew.")["LIMA"] == ("place", "PE")


def test_acronyms_in_capitals_stay_what_they_are():
    seen = found("NATO AND OPEC TALKS IN VIENNA")
    assert seen["NATO"][0] == "org" and seen["OPEC"][0] == "org"
    assert seen["VIENNA"] == ("place", "AT")
    assert "IN" not in seen and "TALKS" not in seen


def test_a_surname_in_a_headline_is_the_person_named_in_the_story():
    text = "OKONJO WINS VOTE\nABUJA 2003-05-01\nNgozi Okonjo won the vote. Okonjo thanked voters."
    people = [m for m in extract_text(text) if m.kind == "person"]
    assert {m.surface for m in people} == {"OKONJO", "Ngozi Okonjo", "Okonjo"}
    assert {m.name for m in people} == {"Ngozi Okonjo"}


def test_continents_regions_and_seas_are_places_without_a_country():
    text = "Shipping in the Red Sea and the Gulf of Aden slowed trade between Asia, Europe and the Balkans."
    places = {m.surface: m for m in extract_text(text)}
    for name in ("Red Sea", "Gulf of Aden", "Asia", "Europe", "Balkans"):
        assert places[name].kind == "place" and places[name].country is None, name
        assert places[name].lat is not None and places[name].lon is not None


def test_people_without_a_title_or_a_speech_verb():
    seen = found(
        "Kenneth Okafor met Ingrid Solberg in Oslo. Talks between Okafor and Solberg ran late. "
        "Later Okafor flew home, and Labour's Gordon Brown wrote to Helga Brandt of Siemens."
    )
    for name in ("Kenneth Okafor", "Ingrid Solberg", "Okafor", "Solberg", "Gordon Brown", "Helga Brandt"):
        assert seen.get(name, ("", None))[0] == "person", name
    assert seen["Siemens"][0] == "org"
    assert "Later Okafor" not in seen


def test_plural_titles_honorifics_and_family_names_first():
    seen = found("Senators Joan Ferris and Paul Acre wrote to Mr Kofi Mensah. Jiang Zemin replied.")
    for name in ("Joan Ferris", "Paul Acre", "Kofi Mensah", "Jiang Zemin"):
        assert seen.get(name, ("", None))[0] == "person", name


def test_a_speech_candidate_that_an_organisation_covers_names_no_one():
    seen = found("Brontek NV said profits fell. Analysts expect Brontek to cut jobs.")
    assert seen["Brontek NV"][0] == "org"
    assert seen.get("Brontek", ("", None))[0] != "person"


def test_organisations_by_their_full_names_acronyms_and_bodies():
    seen = found(
        "Toyota Motor Corp and Sony Corp fell, while the National Federation of Cocoa Growers and the "
        "Communist Party of Nepal met the PLO and the Senate Banking Committee. CEO pay and GDP rose."
    )
    assert seen["Toyota Motor Corp"][0] == "org" and seen["Sony Corp"][0] == "org"
    for name in (
        "National Federation of Cocoa Growers",
        "Communist Party of Nepal",
        "PLO",
        "Senate Banking Committee",
    ):
        assert seen.get(name, ("", None))[0] == "org", name
    assert "CEO" not in seen and "GDP" not in seen
    assert [m.name for m in extract_text("Toyota Motor Corp said so.") if m.kind == "org"] == ["Toyota"]


def test_a_city_in_a_results_line_or_a_match_report_is_its_club():
    seen = found("Valencia 3 Sevilla 1\nMadrid, Spain - Bilbao beat Lyon 2-1 in Madrid on Sunday.")
    assert seen["Valencia"][0] == "org" and seen["Sevilla"][0] == "org" and seen["Bilbao"][0] == "org"
    assert seen["Lyon"][0] == "org"
    assert seen["Madrid"] == ("place", "ES")  # where the match was: a place
    assert found("Paris 2024 budget talks resumed in Paris.")["Paris"] == ("place", "FR")


def test_a_country_beating_another_with_a_score_is_its_national_side():
    seen = found("South Africa beat New Zealand 15-12 after extra time on Saturday.")
    assert seen["South Africa"] == ("org", "ZA") and seen["New Zealand"] == ("org", "NZ")
    talks = found("England beat Pakistan to a trade deal.")  # no score: countries
    assert talks["England"][0] == talks["Pakistan"][0] == "place"


def test_listed_companies_beyond_the_knowledge_base_are_organisations_with_a_home_country():
    seen = found("Umicore and Fortum rose, while Hochtief fell after Next plc reported.")
    assert seen["Umicore"] == ("org", "BE")
    assert seen["Fortum"] == ("org", "FI") and seen["Hochtief"] == ("org", "DE")
    assert seen["Next plc"][0] == "org"
    assert "Next" not in seen  # a short form that is an ordinary word is left out


def test_a_government_body_named_after_its_country_leaves_the_country_a_place():
    seen = found("China's Ministry of Commerce said exporters of gallium need licences.")
    assert seen["China"] == ("place", "CN") and seen["Ministry of Commerce"] == ("org", "CN")
    seen = found("The U.S. Treasury Department sanctioned two refiners.")
    assert seen["U.S."] == ("place", "US") and seen["Treasury Department"] == ("org", "US")
    seen = found("The U.S. Department of Defense agreed to a stake.")
    assert seen["U.S."] == ("place", "US") and seen["Department of Defense"][0] == "org"
    # A company's name keeps its country: it is no government body.
    seen = found("China National Petroleum Corp and U.S. Steel rose; China Mobile fell.")
    assert {"China National Petroleum Corp", "U.S. Steel", "China Mobile"} <= seen.keys()
    assert "China" not in seen and "U.S." not in seen


def test_an_appositive_after_a_list_describes_its_last_name_only():
    seen = found("Partners include TotalEnergies, Chevron and Azule Energy, a joint venture of BP and Eni.")
    assert seen["Chevron"] == ("org", "US") and seen["Azule Energy"][0] == "org"
    assert "Chevron and Azule Energy" not in seen
    assert "Partners" not in seen  # a listed company's short form that is an ordinary word


def test_a_leader_named_by_the_government_they_head():
    text = (
        "In 2025 the Trump administration revoked the licence. The Albanese government's effort paid off. "
        "The Japanese government, the Labour government and the Coalition government objected."
    )
    seen = found(text)
    assert seen["Trump"] == ("person", None) and seen["Albanese"] == ("person", None)
    assert seen["Japanese"][0] == "place" and seen.get("Labour", ("org",))[0] == "org"
    assert "Coalition" not in seen
