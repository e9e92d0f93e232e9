"""The dashboard's pages and their CSV exports: the overview, a school's page, follow-ups and the
fleet. Each asks for its person first, decides that person's scope once (queries.scope), and
queries only within it; a school outside the scope is a 404, the same as one that does not
exist. Each export streams the rows of its page from the database, with the page's period."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy import Connection, Engine

from district.accounts import Clock, User
from district.web import charts, export, i18n, labels, periods
from district.web.fleet import KioskRow, State
from district.web.i18n import N_, gettext
from district.web.periods import Period, PeriodError
from district.web.queries import fleet as fleet_q
from district.web.queries import followups as followups_q
from district.web.queries import overview as overview_q
from district.web.queries import school as school_q
from district.web.queries import scope as scope_q
from district.web.queries.followups import Status
from district.web.queries.scope import Scope
from district.web.settings import WebSettings

PRESET_NAMES = {"today": N_("Today"), "7d": N_("7 days"), "30d": N_("30 days")}
STATUS_NAMES = {
    Status.OVERDUE: N_("Overdue"),
    Status.OPEN: N_("Open"),
    Status.ANSWERED: N_("Answered"),
}
KIOSKS_PER_PAGE = 100
"""Problems come first, so the first page holds them; the CSV has every kiosk."""
SORTS = {"rating": N_("Best to worst"), "change": N_("By change")}
PERIOD_FIELDS = {"period": N_("Period"), "from": N_("From"), "to": N_("To")}
"""The period's query fields, by the name a person sees them under."""


@dataclass(frozen=True)
class Kit:
    """What the pages module lends the dashboard: who is asking, and how a page is drawn."""

    person: Callable[[Request], User | None]
    to_sign_in: Callable[[Request], Response]
    render: Callable[..., Response]
    language_of: Callable[[Request], str]


@dataclass(frozen=True)
class Chosen:
    """The period a page shows, and what was wrong with the one asked for (then the default)."""

    period: Period
    error: PeriodError | None
    asked: dict[str, str]

    def link(self, **extra: str) -> str:
        return "?" + urlencode({**self.period.query(), **extra})


def _choose(request: Request, today: date) -> Chosen:
    asked = {k: request.query_params.get(k, "") for k in ("period", "from", "to")}
    try:
        return Chosen(periods.from_query(request.query_params, today), None, asked)
    except PeriodError as exc:
        return Chosen(periods.preset(periods.DEFAULT, today), exc, asked)


def _trend_points(daily: dict[date, tuple[int, int]], period: Period) -> list[charts.TrendPoint]:
    size = periods.buckets(period)
    sums: dict[date, list[int]] = {}
    for day, (n, total) in daily.items():
        bucket = sums.setdefault(periods.bucket_start(day, size), [0, 0])
        bucket[0] += n
        bucket[1] += total
    style = "month" if size == "month" else "day"
    points = []
    for start in periods.bucket_starts(period):
        n, total = sums.get(start, [0, 0])
        points.append(
            charts.TrendPoint(i18n.format_date(start, style), n, total / n if n else None)
        )
    return points


def _trend_chart(points: list[charts.TrendPoint], ident: str) -> Any:
    shown = [p for p in points if p.average is not None]
    if shown:
        best = max(shown, key=lambda p: p.average or 0)
        worst = min(shown, key=lambda p: p.average or 0)
        summary = gettext(
            "Cards and average rating over the period: highest average %(best)s (%(best_at)s), "
            "lowest %(worst)s (%(worst_at)s)."
        ) % {
            "best": i18n.format_number(best.average or 0, 2),
            "best_at": best.label,
            "worst": i18n.format_number(worst.average or 0, 2),
            "worst_at": worst.label,
        }
    else:
        summary = gettext("No cards in this period.")
    return charts.trend(
        points, gettext("Trend: cards and average rating"), summary, gettext("Cards"), ident
    )


def _school_filename(prefix: str, period: Period, suffix: str = "") -> str:
    return f"{prefix}{suffix}-{period.first.isoformat()}-{period.last.isoformat()}.csv"


