"""The period a page shows, from its query string: today, the last 7 or 30 days, or a chosen
range of local dates (the kiosks' own dates), and the period of the same length just before it,
which the change is measured against."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from district.web.i18n import N_

PRESETS = {"today": 1, "7d": 7, "30d": 30}
DEFAULT = "30d"
MAX_DAYS = 800
"""A chosen range is at most a little over two years: what a district keeps to compare."""


class PeriodError(ValueError):
    """A chosen range that cannot be shown: ``field`` names the field, ``message`` (marked for
    translation) says what to choose instead."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Period:
    first: date
    last: date  # inclusive
    preset: str  # "today", "7d", "30d" or "range"

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        length = timedelta(days=self.days)
        return Period(self.first - length, self.last - length, self.preset)

    def query(self) -> dict[str, str]:
        """The query-string fields that give this period again (links, exports)."""
        if self.preset == "range":
            return {"period": "range", "from": self.first.isoformat(), "to": self.last.isoformat()}
        return {"period": self.preset}


def _date(field: str, value: str | None) -> date:
    if not value:
        raise PeriodError(field, N_("Choose a date."))
    try:
        chosen = date.fromisoformat(value)
    except ValueError:
        raise PeriodError(field, N_("That is not a date (YYYY-MM-DD).")) from None
    if not 2000 <= chosen.year <= 2100:
        raise PeriodError(field, N_("Choose a date between 2000 and 2100."))
    return chosen


def preset(name: str, today: date) -> Period:
    return Period(today - timedelta(days=PRESETS[name] - 1), today, name)


def from_query(query: Mapping[str, str], today: date) -> Period:
    """The period the query string asks for; the default one when it asks for none. Raises
    PeriodError when a chosen range is not a range of dates."""
    name = query.get("period") or DEFAULT
    if name in PRESETS:
        return preset(name, today)
    if name != "range":
        raise PeriodError("period", N_("Choose today, 7 days, 30 days or dates."))
    first = _date("from", query.get("from"))
    last = _date("to", query.get("to"))
    if last < first:
        raise PeriodError("to", N_("The last day comes on or after the first."))
    if (last - first).days + 1 > MAX_DAYS:
        raise PeriodError("to", N_("Choose at most 800 days."))
    return Period(first, last, "range")


def buckets(period: Period) -> str:
    """How a trend over ``period`` is grouped so that a chart stays readable: by day up to
    two months, by week up to a little over a year, else by month."""
    if period.days <= 62:
        return "day"
    if period.days <= 400:
        return "week"
    return "month"


def bucket_start(day: date, size: str) -> date:
    if size == "week":
        return day - timedelta(days=day.weekday())
    if size == "month":
        return day.replace(day=1)
    return day


def bucket_starts(period: Period) -> list[date]:
    """Every bucket of ``period`` in order, empty ones included (a gap is a finding)."""
    size = buckets(period)
    starts: list[date] = []
    day = period.first
    while day <= period.last:
        start = bucket_start(day, size)
        if not starts or starts[-1] != start:
            starts.append(start)
        day += timedelta(days=1)
    return starts
