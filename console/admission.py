"""Who may generate now: at most ``limit`` replies at once, first come first served, and
everyone waiting knows their place in line.

One gate for the whole console, shared by the customer chat and the HTTP API, so
``--concurrency`` bounds the model's load whatever the mix. A waiter holds a
:class:`Ticket`: the chat shows "place 3 in the queue" in the customer's language and
updates it as the line moves; the API waits up to 30 s, then answers 429.

Why not ``threading.Semaphore`` (what the API used before): it does not say how many are
ahead, and it is not first-come-first-served, so under load one customer could wait while
later ones are served.
"""

from __future__ import annotations

import threading
from collections import deque


class Ticket:
    """A place in line, then a slot; :meth:`release` gives either back (idempotent)."""

    def __init__(self, gate: Admission) -> None:
        self._gate = gate
        self.admitted = False
        self.released = False

    @property
    def position(self) -> int:
        """0 once admitted (generating), else 1 for the next in line, 2 behind them..."""
        return self._gate._position(self)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until admitted or ``timeout`` seconds pass; True when admitted."""
        return self._gate._wait(self, timeout)

    def release(self) -> None:
        self._gate._release(self)


class Admission:
    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("the concurrency limit must be at least 1")
        self.limit = limit
        self._line: deque[Ticket] = deque()
        self._active = 0
        self._changed = threading.Condition()

    @property
    def waiting(self) -> int:
        with self._changed:
            return len(self._line)

    @property
    def active(self) -> int:
        with self._changed:
            return self._active

    def join(self) -> Ticket:
        """Take a place in line (admitted at once when a slot is free and nobody waits)."""
        ticket = Ticket(self)
        with self._changed:
            self._line.append(ticket)
            self._admit()
        return ticket

    def _admit(self) -> None:  # with the lock held
        moved = False
        while self._line and self._active < self.limit:
            head = self._line.popleft()
            head.admitted = True
            self._active += 1
            moved = True
        if moved:
            self._changed.notify_all()

    def _position(self, ticket: Ticket) -> int:
        with self._changed:
            if ticket.admitted or ticket.released:
                return 0
            return self._line.index(ticket) + 1

    def _wait(self, ticket: Ticket, timeout: float | None) -> bool:
        with self._changed:
            self._changed.wait_for(lambda: ticket.admitted or ticket.released, timeout)
            return ticket.admitted and not ticket.released

    def _release(self, ticket: Ticket) -> None:
        with self._changed:
            if ticket.released:
                return
            ticket.released = True
            if ticket.admitted:
                self._active -= 1
            else:
                self._line.remove(ticket)
            self._admit()
            self._changed.notify_all()  # the line moved: waiters refresh their place
