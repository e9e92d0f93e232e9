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

HEADER = (
    "id",
    "created_at_local",
    "local_date",
    "rating",
    "language",
    "role",
    "went_well",
    "could_improve",
    "comment",
    "followup_requested",
    "contact_name",
    "contact_phone",
    "contact_email",
    "followup_answered_at",
    "followup_answered_by",
    "followup_note",
    "kiosk_id",
    "delivery",
)

# Chip lists are stored as JSON arrays; in a spreadsheet "a;b" reads better than ["a", "b"].
_SELECT = (
    "SELECT id, strftime('%Y-%m-%dT%H:%M:%S', created_at, utc_offset_min || ' minutes'), "
    "local_date, rating, language, coalesce(role, ''), "
    "coalesce((SELECT group_concat(value, ';') FROM json_each(went_well)), ''), "
    "coalesce((SELECT group_concat(value, ';') FROM json_each(could_improve)), ''), "
    "coalesce(comment, ''), followup_requested, coalesce(contact_name, ''), "
    "coalesce(contact_phone, ''), coalesce(contact_email, ''), "
    "coalesce(followup_answered_at, ''), coalesce(followup_answered_by, ''), "
    "coalesce(followup_note, ''), kiosk_id, delivery "
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
