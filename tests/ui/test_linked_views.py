"""One shared filter: facets, the timeline, the reader and history drive all three views."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtTest import QTest

from explorer.model import Filter
from explorer.ui.reader.facets import KEY_ROLE
from tests.ui.conftest import run_js


def map_state(app, qtbot):
    return run_js(qtbot, app.window.map_panel.page, "ExplorerMap.snapshot()")


def network_settled(app, qtbot):
    network = app.window.network_panel
    qtbot.waitUntil(lambda: network._task is None and bool(network.scene.nodes), timeout=20_000)
    return network


def facet_item(facets, group_key: str, label: str):
    for i in range(facets.topLevelItemCount()):
        group = facets.topLevelItem(i)
        if group.data(0, KEY_ROLE) != group_key:
            continue
        for j in range(group.childCount()):
            if group.child(j).text(0) == label:
                return group.child(j)
    raise AssertionError(f"no facet {group_key}/{label}")


def test_facet_click_narrows_all_three_views(app, qtbot):
    reader = app.window.reader_panel
    before_rows = reader.model.rowCount()
    network = network_settled(app, qtbot)
    before_nodes = dict(network.graph.nodes(data="mentions"))
    reader.tabs.setCurrentWidget(reader.facets)
    reader.facets._chosen(facet_item(reader.facets, "country", "Australia"))
    assert app.state.filter.countries == ("AU",)
    rows = [reader.model.row_at(i) for i in range(reader.model.rowCount())]
    assert 0 < len(rows) < before_rows and all("AU" in r.countries for r in rows)
    qtbot.waitUntil(lambda: map_state(app, qtbot)["selected"] == ["AU"], timeout=5_000)
    network = network_settled(app, qtbot)
    qtbot.waitUntil(lambda: dict(network.graph.nodes(data="mentions")) != before_nodes, timeout=20_000)
    assert all(m <= len(rows) for _n, m in network.graph.nodes(data="mentions"))


def test_timeline_range_narrows_the_views_and_back_restores(app, qtbot):
    reader = app.window.reader_panel
    everything = reader.model.rowCount()
    counts_before = map_state(app, qtbot)["counts"]
    app.window.timeline.view.range_selected.emit("2024-06-01", "2024-09-30")
    flt = app.state.filter
    assert (flt.date_from, flt.date_to) == ("2024-06-01", "2024-09-30")
    rows = [reader.model.row_at(i) for i in range(reader.model.rowCount())]
    assert 0 < len(rows) < everything
    assert all("2024-06-01" <= r.published <= "2024-09-30" for r in rows)
    qtbot.waitUntil(
        lambda: sum(map_state(app, qtbot)["counts"].values()) < sum(counts_before.values()), timeout=5_000
    )
    assert app.window.breadcrumb.text() == "Dates: 2024-06-01 – 2024-09-30"
    app.window.back_action.trigger()
    assert app.state.filter == Filter()
    assert reader.model.rowCount() == everything
    app.window.forward_action.trigger()
    assert app.state.filter.date_from == "2024-06-01"


def test_breadcrumb_chip_removes_one_part(app, qtbot):
    app.state.set(Filter(query="oil", countries=("SA",)))
    chips = app.window.breadcrumb.chips
    assert [c.text() for c in chips] == ["Search: “oil”  ✕", "Country: Saudi Arabia  ✕"]
    chips[1].click()
    assert app.state.filter == Filter(query="oil")
    assert app.window.search.text() == "oil"


def test_clicking_an_entity_in_the_reader_selects_it_on_the_map_and_in_the_network(app, qtbot):
    reader = app.window.reader_panel
    row = next(i for i in range(reader.model.rowCount()) if "Woodside" in reader.model.row_at(i).title)
    reader.table.selectRow(row)
    woodside = next(
        e for e, *_ in app.store.briefing_mentions(app.state.briefing_id) if e.name == "Woodside Energy"
    )
    assert f'href="entity:{woodside.id}"' in reader.reader.toHtml() or "entity:" in reader.reader.toHtml()
    reader._on_anchor(QUrl(f"entity:{woodside.id}"))
    assert app.state.filter.entity_ids == (woodside.id,)
    qtbot.waitUntil(lambda: "AU" in map_state(app, qtbot)["selected"], timeout=5_000)
    network = network_settled(app, qtbot)
    qtbot.waitUntil(lambda: woodside.id in network.highlighted(), timeout=20_000)


def test_query_hint_highlights_and_tags(app, qtbot):
    window = app.window
    window.search.setText("lithium colour:red")
    qtbot.waitUntil(lambda: "unknown field" in window.search_hint.text(), timeout=3_000)
    assert app.state.filter.query == "lithium colour:red"
    assert window.reader_panel.model.rowCount() > 0  # the valid part still searches
    window.reader_panel.table.selectRow(0)
    assert "background:#fff1a8" in window.reader_panel.reader.toHtml().replace(" ", "").lower() or (
        "fff1a8" in window.reader_panel.reader.toHtml().lower()
    )
    reader = window.reader_panel
    reader.tags_edit.setText("watch, Lithium supply")
    reader.note_edit.setPlainText("ask the desk")
    reader.save_button.click()
    marked = app.state.briefing_id
    window.search.setText("tag:lithium-supply")
    qtbot.waitUntil(lambda: app.state.filter.query == "tag:lithium-supply", timeout=3_000)
    assert [reader.model.row_at(i).id for i in range(reader.model.rowCount())] == [marked]
    assert window.search_hint.text() == ""
    text = reader.copy_markdown()
    assert text.startswith("# ") and "## Geopolitical Implications" in text


def test_provenance_from_a_map_country_a_marker_and_the_reader(app, qtbot):
    panel = app.window.map_panel
    # Australia through "in ASX trading": the evidence shows the sentence with the exchange.
    dialog = panel.show_country_evidence("AU")
    text = dialog.text.toPlainText()
    assert "OpenAI says it has evidence DeepSeek" in text
    assert "ASX" in text
    dialog.close()
    canberra = next(p for p in app.store.place_counts() if p.name == "Canberra")
    panel.bridge.known_places.add(canberra.id)
    with qtbot.waitSignal(panel.bridge.place_evidence, timeout=2_000):
        panel.bridge.placeEvidence(str(canberra.id))
    reader = app.window.reader_panel
    tsmc = next(e for e in app.store.entities(limit=500) if e.name == "TSMC")
    evidence = reader.show_evidence(tsmc.id).text.toPlainText()
    assert evidence.count("—") >= 3 and "TSMC" in evidence


def links(browser) -> dict[str, int]:
    """The links a text browser shows: href → the position of its first character."""
    found, block = {}, browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            found.setdefault(fragment.charFormat().anchorHref(), fragment.position())
            it += 1
        block = block.next()
    found.pop("", None)
    return found


def click_link(browser, href: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A real mouse click on the link where the text browser draws it."""
    cursor = browser.textCursor()
    cursor.setPosition(links(browser)[href] + 1)
    point = browser.cursorRect(cursor).center()
    QTest.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, modifier, point)


