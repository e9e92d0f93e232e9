"""Today's summary counts first-contact resolution: the share of yes among those who answered."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from fake_clock import FakeClock
from manager_area import open_area
from manager_fixtures import cards_on, seeded_store
from pytestqt.qtbot import QtBot

from kiosk.core.card import Card
from kiosk.store.cards import CardStore
from kiosk.ui.i18n import LanguageSwitcher


def test_today_counts_who_got_what_they_came_for(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    store = seeded_store(data_dir, clock)
    area = open_area(qtbot, store, clock, tmp_path)
    page = area.summary
    today = cards_on(store, clock().date())
    answers = Counter(c.resolution for c in today)
    answered = answers["yes"] + answers["partly"] + answers["not_yet"]
    assert 0 < answered < len(today)
    assert page.resolved_tile.value.text() == f"{answers['yes'] / answered * 100:.0f} %"
    assert page.resolved_tile.caption.text() == "resolved on the first visit"
    heading, text = page.lists[4]
    assert heading.text() == "Resolved on the first visit"
    assert text.text() == (
        f"Yes {answers['yes']} · Partly {answers['partly']} · Not yet {answers['not_yet']}\n"
        f"{answered} of {len(today)} visitors answered"
    )
    assert "· resolved " in page.week_line.text() and "· resolved " in page.month_line.text()
    switcher = LanguageSwitcher()
    switcher.set_language("es")
    try:
        assert page.resolved_tile.caption.text() == "resueltos en la primera visita"
        assert text.text().startswith(f"Sí {answers['yes']} · En parte {answers['partly']}")
    finally:
        switcher.set_language("en")
    store.close()


def test_no_answer_yet_reads_as_nothing_yet(
    qtbot: QtBot, store: CardStore, clock: FakeClock, tmp_path: Path
) -> None:
    store.create(Card.new(5, "en", "demo-kiosk", "0.1.0", clock))
    area = open_area(qtbot, store, clock, tmp_path)
    assert area.summary.resolved_tile.value.text() == "–"
    assert area.summary.lists[4][1].text() == "Nothing yet"


def test_five_tiles_in_a_row_on_a_wide_screen_three_over_two_in_portrait(
    qtbot: QtBot, store: CardStore, clock: FakeClock, tmp_path: Path
) -> None:
    area = open_area(qtbot, store, clock, tmp_path)
    page = area.summary
    tiles = page.tile_order()
    assert len({t.geometry().top() for t in tiles}) == 1
    area.resize(800, 1280)
    qtbot.waitUntil(lambda: len({t.geometry().top() for t in tiles}) == 2)
    assert page.resolved_tile.geometry().top() > page.cards_tile.geometry().top()
