"""doctor counts the visits waiting in the fallback journal."""

from __future__ import annotations

from pathlib import Path

from fake_clock import FakeClock

from kiosk.core.card import Card, Delivery
from kiosk.deploy.doctor import Status, check_unsaved_visits
from kiosk.store.journal import FallbackJournal, journal_path


def test_no_journal_passes(data_dir: Path) -> None:
    check = check_unsaved_visits(data_dir)
    assert check.status is Status.OK


def test_visits_kept_aside_are_counted_with_what_to_do(data_dir: Path, clock: FakeClock) -> None:
    path = journal_path(data_dir)
    assert path is not None
    journal = FallbackJournal(path)
    for rating in (1, 5):
        card = Card.new(rating, "en", "demo-kiosk", "0.1.0", clock)
        card.delivery = Delivery.PENDING
        journal.keep(card)
    check = check_unsaved_visits(data_dir)
    assert check.status is Status.WARN
    assert check.detail == f"2 visit(s) the card database refused wait in {path}"
    assert "start the kiosk" in check.fix
