"""The manager area's real widgets on a seeded SQLite file, driven as the office manager would."""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fake_clock import FakeClock
from manager_area import Machine, export, open_area, place_button
from manager_fixtures import cards_on, face_counts, seeded_store
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle
from pytestqt.qtbot import QtBot

import kiosk
from kiosk.core.card import Card
from kiosk.core.config import LANGUAGE_NAMES, Config, SyncConfig
from kiosk.core.resources import locale_dir
from kiosk.store import reports
from kiosk.store.cards import CardStore, SyncStatus
from kiosk.store.manager_settings import ManagerSettings
from kiosk.store.reports import NO_ROLE
from kiosk.ui.faces import face_word
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.manager import ManagerArea
from kiosk.ui.manager.area import NAV_WIDTH
from kiosk.ui.manager.cards_model import DETAILS, FACE, FOLLOWUP, PAGE, TIME, VISITOR
from kiosk.ui.manager.followups_page import FollowUpItem
from kiosk.ui.manager.report_job import JobThread
from kiosk.ui.manager.widgets import clock_time, day_and_time
from kiosk.ui.theme import apply_theme


@pytest.fixture
def store(data_dir: Path, clock: FakeClock) -> CardStore:
    return seeded_store(data_dir, clock)


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    return Machine(tmp_path / "machine")


@pytest.fixture
def area(
    qtbot: QtBot, store: CardStore, clock: FakeClock, tmp_path: Path, machine: Machine
) -> ManagerArea:
    return open_area(qtbot, store, clock, tmp_path, machine=machine)


def test_today_shows_the_counts_of_todays_cards(
    area: ManagerArea, store: CardStore, clock: FakeClock
) -> None:
    cards = cards_on(store, clock().date())
    assert area.summary.cards_tile.value.text() == str(len(cards))
    assert area.summary.bars.tally.faces == face_counts(cards)
    happy = sum(c.rating >= 4 for c in cards) / len(cards)
    assert area.summary.positive_tile.value.text() == f"{happy * 100:.0f} %"
    assert area.summary.trend_chart.trend.tally.cards == store.count()
    for rating in range(1, 6):  # every bar carries its word, not colour alone
        assert face_word(rating) in area.summary.bars.accessibleDescription()


def _shown_ids(area: ManagerArea) -> list[str]:
    model = area.cards.model
    while model.canFetchMore():
        model.fetchMore()
    return [row.id for row in model.rows]


def test_cards_list_newest_first_and_each_filter(
    area: ManagerArea, store: CardStore, clock: FakeClock, qtbot: QtBot
) -> None:
    area.show_screen("cards")
    page = area.cards
    yesterday = clock().date() - timedelta(days=1)
    qtbot.mouseClick(page.day.previous, Qt.MouseButton.LeftButton)
    cards = sorted(cards_on(store, yesterday), key=lambda c: c.created_at, reverse=True)
    assert _shown_ids(area) == [c.id for c in cards]
    assert page.count.text() == f"Cards shown: {len(cards)}"

    page.face.setCurrentIndex(page.face.findData(2))
    assert set(_shown_ids(area)) == {c.id for c in cards if c.rating == 2}
    page.face.setCurrentIndex(0)

    page.role.setCurrentIndex(page.role.findData("parent"))
    assert set(_shown_ids(area)) == {c.id for c in cards if c.role == "parent"}
    page.role.setCurrentIndex(page.role.findData(NO_ROLE))
    assert set(_shown_ids(area)) == {c.id for c in cards if c.role is None}
    page.role.setCurrentIndex(0)

    qtbot.mouseClick(page.has_comment, Qt.MouseButton.LeftButton)
    assert set(_shown_ids(area)) == {c.id for c in cards if c.comment}
    qtbot.mouseClick(page.has_comment, Qt.MouseButton.LeftButton)

    qtbot.mouseClick(page.wants_followup, Qt.MouseButton.LeftButton)
    assert set(_shown_ids(area)) == {c.id for c in cards if c.followup_requested}


