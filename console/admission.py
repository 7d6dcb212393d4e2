"""Who may generate now: at most ``limit`` replies at once, first come first served, and
everyone waiting knows their place in line.

One gate for the whole console, shared by the customer chat and the HTTP API, so
``--concurrency`` bounds the model's load whatever the mix. A waiter holds a
:class:`Ticket`: the chat shows "place 3 in the queue" in the customer's language and
updates it as the line moves; the API waits up to 30 s, then answers 429.

Why not ``threading.Semaphore`` (what the API used before): it does not say how many are
ahead, and it is not first-come-first-served, so under load one customer could wait while
later ones are served.

An ``owner`` (the chat passes the client address) holds at most ``per_owner`` tickets at
once, waiting and generating together (``--client-concurrency``): fresh browser sessions
cost nothing, and 8 of them from one address, one message each, filled every slot while an
API client waited 30 s for its 429; 44 of them held 44 of the server's worker threads (a
waiting chat turn holds one) and an operator's call took 20 s instead of 0.1 s (outside
security test). The HTTP API joins without an owner: its keys are issued by staff, and one
key may carry a website's many customers.
"""

from __future__ import annotations

import threading
from collections import Counter, deque

from console.errors import OwnerBusyError


class Ticket:
    """A place in line, then a slot; :meth:`release` gives either back (idempotent)."""

    def __init__(self, gate: Admission, owner: str | None = None) -> None:
        self._gate = gate
        self.owner = owner
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
    def __init__(self, limit: int, per_owner: int | None = None) -> None:
        """``limit`` slots; ``per_owner``: most tickets one owner holds at once (None: no cap)."""
        if limit < 1:
            raise ValueError("the concurrency limit must be at least 1")
        if per_owner is not None and per_owner < 1:
            raise ValueError("the per-owner limit must be at least 1")
        self.limit = limit
        self.per_owner = per_owner
        self._line: deque[Ticket] = deque()
        self._active = 0
        self._held: Counter[str] = Counter()  # owner -> tickets in line or generating
        self._changed = threading.Condition()

    @property
    def waiting(self) -> int:
        with self._changed:
            return len(self._line)

    @property
    def active(self) -> int:
        with self._changed:
            return self._active

    def held_by(self, owner: str) -> int:
        """How many tickets ``owner`` holds now (waiting or generating)."""
        with self._changed:
            return self._held[owner]

    def join(self, owner: str | None = None) -> Ticket:
        """Take a place in line (admitted at once when a slot is free and nobody waits).

        Raises :class:`OwnerBusyError`, taking no place, when ``owner`` already holds
        ``per_owner`` tickets; ``owner`` None (the HTTP API) is never capped."""
        ticket = Ticket(self, owner)
        with self._changed:
            if owner is not None:
                if self.per_owner is not None and self._held[owner] >= self.per_owner:
                    raise OwnerBusyError(self.per_owner)
                self._held[owner] += 1
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
            if ticket.owner is not None:
                self._held[ticket.owner] -= 1
                if self._held[ticket.owner] <= 0:
                    del self._held[ticket.owner]  # bounded by who holds tickets now
            if ticket.admitted:
                self._active -= 1
            else:
                self._line.remove(ticket)
            self._admit()
            self._changed.notify_all()  # the line moved: waiters refresh their place
