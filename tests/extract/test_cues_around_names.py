"""Names the knowledge base cannot know, read from the words around them (sentences written here)."""

from __future__ import annotations

from explorer.extract import extract_text


def found(text: str) -> dict[str, tuple[str, str, str | None]]:
    return {m.surface: (m.kind, m.name, m.country) for m in extract_text(text)}


def test_people_owning_something_named_after_a_relative_clause_or_led_by():
    assert found("President Ilse Marek's government fell on Friday.")["Ilse Marek"][0] == "person"
    assert found("Deputies backed Henrik Aalto's budget plan.")["Henrik Aalto"][0] == "person"
    assert (
        found("Dario Pellegrini, who founded the firm in 1998, resigned.")["Dario Pellegrini"][0] == "person"
    )
    assert found("The consortium, led by Harriet Osei, bid for the port.")["Harriet Osei"][0] == "person"
    assert found("A win for Tunde Bakare, Lagos's best-known banker, and his partners.")["Tunde Bakare"][
        0
    ] == ("person")


def test_arabic_particles_joined_to_the_name_stay_in_it():
    seen = found("Oil minister Khalid al-Rumaihi said exports rose.")
    assert seen["Khalid al-Rumaihi"][0] == "person"


def test_instrument_codes_name_the_company_before_them():
    seen = found("Shares of Oakridge Minerals (OKM.AX) fell while 6758.T slipped in Tokyo.")
    assert seen["Oakridge Minerals"] == ("org", "Oakridge Minerals", "AU")
    assert seen["OKM.AX"][:2] == ("org", "Oakridge Minerals")  # the code is the company, not a new name
    assert seen["6758.T"] == ("org", "6758.T", "JP")
    assert "U.S" not in found("The U.S. economy grew.")


def test_organisations_described_by_the_words_around_them():
    seen = found(
        "The insurer Halvorsen Mutual paid. Refiners such as Qingtai Petrochem and Lusong Chemical cut runs."
    )
    for name in ("Halvorsen Mutual", "Qingtai Petrochem", "Lusong Chemical"):
        assert seen[name][0] == "org", name
    assert found("Kestrel Grid, the national utility, raised tariffs.")["Kestrel Grid"][0] == "org"
    assert found("Brightwater chief executive Amal Haddad quit.")["Brightwater"][0] == "org"
    assert found("The company Mr Kwame Asante founded grew.").get("Mr Kwame Asante", ("person",))[0] != "org"


def test_company_forms_parties_and_forces():
    assert found("Output at PT Sumber Alam Jaya rose.")["PT Sumber Alam Jaya"] == (
        "org",
        "PT Sumber Alam Jaya",
        "ID",
    )
    assert found("Later the Social Democrats agreed to the plan.")["Social Democrats"][0] == "org"
    assert found("Jets ordered by the Indian Air Force arrived.")["Indian Air Force"][0] == "org"
    assert found("The Kospi fell 1.4% and the Taiex rose.")["Kospi"] == ("org", "KOSPI", "KR")


def test_an_owners_mark_is_not_part_of_an_organisations_name():
    for text in ("The Bank of Japan’s board voted.", "The Bank of Japan's board voted."):
        orgs = [m for m in extract_text(text) if m.kind == "org"]
        assert [(m.surface, m.name) for m in orgs] == [("Bank of Japan", "Bank of Japan")]
    assert found("The Ministry of Mines's ruling stands.")["Ministry of Mines"][0] == "org"


def test_large_islands_are_places_of_their_country():
    seen = found("Chipmakers expand on Kyushu while rebels on Mindanao and farmers on Sumatra wait.")
    assert (seen["Kyushu"][0], seen["Kyushu"][2]) == ("place", "JP")
    assert (seen["Mindanao"][2], seen["Sumatra"][2]) == ("PH", "ID")


