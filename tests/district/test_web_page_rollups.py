"""The rollups of a school's page and the follow-ups page (card_day_facets, first_answers) always
equal the same figures counted from the cards: kept by their triggers through new cards, chips,
duplicates, answers (a later one, an earlier one) and a card's school changing; filled by their
migration from a database of cards made at the revision before, after which the pages' queries
(a school's, follow-ups, the overview over periods of every shape) give the numbers the cards
give. On SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import statistics
import uuid
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from district_fill import LOCAL, fill
from receiver_calls import batch, outcomes, post, wire_card
from receiver_harness import KIOSK_ID, OTHER_KIOSK_ID, OTHER_TOKEN
from rollup_checks import (
    assert_rollups_match,
    facets_in_rollup,
    first_answers_from_cards,
    first_answers_in_rollup,
)
from sqlalchemy import Connection, case, func, select, update
from web_harness import Site

from district import accounts, kiosks, schema, seed
from district.accounts import School
from district.db import open_database
from district.web import periods
from district.web.periods import Period
from district.web.queries import followups as followups_q
from district.web.queries import overview as overview_q
from district.web.queries import page_rollups
from district.web.queries import school as school_q
from district.web.queries import scope as scope_q
from district.web.queries.tables import card_choices, cards, schools
from district.web.settings import WebSettings

BEFORE = "0003_dashboard_rollups"


@pytest.fixture
def site(database_url: str, tokens_file: Path) -> Iterator[Site]:
    with Site(database_url, tokens_file, WebSettings()) as running:
        yield running


def _answer(card_id: str, at: datetime, by: str) -> dict[str, Any]:
    return {"card_id": card_id, "answered_at": at.astimezone(LOCAL).isoformat(), "answered_by": by}


def test_the_rollups_follow_cards_answers_duplicates_and_a_change_of_school(site: Site) -> None:
    engine = site.server.engine
    now = datetime.now(UTC).replace(microsecond=0)
    # Cards of a kiosk with no school yet: in no school's rollup until the kiosk is assigned.
    early = [
        wire_card(id=str(uuid.uuid4()), kiosk_id=OTHER_KIOSK_ID, rating=r, role=role,
                  went_well=well, created_at=(now - timedelta(hours=h)).astimezone(LOCAL)
                  .isoformat(), followup_requested=r == 1, contact_name="Ana")
        for r, role, well, h in [(5, "parent", ["friendly"], 6), (1, None, [], 7),
                                 (4, "staff", ["quick"], 8)]
    ]  # fmt: skip
    sent = post(site.server, "/v1/cards", batch(*early, kiosk_id=OTHER_KIOSK_ID), OTHER_TOKEN)
    assert {o for o, _ in outcomes(sent)} == {"accepted"}
    with engine.connect() as conn:
        assert facets_in_rollup(conn) == {}
    filled = fill(site)  # assigns the kiosks (the early cards move in), more cards, an answer
    assert_rollups_match(engine)
    with engine.connect() as conn:
        assert {k[2:] for k in facets_in_rollup(conn) if k[2] == "went_well"} >= {
            ("went_well", "friendly"),
            ("went_well", "quick"),
        }
        assert filled.answered_card in first_answers_in_rollup(conn)

    # The same batch again: duplicates, nothing counted twice.
    again = post(site.server, "/v1/cards", batch(*early, kiosk_id=OTHER_KIOSK_ID), OTHER_TOKEN)
    assert {o for o, _ in outcomes(again)} == {"duplicate"}
    # A later answer changes nothing; an earlier one (sent after) becomes the first.
    with engine.connect() as conn:
        first = first_answers_in_rollup(conn)[filled.answered_card]
    for at, by in [(now - timedelta(hours=20), "late.answer"), (now - timedelta(hours=48), "x")]:
        body = {"kiosk_id": KIOSK_ID, "answers": [_answer(filled.answered_card, at, by)]}
        assert outcomes(post(site.server, "/v1/followups", body)) == [("accepted", None)]
    (asked,) = [str(c["id"]) for c in early if c["rating"] == 1]
    two = [_answer(asked, now - timedelta(hours=h), by) for h, by in [(2, "b"), (3, "a")]]
    body = {"kiosk_id": OTHER_KIOSK_ID, "answers": two}
    sent = post(site.server, "/v1/followups", body, OTHER_TOKEN)
    assert outcomes(sent) == [("accepted", None)] * 2
    assert_rollups_match(engine)
    with engine.connect() as conn:
        now_first = first_answers_in_rollup(conn)
    assert now_first[filled.answered_card][4] == "x" and first[4] == "office.manager"
    assert now_first[asked][4] == "a"

    # A card's school changing (here: every Roosevelt card moved to Lincoln) moves its facets,
    # chips and first answer.
    with engine.begin() as conn:
        lincoln = accounts.school_by_slug(conn, "lincoln-elem")
        assert lincoln is not None
        conn.execute(
            update(cards).where(cards.c.kiosk_id == OTHER_KIOSK_ID).values(school_id=lincoln.id)
        )
    assert_rollups_match(engine)
    with engine.connect() as conn:
        assert now_first[asked][0] != lincoln.id
        assert first_answers_in_rollup(conn)[asked][0] == lincoln.id


# ---- The migration, on a database of cards made at the revision before ------------------------


def _pages_from_cards(conn: Connection, school_ids: list[int], period: Period) -> dict[str, Any]:
    """The school page's and follow-ups page's figures as the pages computed them before the
    rollups: straight from the cards, chips and answers."""
    c = cards.c
    in_period = [c.local_date.between(period.first, period.last)]
    figures: dict[str, Any] = {}
    for school_id in school_ids:
        mine = [c.school_id == school_id, *in_period]
        chips = select(card_choices.c.kind, card_choices.c.choice, func.count()).join(
            cards, c.seq == card_choices.c.card_seq
        )
        chips = chips.where(*mine).group_by(card_choices.c.kind, card_choices.c.choice)
        figures[f"chips {school_id}"] = {(k, v): n for k, v, n in conn.execute(chips)}
        for name in ("role", "language"):
            q = select(c[name], func.count()).where(*mine).group_by(c[name])
            figures[f"{name} {school_id}"] = dict(conn.execute(q).all())
        grid = [[0] * 24 for _ in range(7)]
        q = select(c.local_weekday, c.local_hour, func.count()).where(*mine)
        for weekday, hour, n in conn.execute(q.group_by(c.local_weekday, c.local_hour)):
            grid[weekday][hour] = n
        figures[f"heat {school_id}"] = grid
        q = select(c.comment).where(*mine, c.comment.is_not(None), c.comment != "")
        q = q.order_by(c.local_date.desc(), c.created_at_utc.desc()).limit(20)
        figures[f"comments {school_id}"] = [t for (t,) in conn.execute(q)]
    answered: dict[int, list[float]] = defaultdict(list)
    listed = []
    for card_id, (school_id, day, asked, at, _by, _seq) in first_answers_from_cards(conn).items():
        if school_id in school_ids and period.first.isoformat() <= day <= period.last.isoformat():
            answered[school_id].append((at - asked).total_seconds())
            listed.append((day, asked, card_id))
    figures["answered"] = {
        s: (len(w), timedelta(seconds=statistics.median(w))) for s, w in answered.items()
    }
    figures["answered requests"] = [card_id for *_, card_id in sorted(listed, reverse=True)]
    for name, p in _overview_periods(period).items():
        for which, shown in (("now", p), ("before", p.previous())):
            good = func.sum(case((c.rating >= 4, 1), else_=0))
            rows = select(c.school_id, func.count(), func.sum(c.rating), good).where(
                c.local_date.between(shown.first, shown.last), c.school_id.in_(school_ids)
            )
            found = conn.execute(rows.group_by(c.school_id))
            figures[f"overview {name} {which}"] = {
                s: (n, int(total), int(good)) for s, n, total, good in found
            }
        days = select(c.local_date, func.count(), func.sum(c.rating)).where(
            c.local_date.between(p.first, p.last), c.school_id.in_(school_ids)
        )
        figures[f"trend {name}"] = _bucketed(p, conn.execute(days.group_by(c.local_date)))
    return figures


def _overview_periods(period: Period) -> dict[str, Period]:
    """Periods of every shape: a day, whole weeks and edges, by week, by month."""
    last = period.last
    return {
        "today": Period(last, last, "today"),
        "30 days": period,
        "a year": Period(last - timedelta(days=364), last, "range"),
        "two years": Period(last - timedelta(days=729), last, "range"),
        "a wednesday to a thursday": Period(date(2026, 10, 7), date(2026, 11, 19), "range"),
    }


def _bucketed(period: Period, rows: Any) -> dict[date, tuple[int, int]]:
    size = periods.buckets(period)
    sums: dict[date, tuple[int, int]] = {}
    for day, n, total in rows:
        local = day if isinstance(day, date) else date.fromisoformat(day)
        start = periods.bucket_start(local, size)
        was = sums.get(start, (0, 0))
        sums[start] = (was[0] + int(n), was[1] + int(total))
    return sums


def _pages_now(conn: Connection, scope: scope_q.Scope, period: Period) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for school_id in scope.school_ids:
        figures[f"chips {school_id}"] = school_q.choices(conn, school_id, period)
        visitors = school_q.visitors(conn, school_id, period)
        figures[f"role {school_id}"] = visitors.roles
        figures[f"language {school_id}"] = visitors.languages
        figures[f"heat {school_id}"] = visitors.heat
        figures[f"comments {school_id}"] = [
            c.text for c in school_q.comments(conn, school_id, period)
        ]
    now = datetime.now(UTC)
    per_school = followups_q.by_school(conn, scope, period, now, timedelta(hours=24))
    figures["answered"] = {
        s.school_id: (s.answered, s.median_wait) for s in per_school if s.answered
    }
    listed = followups_q.answered_requests(conn, scope, period, now, timedelta(hours=24), None)
    figures["answered requests"] = [r.card_id for r in listed]
    for name, p in _overview_periods(period).items():
        rows = overview_q.schools(conn, scope, p)
        for which in ("now", "before"):
            figures[f"overview {name} {which}"] = {
                r.school.id: (f.cards, f.rating_sum, f.good)
                for r in rows
                if (f := getattr(r, which)).cards
            }
        daily = overview_q.daily(conn, scope.school_ids, p)
        figures[f"trend {name}"] = _bucketed(p, ((d, n, s) for d, (n, s) in daily.items()))
    return figures


def test_the_migration_fills_the_rollups_and_the_pages_show_the_same(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small batches (runs of days of about 400 cards): the 3,000 cards take several, and a
    # batch that missed or repeated a day would show in the figures.
    monkeypatch.setattr(page_rollups, "FILL_BATCH", 400)
    engine = open_database(database_url)
    try:
        schema.upgrade(engine, BEFORE)
        now = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
        plan = seed.Plan(schools=3, kiosks=6, cards=3000, days=730)
        seed.seed(engine, plan, now, lambda _line: None)  # rows made in Python, at 0003
        period = Period(now.date() - timedelta(days=29), now.date(), "range")
        with engine.begin() as conn:
            # A kiosk moved after sending: its cards change school at 0003, before the rollups.
            kiosk_id = conn.execute(select(cards.c.kiosk_id).limit(1)).scalar_one()
            kiosks.assign(conn, kiosk_id, "lincoln-elem")
            scope = scope_q.Scope(
                tuple(School(r.id, r.slug, r.name) for r in conn.execute(select(schools))),
                unassigned_kiosks=True,
                contacts=True,
            )
            before = _pages_from_cards(conn, scope.school_ids, period)
        assert any(before[f"chips {i}"] for i in scope.school_ids) and before["answered"]

        schema.upgrade(engine)
        assert_rollups_match(engine)
        with engine.connect() as conn:
            assert _pages_now(conn, scope, period) == before
            # The same for a person who sees every school (queried with no list of them).
            assert _pages_now(conn, dataclasses.replace(scope, every_school=True), period) == before
    finally:
        engine.dispose()
