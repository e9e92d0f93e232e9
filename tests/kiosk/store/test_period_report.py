"""The report's figures over a period, counted again in plain Python from the cards themselves."""

from __future__ import annotations

import csv
import statistics
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from fake_clock import FakeClock
from manager_fixtures import SEEDED_CARDS, seeded_store

from kiosk.core.card import RESOLUTIONS, Card
from kiosk.store import reports
from kiosk.store.cards import CardStore
from kiosk.store.export_csv import HEADER, write_csv


def _between(cards: list[Card], first: date, last: date) -> list[Card]:
    return [c for c in cards if first <= c.created_at.date() <= last]


def test_the_period_its_previous_period_and_first_contact_resolution(
    data_dir: Path, clock: FakeClock
) -> None:
    store = seeded_store(data_dir, clock)
    cards = store.cards(limit=SEEDED_CARDS)
    last = clock().date()
    first = last - timedelta(days=6)
    report = store.read(reports.period_report, first, last)

    shown = _between(cards, first, last)
    before = _between(cards, first - timedelta(days=7), first - timedelta(days=1))
    assert [d.day for d in report.days] == [first + timedelta(days=i) for i in range(7)]
    assert report.tally.cards == len(shown)
    assert report.previous.cards == len(before) > 0
    assert report.trend.tally.cards == len(shown)  # a week: the trend is the period itself

    answers = Counter(c.resolution for c in shown)
    assert report.resolutions == reports.Resolutions(*(answers[a] for a in RESOLUTIONS))
    assert 0 < report.resolutions.answered < len(shown)  # some visitors did not answer
    share = report.resolutions.resolved_share
    assert share == answers["yes"] / (answers["yes"] + answers["partly"] + answers["not_yet"])

    asked = [c for c in shown if c.followup_requested]
    waits = [
        (c.followup_answered_at - c.created_at).total_seconds()
        for c in asked
        if c.followup_answered_at is not None
    ]
    assert report.followups.asked == len(asked) > 0
    assert report.followups.answered == len(waits) > 0
    assert report.followups.median_wait == timedelta(seconds=statistics.median(waits))

    went_well = Counter(chip for c in shown for chip in c.went_well)
    assert dict(report.went_well) == dict(went_well)
    today = report.days[-1]
    assert today.summary.resolutions == reports.Resolutions(
        *(Counter(c.resolution for c in _between(cards, last, last))[a] for a in RESOLUTIONS)
    )


def test_a_short_period_shows_the_week_ending_on_its_last_day(
    data_dir: Path, clock: FakeClock
) -> None:
    store = seeded_store(data_dir, clock)
    today = clock().date()
    report = store.read(reports.period_report, today, today)
    assert len(report.days) == 1
    assert [d for d, _ in report.trend.days] == [
        today - timedelta(days=i) for i in range(6, -1, -1)
    ]
    assert report.previous == store.read(reports.day_tally, today - timedelta(days=1))


def test_no_answer_counts_as_nothing_resolved(store: CardStore, clock: FakeClock) -> None:
    card = Card.new(4, "en", "demo-kiosk", "0.1.0", clock)
    store.create(card)
    answers = store.read(reports.resolutions, clock().date(), clock().date())
    assert answers.answered == 0 and answers.resolved_share is None


def test_the_csv_ends_with_the_answer_as_its_stable_code(
    store: CardStore, clock: FakeClock, tmp_path: Path
) -> None:
    """Like chips and roles, the answer is written as its id, the same in both languages, so
    a district joins files from every school; an unanswered question is an empty cell."""
    for answer in (*RESOLUTIONS, None):
        card = Card.new(3, "es", "demo-kiosk", "0.1.0", clock)
        store.create(card)
        store.update(card.id, resolution=answer)
        store.finalise(card.id)
        clock.advance(minutes=1)
    out = tmp_path / "day.csv"
    store.read(write_csv, clock().date(), clock().date(), out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][-1] == HEADER[-1] == "resolution"
    assert [r[-1] for r in rows[1:]] == ["yes", "partly", "not_yet", ""]


def test_the_answers_are_read_from_a_covering_index(store: CardStore) -> None:
    sql = (
        "EXPLAIN QUERY PLAN SELECT resolution, count(*) FROM cards "
        "WHERE local_date BETWEEN ? AND ? AND resolution IS NOT NULL GROUP BY resolution"
    )
    plan = [str(step) for step in store.db.conn.execute(sql, ["2026-11-01", "2026-11-30"])]
    assert any("COVERING INDEX cards_date_resolution" in step for step in plan), plan
