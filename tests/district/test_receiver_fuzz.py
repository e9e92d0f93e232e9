"""Schemathesis against the served OpenAPI document, on SQLite and PostgreSQL: every operation,
positive and negative examples, every check. Zero server errors and zero answers that break the
document, or the test fails with schemathesis's report. Kiosk and district tokens are real and
positive bodies are made that kiosk's own (tests/support/receiver_fuzz_hooks.py), so the data
reaches the database. Deterministic (fixed seed) and bounded (examples per operation)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from receiver_harness import DISTRICT_TOKEN, KIOSK_ID, KIOSK_TOKEN, Receiver
from sqlalchemy import func, select

from district import db

MAX_EXAMPLES = 20
"""Per operation and phase: enough to find each of the issue's findings again, small enough to
keep both runs well under a minute on two cores."""

CONFIG = f"""
seed = 20261201
[generation]
mode = "all"
max-examples = {MAX_EXAMPLES}
deterministic = true
[checks]
enabled = true
[phases.stateful]
max-steps = 5
[phases.stateful.generation]
max-examples = 10

[[operations]]
include-path = "/v1/kiosks/{{kiosk_id}}/heartbeat"
parameters = {{ kiosk_id = "{KIOSK_ID}" }}
headers = {{ Authorization = "Bearer {KIOSK_TOKEN}" }}

[[operations]]
include-method = "POST"
headers = {{ Authorization = "Bearer {KIOSK_TOKEN}" }}

[[operations]]
include-method = "GET"
headers = {{ Authorization = "Bearer {DISTRICT_TOKEN}" }}
"""


@pytest.mark.slow
def test_the_receiver_keeps_to_its_document(
    database_url: str, tokens_file: Path, tmp_path: Path
) -> None:
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG, encoding="utf-8")
    support = Path(__file__).parents[1] / "support"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(p for p in (str(support), os.environ.get("PYTHONPATH")) if p),
        "SCHEMATHESIS_HOOKS": "receiver_fuzz_hooks",
        "NO_COLOR": "1",
    }
    receiver = Receiver(database_url, tokens_file).start()
    try:
        run = subprocess.run(
            [str(Path(sys.executable).with_name("st")), "--config-file", str(config), "run",
             f"{receiver.url}/openapi.json", "--workers", "1"],
            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=240,
        )  # fmt: skip
        with receiver.engine.connect() as conn:
            stored = {
                table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (db.cards, db.followups, db.kiosks)
            }
    finally:
        receiver.stop()
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-5000:]
    # The fuzzer's data got past the token and kiosk checks into every table.
    assert all(stored.values()), stored
