"""The export and print sheets on the real manager area: real files on a real (temporary) USB
stick and Documents folder, a real printer that prints to a PDF file, no stock Qt dialog."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_clock import FakeClock
from manager_area import Machine, export, open_area, place_button
from manager_fixtures import cards_on, seeded_store
from no_stock_dialogs import StockDialogWatch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from kiosk.core.export_places import eject
from kiosk.store.cards import CardStore
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.manager import ManagerArea
from kiosk.ui.theme import apply_theme


@pytest.fixture
def store(data_dir: Path, clock: FakeClock) -> CardStore:
    return seeded_store(data_dir, clock)


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    return Machine(tmp_path / "machine")


@pytest.fixture(autouse=True)
def themed(qapp: QApplication) -> Iterator[None]:
    """The kiosk's stylesheet and type at 1280x800: the sizes a finger meets."""
    font, sheet = qapp.font(), qapp.styleSheet()
    apply_theme(qapp, 1280, 800)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


def reports(
    qtbot: QtBot, store: CardStore, clock: FakeClock, tmp_path: Path, machine: Machine, **kw: object
) -> ManagerArea:
    area = open_area(qtbot, store, clock, tmp_path, machine=machine, **kw)  # type: ignore[arg-type]
    area.show_screen("reports")
    return area


def test_the_csv_lands_on_the_usb_stick_and_says_so_with_the_count(
    qtbot: QtBot, store: CardStore, clock: FakeClock, tmp_path: Path, machine: Machine
) -> None:
    stick = machine.plug_in("FRONT DESK")
    area = reports(
        qtbot, store, clock, tmp_path, machine,
        eject_stick=lambda place: eject(place, udisksctl="no-such-udisksctl"),
    )  # fmt: skip
    said = export(area, qtbot, "csv", "USB stick “FRONT DESK”")
    (written,) = stick.glob("*.csv")
    assert written.name == "demo-elementary-school_demo-kiosk_2026-11-24.csv"
    count = len(cards_on(store, clock().date()))
    assert len(written.read_text(encoding="utf-8-sig").splitlines()) == count + 1
    assert said == f"Saved to the USB stick “FRONT DESK” as {written.name}. Cards: {count}"
    sheet = area.export_sheet
    assert sheet.status.text() == said  # said in the sheet, where the manager tapped
    assert sheet.eject.isVisible()

    with qtbot.waitSignal(sheet.eject.clicked):
        qtbot.mouseClick(sheet.eject, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sheet.eject.isEnabled())  # ejecting runs on a worker thread
    assert sheet.status.text().startswith("This computer cannot eject the stick from here.")

    again = export(area, qtbot, "csv", "USB stick")  # a second export keeps the first file
    second = written.with_name(written.stem + " (2).csv")
    assert set(stick.glob("*.csv")) == {written, second}
    assert second.name in again


def test_a_stick_plugged_in_while_the_sheet_is_open_appears_with_its_free_space(
    qtbot: QtBot, store: CardStore, clock: FakeClock, tmp_path: Path, machine: Machine
) -> None:
    area = reports(qtbot, store, clock, tmp_path, machine)
    qtbot.mouseClick(area.reports.pdf, Qt.MouseButton.LeftButton)
    sheet = area.export_sheet
    assert [b.text().split("\n")[0] for b in sheet.place_buttons] == [
        "Documents folder on this computer"
    ]
    assert sheet.no_stick.isVisible()
    assert sheet.file_line.text() == "File name: demo-elementary-school_demo-kiosk_2026-11-24.pdf"

    machine.plug_in("KINGSTON")
    sheet.timer.timeout.emit()  # the sheet's next look at the machine
    first = place_button(area, "USB stick “KINGSTON”")
    assert first is sheet.place_buttons[0]  # sticks first: the usual way a report leaves
    assert first.text().split("\n")[1].endswith(" free")
    assert first.height() >= 64 and first.width() >= 400
    assert not sheet.no_stick.isVisible()

    export_pdf = area.reports.pdf  # the Save PDF button under the sheet takes no tap
    assert not export_pdf.isVisibleTo(area) or sheet.geometry().contains(export_pdf.geometry())


