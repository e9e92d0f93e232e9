"""The retry schedule, checked with a scripted random source and a hand-moved clock."""

from __future__ import annotations

from sync.backoff import Backoff


class Ticks:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_waits_grow_exponentially_with_jitter_up_to_the_cap() -> None:
    draws = iter([1.0, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 0.25])
    backoff = Backoff(base=2, cap=30, rand=lambda: next(draws), clock=Ticks())
    waits = [backoff.failed() for _ in range(8)]
    assert waits == [2, 2, 8, 16, 30, 30, 30, 7.5]


def test_retry_after_is_honoured_and_capped() -> None:
    backoff = Backoff(base=2, cap=60, rand=lambda: 0.0, clock=Ticks())
    assert backoff.failed(retry_after=17) == 17
    assert backoff.failed(retry_after=3600) == 60


def test_remaining_follows_the_clock_and_success_resets() -> None:
    clock = Ticks()
    backoff = Backoff(base=4, cap=600, rand=lambda: 1.0, clock=clock)
    backoff.failed()
    backoff.failed()
    assert backoff.remaining() == 8
    clock.now += 5
    assert backoff.remaining() == 3
    backoff.succeeded()
    assert backoff.remaining() == 0
    assert backoff.failed() == 4  # the exponent starts over
