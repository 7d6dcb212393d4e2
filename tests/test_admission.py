"""The console's one generation gate: a bounded number at once, first come first served,
each waiter told its place, and every way of leaving gives the place or slot back."""

from __future__ import annotations

import threading
import time

import pytest

from console.admission import Admission


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