def test_ctrl_click_in_the_text_adds_an_entity_and_a_plain_click_replaces(app, qtbot):
    reader = app.window.reader_panel
    ids = {e.name: e.id for e in app.store.entities(limit=500)}
    tsmc, nvidia = ids["TSMC"], ids["Nvidia"]
    reader.filter_to_entity(tsmc)
    only_tsmc = reader.model.rowCount()
    shared = app.store.list_briefings(Filter(entity_ids=(tsmc, nvidia)), limit=50)
    assert 0 < len(shared) < only_tsmc
    app.state.select_briefing(shared[0].id)
    qtbot.waitUntil(lambda: f"entity:{nvidia}" in links(reader.reader), timeout=5_000)
    click_link(reader.reader, f"entity:{nvidia}", Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: app.state.filter.entity_ids == (tsmc, nvidia), timeout=3_000)
    assert reader.model.rowCount() == len(shared)
    click_link(reader.reader, f"entity:{nvidia}")
    qtbot.waitUntil(lambda: app.state.filter.entity_ids == (nvidia,), timeout=3_000)


def test_an_evidence_title_opens_its_briefing_with_the_entity_highlighted(app, qtbot):
    reader = app.window.reader_panel
    tsmc = next(e for e in app.store.entities(limit=500) if e.name == "TSMC")
    dialog = reader.show_evidence(tsmc.id)
    assert 'background-color:#fff1a8;">TSMC</span>' in dialog.text.toHtml().replace(" ", "")
    target = next(int(h[9:]) for h in links(dialog.text) if h.startswith("briefing:"))
    assert target != app.state.briefing_id
    click_link(dialog.text, f"briefing:{target}")
    qtbot.waitUntil(lambda: app.state.briefing_id == target, timeout=3_000)
    assert reader.current_title() == app.store.get_briefing(target).briefing.title
    dialog.close()
