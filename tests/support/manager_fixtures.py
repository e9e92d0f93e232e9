"""A seeded kiosk database for the manager tests, and its cards counted in plain Python."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from pathlib import Path

from fake_clock import FakeClock

from kiosk.core.card import Card
from kiosk.core.config import Config
from kiosk.store.cards import CardStore
from kiosk.store.seed import seed_cards

SEEDED_CARDS = 1500
SEEDED_DAYS = 20


def seeded_store(data_dir: Path, clock: FakeClock) -> CardStore:
    store = CardStore.in_dir(data_dir, clock)
    seed_cards(store, SEEDED_CARDS, SEEDED_DAYS, clock, random.Random(7), Config())
    return store


def cards_on(store: CardStore, day: date) -> list[Card]:
    return [c for c in store.cards(limit=SEEDED_CARDS) if c.created_at.date() == day]


def face_counts(cards: list[Card]) -> tuple[int, ...]:
    counted = Counter(c.rating for c in cards)
    return tuple(counted[r] for r in range(1, 6))
