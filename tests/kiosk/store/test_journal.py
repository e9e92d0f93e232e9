"""The fallback journal: visits the card store refused, kept elsewhere and moved back in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from card_strategies import stored_cards
from fake_clock import FakeClock
from hypothesis import HealthCheck, given, settings

from kiosk.core.card import Card, Delivery
from kiosk.store.cards import CardStore
from kiosk.store.errors import StoreEnvironmentError
from kiosk.store.journal import FallbackJournal, journal_path


def visit(clock: FakeClock, rating: int = 4, **fields: object) -> Card:
    card = Card.new(rating, "es", "demo-kiosk", "0.1.0", clock)
    for name, value in fields.items():
        setattr(card, name, value)
    clock.advance(minutes=1)
    return card


def test_the_last_snapshot_of_each_visit_counts(tmp_path: Path, clock: FakeClock) -> None:
    journal = FallbackJournal(tmp_path / "j.jsonl")
    first, second = visit(clock), visit(clock, 2)
    journal.keep(first)
    journal.keep(second)
    first.comment = "¡Muy amables! <b>gracias</b>"
    first.went_well = ["friendly", "quick"]
    first.delivery = Delivery.PENDING
    first.finalised_at = clock()
    assert journal.keep(first)
    cards = journal.cards()
    assert [c.id for c in cards] == [first.id, second.id]  # oldest visit first
    assert cards[0] == first
    assert cards[0].created_at.utcoffset() == first.created_at.utcoffset()
    assert journal.count() == 2


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(card=stored_cards)
def test_any_card_comes_back_from_the_journal_as_it_was(tmp_path: Path, card: Card) -> None:
    journal = FallbackJournal(tmp_path / "j.jsonl")
    journal.path.unlink(missing_ok=True)  # one file for every example of this test
    assert journal.keep(card)
    (again,) = journal.cards()
    assert again == card
    assert again.created_at.utcoffset() == card.created_at.utcoffset()
    # A StrEnum equals its plain value, so == alone would not see a state read back as text.
    assert type(again.delivery) is Delivery
    assert again.followup_delivery is None or type(again.followup_delivery) is Delivery


def test_a_comment_with_a_unicode_line_separator_is_one_line(
    tmp_path: Path, clock: FakeClock
) -> None:
    # Pasted text can hold U+2028/U+2029; clean_text keeps them (they are not controls) and JSON
    # writes them as they are.
    journal = FallbackJournal(tmp_path / "j.jsonl")
    kept = visit(clock, comment="Gracias\u2028por todo\u2029¡adiós!")
    assert journal.keep(kept)
    assert journal.cards() == [kept]


def test_a_line_cut_short_by_a_crash_is_skipped(tmp_path: Path, clock: FakeClock) -> None:
    journal = FallbackJournal(tmp_path / "j.jsonl")
    kept = visit(clock)
    journal.keep(kept)
    with journal.path.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "cut-off-by-a-power-cut", "rat')
    assert [c.id for c in journal.cards()] == [kept.id]


def test_merge_moves_every_visit_into_the_store_and_removes_the_journal(
    tmp_path: Path, data_dir: Path, clock: FakeClock
) -> None:
    store = CardStore.in_dir(data_dir, clock)
    saved_early = visit(clock, 5)
    store.create(saved_early)  # saved at the first tap, its later steps refused
    saved_early.comment = "Added while the disk was full"
    saved_early.delivery = Delivery.PENDING
    never_saved = visit(clock, 1, delivery=Delivery.PENDING, finalised_at=clock())
    journal = FallbackJournal(tmp_path / "j.jsonl")
    journal.keep(saved_early)
    journal.keep(never_saved)

    assert journal.merge_into(store) == 2
    assert not journal.path.exists()
    reopened = CardStore.in_dir(data_dir, clock)
    early = reopened.get(saved_early.id)
    assert early is not None and early.comment == "Added while the disk was full"
    assert early.delivery is Delivery.PENDING
    late = reopened.get(never_saved.id)
    assert late is not None and (late.rating, late.delivery) == (1, Delivery.PENDING)
    assert journal.merge_into(reopened) == 0  # nothing twice


def test_a_store_that_still_refuses_keeps_the_journal(
    tmp_path: Path, data_dir: Path, clock: FakeClock
) -> None:
    store = CardStore.in_dir(data_dir, clock)
    journal = FallbackJournal(tmp_path / "j.jsonl")
    journal.keep(visit(clock, delivery=Delivery.PENDING))
    store.db.conn.execute("PRAGMA query_only = 1")  # the file read-only, as on a bad mount
    with pytest.raises(StoreEnvironmentError):
        journal.merge_into(store)
    assert journal.count() == 1


def test_the_journal_goes_to_a_folder_that_can_be_written(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("", encoding="utf-8")
    path = journal_path(data, [not_a_folder / "cache", tmp_path / "tmp"])
    assert path is not None and path.parent == tmp_path / "tmp"
    assert journal_path(tmp_path / "other-data", [tmp_path / "tmp"]) != path  # one per kiosk
    assert journal_path(data, [not_a_folder / "cache"]) is None


def test_the_journal_prefers_another_file_system(tmp_path: Path) -> None:
    shm = Path("/dev/shm")
    if not shm.is_dir() or os.stat(shm).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("no second file system (tmpfs at /dev/shm) here")
    data = tmp_path / "data"
    data.mkdir()
    other = shm / f"kiosk-test-{os.getpid()}"
    try:
        path = journal_path(data, [tmp_path / "same-disk", other])
        assert path is not None and path.parent == other
    finally:
        if other.exists():
            other.rmdir()
