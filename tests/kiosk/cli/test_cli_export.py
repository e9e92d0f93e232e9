"""`kiosk export` from the command line: the files it writes and the one-line errors."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_clock import FakeClock
from manager_fixtures import cards_on, seeded_store
from store_faults import damage_cards

from kiosk.cli.main import main
from kiosk.store.cards import CardStore


@pytest.fixture
def seeded(data_dir: Path, clock: FakeClock) -> Path:
    seeded_store(data_dir, clock).close()
    return data_dir


def test_export_one_day_as_csv(seeded: Path, clock: FakeClock, tmp_path: Path) -> None:
    out = tmp_path / "today.csv"
    today = clock().date()
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--date",
            today.isoformat(),
            "--format",
            "csv",
            "--out",
            str(out),
            "--data-dir",
            str(seeded),
        ],
    )
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig", newline="") as handle:
        ids = {row["id"] for row in csv.DictReader(handle)}
    store = CardStore.in_dir(seeded, clock)
    assert ids == {c.id for c in cards_on(store, today)}


@pytest.mark.gui  # renders with Qt
def test_export_a_range_as_the_pdf_report(seeded: Path, tmp_path: Path) -> None:
    out = tmp_path / "week.pdf"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--from",
            "2026-11-18",
            "--to",
            "2026-11-24",
            "--format",
            "pdf",
            "--out",
            str(out),
            "--data-dir",
            str(seeded),
        ],
    )
    assert result.exit_code == 0, result.output
    said = re.fullmatch(rf"{re.escape(str(out))}: (\d+) page\(s\)", result.output.strip())
    assert said, result.output
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert re.search(rf"^Pages:\s+{said[1]}$", info.stdout, re.MULTILINE)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2026-13-01"], "Error: --date: '2026-13-01' is not a date like 2026-11-24"),
        (["--from", "2026-11-24", "--to", "2026-11-01"], "Error: --from is after --to"),
        (["--from", "2026-11-24"], "Error: give --date, or both --from and --to"),
        (
            ["--date", "2026-11-24", "--from", "2026-11-20"],
            "Error: give --date, or --from and --to, not both",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_status_2(
    seeded: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(
        main,
        [
            "export",
            *args,
            "--format",
            "csv",
            "--out",
            str(tmp_path / "x.csv"),
            "--data-dir",
            str(seeded),
        ],
    )
    assert result.exit_code == 2
    assert result.output.strip() == message


def test_missing_database_is_named(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--date",
            "2026-11-24",
            "--format",
            "csv",
            "--out",
            str(tmp_path / "x.csv"),
            "--data-dir",
            str(tmp_path / "empty"),
        ],
    )
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: no kiosk database in {tmp_path / 'empty'}"


@pytest.fixture
def damaged(seeded: Path) -> Path:
    damage_cards(seeded / "cards.db")
    return seeded


def test_csv_from_a_damaged_file_is_one_line_and_exit_2(damaged: Path, tmp_path: Path) -> None:
    args = ["--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv"]
    out = tmp_path / "month.csv"
    result = CliRunner().invoke(
        main, ["export", *args, "--out", str(out), "--data-dir", str(damaged)]
    )
    assert result.exit_code == 2
    assert result.output == f"Error: the database file is damaged ({damaged / 'cards.db'})\n"


def test_pdf_from_a_damaged_file_is_one_line_and_exit_2(damaged: Path, tmp_path: Path) -> None:
    # A process of its own: before, a painter left open by the failed read crashed Python.
    out = tmp_path / "month.pdf"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "export", "--from", "2026-11-01", "--to", "2026-11-30",
         "--format", "pdf", "--out", str(out), "--data-dir", str(damaged)],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"Error: the database file is damaged ({damaged / 'cards.db'})\n"
    assert not out.exists()
