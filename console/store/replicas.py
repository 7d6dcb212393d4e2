"""Which console processes still run, so that one console's start never takes another's
live replies for a crash's.

A reply is saved as ``streaming`` while it is written; a console killed mid-reply leaves it
so, and the next console to open the database marks it ``interrupted``. With one console
that was the whole rule. Beside a second replica, a ``--customer-only`` console in front or
a ``keys rotate`` run, "left streaming" is not "crashed": the other process may be writing
it right now. So every streaming reply names its writer (``messages.replica``), and a writer
is known to have stopped when

* it runs on this machine (same boot and PID namespace) and its PID is gone, a zombie, or
  now another process (a different start time): told at once, so a console restarted after
  a crash recovers its replies on start, as before;
* it runs elsewhere and has not said it runs (``seen_at``, about every
  :data:`HEARTBEAT_S`) for :data:`STALE_S`: replicas' clocks are assumed within tens of
  seconds of each other (NTP);
* it closed (its row is gone) or was written by a console from before revision 0008
  (no writer named; only a console's start marks those, as before).

Why psutil and not ``os.kill(pid, 0)``: a zombie answers that call as alive (a container
without an init process never reaps one), it cannot tell a reused PID, and on Windows
signal 0 is CTRL_C_EVENT.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import cast

import psutil
from sqlalchemy import Table, and_, bindparam, delete, insert, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement

from console.store.models import ConsoleReplica, Message

log = logging.getLogger(__name__)

#: seconds between a writing console's "still running" notes (and its sweeps for others')
HEARTBEAT_S = 10.0
#: a replica on another machine silent this long has stopped
STALE_S = 60.0
#: the start times of one process, read twice, differ by rounding only
_START_SLACK_S = 1.0

replicas = cast(Table, ConsoleReplica.__table__)
messages = cast(Table, Message.__table__)

#: ids of the stores open in this process (a row of this very process whose id is not here
#: belongs to a store it closed, or failed to delete on close)
_open_here: set[str] = set()
_open_lock = threading.Lock()


@dataclass(frozen=True)
class ProcessIdentity:
    """Enough to tell, from the same machine, whether a process still runs."""

    machine: str | None  # boot id and PID namespace (Linux); None where they cannot be read
    pid: int
    started: float  # seconds since the epoch


def _machine() -> str | None:
    # A hostname is not enough: containers started from one compose file may share it while
    # each has its own PID namespace, where another's PID means nothing.
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        return None
    return f"{boot}/{namespace}"[:96]


@cache
def _this_process(pid: int) -> ProcessIdentity:
    return ProcessIdentity(_machine(), pid, psutil.Process(pid).create_time())


def this_process() -> ProcessIdentity:
    """This process (keyed by PID: a forked child is another process)."""
    return _this_process(os.getpid())


def running_here(identity: ProcessIdentity) -> bool | None:
    """Whether the process runs; None when it is on another machine (or this one's
    fingerprint cannot be read), where only its heartbeat tells."""
    me = this_process()
    if identity.machine is None or identity.machine != me.machine:
        return None
    try:
        process = psutil.Process(identity.pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return False
        return bool(abs(process.create_time() - identity.started) <= _START_SLACK_S)
    except psutil.NoSuchProcess:
        return False
    except psutil.Error:  # AccessDenied: a process of another user runs under that PID
        return None


def register(connection: Connection, replica_id: str, now: datetime) -> None:
    """Note that ``replica_id`` (a store of this process) writes replies and runs now."""
    me = this_process()
    with _open_lock:
        _open_here.add(replica_id)
    values = {"id": replica_id, "machine": me.machine, "pid": me.pid, "started": me.started, "seen_at": now}
    if not connection.execute(_SEEN, {"rid": replica_id, "at": now}).rowcount:
        connection.execute(insert(replicas).values(**values))


def forget(connection: Connection, replica_id: str) -> None:
    """The store closed: its row goes (its replies left streaming, if any, are a crash's)."""
    with _open_lock:
        _open_here.discard(replica_id)
    connection.execute(delete(replicas).where(replicas.c.id == replica_id))


_SEEN = update(replicas).where(replicas.c.id == bindparam("rid")).values(seen_at=bindparam("at"))


def stopped(connection: Connection, now: datetime) -> list[str]:
    """The registered replicas known to have stopped (see the module docstring)."""
    with _open_lock:
        open_here = set(_open_here)
    me = this_process()
    found = []
    for row in connection.execute(select(replicas)).all():
        if row.id in open_here:
            continue
        identity = ProcessIdentity(row.machine, row.pid, row.started)
        if identity == me:  # this process, but a store it closed
            found.append(row.id)
            continue
        running = running_here(identity)
        if running is False or (running is None and row.seen_at < now - timedelta(seconds=STALE_S)):
            found.append(row.id)
    return found


def recover(connection: Connection, now: datetime, *, unnamed: bool) -> int:
    """Mark the replies left streaming by stopped writers ``interrupted``, and forget those
    writers; returns how many replies. ``unnamed``: also the replies that name no writer
    (written before revision 0008: a console's start only, as before it)."""
    dead = stopped(connection, now)
    if dead:  # forgotten first: their replies then name a writer that is gone, like a closed one's
        connection.execute(delete(replicas).where(replicas.c.id.in_(dead)))
    orphan: ColumnElement[bool] = messages.c.replica.not_in(select(replicas.c.id))
    if unnamed:
        orphan = or_(orphan, messages.c.replica.is_(None))
    result = connection.execute(
        update(messages)
        .where(and_(messages.c.role == "assistant", messages.c.status == "streaming", orphan))
        .values(status="interrupted")
    )
    return int(getattr(result, "rowcount", 0) or 0)


class Heartbeat:
    """A daemon thread that runs ``beat`` every :data:`HEARTBEAT_S` until stopped. Started
    by a store's first streaming reply: a console that never answers, and every one-off
    command, writes nothing."""

    def __init__(self, beat: Callable[[], None], name: str) -> None:
        self._beat = beat
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._failing = False

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        from console.errors import ConsoleError

        while not self._stop.wait(HEARTBEAT_S):
            try:
                self._beat()
            except Exception as exc:  # the thread must outlive any one beat
                # A busy or full database: other replicas may take this one for stopped after
                # STALE_S and mark its live replies interrupted; its next save puts them back.
                # Database errors arrive translated (no SQL, no values); others by type only.
                if not self._failing:
                    what = exc if isinstance(exc, ConsoleError) else type(exc).__name__
                    log.warning("could not note that this console runs: %s", what)
                self._failing = True
            else:
                if self._failing:
                    log.info("noting that this console runs again")
                self._failing = False
