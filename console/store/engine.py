"""Engines for the transcript store, and the one place SQLAlchemy errors become StoreError."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from console.errors import ConfigError, StoreError

#: how long one SQLite statement waits for another connection's lock before it fails; the
#: store then retries the whole transaction until its own deadline (TranscriptStore.lock_wait_s)
BUSY_TIMEOUT_MS = 1000
#: what readiness waits for the write lock before it reports the database not writable
PROBE_TIMEOUT_MS = 250


class DatabaseBusyError(StoreError):
    """The database refused a write for now (locked by another process or connection,
    a PostgreSQL lock timeout, serialization failure or a server that is starting): the
    transaction was rolled back and may be retried as a whole."""

    kind = "database_busy"


#: PostgreSQL states after which the transaction certainly did not commit and a retry is
#: safe: serialization failure, deadlock, lock not available, cannot connect now
_RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "55P03", "57P03"})


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite on Python 3.11 opens transactions itself, late, and never around DDL. Turning
    # that off and emitting BEGIN from the "begin" event below gives real transactions: a
    # migration or a batch of rotations commits entirely or not at all.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")  # wait for a lock, not fail
        cursor.execute("PRAGMA journal_mode = WAL")  # readers never block the writer
        cursor.execute("PRAGMA foreign_keys = ON")  # ON DELETE CASCADE needs it, per connection
        # With WAL, NORMAL never corrupts and loses nothing when the process crashes; only an
        # OS crash or power cut can drop the last commits. FULL would fsync every turn.
        cursor.execute("PRAGMA synchronous = NORMAL")
        # Deleted rows are overwritten with zeros, so an erased conversation's ciphertext
        # does not linger in free pages of the file.
        cursor.execute("PRAGMA secure_delete = ON")
    finally:
        cursor.close()


#: the execution option that marks a connection's transactions as writes (see writer())
WRITE_OPTION = "console_write"


def _sqlite_on_begin(connection: Connection) -> None:
    # A write takes SQLite's write lock at BEGIN (IMMEDIATE), waiting in busy_timeout. A
    # deferred transaction that read first and wrote after another connection committed
    # would instead fail at once (its snapshot is stale) and retry from the top.
    write = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def writer(engine: Engine) -> Engine:
    """``engine`` for write transactions: the same pool, BEGIN IMMEDIATE on SQLite."""
    return engine.execution_options(**{WRITE_OPTION: True})


_write_locks: dict[str, threading.Lock] = {}
_write_locks_guard = threading.Lock()


def sqlite_write_lock(engine: Engine) -> threading.Lock | None:
    """The lock this process's writes to ``engine``'s SQLite file take first, shared by
    every engine on that file; None for a server database, which queues writers itself.

    Why a lock in Python when SQLite has one: a writer that finds SQLite's lock taken
    polls it, sleeping 1, 2, 5, 10, 15, 20, 25 … ms between tries, so eight conversations
    writing at once waited tens of milliseconds each behind writes of about one. A waiter on
    this lock wakes as soon as it is free. Other processes still meet SQLite's own lock.
    """
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database or ""
    key = (
        str(Path(database).resolve())
        if database and database != ":memory:" and not database.startswith("file:")
        else f"engine:{id(engine)}"
    )
    with _write_locks_guard:
        return _write_locks.setdefault(key, threading.Lock())


def normalize_url(url: str | URL) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError("--database-url", "is not a valid SQLAlchemy URL") from exc
    if parsed.drivername == "postgresql":
        # psycopg 3 is the PostgreSQL driver the console ships with (psycopg2 is not installed)
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def safe_url(url: str | URL) -> str:
    """The URL with any password masked, for messages and logs."""
    return normalize_url(url).render_as_string(hide_password=True)


def make_engine(url: str | URL) -> Engine:
    parsed = normalize_url(url)
    # Parameters never appear in SQLAlchemy's error messages: they hold ciphertext, ids and
    # meta, and a bug that bound plaintext must not put it in a log line.
    kwargs: dict[str, Any] = {"hide_parameters": True}
    if parsed.get_backend_name() == "postgresql":
        kwargs |= {"pool_pre_ping": True, "connect_args": {"connect_timeout": 10}}
    try:
        engine = create_engine(parsed, **kwargs)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise ConfigError("--database-url", f"no database driver for {parsed.drivername!r}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def retryable(exc: SQLAlchemyError) -> bool:
    """Did ``exc`` leave nothing written, so the whole transaction may simply run again?

    SQLite's "database is locked" / "busy" (a commit that fails so did not happen) and the
    PostgreSQL states above, or a connection refused before anything was sent. A connection
    lost mid-transaction is not retried: whether its commit landed is unknown.
    """
    orig = exc.orig if isinstance(exc, DBAPIError) else None
    detail = str(orig or exc).lower()
    if getattr(orig, "sqlstate", None) in _RETRYABLE_SQLSTATES:
        return True
    if "database is locked" in detail or "database table is locked" in detail:
        return True
    # refused before anything was sent: the server is down, starting or shutting down
    return "connection refused" in detail or "the database system is" in detail


def explain(exc: SQLAlchemyError, action: str) -> str:
    """A one-sentence reason for ``exc`` fit for an operator; never statement parameters."""
    orig = exc.orig if isinstance(exc, DBAPIError) else None
    detail = str(orig or exc).strip().splitlines()[0] if str(orig or exc).strip() else type(exc).__name__
    lowered = detail.lower()
    sqlstate = getattr(orig, "sqlstate", None)
    if "disk is full" in lowered or "no space left" in lowered or sqlstate in ("53100", "53200"):
        reason = "the database's disk is full (or it reached its size limit); free space and retry"
    elif "database is locked" in lowered or "busy" in lowered or sqlstate == "55P03":
        reason = "the database is locked by another process and stayed locked; retry shortly"
    elif "readonly" in lowered or "read-only" in lowered:
        reason = "the database file is read-only for this user"
    elif "unable to open database file" in lowered:
        reason = "the database file cannot be opened (check the folder exists and is writable)"
    elif (isinstance(exc, DBAPIError) and exc.connection_invalidated) or "connect" in lowered:
        reason = f"cannot reach the database ({detail})"
    else:
        reason = f"{type(orig or exc).__name__}: {detail}"
    return f"Could not {action}: {reason}."
