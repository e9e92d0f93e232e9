"""The CSV exports' cells and bytes: BOM, formula guard, text kept as text, streamed in chunks."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from district.web import export


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1 555", "'+1 555"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("Friendly staff", "Friendly staff"),
        (-1.5, "-1.5"),
        (None, ""),
        (True, "yes"),
        (datetime(2026, 12, 1, 14, 5, tzinfo=UTC), "2026-12-01T14:05:00+00:00"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_made_text(value: object, cell: str) -> None:
    assert export.cell(value) == cell


def test_the_csv_is_utf8_with_a_bom_and_comes_in_chunks() -> None:
    rows = ([i, f"<b>opinión {i}</b>"] for i in range(export.ROWS_PER_CHUNK * 2 + 1))
    chunks = list(export.stream(["n", "comentario"], rows))
    assert len(chunks) == 3
    data = b"".join(chunks)
    assert data.startswith("\ufeff".encode())
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert parsed[0] == ["n", "comentario"]
    assert parsed[1] == ["0", "<b>opinión 0</b>"]
    assert len(parsed) == export.ROWS_PER_CHUNK * 2 + 2
