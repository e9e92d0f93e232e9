"""Visitor text is plain text everywhere it is shown: the manager's labels, the card table's
tooltip, the PDF report and the CSV export (where a cell must never run as a formula)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_clock import FakeClock
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.cli.main import main
from kiosk.core.card import Card
from kiosk.core.config import Config
from kiosk.store.cards import CardStore
from kiosk.ui.manager.area import ManagerArea
from kiosk.ui.manager.cards_model import DETAILS

MARKUP = '<h1 style="color:red">CALL ME NOW</h1>'
NAME = "<b>Ana</b> & <i>Luis</i>"


@pytest.fixture
def store(data_dir: Path, clock: FakeClock) -> CardStore:
    store = CardStore.in_dir(data_dir, clock)
    for comment, name, phone in (
        (MARKUP, NAME, "555 0100 ext <u>2</u>"),
        ('=HYPERLINK("http://evil.example","Click")', "@admin", "+1 555 0100"),
    ):
        card = Card.new(1, "en", "demo-kiosk", "0.1.0", clock)
        store.create(card)
        store.update(
            card.id,
            comment=comment,
            followup_requested=True,
            contact_name=name,
            contact_phone=phone,
        )
        store.finalise(card.id)
        clock.advance(minutes=1)
    return store


@pytest.fixture
def area(qtbot: QtBot, store: CardStore, clock: FakeClock) -> ManagerArea:
    widget = ManagerArea(store, Config(), clock)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_followups_show_names_and_comments_as_typed(area: ManagerArea) -> None:
    area.show_screen("followups")
    item = next(i for i in area.followups.items if i.followup.comment == MARKUP)
    for label in (item.name, item.contact, item.comment):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert item.name.text() == NAME
    assert MARKUP in item.comment.text()


def test_the_tapped_card_and_its_tooltip_show_markup_as_text(
    area: ManagerArea, qtbot: QtBot
) -> None:
    area.show_screen("cards")
    page = area.cards
    row = next(i for i, r in enumerate(page.model.rows) if r.comment == MARKUP)
    cell = page.table.visualRect(page.model.index(row, 1)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert page.detail.textFormat() == Qt.TextFormat.PlainText
    assert MARKUP in page.detail.text()
    tip = page.model.data(page.model.index(row, DETAILS), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;h1 style=&quot;color:red&quot;&gt;CALL ME NOW&lt;/h1&gt;" in tip
    assert "<h1" not in tip


def export(data_dir: Path, clock: FakeClock, fmt: str, out: Path) -> None:
    day = clock().date().isoformat()
    args = ["export", "--date", day, "--format", fmt, "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--data-dir", str(data_dir)])
    assert result.exit_code == 0, result.output


def test_csv_cells_never_run_as_formulas(
    store: CardStore, data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    out = tmp_path / "day.csv"
    export(data_dir, clock, "csv", out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_name = {row["contact_name"]: row for row in rows}
    assert by_name[NAME]["comment"] == MARKUP  # text, as typed
    risky = by_name["'@admin"]
    assert risky["comment"] == """'=HYPERLINK("http://evil.example","Click")"""
    assert risky["contact_phone"] == "'+1 555 0100"


@pytest.mark.gui  # renders with Qt
def test_the_pdf_prints_markup_as_text(
    store: CardStore, data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    out = tmp_path / "day.pdf"
    export(data_dir, clock, "pdf", out)
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "CALL ME NOW" in text
    assert "<h1" in text and "</h1>" in text
