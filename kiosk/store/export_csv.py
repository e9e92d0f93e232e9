"""The cards of a run of days as CSV: one row per card, UTF-8 with a BOM. Plain Python, no Qt.

The BOM is what makes Excel on a school PC read "Español" and "¿" correctly instead of guessing
a legacy code page. Chips and roles are written as their stable ids (the same in both languages),
so a district can join files from every school.
"""

from __future__ import annotations

import csv
import sqlite3
from datetime import date
from pathlib import Path

from kiosk.store.card_columns import CSV_COLUMNS

# The columns and their order follow the Card declaration: its fields marked EXPORT.
HEADER = tuple(header for header, _ in CSV_COLUMNS)
_SELECT = (
    f"SELECT {', '.join(sql for _, sql in CSV_COLUMNS)} "
    "FROM cards WHERE local_date BETWEEN ? AND ? ORDER BY created_at, id"
)


def write_csv(conn: sqlite3.Connection, first: date, last: date, out: Path) -> int:
    """Write the cards from ``first`` to ``last`` (inclusive) to ``out``; returns the row count."""
    rows = conn.execute(_SELECT, [first.isoformat(), last.isoformat()])
    count = 0
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow([spreadsheet_safe(v) for v in row])
            count += 1
    return count


# A cell a spreadsheet would run as a formula (OWASP's CSV injection list): = + - @, and tab
# or carriage return, which some import paths strip before looking.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """Visitor text as text in Excel and LibreOffice: a leading ' keeps ``=HYPERLINK(...)`` or
    ``+1 555 0100`` from being evaluated."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
