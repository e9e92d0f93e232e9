"""The period a page shows: presets, a chosen range, the period before, and the trend's buckets."""

from __future__ import annotations

from datetime import date

import pytest

from district.web import periods
from district.web.periods import Period, PeriodError

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("query", "first", "last"),
    [
        ({}, date(2026, 11, 2), TODAY),
        ({"period": "today"}, TODAY, TODAY),
        ({"period": "7d"}, date(2026, 11, 25), TODAY),
        ({"period": "range", "from": "2026-01-01", "to": "2026-01-31"}, date(2026, 1, 1),
         date(2026, 1, 31)),
    ],
)  # fmt: skip
def test_a_period_from_the_query(query: dict[str, str], first: date, last: date) -> None:
    period = periods.from_query(query, TODAY)
    assert (period.first, period.last) == (first, last)


def test_the_period_before_has_the_same_length_and_ends_the_day_before() -> None:
    period = periods.from_query({"period": "7d"}, TODAY)
    before = period.previous()
    assert before.days == 7 and before.last == date(2026, 11, 24)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"period": "year"}, "period"),
        ({"period": "range", "from": "2026-13-01", "to": "2026-12-01"}, "from"),
        ({"period": "range", "from": "2026-02-01"}, "to"),
        ({"period": "range", "from": "2026-02-01", "to": "2026-01-01"}, "to"),
        ({"period": "range", "from": "2020-01-01", "to": "2026-01-01"}, "to"),
        ({"period": "range", "from": "1900-01-01", "to": "1900-01-02"}, "from"),
    ],
)
def test_a_range_that_is_not_one_names_its_field(query: dict[str, str], field: str) -> None:
    with pytest.raises(PeriodError) as raised:
        periods.from_query(query, TODAY)
    assert raised.value.field == field


def test_a_long_trend_is_grouped_by_week_then_month_with_empty_buckets_kept() -> None:
    month = Period(date(2026, 11, 2), TODAY, "30d")
    assert periods.buckets(month) == "day" and len(periods.bucket_starts(month)) == 30
    year = Period(date(2025, 12, 2), TODAY, "range")
    starts = periods.bucket_starts(year)
    assert periods.buckets(year) == "week" and all(s.weekday() == 0 for s in starts)
    two_years = Period(date(2024, 12, 2), TODAY, "range")
    assert periods.buckets(two_years) == "month"
    assert len(periods.bucket_starts(two_years)) == 25
