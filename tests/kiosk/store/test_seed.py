"""The demo's made-up cards read like real ones: a comment agrees with the face it came with."""

from __future__ import annotations

import random
from pathlib import Path

from fake_clock import FakeClock

from kiosk.core.config import Config
from kiosk.store.cards import CardStore
from kiosk.store.seed import COMMENTS, seed_cards


def test_a_seeded_comment_agrees_with_its_face(data_dir: Path, clock: FakeClock) -> None:
    store = CardStore.in_dir(data_dir, clock)
    try:
        seed_cards(store, 2000, 30, clock, random.Random(7), Config())
        cards = store.cards(limit=2000)
    finally:
        store.close()
    mood_of = {
        text: mood for moods in COMMENTS.values() for mood, texts in moods.items() for text in texts
    }
    commented = [(c.rating, mood_of[c.comment]) for c in cards if c.comment]
    assert len(commented) > 300
    expected = {1: "bad", 2: "bad", 3: "okay", 4: "good", 5: "good"}
    assert [pair for pair in commented if pair[1] != expected[pair[0]]] == []
    assert {rating for rating, _ in commented} == {1, 2, 3, 4, 5}
