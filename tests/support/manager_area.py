"""The manager area on screen for a test, at 1280x800, with a machine made of real folders:
a Documents folder, USB sticks plugged in as mounts under a media root, and printers by name."""

from __future__ import annotations

from pathlib import Path

from fake_clock import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.core.config import Config
from kiosk.core.export_places import PlaceFinder, eject
from kiosk.store.cards import CardStore
from kiosk.ui.manager.area import ManagerArea
from kiosk.ui.manager.export_sheet import Eject


class Machine:
    """The kiosk computer's places, in a test's folder: the mount table, the kernel's block
    devices and the media root are real files there, read by the real PlaceFinder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.documents = root / "Documents"
        self.media = root / "media" / "office"
        self.mounts = root / "mounts"
        self.sys_block = root / "sys-block"
        self.media.mkdir(parents=True)
        self.sys_block.mkdir()
        self.mounts.write_text("proc /proc proc rw 0 0\n", encoding="utf-8")
        self.printed: list[Path] = []

    def finder(self) -> PlaceFinder:
        return PlaceFinder(
            roots=[self.media],
            mounts_file=self.mounts,
            sys_block=self.sys_block,
            documents=self.documents,
        )

    def plug_in(self, label: str, disk: str = "sdb") -> Path:
        """A USB stick with this label, mounted the way udisks mounts one."""
        point = self.media / label
        point.mkdir()
        (self.sys_block / disk).mkdir()
        (self.sys_block / disk / "removable").write_text("1\n", encoding="utf-8")
        escaped = str(point).replace(" ", "\\040")
        with self.mounts.open("a", encoding="utf-8") as table:
            table.write(f"/dev/{disk}1 {escaped} vfat rw,nosuid,nodev 0 0\n")
        return point

    def printer_for(self, name: str, copies: int) -> QPrinter:
        """A printer that prints to a PDF file, one file per job."""
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        out = self.root / f"printed-{len(self.printed) + 1}.pdf"
        printer.setOutputFileName(str(out))
        printer.setCopyCount(copies)
        self.printed.append(out)
        return printer


def open_area(
    qtbot: QtBot,
    store: CardStore,
    clock: FakeClock,
    tmp_path: Path,
    config: Config | None = None,
    printers: list[str] | None = None,
    machine: Machine | None = None,
    eject_stick: Eject = eject,
) -> ManagerArea:
    machine = machine or Machine(tmp_path / "machine")
    area = ManagerArea(
        store,
        config or Config(),
        clock,
        find_places=machine.finder().places,
        list_printers=lambda: list(printers or []),
        printer_for=machine.printer_for,
        eject_stick=eject_stick,
    )
    qtbot.addWidget(area)
    area.resize(1280, 800)
    area.show()
    qtbot.waitExposed(area)
    return area


def place_button(area: ManagerArea, starts: str) -> QPushButton:
    """The export sheet's button for a place, by the start of its label."""
    sheet = area.export_sheet
    assert sheet.isVisible(), "the export sheet is not open"
    found = [b for b in sheet.place_buttons if b.text().startswith(starts)]
    assert found, f"no place starting {starts!r}: {[b.text() for b in sheet.place_buttons]}"
    return found[0]


def export(area: ManagerArea, qtbot: QtBot, kind: str, place: str = "Documents") -> str:
    """Tap Save CSV or Save PDF, then the place; returns the result line."""
    page = area.reports
    qtbot.mouseClick(page.csv if kind == "csv" else page.pdf, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.finished, timeout=20_000) as finished:
        qtbot.mouseClick(place_button(area, place), Qt.MouseButton.LeftButton)
    text = finished.args[0]
    assert isinstance(text, str)
    return text
