"""The district demo's kiosks keep the mix the seed meant (most online, some waiting, some
offline, some never seen): the seeded kiosks are cast from their seeded heartbeats, and those
meant to call send real heartbeats through the receiver's API on 127.0.0.1, on a schedule that
an injected clock steps through an hour of the demo."""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from fake_clock import FakeClock
from receiver_harness import DISTRICT_TOKEN
from sqlalchemy import select, update
from web_harness import PEOPLE, Site, Visitor

from district import demo_fleet
from district import seed as seeding
from district.db import kiosks
from district.demo_fleet import DemoKiosk, Part, Simulator
from district.web import fleet
from district.web.fleet import State
from district.web.settings import WebSettings
from sync.protocol import Heartbeat

SETTINGS = WebSettings()
PLAN = seeding.Plan(schools=5, kiosks=60, cards=200, days=10, seed=5)
MEANT = {Part.STEADY: State.ONLINE, Part.FLAKY: State.WAITING, Part.SILENT: State.OFFLINE,
         Part.NEVER: State.NEVER}  # fmt: skip


@pytest.fixture
def seeded(tmp_path: Path, tokens_file: Path) -> Iterator[Site]:
    with Site(f"sqlite:///{tmp_path / 'demo.db'}", tokens_file, SETTINGS, PLAN) as site:
        yield site


def kiosk_states(site: Site) -> dict[str, State]:
    """Each kiosk's state as the fleet page decides it, from what GET /v1/kiosks reports."""
    answer = requests.get(
        site.url + "/v1/kiosks", headers={"Authorization": f"Bearer {DISTRICT_TOKEN}"}, timeout=10
    )
    assert answer.status_code == 200
    return {
        k["kiosk_id"]: fleet.state(
            datetime.fromisoformat(k["last_heartbeat_at"]) if k["last_heartbeat_at"] else None,
            site.clock(),
            SETTINGS,
        )
        for k in answer.json()
    }


def test_the_seeded_kiosks_are_cast_as_the_seed_meant_them(seeded: Site, tmp_path: Path) -> None:
    before = kiosk_states(seeded)
    cast = demo_fleet.cast(seeded.server.engine, seeded.clock())
    # The tokens file's kiosks have tokens of their own (as the demo's real kiosk has): not cast.
    assert {k.kiosk_id for k in cast} == {k for k in before if k.startswith("k")}
    assert {k.kiosk_id: MEANT[k.part] for k in cast} == {
        k.kiosk_id: before[k.kiosk_id] for k in cast
    }
    parts = [k.part for k in cast]
    assert parts.count(Part.STEADY) > len(cast) / 2
    assert {Part.FLAKY, Part.SILENT, Part.NEVER} <= set(parts)
    assert all((k.token is not None) == (k.part in (Part.STEADY, Part.FLAKY)) for k in cast)

    plan = tmp_path / "fleet.json"
    demo_fleet.write_plan(plan, cast)
    assert stat.S_IMODE(plan.stat().st_mode) == 0o600  # it holds tokens
    assert demo_fleet.read_plan(plan) == cast