def test_places_no_gazetteer_lists_are_known_by_their_shape_and_take_a_country_from_around_them():
    seen = found(
        "Growers in the Tarrawong Valley and along the Kelso River in Australia cut output. "
        "Protests spread through Vellamar province. A new mill opened in Oskarby, in Sweden, on Monday."
    )
    assert seen["Tarrawong Valley"] == ("place", "Tarrawong Valley", "AU")  # the same sentence's place
    assert seen["Kelso River"][0] == "place"
    assert seen["Vellamar"] == ("place", "Vellamar", "AU")  # the kind word is not the name; nearest before
    assert seen["Oskarby"] == ("place", "Oskarby", "SE")  # inside the place named after it
    compass = found("Nickel output in North Maluku rose, but South China Sea shipping fell.")
    assert compass["North Maluku"] == ("place", "North Maluku", "ID")  # beside the listed "Maluku"
    assert "South China" not in compass  # a country, not a region, after the compass word
    kivu = found("Fighting in North Kivu spread, but Kivu's lake towns stayed calm.")
    assert kivu["North Kivu"][:1] == ("place",) and "Kivu" in kivu  # named in full, then alone
    assert "The Valley" not in found("The Valley fell silent. Each province voted.")
    assert "Each" not in found("Each province voted.")


def test_features_named_kind_word_first_and_areas_after_their_kind_word_or_in_a_list():
    seen = found(
        "Ferries in Kenya cross Lake Tarrawong near Mount Oskar. A cable under the Gulf of Finland broke. "
        "Floods on the Vellam, Oskar and Tarra rivers hit Pakistan. Troops entered the state of Vellamar "
        "and the provinces of Kelsor and Ambrin. Trucks crossed the Tarrawong Bridge."
    )
    assert seen["Lake Tarrawong"] == ("place", "Lake Tarrawong", "KE")
    assert seen["Mount Oskar"][0] == "place"
    assert seen["Gulf of Finland"][0] == "place"  # in place of "Gulf" and "Finland" found inside it
    assert "Finland" not in seen and "Gulf" not in seen
    assert [seen[name] for name in ("Vellam", "Oskar", "Tarra")] == [
        ("place", name, "PK") for name in ("Vellam", "Oskar", "Tarra")
    ]
    assert seen["Vellamar"][0] == seen["Kelsor"][0] == seen["Ambrin"][0] == "place"
    assert seen["Tarrawong Bridge"][0] == "place"


def test_a_party_named_after_its_leader_makes_the_leader_a_person():
    seen = found("Deputies from Ilse Marek's Liberal Party walked out.")
    assert seen["Ilse Marek"][0] == "person"
    assert found("Critics of R.K. Varma's Janata Party spoke.")["R.K. Varma"][0] == "person"
    after_company = found("Halvorsen Mutual's Oakridge Minerals unit fell.")
    assert all(kind != "person" for kind, _, _ in after_company.values())


def test_public_bodies_joining_two_fields_or_going_on_with_for_keep_their_whole_name():
    seen = found(
        "The Water and Sanitation Ministry of Veloria met the Movement for the Survival of the Tarru People."
    )
    assert "Water and Sanitation Ministry" in seen or "Water and Sanitation Ministry of Veloria" in seen
    assert seen["Movement for the Survival of the Tarru People"][0] == "org"
    listed = found("Nvidia and AMD Board members met.")  # two known names listed, not one name
    assert listed["Nvidia"][0] == "org" and listed["AMD"][0] == "org"
    assert not any(" and " in name for name in listed)


def test_bodies_of_communities_forces_and_organisations_joining_fields_keep_their_whole_name():
    seen = found(
        "The Food and Fisheries Organization and the Tarrawong Growers and Exporters Association met "
        "envoys of the Economic Community of Vellamar States and the Democratic Forces for the Liberation "
        "of Oskaria."
    )
    for name in (
        "Food and Fisheries Organization",
        "Tarrawong Growers and Exporters Association",
        "Economic Community of Vellamar States",
        "Democratic Forces for the Liberation of Oskaria",
    ):
        assert seen[name][0] == "org", name


def test_a_companys_name_does_not_go_on_with_of_and_a_place():
    seen = found("The port is run by a unit of Kelsor Ports Holdings of Hong Kong.")
    assert seen["Kelsor Ports Holdings"][0] == "org"
    assert seen["Hong Kong"][0] == "place"