def test_cancel_closes_the_sheet_and_writes_nothing(
    qtbot: QtBot, store: CardStore, clock: FakeClock, tmp_path: Path, machine: Machine
) -> None:
    area = reports(qtbot, store, clock, tmp_path, machine)
    qtbot.mouseClick(area.reports.csv, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(area.export_sheet.close_button, Qt.MouseButton.LeftButton)
    assert not area.export_sheet.isVisible()
    assert not list(machine.root.rglob("*.csv"))


def test_the_sheet_speaks_spanish(
    qtbot: QtBot, store: CardStore, clock: FakeClock, tmp_path: Path, machine: Machine
) -> None:
    switcher = LanguageSwitcher()
    area = reports(qtbot, store, clock, tmp_path, machine)
    machine.plug_in("KINGSTON")
    switcher.set_language("es")
    try:
        said = export(area, qtbot, "csv", "Memoria USB «KINGSTON»")
        assert said.startswith("Guardado en la memoria USB «KINGSTON» como ")
        assert area.export_sheet.title.text() == "Guardar las opiniones en un archivo CSV"
    finally:
        switcher.set_language("en")


def test_print_with_no_printer_says_so_plainly(
    qtbot: QtBot, store: CardStore, clock: FakeClock, tmp_path: Path, machine: Machine
) -> None:
    area = reports(qtbot, store, clock, tmp_path, machine, printers=[])
    qtbot.mouseClick(area.reports.print, Qt.MouseButton.LeftButton)
    sheet = area.print_sheet
    assert sheet.isVisible()
    assert sheet.none.isVisible()
    assert sheet.none.text().startswith("No printer is set up on this computer.")
    assert not sheet.printers.isVisible()
    assert not sheet.print_button.isEnabled()


def test_print_picks_a_printer_and_copies_from_big_buttons_with_a_preview(
    qtbot: QtBot, store: CardStore, clock: FakeClock, tmp_path: Path, machine: Machine
) -> None:
    area = reports(qtbot, store, clock, tmp_path, machine, printers=["Front office", "Library"])
    page = area.reports
    qtbot.mouseClick(page.first.previous, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.print, Qt.MouseButton.LeftButton)
    sheet = area.print_sheet
    assert [sheet.printers.item(i).text() for i in range(2)] == ["Front office", "Library"]
    assert sheet.printers.visualItemRect(sheet.printers.item(1)).height() >= 64
    qtbot.waitUntil(lambda: sheet.pages[0].isVisible(), timeout=20_000)  # read on a worker
    preview = sheet.pages[0].pixmap()
    assert preview.height() > preview.width() > 200  # an A4 page, portrait
    assert sheet.preview_label.text() == "Preview: the first pages"

    sheet.printers.setCurrentRow(1)
    for b in (sheet.more, sheet.more, sheet.fewer):
        assert b.height() >= 64 and b.width() >= 64
        qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
    assert sheet.copies_shown.text() == "2"
    with qtbot.waitSignal(page.finished, timeout=20_000) as finished:
        qtbot.mouseClick(sheet.print_button, Qt.MouseButton.LeftButton)
    assert re.fullmatch(r"Sent to the printer “Library”\. Pages: \d+, copies: 2", finished.args[0])
    assert not sheet.isVisible()
    (printed,) = machine.printed
    assert printed.read_bytes().startswith(b"%PDF")


def test_a_stock_file_dialog_fails_the_test(qtbot: QtBot, stock_dialogs: StockDialogWatch) -> None:
    """The autouse check itself: a QFileDialog shown is seen, and closed at once."""
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = QFileDialog(parent)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert stock_dialogs.shown == ["QFileDialog"]
    stock_dialogs.shown.clear()  # seen: this test passes