def test_the_demo_kiosks_call_through_the_api_and_the_fleet_page_shows_the_mix(
    seeded: Site,
) -> None:
    cast = demo_fleet.cast(seeded.server.engine, seeded.clock())
    # The demo, started again hours later: every seeded heartbeat is hours old.
    with seeded.server.engine.begin() as conn:
        beats = conn.execute(select(kiosks.c.kiosk_id, kiosks.c.last_heartbeat_at)).all()
        for kiosk_id, beat in beats:
            if beat is not None:
                conn.execute(
                    update(kiosks)
                    .where(kiosks.c.kiosk_id == kiosk_id)
                    .values(last_heartbeat_at=beat - timedelta(hours=3))
                )
    assert set(kiosk_states(seeded).values()) <= {State.OFFLINE, State.NEVER}

    # Sent by the real time, as the demo sends them (the receiver stamps them with it too).
    simulator = Simulator(cast, demo_fleet.sender(seeded.url), lambda: datetime.now(UTC))
    simulator.step()
    seeded.clock.now = datetime.now(UTC)  # the page's clock too
    states = kiosk_states(seeded)
    for k in cast:
        if k.part is Part.STEADY:
            assert states[k.kiosk_id] is State.ONLINE, k
        elif k.part in (Part.SILENT, Part.NEVER):
            assert states[k.kiosk_id] is MEANT[k.part], k
        else:  # it called at once, so it is not shown offline; Waiting from its next gap on
            assert states[k.kiosk_id] is State.ONLINE, k

    # What each heartbeat said is what the seed gave that kiosk: its version, its clock's skew.
    listed = {
        k["kiosk_id"]: k
        for k in requests.get(
            seeded.url + "/v1/kiosks",
            headers={"Authorization": f"Bearer {DISTRICT_TOKEN}"},
            timeout=10,
        ).json()
    }
    for k in cast:
        if k.part is Part.STEADY:
            assert listed[k.kiosk_id]["app_version"] == k.app_version
            assert abs(listed[k.kiosk_id]["clock_skew_seconds"] - k.clock_skew_seconds) < 5

    visitor = Visitor(seeded.url)
    visitor.sign_in(PEOPLE["district"].username)
    figures = re.findall(r'<p class="figure-value">([0-9,]+)</p>', visitor.get("/fleet").text)
    by_state = dict(zip(State, (int(n.replace(",", "")) for n in figures), strict=True))
    calling = sum(k.part in (Part.STEADY, Part.FLAKY) for k in cast)
    assert by_state[State.ONLINE] == calling
    assert by_state[State.OFFLINE] == sum(k.part is Part.SILENT for k in cast)
    assert by_state[State.NEVER] == sum(k.part is Part.NEVER for k in cast) + 2  # tokens file's


def test_over_an_hour_of_the_demo_the_mix_holds_at_every_minute() -> None:
    clock = FakeClock()
    cast = [
        DemoKiosk(f"k{i}", part, "token-" + str(i) if part in (Part.STEADY, Part.FLAKY) else None,
                  "1.4.2", 0, None, 10**10, 0.0, None)
        for i, part in enumerate([Part.STEADY] * 20 + [Part.FLAKY] * 4 + [Part.SILENT] * 2
                                 + [Part.NEVER])
    ]  # fmt: skip
    last: dict[str, datetime] = {}
    sent: list[tuple[str, Heartbeat]] = []

    def send(kiosk: DemoKiosk, beat: Heartbeat) -> None:
        last[kiosk.kiosk_id] = clock()
        sent.append((kiosk.kiosk_id, beat))

    simulator = Simulator(cast, send, clock)
    start = clock()
    end = start + timedelta(hours=1)
    seen: list[dict[State, int]] = []
    while clock() < end:
        wait = simulator.step()
        assert timedelta(0) <= wait <= timedelta(seconds=60)
        states = {k.kiosk_id: fleet.state(last.get(k.kiosk_id), clock(), SETTINGS) for k in cast}
        counts = {s: sum(1 for v in states.values() if v is s) for s in State}
        seen.append(counts)
        if clock() > start + 2 * SETTINGS.online_within:
            assert counts[State.ONLINE] >= 20 and counts[State.WAITING] >= 3, counts
            assert counts[State.OFFLINE] == 0
        clock.advance(seconds=30)
    assert {kiosk for kiosk, _ in sent} == {k.kiosk_id for k in cast if k.token}
    assert max(c[State.WAITING] for c in seen) >= 3
    assert all(c[State.ONLINE] >= 20 for c in seen)  # the steady ones never lapse


def test_a_receiver_that_is_not_up_yet_is_tried_again_and_said_once() -> None:
    clock = FakeClock()
    cast = [DemoKiosk(f"k{i}", Part.STEADY, "t", "1.4.2", 0, None, None, 0.0, None)
            for i in range(3)]  # fmt: skip
    said: list[str] = []

    def refuse(_kiosk: DemoKiosk, _beat: Heartbeat) -> None:
        raise ConnectionRefusedError("connection refused")

    simulator = Simulator(cast, refuse, clock, complain=said.append)
    assert simulator.step() == demo_fleet.RETRY
    assert said == []  # the server is starting beside it
    clock.advance(seconds=demo_fleet.STARTING.total_seconds())
    simulator.step()
    clock.advance(seconds=5)
    assert simulator.step() == demo_fleet.RETRY
    assert len(said) == 1 and "did not take a heartbeat" in said[0]  # once, not per kiosk
