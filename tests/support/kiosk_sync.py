"""The kiosk's side of the sync tests: cards seeded as the screens leave them, an uploader, the
`kiosk sync --once` command, the manager's follow-up answers, and what the receiver stored."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from receiver_harness import KIOSK_ID, KIOSK_TOKEN, Receiver
from sqlalchemy import select

from district import db
from kiosk.cli.main import main
from kiosk.core.card import Card, Delivery, utc_iso
from kiosk.core.config import Config
from kiosk.outbox.uploader import Uploader
from kiosk.store.cards import DB_FILENAME, CardStore
from kiosk.store.manager_settings import ManagerSettings, SettingsChange
from sync.client import DistrictClient


def seed(store: CardStore, clock: Any, n: int, kiosk_id: str = KIOSK_ID) -> list[str]:
    """``n`` final cards, one a second, as the kiosk's screens would leave them."""
    ids = []
    with store.transaction():
        for i in range(n):
            card = Card.new(1 + i % 5, "es" if i % 3 else "en", kiosk_id, "0.1.0", clock)
            card.went_well = ["friendly"] if i % 2 else []
            card.comment = f"visita número {i} ¿bien? ¡sí!" if i % 4 == 0 else None
            store.create(card)
            store.finalise(card.id)
            ids.append(card.id)
            clock.advance(seconds=1)
    return ids


def filled(data_dir: Path, clock: Any) -> tuple[dict[str, Delivery], Path]:
    """A closed store file with 600 cards (200 delivered, 1 rejected, the rest pending) and one
    manager's setting; the cards' states by id, and the file."""
    store = CardStore.in_dir(data_dir, clock)
    ids = seed(store, clock, 600)
    store.mark_delivered(ids[:200])
    store.mark_rejected({ids[200]: "bad (409.1)"})
    ManagerSettings(store).save(SettingsChange(idle_timeout="90", retention_days="30"), Config())
    before = {c.id: c.delivery for c in store.cards(limit=10_000)}
    store.close()
    return before, data_dir / DB_FILENAME


def uploader(
    store: CardStore,
    url: str,
    timeout: float = 5.0,
    batch_size: int = 100,
    token: str = KIOSK_TOKEN,
) -> Uploader:
    return Uploader(store, DistrictClient(url, token, timeout), KIOSK_ID, "0.1.0", batch_size)


def write_config(tmp_path: Path, endpoint: str, batch_size: int = 100) -> Path:
    token_file = tmp_path / "kiosk.token"
    token_file.write_text(KIOSK_TOKEN + "\n", encoding="utf-8")
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'kiosk_id = "{KIOSK_ID}"\n\n[sync]\nendpoint = "{endpoint}"\n'
        f'token_file = "{token_file}"\nbatch_size = {batch_size}\ntimeout_seconds = 30\n',
        encoding="utf-8",
    )
    return config


def sync_once(config: Path, data_dir: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        main, ["sync", "--once", "--config", str(config), "--data-dir", str(data_dir)]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def answer(store: CardStore, card_id: str, at: datetime, by: str, note: str) -> None:
    """What the manager's resolve_followup() leaves in the store (columns of 0002)."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE cards SET followup_requested = 1, followup_answered_at = ?, "
            "followup_answered_by = ?, followup_note = ?, followup_delivery = 'pending' "
            "WHERE id = ?",
            [utc_iso(at), by, note, card_id],
        )


def stored_answers(receiver: Receiver) -> list[tuple[str, str]]:
    with receiver.engine.connect() as conn:
        rows = conn.execute(select(db.followups.c.card_id, db.followups.c.body))
        return sorted((card_id, body) for card_id, body in rows)