def test_a_role_and_a_name_after_a_body_are_not_part_of_it():
    seen = found("Bank of Japan Governor Kazuo Ueda said rates would rise.")
    assert seen["Bank of Japan"][0] == "org"
    assert seen["Kazuo Ueda"][0] == "person"


def test_a_name_before_the_word_party_is_the_party():
    seen = found("Voters backed the Veloria First party, while the Tarru Renewal party lost. The party met.")
    assert seen["Veloria First"][0] == "org" and seen["Tarru Renewal"][0] == "org"
    assert "The" not in seen
    assert "Sizwe" not in found("The uMkhonto weSizwe party campaigned.")


def test_two_capitalised_words_no_rule_took_inside_a_sentence_are_a_person():
    seen = found("The incumbent finished third behind Tavish Orrenby in the vote.")
    assert seen["Tavish Orrenby"] == ("person", "Tavish Orrenby", None)
    things = found(
        "Talks under the Common Framework resumed. Creditors met on Kelso Island, near Halvorsen Shoal. "
        "Mr Orrenby spoke. Output at Strathmore Mineral Services rose."
    )
    assert all(kind != "person" or name == "Orrenby" for kind, name, _ in things.values()), things
    assert "Tavish Orrenby" not in found("Tavish Orrenby finished third.")  # a sentence's first words: no
    terms = found("The bank held its Official Cash Rate while the Foreign Subsidies Regulation took effect.")
    assert all(kind != "person" for kind, _, _ in terms.values()), terms


def test_a_company_word_of_another_language_makes_the_run_a_company_and_known_names_run_on():
    seen = found("Lima's port is owned by Velmar Compañía Naviera and by Peru's Grupo Tarrasco.")
    assert seen["Velmar Compañía Naviera"][0] == "org"
    assert seen["Grupo Tarrasco"][0] == "org" and seen["Peru"][0] == "place"  # the owner is no part of it
    held = found("Stakes are held by Sony Semiconductor Solutions.")
    assert held["Sony Semiconductor Solutions"][:2] == ("org", "Sony")  # the known company, named in full


def test_an_organisation_named_in_full_is_the_same_organisation_by_its_first_word_later():
    seen = found("Halvorsen Holdings paid. Later Halvorsen cut its claims. China Mobile rose; China grew.")
    assert seen["Halvorsen"] == ("org", "Halvorsen Holdings", None)
    assert seen["China"][0] == "place"  # a word that names something itself is no short form
    assert "Halvorsen" not in found("Halvorsen cut its claims. Halvorsen Holdings paid.")  # only after


def test_a_town_whose_name_joins_words_with_small_ones_is_found_hyphenated_too():
    seen = found("Boats are built at Barrow-in-Furness; fans in Newcastle-upon-Tyne cheered.")
    assert seen["Barrow-in-Furness"][0] == "place" and seen["Barrow-in-Furness"][2] == "GB"
    assert seen["Newcastle-upon-Tyne"][0] == "place"


def test_a_speaker_before_of_and_their_organisation_is_a_person():
    seen = found('"Prices will fall," said Tarik Vellamo of the Kelsor Institute in Nairobi.')
    assert seen["Tarik Vellamo"][0] == "person"
    assert "Kelsor Chamber" not in found('"No," said Kelsor Chamber of Mines.')  # a body's words


def test_two_capitalised_words_after_in_at_or_near_are_no_person():
    seen = found(
        "Doctors in Vella Marsh reported shortages, and crews at Oskar Point waited near Tarra Bend."
    )
    assert not any(kind == "person" for kind, _, _ in seen.values())


def test_treasurers_priests_and_officers_are_titles():
    seen = found("Treasurer Ilse Marek and Father Tarik Vellamo met Commander Henrik Aalto.")
    assert {name: seen[name][0] for name in ("Ilse Marek", "Tarik Vellamo", "Henrik Aalto")} == {
        "Ilse Marek": "person",
        "Tarik Vellamo": "person",
        "Henrik Aalto": "person",
    }