def _csv(name: str, header: Sequence[str], rows: Iterator[Sequence[Any]]) -> StreamingResponse:
    return StreamingResponse(
        export.stream(header, rows),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


def install(
    router: APIRouter, engine: Engine, settings: WebSettings, clock: Clock, kit: Kit
) -> None:
    def today() -> date:
        return settings.today(clock())

    @contextmanager
    def scoped(user: User) -> Iterator[tuple[Connection, Scope]]:
        """A connection and what ``user`` may see in it: every page's first query."""
        with engine.connect() as conn:
            yield conn, scope_q.of(conn, user)

    def scope_for(user: User) -> Scope:
        with scoped(user) as (_conn, scope):
            return scope

    def school_rows(user: User, period: Period) -> list[overview_q.SchoolRow]:
        with scoped(user) as (conn, scope):
            return overview_q.schools(conn, scope, period)

    def kiosk_rows(user: User) -> list[KioskRow]:
        with scoped(user) as (conn, scope):
            return fleet_q.rows(conn, scope, clock(), settings)

    def not_found(request: Request, user: User) -> Response:
        with i18n.speaking(kit.language_of(request)):
            return kit.render(request, "not_found.html", user, status=404)

    def bad_period(request: Request, user: User, error: PeriodError, page_path: str) -> Response:
        # An export says what is wrong with the period asked for, as its page does, rather
        # than export another period than the one in the address.
        with i18n.speaking(kit.language_of(request)):
            field = gettext(PERIOD_FIELDS[error.field])
            return kit.render(
                request, "bad_request.html", user, status=400, field=field, page_path=page_path
            )

    def page(
        request: Request, user: User, template: str, chosen: Chosen | None, **ctx: Any
    ) -> Response:
        status = 400 if chosen is not None and chosen.error is not None else 200
        extra: dict[str, Any] = {}
        if chosen is not None:
            extra = {
                "chosen": chosen,
                "presets": [(key, PRESET_NAMES[key]) for key in periods.PRESETS],
            }
        return kit.render(request, template, user, status=status, **extra, **ctx)

    # ---- Overview ---------------------------------------------------------------------------

    @router.get("/")
    def overview(request: Request, sort: str = "rating") -> Response:
        user = kit.person(request)
        if user is None:
            return kit.to_sign_in(request)
        chosen = _choose(request, today())
        sort = sort if sort in SORTS else "rating"
        with scoped(user) as (conn, scope):
            rows = overview_q.schools(conn, scope, chosen.period)
            daily = overview_q.daily(conn, scope.school_ids, chosen.period)
        now, before = overview_q.total(rows)
        shown = overview_q.by_change(rows) if sort == "change" else rows
        if sort == "change":
            shown += [r for r in rows if r.change is None]
        with i18n.speaking(kit.language_of(request)):
            points = _trend_points(daily, chosen.period)
            chart = _trend_chart(points, "trend")
        return page(
            request,
            user,
            "overview.html",
            chosen,
            active="overview",
            rows=shown,
            now=now,
            before=before,
            points=points,
            chart=chart,
            sort=sort,
            sorts=SORTS,
            export_url="/export/overview.csv" + chosen.link(),
        )

    @router.get("/export/overview.csv")
    def overview_csv(request: Request) -> Response:
        user = kit.person(request)
        if user is None:
            return kit.to_sign_in(request)
        chosen = _choose(request, today())
        if chosen.error is not None:
            return bad_period(request, user, chosen.error, "/")
        rows = school_rows(user, chosen.period)
        with i18n.speaking(kit.language_of(request)):
            header = [
                gettext("School"),
                gettext("Short name"),
                gettext("Cards"),
                gettext("Average rating"),
                gettext("Good or excellent"),
                gettext("Cards before"),
                gettext("Average before"),
                gettext("Change"),
            ]

        def lines() -> Iterator[Sequence[Any]]:
            for r in rows:
                yield [
                    r.school.name,
                    r.school.slug,
                    r.now.cards,
                    _round(r.now.average, 3),
                    _round(r.now.good_share, 3),
                    r.before.cards,
                    _round(r.before.average, 3),
                    _round(r.change, 3),
                ]

        return _csv(_school_filename("overview", chosen.period), header, lines())

    # ---- A school ---------------------------------------------------------------------------

    @router.get("/schools/{slug}")
    def school_page(request: Request, slug: str) -> Response:
        user = kit.person(request)
        if user is None:
            return kit.to_sign_in(request)
        chosen = _choose(request, today())
        period = chosen.period
        with scoped(user) as (conn, scope):
            school = scope.school(slug)
            if school is None:
                return not_found(request, user)
            faces = overview_q.faces(conn, school.id, period)
            daily = overview_q.daily(conn, [school.id], period)
            chips_now = school_q.choices(conn, school.id, period)
            chips_before = school_q.choices(conn, school.id, period.previous())
            visitors = school_q.visitors(conn, school.id, period)
            comments = list(school_q.comments(conn, school.id, period))
        cards = sum(faces.values())
        grid = visitors.heat
        with i18n.speaking(kit.language_of(request)):
            points = _trend_points(daily, period)
            chart = _trend_chart(points, "trend")
            days = [gettext(d) for d in labels.WEEKDAYS]
            busiest = max(
                ((grid[d][h], d, h) for d in range(7) for h in range(24)), default=(0, 0, 0)
            )
            heat_summary = (
                gettext("Busiest: %(day)s at %(hour)s:00, %(cards)s cards.")
                % {"day": days[busiest[1]], "hour": busiest[2], "cards": busiest[0]}
                if busiest[0]
                else gettext("No cards in this period.")
            )
            heat = charts.heat_map(
                grid, days, gettext("Cards by weekday and hour of the day"), heat_summary
            )
            hours = [h for h in range(24) if any(row[h] for row in grid)]
            chip_rows = {
                kind: sorted(
                    (
                        (labels.choice(choice), n, chips_before.get((k, choice), 0))
                        for (k, choice), n in chips_now.items()
                        if k == kind
                    ),
                    key=lambda row: -row[1],
                )
                for kind in ("went_well", "could_improve")
            }
            for (k, choice), n in chips_before.items():
                if (k, choice) not in chips_now and k in chip_rows:
                    chip_rows[k].append((labels.choice(choice), 0, n))
            role_rows = [(labels.role(r), n) for r, n in visitors.roles.items()]
            language_rows = [(labels.language(code), n) for code, n in visitors.languages.items()]
            face_rows = [
                (rating, labels.face(rating), faces.get(rating, 0), charts.FACE_COLOURS[rating - 1])
                for rating in range(5, 0, -1)
            ]
        return page(
            request,
            user,
            "school.html",
            chosen,
            active="overview",
            school=school,
            cards=cards,
            face_rows=face_rows,
            chip_rows=chip_rows,
            role_rows=role_rows,
            language_rows=language_rows,
            points=points,
            chart=chart,
            heat=heat,
            grid=grid,
            hours=hours,
            days=days,
            comments=comments,
            bar=charts.bar,
            export_url=f"/export/schools/{school.slug}.csv" + chosen.link(),
        )

    @router.get("/export/schools/{slug}.csv")
    def school_csv(request: Request, slug: str) -> Response:
        user = kit.person(request)
        if user is None:
            return kit.to_sign_in(request)
        chosen = _choose(request, today())
        scope = scope_for(user)
        school = scope.school(slug)
        if school is None:
            return not_found(request, user)
        if chosen.error is not None:
            return bad_period(request, user, chosen.error, f"/schools/{school.slug}")
        with i18n.speaking(kit.language_of(request)):
            header = [
                gettext("Written at"),
                gettext("Rating"),
                gettext("Visitor"),
                gettext("Language"),
                gettext("Comment"),
            ]
            role_names = {r: labels.role(r) for r in labels.ROLES}

        def lines() -> Iterator[Sequence[Any]]:
            with engine.connect() as conn:
                for c in school_q.comments(conn, school.id, chosen.period, limit=None):
                    yield [
                        c.written_at,
                        c.rating,
                        role_names.get(c.role, c.role),
                        c.language,
                        c.text,
                    ]

        return _csv(_school_filename(school.slug, chosen.period, "-comments"), header, lines())

    # ---- Follow-ups -------------------------------------------------------------------------

    @router.get("/followups")
    def followups_page(request: Request) -> Response:
        user = kit.person(request)
        if user is None:
            return kit.to_sign_in(request)
        chosen = _choose(request, today())
        now = clock()
        overdue = settings.overdue_after
        with scoped(user) as (conn, scope):
            waiting = list(followups_q.open_requests(conn, scope, now, overdue, followups_q.SHOWN))
            answered = list(
                followups_q.answered_requests(
                    conn, scope, chosen.period, now, overdue, followups_q.SHOWN
                )
            )
            per_school = followups_q.by_school(conn, scope, chosen.period, now, overdue)
        return page(
            request,
            user,
            "followups.html",
            chosen,
            active="followups",
            waiting=waiting,
            answered=answered,
            per_school=per_school,
            open_total=sum(s.open for s in per_school),
            shown_limit=followups_q.SHOWN,
            overdue_hours=settings.overdue_hours,
            contacts=scope.contacts,
            status_names=STATUS_NAMES,
            export_url="/export/followups.csv" + chosen.link(),
        )

    @router.get("/export/followups.csv")
    def followups_csv(request: Request) -> Response:
        user = kit.person(request)
        if user is None:
            return kit.to_sign_in(request)
        chosen = _choose(request, today())
        if chosen.error is not None:
            return bad_period(request, user, chosen.error, "/followups")
        scope = scope_for(user)
        now = clock()
        overdue = settings.overdue_after
        with i18n.speaking(kit.language_of(request)):
            header = [gettext("Status"), gettext("School"), gettext("Kiosk"), gettext("Asked at")]
            header += [gettext("Rating"), gettext("Comment")]
            if scope.contacts:
                header += [gettext("Name"), gettext("Phone"), gettext("Email")]
            header += [gettext("Answered at"), gettext("Answered by"), gettext("Hours waited")]
            names = {s: gettext(n) for s, n in STATUS_NAMES.items()}

        def lines() -> Iterator[Sequence[Any]]:
            with engine.connect() as conn:
                for source in (
                    followups_q.open_requests(conn, scope, now, overdue, None),
                    followups_q.answered_requests(conn, scope, chosen.period, now, overdue, None),
                ):
                    for r in source:
                        contact = (
                            [r.contact_name, r.contact_phone, r.contact_email]
                            if scope.contacts
                            else []
                        )
                        yield [
                            names[r.status], r.school_name, r.kiosk_id, r.asked_at, r.rating,
                            r.comment, *contact, r.answered_at, r.answered_by,
                            round(r.waited.total_seconds() / 3600, 1),
                        ]  # fmt: skip

        return _csv(_school_filename("followups", chosen.period), header, lines())

    # ---- Fleet ------------------------------------------------------------------------------

    @router.get("/fleet")
    def fleet_page(request: Request, page_number: int = Query(1, alias="page")) -> Response:
        user = kit.person(request)
        if user is None:
            return kit.to_sign_in(request)
        rows = kiosk_rows(user)
        counts = {s: sum(1 for r in rows if r.state is s) for s in State}
        pages = max(1, -(-len(rows) // KIOSKS_PER_PAGE))
        page_number = min(max(page_number, 1), pages)
        first = (page_number - 1) * KIOSKS_PER_PAGE
        with i18n.speaking(kit.language_of(request)):
            state_names = {s: labels.state(s) for s in State}
        return page(
            request,
            user,
            "fleet.html",
            None,
            active="fleet",
            rows=rows[first : first + KIOSKS_PER_PAGE],
            total=len(rows),
            first=first,
            page_number=page_number,
            pages=pages,
            counts=counts,
            state_names=state_names,
            states=list(State),
            settings=settings,
            now=clock(),
            export_url="/export/fleet.csv",
        )

    @router.get("/export/fleet.csv")
    def fleet_csv(request: Request) -> Response:
        user = kit.person(request)
        if user is None:
            return kit.to_sign_in(request)
        rows = kiosk_rows(user)
        with i18n.speaking(kit.language_of(request)):
            header = [
                gettext("Kiosk"), gettext("Place"), gettext("School"), gettext("State"),
                gettext("Last heartbeat"), gettext("Version"), gettext("Pending cards"),
                gettext("Oldest pending (hours)"), gettext("Free disk (MB)"),
                gettext("Clock skew (seconds)"), gettext("Last error"),
            ]  # fmt: skip
            names = {s: labels.state(s) for s in State}

        def lines() -> Iterator[Sequence[Any]]:
            for r in rows:
                yield [
                    r.kiosk_id, r.label, r.school_name, names[r.state], r.last_heartbeat,
                    r.app_version, r.pending, _hours(r.oldest_pending_seconds),
                    _megabytes(r.disk_free_bytes), _round(r.clock_skew_seconds, 0), r.last_error,
                ]  # fmt: skip

        return _csv(f"fleet-{clock().date().isoformat()}.csv", header, lines())


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 1)


def _megabytes(size: int | None) -> int | None:
    return None if size is None else size // (1024 * 1024)
