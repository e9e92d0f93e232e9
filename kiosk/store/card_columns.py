"""The ``cards`` table's columns, derived from the Card declaration (``kiosk.core.card``).

Each field is kept by the kind of value it holds, read from its type: the kind names the
field's column(s), turns its value into them and back, and says how the CSV export shows it.
A field of a type no kind keeps stops the kiosk at import, before anything is stored wrongly.
"""

from __future__ import annotations

import json
import sqlite3
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from typing import Any

from kiosk.core.card import EDITABLE_FIELDS, Card, Use, offset_minutes, parse_utc, uses, utc_iso


@dataclass(frozen=True)
class _Kind:
    """A field kept in one column of its own name, as it is (text or an integer)."""

    name: str
    optional: bool

    @property
    def columns(self) -> tuple[str, ...]:
        return (self.name,)

    def encode(self, value: Any) -> tuple[Any, ...]:
        return (value,)

    def decode(self, row: sqlite3.Row) -> Any:
        return row[self.name]

    def csv(self) -> tuple[tuple[str, str], ...]:
        """(header, SQL expression) of each CSV column; None is an empty cell."""
        return ((self.name, f"coalesce({self.name}, '')" if self.optional else self.name),)


class _Flag(_Kind):
    """True or False, kept as 1 or 0 (SQLite has no booleans)."""

    def encode(self, value: Any) -> tuple[Any, ...]:
        return (int(value),)

    def decode(self, row: sqlite3.Row) -> Any:
        return bool(row[self.name])


class _Chips(_Kind):
    """A list of choice ids, kept as a JSON array; the CSV shows "a;b", which reads better."""

    def encode(self, value: Any) -> tuple[Any, ...]:
        return (json.dumps(value, ensure_ascii=False),)

    def decode(self, row: sqlite3.Row) -> Any:
        return json.loads(row[self.name])

    def csv(self) -> tuple[tuple[str, str], ...]:
        joined = f"(SELECT group_concat(value, ';') FROM json_each({self.name}))"
        return ((self.name, f"coalesce({joined}, '')"),)


@dataclass(frozen=True)
class _Choice(_Kind):
    """One of an enum's members, kept as its value."""

    enum: type[StrEnum]

    def encode(self, value: Any) -> tuple[Any, ...]:
        return (None if value is None else value.value,)

    def decode(self, row: sqlite3.Row) -> Any:
        value = row[self.name]
        return None if value is None else self.enum(value)


class _Moment(_Kind):
    """A moment kept as UTC text (``utc_iso``), which sorts as time does; read back in UTC."""

    def encode(self, value: Any) -> tuple[Any, ...]:
        return (None if value is None else utc_iso(value),)

    def decode(self, row: sqlite3.Row) -> Any:
        value = row[self.name]
        return None if value is None else parse_utc(value)


class _LocalMoment(_Kind):
    """A moment in the kiosk's own time: UTC text, the UTC offset to show it in, and the local
    day the manager's reports group by (the card's day where it was made)."""

    @property
    def columns(self) -> tuple[str, ...]:
        return (self.name, "utc_offset_min", "local_date")

    def encode(self, value: Any) -> tuple[Any, ...]:
        return (utc_iso(value), offset_minutes(value), value.date().isoformat())

    def decode(self, row: sqlite3.Row) -> Any:
        local = timezone(timedelta(minutes=row["utc_offset_min"]))
        return parse_utc(row[self.name]).astimezone(local)

    def csv(self) -> tuple[tuple[str, str], ...]:
        shown = f"strftime('%Y-%m-%dT%H:%M:%S', {self.name}, utc_offset_min || ' minutes')"
        return ((f"{self.name}_local", shown), ("local_date", "local_date"))


def _kind(name: str, hint: Any, flags: Use) -> _Kind:
    args = typing.get_args(hint)
    optional = typing.get_origin(hint) is types.UnionType and type(None) in args
    if optional:
        (hint,) = [a for a in args if a is not type(None)]
    if hint is datetime:
        if Use.LOCAL in flags:
            if optional:
                raise TypeError(f"Card.{name}: a local moment cannot be None")
            return _LocalMoment(name, optional=False)
        return _Moment(name, optional)
    if hint is bool:
        return _Flag(name, optional)
    if hint in (str, int):
        return _Kind(name, optional)
    if hint == list[str]:
        return _Chips(name, optional)
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return _Choice(name, optional, hint)
    raise TypeError(f"the store does not know how to keep Card.{name}: {hint}")


def _kinds() -> dict[str, _Kind]:
    hints = typing.get_type_hints(Card)
    kinds = {f.name: _kind(f.name, hints[f.name], uses(f)) for f in fields(Card)}
    columns = [c for k in kinds.values() for c in k.columns]
    twice = {c for c in columns if columns.count(c) > 1}
    if twice:
        raise TypeError(f"two Card fields claim the column(s) {sorted(twice)}")
    return kinds


KINDS = _kinds()
COLUMNS = tuple(c for k in KINDS.values() for c in k.columns)
"""Every column of the ``cards`` table, in the declaration's order."""

SELECT = ", ".join(COLUMNS)
INSERT = f"INSERT INTO cards ({SELECT}) VALUES ({', '.join('?' for _ in COLUMNS)})"

CSV_COLUMNS = tuple(
    column for f in fields(Card) if Use.EXPORT in uses(f) for column in KINDS[f.name].csv()
)
"""(header, SQL expression) of the manager's CSV export, in the declaration's order."""


def to_row(card: Card) -> tuple[Any, ...]:
    """The values of ``COLUMNS`` for ``card``, for ``INSERT``."""
    return tuple(v for name, kind in KINDS.items() for v in kind.encode(getattr(card, name)))


def from_row(row: sqlite3.Row) -> Card:
    """The card in a row read by name (``named``) with every column of ``COLUMNS``."""
    return Card(**{name: kind.decode(row) for name, kind in KINDS.items()})


def edits(changes: dict[str, Any]) -> dict[str, Any]:
    """Column values for a visitor's changes; ValueError for a field no step may change."""
    unknown = set(changes).difference(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    row: dict[str, Any] = {}
    for name, value in changes.items():
        kind = KINDS[name]
        row.update(zip(kind.columns, kind.encode(value), strict=True))
    return row


def named(cursor: sqlite3.Cursor) -> Iterator[sqlite3.Row]:
    """The rows of an executed query, readable by column name."""
    cursor.row_factory = sqlite3.Row  # applies to the rows fetched from now on
    return iter(cursor)
