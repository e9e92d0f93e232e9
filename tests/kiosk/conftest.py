"""Fixtures for the kiosk's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.store.cards import CardStore


@pytest.fixture
def store(data_dir: Path, clock: object) -> Iterator[CardStore]:
    s = CardStore.in_dir(data_dir, clock)  # type: ignore[arg-type]
    yield s
    s.close()
