"""When to try again after a failed sync: exponential backoff with full jitter, capped.

Pure: the random source and the monotonic clock are injected, so tests check the schedule
without sleeping.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable


class Backoff:
    def __init__(
        self,
        base: float = 2.0,
        cap: float = 600.0,
        rand: Callable[[], float] = random.random,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base = base
        self.cap = cap
        self._rand = rand
        self._clock = clock
        self.failures = 0
        self._not_before = clock()

    def failed(self, retry_after: float | None = None) -> float:
        """Record a failure; returns the seconds to wait before the next attempt.

        A server's Retry-After is honoured as given (up to the cap); otherwise the wait is
        uniform in [0, min(cap, base * 2**failures)) so a fleet of kiosks does not retry in step.
        """
        if retry_after is not None:
            delay = min(self.cap, max(0.0, retry_after))
        else:
            delay = self._rand() * min(self.cap, self.base * 2**self.failures)
        self.failures += 1
        self._not_before = self._clock() + delay
        return delay

    def succeeded(self) -> None:
        self.failures = 0
        self._not_before = self._clock()

    def remaining(self) -> float:
        """Seconds until the next attempt is allowed (0 when it is)."""
        return max(0.0, self._not_before - self._clock())