def test_bodies_named_in_other_languages_forces_forums_and_izafe_names_are_organisations():
    seen = found(
        "An analyst at the Universidad de Vellamar said the Banco Central de la República Oskaria and "
        "Unión por la Kelsoria disagree. The Kelsor Support Forces and the Tarra Islands Forum met "
        "envoys of Lashkar-e-Vellam and the Jamaat-e-Oskar."
    )
    for name in (
        "Universidad de Vellamar",
        "Banco Central de la República Oskaria",
        "Unión por la Kelsoria",
        "Kelsor Support Forces",
        "Tarra Islands Forum",
        "Lashkar-e-Vellam",
        "Jamaat-e-Oskar",
    ):
        assert seen[name][0] == "org", name


def test_a_body_named_only_in_words_of_bodies_is_one():
    assert found("The Minerals Commission says it will act.")["Minerals Commission"][0] == "org"


def test_what_is_near_or_a_town_of_is_a_place_of_the_country_around_it():
    seen = found("Troops in Armenia held posts near Vellak Dor, and tankers waited at the port of Oskarna.")
    assert seen["Vellak Dor"] == ("place", "Vellak Dor", "AM")
    assert seen["Oskarna"] == ("place", "Oskarna", "AM")
    assert found("They met near Ilse Marek's farm.")["Ilse Marek"][0] == "person"


def test_an_owner_before_a_shaped_place_is_not_part_of_its_name():
    seen = found("Farmers in Armenia's Vellak province, Egypt's North Sinai and Vietnam's Central Highlands.")
    assert seen["Vellak"] == ("place", "Vellak", "AM")
    assert seen["North Sinai"][::2] == ("place", "EG")
    assert seen["Central Highlands"][::2] == ("place", "VN")


def test_shapes_of_places_and_names_stop_where_titles_owners_and_buildings_begin():
    ghana = found("Foreign Minister of Ghana Samuel Okudzeto said talks would resume.")
    assert ghana["Ghana"][0] == "place" and not any(
        k == "person" and "Ghana" in s for s, (k, _, _) in ghana.items()
    )
    seen = found(
        "Floods hit the city of Mombasa and President Ruto visited. He sat near Pope Leo. Clashes broke out "
        "near Agarak's copper mine. She was treated at Mount Sinai Hospital. Fighters entered Kurdish-held "
        "territory in what Israel calls the Jewish state."
    )
    for wrong in ("President Ruto", "Pope Leo", "Agarak's", "Mount Sinai Hospital", "Kurdish-held", "Jewish"):
        assert seen.get(wrong, ("",))[0] != "place", wrong


def test_prefixes_before_a_hyphen_owners_inside_a_list_and_a_countrys_forces():
    seen = found("Pro-Russian separatists met Anti-Israel protesters.")
    assert seen["Russian"][0] == seen["Israel"][0] == "place"
    unis = found("Researchers at Chile's Universidad de Vellamar and Brazil's Universidade de Oskar said.")
    assert unis["Universidad de Vellamar"][0] == unis["Universidade de Oskar"][0] == "org"
    assert unis["Brazil"][0] == "place"
    headline = found("Israeli Forces Raid Jenin Camp")
    assert headline["Israeli"][0] == "place" and "Israeli Forces" not in headline


def test_a_hyphenated_title_inside_a_run_cues_the_name_after_it():
    seen = found("United Nations Secretary-General Tarik Vellamo expressed regret.")
    assert seen["Tarik Vellamo"][0] == "person"


def test_a_name_of_a_body_or_a_country_is_a_person_of_it():
    seen = found(
        "Vellak Dorun of the Kelsor Party and Oskarn Telvi of Oskaria met in the Democratic Republic "
        "of Congo."
    )
    assert seen["Vellak Dorun"][0] == seen["Oskarn Telvi"][0] == "person"
    assert all(kind != "person" for kind, _, _ in (v for k, v in seen.items() if "Republic" in k))
