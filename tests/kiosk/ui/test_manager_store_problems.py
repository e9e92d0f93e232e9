"""The manager's actions on a card file the machine fails (read-only, full, damaged), on the real
widgets offscreen: each page says what happened in plain words and the manager stays there."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock
from manager_area import export, open_area
from manager_fixtures import seeded_store
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from store_faults import damage_cards, disk_full, read_only

from kiosk.core.resources import locale_dir
from kiosk.store.cards import CardStore
from kiosk.store.manager_settings import ManagerSettings

READ_ONLY = "The card database is read-only: nothing can be saved. Ask IT."
FULL = "The disk is full. Ask IT to free space."
DAMAGED = "The card database is damaged. Ask IT to check it."


@pytest.fixture
def damaged_store(data_dir: Path, clock: FakeClock) -> Iterator[CardStore]:
    """The seeded file with its cards' pages overwritten; the manager's own tables are sound."""
    seeded_store(data_dir, clock).close()
    damage_cards(data_dir / "cards.db")
    store = CardStore.in_dir(data_dir, clock)
    yield store
    store.close()


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(locale_dir() / "kiosk_es.qm")), "run scripts/dev.sh setup"
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_saving_a_setting_on_a_read_only_file_says_so_on_the_settings_page(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    store = seeded_store(data_dir, clock)
    area = open_area(qtbot, store, clock, tmp_path)
    area.show_screen("settings")
    read_only(store)
    page = area.settings
    page.idle.setText("120")
    with qtbot.assertNotEmitted(area.settings_changed):
        qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    assert page.error.isVisible()
    assert page.error.text() == f"Error: the settings were not saved. {READ_ONLY}"
    assert page.status.text() == ""
    assert area.isVisible() and area.pages.currentWidget() is page
    assert page.idle.text() == "120"  # what the manager typed is still there to try again
    assert ManagerSettings(store).overrides() == {}


def test_the_message_is_in_the_language_the_manager_reads(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, tmp_path: Path, spanish: None
) -> None:
    store = seeded_store(data_dir, clock)
    area = open_area(qtbot, store, clock, tmp_path)
    area.show_screen("settings")
    read_only(store)
    area.settings.idle.setText("120")
    qtbot.mouseClick(area.settings.save, Qt.MouseButton.LeftButton)
    assert area.settings.error.text() == (
        "Error: no se guardó la configuración. La base de datos de opiniones es de solo lectura: "
        "no se puede guardar nada. Avise a TI."
    )


@pytest.mark.parametrize(
    ("fault", "words"), [(read_only, READ_ONLY), (disk_full, FULL)], ids=["read-only", "full"]
)
def test_answering_a_follow_up_the_disk_refuses_keeps_the_answer_and_says_why(
    qtbot: QtBot,
    data_dir: Path,
    clock: FakeClock,
    tmp_path: Path,
    fault: Callable[[CardStore], CardStore],
    words: str,
) -> None:
    store = seeded_store(data_dir, clock)
    area = open_area(qtbot, store, clock, tmp_path)
    area.show_screen("followups")
    before = len(area.followups.items)
    item = area.followups.items[0]
    fault(store)
    qtbot.mouseClick(item.answer, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(item.note, "Called back, " + "the bus stop explained at length. " * 8)
    qtbot.keyClicks(item.who, "Ms. Ortiz")
    qtbot.mouseClick(item.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(item.error.isVisible)  # the list's items are shown by the event loop
    assert item.error.text() == f"Error: the answer was not saved. {words}"
    assert item.form.isVisible() and item.who.text() == "Ms. Ortiz"
    assert len(area.followups.items) == before
    assert area.pages.currentWidget() is area.followups
    assert not area.problem.isVisible()  # said at the answer, not somewhere above it


def test_a_report_from_a_damaged_file_says_so_on_the_reports_page(
    qtbot: QtBot, damaged_store: CardStore, clock: FakeClock, tmp_path: Path
) -> None:
    area = open_area(qtbot, damaged_store, clock, tmp_path)
    assert area.problem.text() == f"Error: {DAMAGED}"  # the summary could not be read either
    area.show_screen("reports")
    page = area.reports
    for kind in ("csv", "pdf"):
        said = export(area, qtbot, kind)
        assert said == f"Error: the report could not be made. {DAMAGED}"
        assert page.result.text() == said
        assert area.export_sheet.status.text() == said
        assert page.csv.isEnabled()  # the manager may try again
    assert area.pages.currentWidget() is page
    assert not list(tmp_path.rglob("*.pdf"))  # no half-painted report left behind


def test_a_shorter_retention_on_a_damaged_file_saves_and_says_what_it_could_not_remove(
    qtbot: QtBot, damaged_store: CardStore, clock: FakeClock, tmp_path: Path
) -> None:
    area = open_area(qtbot, damaged_store, clock, tmp_path)
    area.show_screen("settings")
    page = area.settings
    page.retention.setText("2")
    with qtbot.waitSignal(area.settings_changed):
        qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    assert page.error.text() == f"Error: old contact details could not be removed. {DAMAGED}"
    assert page.error.isVisible()
    assert ManagerSettings(damaged_store).overrides() == {"contact_retention_days": "2"}
    assert area.pages.currentWidget() is page


def test_the_cards_of_a_damaged_file_say_why_they_are_not_shown(
    qtbot: QtBot, damaged_store: CardStore, clock: FakeClock, tmp_path: Path
) -> None:
    area = open_area(qtbot, damaged_store, clock, tmp_path)
    area.show_screen("cards")
    page = area.cards
    page.has_comment.click()  # a filter the manager taps
    assert page.problem.isVisible()
    assert page.problem.text() == f"Error: the cards cannot be shown. {DAMAGED}"
    assert page.model.rowCount() == 0
