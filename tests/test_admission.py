"""The console's one generation gate: a bounded number at once, first come first served,
each waiter told its place, every way of leaving gives the place or slot back, and one
owner (a chat client's address) holds at most its cap of places (--client-concurrency)."""

from __future__ import annotations

import threading
import time

import pytest

from console.admission import Admission
from console.errors import LimitError, OwnerBusyError


def test_limit_then_first_come_first_served_with_places() -> None:
    gate = Admission(2)
    first, second = gate.join(), gate.join()
    assert first.admitted and second.admitted and gate.active == 2
    third, fourth, fifth = gate.join(), gate.join(), gate.join()
    assert [t.position for t in (first, second, third, fourth, fifth)] == [0, 0, 1, 2, 3]
    assert not third.wait(0.01)
    fourth.release()  # leaves the line: everyone behind moves up
    assert (third.position, fifth.position, gate.waiting) == (1, 2, 2)
    first.release()
    assert third.wait(0) and third.position == 0 and fifth.position == 1
    second.release()
    assert fifth.wait(0)
    for ticket in (first, second, third, fourth, fifth):
        ticket.release()  # idempotent
    assert (gate.active, gate.waiting) == (0, 0)


def test_a_waiter_wakes_when_a_slot_frees() -> None:
    gate = Admission(1)
    holder = gate.join()
    waiter = gate.join()
    woke: list[float] = []

    def wait() -> None:
        started = time.monotonic()
        assert waiter.wait(5)
        woke.append(time.monotonic() - started)

    thread = threading.Thread(target=wait)
    thread.start()
    time.sleep(0.05)
    holder.release()
    thread.join(5)
    assert woke and woke[0] < 2


def test_order_is_kept_under_contention() -> None:
    gate = Admission(1)
    holder = gate.join()
    tickets = [gate.join() for _ in range(20)]
    served: list[int] = []
    lock = threading.Lock()

    def run(index: int) -> None:
        assert tickets[index].wait(10)
        with lock:
            served.append(index)
        tickets[index].release()

    threads = [threading.Thread(target=run, args=(i,)) for i in reversed(range(20))]
    for thread in threads:
        thread.start()
    holder.release()
    for thread in threads:
        thread.join(10)
    assert served == list(range(20))


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        Admission(0)


def test_one_owner_holds_at_most_its_cap_waiting_and_generating_together() -> None:
    gate = Admission(1, per_owner=2)
    generating, waiting = gate.join(owner="10.0.0.5"), gate.join(owner="10.0.0.5")
    assert (generating.admitted, waiting.admitted, gate.held_by("10.0.0.5")) == (True, False, 2)
    with pytest.raises(OwnerBusyError) as refused:
        gate.join(owner="10.0.0.5")
    assert refused.value.limit == 2 and refused.value.notice == "client_busy"
    assert isinstance(refused.value, LimitError)  # the edges map it like any limit
    # the refusal took no place: the line is as it was
    assert (gate.active, gate.waiting, gate.held_by("10.0.0.5")) == (1, 1, 2)
    # another owner is not touched by it
    other = gate.join(owner="10.0.0.6")
    assert other.position == 2
    for ticket in (generating, waiting, other):
        ticket.release()
    assert (gate.active, gate.waiting, gate.held_by("10.0.0.5"), gate.held_by("10.0.0.6")) == (0, 0, 0, 0)


def test_a_release_gives_the_owner_its_place_back_whether_waiting_or_generating() -> None:
    gate = Admission(1, per_owner=2)
    generating, waiting = gate.join(owner="a"), gate.join(owner="a")
    waiting.release()  # gave up its place in line
    third = gate.join(owner="a")
    generating.release()  # finished: the next in line (its own third) is admitted
    assert third.wait(0)
    fourth = gate.join(owner="a")
    assert gate.held_by("a") == 2
    with pytest.raises(OwnerBusyError):
        gate.join(owner="a")
    third.release()
    third.release()  # idempotent: counted back once
    assert gate.held_by("a") == 1 and fourth.wait(0)
    fourth.release()
    assert gate.held_by("a") == 0


def test_no_owner_is_never_capped() -> None:
    # the HTTP API joins without an owner: one key may carry a website's many customers
    gate = Admission(1, per_owner=1)
    tickets = [gate.join() for _ in range(5)]
    assert [t.position for t in tickets] == [0, 1, 2, 3, 4]
    for ticket in tickets:
        ticket.release()


def test_the_cap_keeps_first_come_first_served_across_owners() -> None:
    gate = Admission(1, per_owner=2)
    holder = gate.join(owner="a")
    line = [gate.join(owner=o) for o in ("b", "a", None, "c", "b")]
    assert [t.position for t in line] == [1, 2, 3, 4, 5]
    served: list[int] = []
    holder.release()
    while len(served) < len(line):
        index = next(i for i, t in enumerate(line) if t.admitted and i not in served)
        served.append(index)
        line[index].release()
    assert served == [0, 1, 2, 3, 4]


def test_a_per_owner_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        Admission(2, per_owner=0)
