"""Every error is a Problem with a stable code: a body that is not JSON text, a path or method
the receiver does not serve, and a database that cannot be reached (503 with Retry-After, which
the kiosk honours), on both databases."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from receiver_calls import batch, get, outcomes, post, wire_card
from receiver_harness import KIOSK_TOKEN, Postgres, Receiver
from sqlalchemy import text

from sync.client import DistrictClient
from sync.errors import RateLimited
from sync.protocol import CardBatch


def problem_of(answer: requests.Response) -> tuple[int, str]:
    assert answer.headers["content-type"] == "application/json", answer.text
    body = answer.json()
    assert set(body) == {"code", "status", "title", "detail"} and body["title"]
    assert body["status"] == answer.status_code
    return answer.status_code, body["code"]


NOT_JSON_TEXT = {
    "invalid UTF-8": (b'{"kiosk_id": "lincoln-1", "cards": ["\xff"]}', "400.1"),
    "Latin-1 text": ('{"kiosk_id": "lincoln-1", "comment": "año"}'.encode("latin-1"), "400.1"),
    "nested 100,000 deep": (b"[" * 100_000 + b"]" * 100_000, "400.3"),
    "objects nested 5,000 deep": (b'{"a":' * 5_000 + b"1" + b"}" * 5_000, "400.3"),
}


@pytest.mark.parametrize("case", NOT_JSON_TEXT, ids=list(NOT_JSON_TEXT))
def test_a_body_that_is_not_json_text_is_a_problem(receiver: Receiver, case: str) -> None:
    body, code = NOT_JSON_TEXT[case]
    assert problem_of(post(receiver, "/v1/cards", None, raw=body)) == (400, code)
    assert receiver.count() == 0


def test_unknown_path_and_method_are_problems_with_the_allowed_methods(
    receiver: Receiver,
) -> None:
    headers = {"Authorization": f"Bearer {KIOSK_TOKEN}"}
    with requests.get(receiver.url + "/v2/cards", headers=headers, timeout=10) as r:
        assert problem_of(r) == (404, "404.3")
    with requests.delete(receiver.url + "/v1/cards", headers=headers, timeout=10) as r:
        assert problem_of(r) == (405, "405.1")
        assert r.headers["allow"] == "GET, POST"  # both routes of the path, not the first one's
    with requests.put(receiver.url + "/v1/kiosks/lincoln-1/heartbeat", timeout=10) as r:
        assert problem_of(r) == (405, "405.1")
        assert r.headers["allow"] == "POST"
    for path, allow in [("/v1/cards", "GET, POST"), ("/v1/kiosks", "GET")]:
        with requests.options(receiver.url + path, timeout=10) as r:
            assert (r.status_code, r.headers["allow"], r.content) == (204, allow, b"")


def test_sqlite_locked_past_the_busy_timeout_is_503_then_recovers(
    tmp_path: Path, tokens_file: Path
) -> None:
    path = tmp_path / "receiver.db"
    receiver = Receiver(f"sqlite:///{path}", tokens_file, busy_timeout_ms=200).start()
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")  # another process holding the write lock
        answer = post(receiver, "/v1/cards", batch(wire_card()))
        assert problem_of(answer) == (503, "503.1")
        assert answer.headers["retry-after"] == "30"
        other.execute("ROLLBACK")
        assert outcomes(post(receiver, "/v1/cards", batch(wire_card()))) == [("accepted", None)]
    finally:
        other.close()
        receiver.stop()


@pytest.fixture
def own_postgres() -> Iterator[Postgres]:
    """A PostgreSQL of this test's own, so stopping it leaves the others' alone."""
    if not (Postgres.BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL 15 is not installed ({Postgres.BIN})")
    server = Postgres()
    server.start()
    yield server
    server.stop()


@pytest.mark.postgres
@pytest.mark.slow
def test_postgres_down_is_503_with_retry_after_then_recovers(
    own_postgres: Postgres, tokens_file: Path
) -> None:
    receiver = Receiver(own_postgres.url, tokens_file).start()
    try:
        assert outcomes(post(receiver, "/v1/cards", batch(wire_card()))) == [("accepted", None)]
        own_postgres.stop_server()
        for answer in (
            post(receiver, "/v1/cards", batch(wire_card())),
            get(receiver, "/v1/kiosks"),
        ):
            assert problem_of(answer) == (503, "503.1")
            assert answer.headers["retry-after"] == "30"
        # The kiosk's client reads it as "come back later", with the receiver's wait.
        client = DistrictClient(receiver.url, KIOSK_TOKEN, timeout=10)
        with pytest.raises(RateLimited) as raised:
            client.send_cards(CardBatch.model_validate(batch(wire_card())))
        client.close()
        assert raised.value.retry_after == 30
        own_postgres.start_server()
        assert outcomes(post(receiver, "/v1/cards", batch(wire_card()))) == [("accepted", None)]
        assert receiver.count() == 2
    finally:
        receiver.stop()


# PostgreSQL only: there a missing table is a ProgrammingError (a bug), on SQLite an
# OperationalError (answered 503, as above).
@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
def test_a_bug_answers_a_problem_marked_as_the_receivers(
    database_url: str, tokens_file: Path
) -> None:
    receiver = Receiver(database_url, tokens_file).start()
    try:
        with receiver.engine.begin() as conn:  # a receiver bug as good as any: a table gone
            conn.execute(text("DROP TABLE kiosks CASCADE"))  # tokens refer to it
        answer = get(receiver, "/v1/kiosks")
        assert problem_of(answer) == (500, "500.1")
        assert answer.headers["feedback-protocol"] == "1"
    finally:
        receiver.stop()