def test_tapping_a_card_shows_its_whole_comment(
    area: ManagerArea, store: CardStore, clock: FakeClock, qtbot: QtBot
) -> None:
    area.show_screen("cards")
    page = area.cards
    qtbot.mouseClick(page.has_comment, Qt.MouseButton.LeftButton)
    first = page.model.rows[0]
    cell = page.table.visualRect(page.model.index(0, 1)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert page.detail.isVisible()
    assert f"“{first.comment}”" in page.detail.text()
    assert face_word(first.rating) in page.detail.text()


def test_cards_list_fetches_pages_as_the_view_scrolls(
    area: ManagerArea, store: CardStore, clock: FakeClock, qtbot: QtBot
) -> None:
    # Move every seeded card to today: a day far busier than one page.
    store.db.conn.execute("UPDATE cards SET local_date = ?", [clock().date().isoformat()])
    area.show_screen("cards")
    assert area.cards.model.rowCount() == PAGE
    area.cards.table.scrollToBottom()
    qtbot.waitUntil(lambda: area.cards.model.rowCount() > PAGE)


def test_answering_a_followup_is_stored_and_leaves_the_queue(
    area: ManagerArea, store: CardStore, data_dir: Path, clock: FakeClock, qtbot: QtBot
) -> None:
    area.show_screen("followups")
    before = len(area.followups.items)
    item = area.followups.items[0]
    card_id = item.followup.id
    qtbot.mouseClick(item.answer, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(item.save, Qt.MouseButton.LeftButton)
    assert item.error.text() == "Error: write who answered."
    qtbot.keyClicks(item.note, "Called back, bus stop explained")
    qtbot.keyClicks(item.who, "Ms. Ortiz")
    qtbot.mouseClick(item.save, Qt.MouseButton.LeftButton)
    assert len(area.followups.items) == before - 1
    assert area.nav.button(2).text() == f"Follow-ups ({before - 1})"
    reopened = CardStore.in_dir(data_dir, clock)
    assert reopened.db.conn.execute(
        "SELECT followup_note, followup_answered_by, followup_delivery FROM cards WHERE id = ?",
        [card_id],
    ).fetchone() == ("Called back, bus stop explained", "Ms. Ortiz", "pending")


def test_a_touch_only_manager_types_the_answer_on_the_built_in_keyboard(
    area: ManagerArea, store: CardStore, qtbot: QtBot
) -> None:
    area.show_screen("followups")
    item = area.followups.items[0]
    card_id = item.followup.id
    assert not area.keyboard.isVisible()
    qtbot.mouseClick(item.answer, Qt.MouseButton.LeftButton)  # the note field takes the focus
    qtbot.waitUntil(area.keyboard.isVisible)
    qtbot.mouseClick(item.who, Qt.MouseButton.LeftButton)  # and a tap moves it
    for key in "ana":
        qtbot.mouseClick(area.keyboard.keys[key], Qt.MouseButton.LeftButton)
    assert item.who.text() == "ana"
    qtbot.mouseClick(item.save, Qt.MouseButton.LeftButton)
    assert store.db.conn.execute(
        "SELECT followup_answered_by FROM cards WHERE id = ?", [card_id]
    ).fetchone() == ("ana",)
    area.show_screen("today")
    area.summary.setFocus()
    qtbot.waitUntil(lambda: not area.keyboard.isVisible())


def test_followup_countdown_turns_into_overdue(area: ManagerArea, clock: FakeClock) -> None:
    area.show_screen("followups")
    item = area.followups.items[0]
    left = item.followup.time_left(clock())
    assert item.countdown.text().endswith("left")
    clock.advance(seconds=left.total_seconds() + 3600)
    area.followups.tick()
    assert item.countdown.text().startswith("Overdue by 1 h")
    assert item.property("overdue") is True


def test_csv_and_pdf_from_the_reports_screen(
    area: ManagerArea, clock: FakeClock, qtbot: QtBot, machine: Machine
) -> None:
    area.show_screen("reports")
    page = area.reports
    for _ in range(2):
        qtbot.mouseClick(page.first.previous, Qt.MouseButton.LeftButton)
    export(area, qtbot, "csv")
    export(area, qtbot, "pdf")
    span = "2026-11-22_to_2026-11-24"
    csv_file = machine.documents / f"demo-elementary-school_demo-kiosk_{span}.csv"
    pdf_file = csv_file.with_suffix(".pdf")
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")
    assert pdf_file.stat().st_size > 1000
    saved = re.fullmatch(rf"Saved to {re.escape(str(pdf_file))}\. Pages: (\d+)", page.result.text())
    assert saved, page.result.text()
    if shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdfinfo, pdftotext) is not installed")
    info = subprocess.run(["pdfinfo", pdf_file], capture_output=True, text=True, check=True)
    assert re.search(rf"^Pages:\s+{saved[1]}$", info.stdout, re.MULTILINE)
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", pdf_file, "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Demo Elementary School" in text
    assert "Sunday, November 22, 2026 to Tuesday, November 24, 2026" in text
    assert f"Page 1 of {saved[1]}" in text


def test_closing_the_area_mid_report_still_writes_the_file(
    qtbot: QtBot, qapp: QApplication, store: CardStore, clock: FakeClock, tmp_path: Path
) -> None:
    machine = Machine(tmp_path / "machine")
    area = ManagerArea(store, Config(), clock, find_places=machine.finder().places)
    area.resize(1280, 800)
    area.show()
    area.show_screen("reports")
    area.reports.first.set_day(clock().date() - timedelta(days=30))
    qtbot.mouseClick(area.reports.csv, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(place_button(area, "Documents"), Qt.MouseButton.LeftButton)
    area.deleteLater()  # the lead's window may drop the area as soon as it is closed
    qtbot.waitUntil(lambda: not qapp.findChildren(JobThread), timeout=20_000)
    (out,) = machine.documents.glob("*.csv")
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == store.count() + 1


def test_a_report_that_cannot_be_written_says_why(
    area: ManagerArea, machine: Machine, qtbot: QtBot
) -> None:
    area.show_screen("reports")
    page = area.reports
    qtbot.mouseClick(page.csv, Qt.MouseButton.LeftButton)
    machine.documents.rmdir()  # gone between showing the place and tapping it
    with qtbot.waitSignal(page.finished, timeout=20_000):
        qtbot.mouseClick(place_button(area, "Documents"), Qt.MouseButton.LeftButton)
    assert page.result.text().startswith("Error: could not write to ")
    assert page.result.text().endswith("(No such file or directory)")
    assert area.export_sheet.status.text() == page.result.text()  # said where the tap was
    assert page.csv.isEnabled()
    assert all(b.isEnabled() for b in area.export_sheet.place_buttons)  # the manager may retry


def test_settings_error_is_shown_in_words(
    area: ManagerArea, store: CardStore, qtbot: QtBot
) -> None:
    area.show_screen("settings")
    page = area.settings
    qtbot.keyClicks(page.pin, "12")
    qtbot.keyClicks(page.repeat, "12")
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    assert page.error.isVisible()
    assert page.error.text() == "Error: The new PIN must be 4 to 12 digits."
    assert ManagerSettings(store).overrides() == {}


def test_saved_settings_reach_the_app(area: ManagerArea, qtbot: QtBot) -> None:
    area.show_screen("settings")
    page = area.settings
    qtbot.keyClicks(page.idle, "120")
    with qtbot.waitSignal(area.settings_changed) as changed:
        qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    assert changed.args[0].idle_timeout_seconds == 120
    assert page.status.text() == "Saved."


def test_a_shorter_retention_removes_old_contact_details_at_once(
    area: ManagerArea, store: CardStore, clock: FakeClock, qtbot: QtBot
) -> None:
    def old_contacts() -> int:
        return int(
            store.db.conn.execute(
                "SELECT count(*) FROM cards WHERE contact_name IS NOT NULL "
                "AND delivery = 'delivered' AND local_date < ?",
                [(clock().date() - timedelta(days=3)).isoformat()],
            ).fetchone()[0]
        )

    assert old_contacts() > 0
    area.show_screen("settings")
    area.settings.retention.setText("2")
    with qtbot.waitSignal(area.settings_changed):
        qtbot.mouseClick(area.settings.save, Qt.MouseButton.LeftButton)
    assert old_contacts() == 0


def test_sync_panel_shows_status_and_asks_for_a_sync(
    qtbot: QtBot, store: CardStore, clock: FakeClock
) -> None:
    config = Config(sync=SyncConfig(endpoint="https://district.example.org"))
    area = ManagerArea(store, config, clock)
    qtbot.addWidget(area)
    area.set_sync_status(
        SyncStatus(
            pending=12, rejected=2, last_error="kiosk not authorised", last_error_kind="auth"
        )
    )
    assert area.sync.pending.text() == "Cards: 12"
    assert area.sync.rejected.text() == "Cards: 2"
    assert area.sync.last_error.text() == "kiosk not authorised"
    assert area.sync.last_success.text() == "Never"
    with qtbot.waitSignal(area.sync_now_requested):
        qtbot.mouseClick(area.sync.sync_now, Qt.MouseButton.LeftButton)
    assert area.sync.sync_now.text() == "Syncing…" and not area.sync.sync_now.isEnabled()


def test_the_area_shows_the_kiosk_version(area: ManagerArea) -> None:
    assert area.version.text() == f"Version {kiosk.__version__}"


def test_close_and_quit_are_signals(area: ManagerArea, qtbot: QtBot) -> None:
    with qtbot.waitSignal(area.closed):
        qtbot.mouseClick(area.close_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(area.closed):  # Esc goes back, as on every kiosk screen
        qtbot.keyClick(area, Qt.Key.Key_Escape)
    with qtbot.waitSignal(area.exit_requested):
        qtbot.mouseClick(area.settings.quit, Qt.MouseButton.LeftButton)


def test_chip_and_role_labels_follow_the_language(area: ManagerArea) -> None:
    area.set_language("es")
    roles = [area.cards.role.itemText(i) for i in range(area.cards.role.count())]
    assert "Padre, madre o tutor" in roles


def test_installing_the_spanish_translation_retranslates_the_open_area(
    area: ManagerArea, qapp: QApplication, qtbot: QtBot
) -> None:
    translator = QTranslator()
    assert translator.load(str(locale_dir() / "kiosk_es.qm")), "run scripts/dev.sh setup"
    qapp.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: area.title.text() == "Área de administración")
        assert area.nav.button(0).text() == "Hoy"
        assert area.summary.cards_tile.caption.text() == "opiniones hoy"
        assert area.settings.save.text() == "Guardar la configuración"
    finally:
        qapp.removeTranslator(translator)
    qtbot.waitUntil(lambda: area.title.text() == "Manager area")


SCREEN_SIZES = [(800, 1280), (1280, 800)]


def _themed_area(
    qapp: QApplication, qtbot: QtBot, store: CardStore, clock: FakeClock, size: tuple[int, int]
) -> Iterator[ManagerArea]:
    """The area at a real screen size, with the kiosk's stylesheet and fonts, as it is shown."""
    font, sheet = qapp.font(), qapp.styleSheet()
    apply_theme(qapp, *size)
    try:
        widget = ManagerArea(store, Config(), clock)
        qtbot.addWidget(widget)
        widget.resize(*size)
        widget.show()
        qtbot.waitExposed(widget)
        yield widget
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setFont(font)


@pytest.fixture(params=SCREEN_SIZES, ids=["portrait", "landscape"])
def sized_area(
    request: pytest.FixtureRequest,
    qapp: QApplication,
    qtbot: QtBot,
    store: CardStore,
    clock: FakeClock,
) -> Iterator[ManagerArea]:
    yield from _themed_area(qapp, qtbot, store, clock, request.param)


def _fits(area: ManagerArea, column: int, text: str) -> bool:
    """Whether each line of a cell's text fits its column whole, without "…"."""
    table = area.cards.table
    margin = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
    room = table.horizontalHeader().sectionSize(column) - margin
    metrics = QFontMetrics(table.font())
    return all(metrics.horizontalAdvance(line) <= room for line in text.split("\n"))


@pytest.mark.parametrize("language", ["en", "es"])
def test_card_table_fits_the_screen_and_shows_all_a_manager_needs(
    sized_area: ManagerArea,
    store: CardStore,
    clock: FakeClock,
    qapp: QApplication,
    qtbot: QtBot,
    language: str,
) -> None:
    area = sized_area
    # Every seeded card today: faces, roles, both languages, comments and follow-ups in one list.
    store.db.conn.execute("UPDATE cards SET local_date = ?", [clock().date().isoformat()])
    translator = QTranslator()
    if language == "es":
        assert translator.load(str(locale_dir() / "kiosk_es.qm")), "run scripts/dev.sh setup"
        qapp.installTranslator(translator)
    try:
        area.set_language(language)
        area.show_screen("cards")
        qapp.processEvents()
        page, table, model = area.cards, area.cards.table, area.cards.model
        header = table.horizontalHeader()
        portrait = area.width() < area.height()

        # No sideways scrolling: the columns together are as wide as the table, no wider.
        assert table.horizontalScrollBar().maximum() == 0
        assert header.length() <= table.viewport().width()
        shown = [c for c in range(model.columnCount()) if not table.isColumnHidden(c)]
        assert shown == ([TIME, VISITOR, DETAILS] if portrait else list(range(5)))
        assert all(model.headerData(c, Qt.Orientation.Horizontal) for c in shown)
        # What the visitor said keeps room to be read; the rest shows whole, never cut.
        # (200 px: Spanish at 1280x800, beside "Miembro de la comunidad" whole, a 12-hour
        # "10:58 p.m." and 48 px finger-wide scroll bars; a tap shows the card in full.)
        assert header.sectionSize(DETAILS) >= 200
        text = {(r, c): model.index(r, c).data() for r in range(model.rowCount()) for c in shown}
        for (_, column), cell in text.items():
            assert column == DETAILS or _fits(area, column, cell), cell

        waiting = "Seguimiento: pendiente" if language == "es" else "Follow-up: waiting"
        for r, card in enumerate(model.rows):
            row = " ".join(text[r, c] for c in shown)
            role = Config().choice_label("roles", card.role, language) if card.role else "–"
            assert clock_time(card.created_at) in row
            assert face_word(card.rating) in row
            assert role in row
            assert LANGUAGE_NAMES[card.language] in row
            if card.comment:
                assert f"“{card.comment.replace(chr(10), ' ')}”" in row
            if card.followup_requested and not card.followup_answered:
                assert (waiting if portrait else model.index(r, FOLLOWUP).data()) in row

        # A tap shows the whole card, however the columns are cut.
        first = next(r for r, card in enumerate(model.rows) if card.comment)
        cell = table.visualRect(model.index(first, DETAILS)).center()
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        card = model.rows[first]
        assert f"“{card.comment}”" in page.detail.text()
        assert face_word(card.rating) in page.detail.text()
    finally:
        qapp.removeTranslator(translator)


def test_portrait_puts_the_navigation_above_the_page(sized_area: ManagerArea) -> None:
    area = sized_area
    portrait = area.width() < area.height()
    if portrait:  # the pages get the screen's whole width, for the table and the buttons
        assert area.rail.width() == area.width()
        assert area.page_scroll.width() >= area.width() - 2 * 24
        assert (
            area.rail.geometry().bottom()
            < area.page_scroll.mapTo(area, area.page_scroll.rect().topLeft()).y()
        )
    else:
        assert area.rail.width() == NAV_WIDTH
        assert area.page_scroll.width() < area.width() - NAV_WIDTH
    for i in range(6):
        nav = area.nav.button(i)
        assert nav.height() >= 64
        assert nav.isVisible()
    assert area.cards.table.isColumnHidden(FACE) is portrait
    assert area.cards.table.isColumnHidden(VISITOR) is False


def test_reloading_the_followups_replaces_the_list_at_once(
    area: ManagerArea, store: CardStore
) -> None:
    area.show_screen("followups")
    page = area.followups
    page.show_followups(reports.open_followups(store.db.conn))  # with no event loop in between
    items = [page.rows.itemAt(i) for i in range(page.rows.count())]
    listed = [item.widget() for item in items if item is not None]
    assert [w for w in listed if isinstance(w, FollowUpItem)] == page.items


def test_a_captive_portal_is_said_in_one_line_in_the_managers_language(
    qtbot: QtBot, store: CardStore, clock: FakeClock, qapp: QApplication
) -> None:
    area = ManagerArea(store, Config(sync=SyncConfig(endpoint="https://d.example.org")), clock)
    qtbot.addWidget(area)
    portal = SyncStatus(
        pending=3,
        last_error="the network answered with a web page (HTTP 200) instead of the district ...",
        last_error_kind="portal",
    )
    area.set_sync_status(portal)
    assert area.sync.last_error.text() == (
        "The network answered with a web page instead of the district server. "
        "Is this Wi-Fi asking for a sign-in?"
    )
    translator = QTranslator()
    assert translator.load(str(locale_dir() / "kiosk_es.qm")), "run scripts/dev.sh setup"
    qapp.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: area.title.text() == "Área de administración")
        assert area.sync.last_error.text().startswith("La red respondió con una página web")
    finally:
        qapp.removeTranslator(translator)


def test_the_managers_dates_read_as_each_language_writes_them(
    area: ManagerArea, clock: FakeClock, qapp: QApplication
) -> None:
    switcher = LanguageSwitcher()
    assert area.summary.title.text() == "Today at a glance: Tuesday, November 24, 2026"
    switcher.set_language("es")
    assert area.summary.title.text() == "Resumen de hoy: martes, 24 de noviembre de 2026"
    area.show_screen("followups")
    item = area.followups.items[0]
    asked = item.followup.created_at
    assert f"Solicitado el {day_and_time(asked)}" in item.details.text()
    assert day_and_time(clock().replace(hour=14, minute=5)) == "mar 24 de nov, 2:05 p.m."
    switcher.set_language("en")
    assert day_and_time(clock().replace(hour=14, minute=5)) == "Tue, Nov 24, 2:05 PM"
    assert f"Asked {day_and_time(asked)}" in area.followups.items[0].details.text()


def test_the_report_line_follows_a_language_switch(
    area: ManagerArea, qtbot: QtBot, machine: Machine
) -> None:
    switcher = LanguageSwitcher()
    area.show_screen("reports")
    page = area.reports
    export(area, qtbot, "csv")
    (csv_file,) = machine.documents.glob("*.csv")
    assert page.result.text().startswith(f"Saved to {csv_file}. Cards: ")
    count = page.result.text().rsplit(" ", 1)[1]
    switcher.set_language("es")
    assert page.result.text() == f"Guardado en {csv_file}. Opiniones: {count}"
    switcher.set_language("en")
    assert page.result.text() == f"Saved to {csv_file}. Cards: {count}"


def _waiting_visitor(store: CardStore, clock: FakeClock, **fields: object) -> str:
    """A card whose visitor asked to be contacted, made three hours before now."""
    card = Card(
        id=str(uuid.uuid4()),
        created_at=clock() - timedelta(hours=3),
        rating=2,
        language="es",
        role="parent",
        went_well=["friendly"],
        could_improve=["wait_time", "signage"],
        comment="Esperé <b>mucho</b> en la recepción.",
        followup_requested=True,
        contact_name="María José Núñez",
        contact_phone="5554214000",
        kiosk_id="demo-kiosk",
        app_version=kiosk.__version__,
    )
    for name, value in fields.items():
        setattr(card, name, value)
    store.create(card)
    return card.id


def _item(items: list[FollowUpItem], card_id: str) -> FollowUpItem:
    (item,) = [i for i in items if i.followup.id == card_id]
    return item


def test_the_schools_region_reads_and_dials_its_numbers(
    qtbot: QtBot, store: CardStore, clock: FakeClock
) -> None:
    """A school in Mexico (region = "MX"): a number without a country code is Mexican, and a
    US one is dialled from abroad."""
    local = _waiting_visitor(store, clock, contact_phone="55 1234 5678")
    us = _waiting_visitor(store, clock, contact_phone="+1 555 421 4000")
    area = ManagerArea(store, Config(region="MX"), clock)
    qtbot.addWidget(area)
    area.show()
    area.show_screen("followups")
    assert _item(area.followups.items, local).contact.text() == "55 1234 5678"
    assert _item(area.followups.items, us).contact.text() == (
        "+1 555-421-4000 (dial 00 1 555-421-4000)"
    )


def test_a_followup_shows_what_the_manager_needs_before_calling(
    qtbot: QtBot, store: CardStore, clock: FakeClock
) -> None:
    card_id = _waiting_visitor(store, clock)
    abroad = _waiting_visitor(store, clock, contact_phone="+52 55 1234 5678", went_well=[])
    area = ManagerArea(store, Config(), clock)
    qtbot.addWidget(area)
    area.show()
    area.show_screen("followups")
    item = _item(area.followups.items, card_id)
    assert item.contact.text() == "(555) 421-4000"
    assert "Prefers Español" in item.details.text()
    assert "Parent or guardian" in item.details.text()
    assert item.rating.text() == "Bad (2 of 5)"
    assert item.chips.text() == (
        "Went well: Friendly staff\nCould be better: Waiting time, Signs and directions"
    )
    assert item.comment.text() == "“Esperé <b>mucho</b> en la recepción.”"
    assert item.comment.textFormat() == Qt.TextFormat.PlainText  # visitor text stays text
    assert not item.face.pixmap().isNull()
    qtbot.waitUntil(item.isVisible)
    face, rating = (w.mapTo(item, w.rect().topLeft()) for w in (item.face, item.rating))
    assert face.x() < rating.x() and abs(face.y() - rating.y()) < 8  # beside what they said
    other = _item(area.followups.items, abroad)
    assert other.contact.text() == "+52 55 1234 5678 (dial 011 52 55 1234 5678)"
    assert other.chips.text() == "Could be better: Waiting time, Signs and directions"
    switcher = LanguageSwitcher()
    switcher.set_language("es")
    area.set_language("es")
    assert "Prefiere Español" in item.details.text()
    assert item.rating.text() == "Mal (2 de 5)"
    assert item.chips.text() == (
        "Lo que salió bien: Personal amable\nLo que podría mejorar: Tiempo de espera, Señalización"
    )
    assert other.contact.text() == "+52 55 1234 5678 (marque 011 52 55 1234 5678)"


def test_answered_followups_say_who_when_how_long_and_the_note(
    qtbot: QtBot, store: CardStore, clock: FakeClock
) -> None:
    card_id = _waiting_visitor(store, clock)
    late = _waiting_visitor(store, clock, created_at=clock() - timedelta(hours=30))
    area = ManagerArea(store, Config(), clock)
    qtbot.addWidget(area)
    area.show()
    area.show_screen("followups")
    for answered, who in ((card_id, "Ms. Ortiz"), (late, "Mr. Lee")):
        item = _item(area.followups.items, answered)
        qtbot.mouseClick(item.answer, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(item.note, "Called back, bus stop explained")
        qtbot.keyClicks(item.who, who)
        qtbot.mouseClick(item.save, Qt.MouseButton.LeftButton)
        clock.advance(minutes=5)
    page = area.followups
    assert page.answered_title.isVisible()
    assert page.answered_title.text() == "Answered recently"
    # The last answered first, below the queue.
    assert [i.followup.id for i in page.answered_items[:2]] == [late, card_id]
    items = [page.rows.itemAt(i) for i in range(page.rows.count())]
    rows = [item.widget() for item in items if item is not None]
    assert rows.index(page.answered_title) > max(rows.index(i) for i in page.items)
    assert card_id not in {i.followup.id for i in page.items}
    done = _item(page.answered_items, card_id)
    assert done.outcome.text() == (
        "Answered by Ms. Ortiz on Tue, Nov 24, 9:30 AM, 3 h 0 min after the request"
    )
    assert done.note_shown.text() == "Note: Called back, bus stop explained"
    qtbot.waitUntil(done.isVisible)  # a card added to a shown list shows on the next loop
    assert done.outcome.isVisible() and not done.answer.isVisible()
    assert not done.countdown.isVisible()
    assert done.property("overdue") is False
    assert _item(page.answered_items, late).property("overdue") is True  # past the 24 hours
    assert "30 h 5 min after" in _item(page.answered_items, late).outcome.text()
    LanguageSwitcher().set_language("es")
    assert done.outcome.text() == (
        "Respondido por Ms. Ortiz el mar 24 de nov, 9:30 a.m., 3 h 0 min después de la solicitud"
    )
    assert page.answered_title.text() == "Respondidos recientemente"
