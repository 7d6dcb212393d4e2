"""Text from a generating thread to the consumer of a stream."""

from __future__ import annotations

import threading
import time

from console.errors import BackendError


class Handoff:
    """Text from the generate thread to the consumer, waking the consumer at most every
    ``interval`` seconds (the first chunk and the end at once).

    Why not ``queue.Queue``: a queue wakes the consumer for every token, and on a small,
    fast model (1 ms a token on a CPU) those thread switches alone cost ~20% of the
    throughput. Batching wake-ups to 200 a second costs a reader nothing (no one reads
    faster) and keeps the first token immediate.
    """

    def __init__(self, interval: float = 0.005) -> None:
        self._cond = threading.Condition()
        self._parts: list[str] = []
        self._done = False
        self._error: BaseException | None = None
        self._interval = interval
        self._last_wake = 0.0

    def put(self, text: str) -> None:
        with self._cond:
            self._parts.append(text)
            now = time.monotonic()
            if now - self._last_wake >= self._interval:
                self._last_wake = now
                self._cond.notify()

    def finish(self, error: BaseException | None = None) -> None:
        with self._cond:
            self._done, self._error = True, error
            self._cond.notify()

    def take(self, timeout: float) -> tuple[str, bool]:
        """Wait for text; returns (text so far not yet taken, finished). Raises the
        generate thread's error, or BackendError when nothing comes for ``timeout``."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not self._parts and not self._done:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise BackendError("The model stopped producing tokens (timed out).")
                # wake on notify, or after one interval to collect un-notified text
                self._cond.wait(min(remaining, self._interval * 2))
            text, self._parts = "".join(self._parts), []
            if self._error is not None and not text:
                raise self._error
            return text, self._done and self._error is None
