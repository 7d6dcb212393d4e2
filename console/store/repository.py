"""TranscriptStore: every turn written as it happens, encrypted, and read back decrypted.

The pipeline creates a conversation, appends the customer's message, creates the assistant
message with status ``streaming`` when the stream starts, updates its text about once a
second, and finalizes it (complete / stopped / failed). A crash therefore leaves a partial
reply that the next :meth:`TranscriptStore.open` marks ``interrupted``, never nothing.

Each method is one short transaction. A failed write raises :class:`StoreError` and
changes nothing; the caller still holds its text and may retry.
"""

from __future__ import annotations

import functools
import logging
import os
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Select, func, inspect, select, text, update
from sqlalchemy import delete as sql_delete
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError, StatementError
from sqlalchemy.orm import Session, sessionmaker

from console.config import Config
from console.errors import ConflictError, ConsoleError, InputError, KeyMismatchError, StoreError
from console.store import migrate as migrations
from console.store import replicas, turn_sql
from console.store.crypto import Sealed
from console.store.days import TeamDay
from console.store.engine import (
    BUSY_TIMEOUT_MS,
    PROBE_TIMEOUT_MS,
    DatabaseBusyError,
    explain,
    make_engine,
    retryable,
    safe_url,
    sqlite_write_lock,
    writer,
)
from console.store.key_usage import check_keys
from console.store.keys import ENV_VAR, Keyring, key_file_path, load_keyring
from console.store.models import (
    CHANNELS,
    CONVERSATION_STATUSES,
    GUARD_BLOCKED,
    GUARD_LANGUAGE_RETRY,
    MESSAGE_STATUSES,
    ROLES,
    Base,
    Conversation,
    ConversationEvent,
    ConversationTag,
    Message,
    place,
    utcnow,
    uuid7,
)
from console.store.records import (
    ANSWERING,
    HANDED_BACK,
    HIDDEN,
    SHOWN_ROLES,
    UNANSWERED,
    ConversationRecord,
    ConversationSummary,
    EventRecord,
    MessageRecord,
)
from console.tags import normalize_tags
from console.text import fold_case as _fold

log = logging.getLogger(__name__)

#: the conversation events an operator causes that end another person's answering of it
_TAKES_FROM_A_PERSON = frozenset({"taken", "handed_back", "resolved", "status"})
#: the newest messages read for the customer's last one shown when a person hands back (the
#: ones they took off their screen are skipped; more than this many in a row is no chat)
_LAST_SHOWN_SCAN = 50

#: how many of the newest matching conversations a text search decrypts and scans
SEARCH_WINDOW = 2000
PREVIEW_CHARS = 80
MAX_PAGE = 1000
#: longest thumbs-down reason or rating comment kept, in characters: a sentence or a short
#: paragraph is what the team reads; without it a crafted call stored a 4 MB reason (the
#: only bound was the 16 MiB request body), encrypted into every export and backup
MAX_FEEDBACK_CHARS = 1000


class NotFoundError(StoreError):
    """No conversation or message with that id (it may have been erased)."""

    kind = "not_found"


def _choice(value: str, allowed: Sequence[str], field: str) -> str:
    if value not in allowed:
        raise InputError(f"{field} must be one of {', '.join(allowed)}, got {value!r}", field=field)
    return value


def make_preview(text_: str, limit: int = PREVIEW_CHARS) -> str:
    """One line of at most ``limit`` characters, not cutting a combining mark or ZWJ emoji."""
    flat = " ".join(text_.split())
    if len(flat) <= limit:
        return flat
    cut = limit - 1
    while cut > 0 and (
        unicodedata.combining(flat[cut]) or flat[cut] in "\u200d\ufe0f" or flat[cut - 1] == "\u200d"
    ):
        cut -= 1
    return flat[:cut].rstrip() + "…"


def _check_feedback_length(text: str | None, field: str) -> None:
    """Refuse a reason or comment longer than :data:`MAX_FEEDBACK_CHARS` (what would be
    stored is measured), before anything is written."""
    if text is not None and len(text) > MAX_FEEDBACK_CHARS:
        raise InputError(
            f"{field} must be at most {MAX_FEEDBACK_CHARS} characters, got {len(text)}",
            field=field,
            notice="feedback_too_long",
            values={"limit": MAX_FEEDBACK_CHARS},
        )


_P = ParamSpec("_P")
_R = TypeVar("_R")
#: seconds a write keeps retrying a locked database before it fails (a 12 s lock held by
#: another process is waited out); see TranscriptStore.patience for a shorter wait
LOCK_WAIT_S = 20.0


def _retry_busy(
    method: Callable[Concatenate[TranscriptStore, _P], _R],
) -> Callable[Concatenate[TranscriptStore, _P], _R]:
    """Run a one-transaction write again while the database is busy, up to the store's
    deadline. Safe because a busy error means the transaction was rolled back whole."""

    def run(self: TranscriptStore, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        deadline = time.monotonic() + getattr(self._patience, "seconds", self.lock_wait_s)
        pause = 0.02
        while True:
            try:
                return method(self, *args, **kwargs)
            except DatabaseBusyError:
                if time.monotonic() + pause > deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 0.5)

    functools.update_wrapper(run, method)  # keeps the name and docstring
    return run


class TranscriptStore:
    """The encrypted transcript repository. Thread-safe: one short session per call."""

    def __init__(self, engine: Engine, keyring: Keyring) -> None:
        self.engine = engine
        # the team's calendar day, in which rows are dated for the insights (console/store/days.py)
        self.team_day = TeamDay(engine)
        self.keyring = keyring
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._writer = writer(engine)
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)
        self._write_lock = sqlite_write_lock(engine)
        self.lock_wait_s = LOCK_WAIT_S
        #: this store's streaming replies name it (``messages.replica``): see console/store/replicas.py
        self.replica_id = uuid7()
        self._heartbeat: replicas.Heartbeat | None = None
        self._heartbeat_lock = threading.Lock()
        self._closed = False
        self._patience = threading.local()

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(
        cls, url: str, keyring: Keyring, *, migrate: bool = True, recover: bool = True
    ) -> TranscriptStore:
        """Open ``url``: check the key, upgrade the schema, recover crashed streams.

        The key is checked before anything is written, so a wrong key changes nothing.
        ``recover`` marks the replies left ``streaming`` by consoles that stopped as
        ``interrupted`` (another live console's replies stay as they are).
        """
        engine = make_engine(url)
        try:
            check_keys(engine, keyring)
            if migrate:
                before, after = migrations.upgrade(engine)
                if before != after:
                    log.info("transcript database upgraded from %s to %s", before or "empty", after)
            else:
                current, head = migrations.current_revision(engine), migrations.head_revision()
                if current != head:
                    raise StoreError(
                        f"The transcript database {safe_url(url)} is at schema revision {current or 'none'}, "
                        f"this console needs {head}. Run: python app.py db upgrade"
                    )
            store = cls(engine, keyring)
            if recover:
                store.recover_interrupted()
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(explain(exc, f"open the transcript database {safe_url(url)}")) from exc
        except BaseException:
            engine.dispose()
            raise
        return store

    @classmethod
    def from_config(cls, config: Config, environ: dict[str, str] | None = None) -> TranscriptStore:
        """The store the app uses: data folder (0700), keyring, SQLite unless a URL is set."""
        data_dir = Path(config.data_dir)
        ensure_data_dir(data_dir)
        url = config.database_url or f"sqlite:///{config.sqlite_path}"
        env = dict(os.environ) if environ is None else environ
        if not env.get(ENV_VAR, "").strip() and not key_file_path(data_dir).exists():
            # Creating a fresh key beside a database that has rows would hide the real
            # problem (a lost key file) behind a key mismatch; say what is missing instead.
            existing = count_messages(url) if config.database_url or config.sqlite_path.exists() else 0
            if existing:
                raise KeyMismatchError(
                    f"{safe_url(url)} holds {existing} encrypted messages, but there is no key file at "
                    f"{key_file_path(data_dir)} and {ENV_VAR} is not set. Restore the key file (or set "
                    f"{ENV_VAR}); a new key could not decrypt them. Nothing was changed."
                )
        keyring = load_keyring(data_dir, env)
        return cls.open(url, keyring)

    @_retry_busy
    def recover_interrupted(self) -> int:
        """Mark the replies left ``streaming`` by console processes that stopped (a crash,
        a kill) as ``interrupted``, and those that name no writer (from before revision
        0008); returns how many. Replies another running console is writing stay."""
        with self._write_connection("recover interrupted replies") as connection:
            count = replicas.recover(connection, utcnow(), unnamed=True)
        if count:
            log.warning("marked %d reply(ies) left streaming by a stopped console as interrupted", count)
        return count

    def _beat(self) -> None:
        """Heartbeat: this store's process still writes replies; and the replies of replicas
        that stopped since (on another machine, only seen when a console starts or beats)."""
        with self._write_connection("note that this console runs") as connection:
            now = utcnow()
            replicas.register(connection, self.replica_id, now)
            count = replicas.recover(connection, now, unnamed=False)
        if count:
            log.warning("marked %d reply(ies) of a stopped console replica as interrupted", count)

    @_retry_busy
    def _ensure_registered(self) -> None:
        """Before this store's first streaming reply: name its process, start its heartbeat
        (once, under a lock: two first replies at once would insert the row twice)."""
        with self._heartbeat_lock:
            if self._heartbeat is not None or self._closed:
                return
            with self._write_connection("note that this console runs") as connection:
                replicas.register(connection, self.replica_id, utcnow())
            self._heartbeat = replicas.Heartbeat(self._beat, name="store-heartbeat")
            self._heartbeat.start()

    def ping(self) -> None:
        """Readiness: raises StoreError when the database cannot answer or cannot be
        written now (locked by another process, read-only), so /readyz tells the truth."""
        try:
            with self.engine.connect() as connection:
                if self.engine.dialect.name == "sqlite":
                    self._probe_sqlite_write(connection)
                else:
                    connection.execute(text("SELECT 1"))
                    if connection.execute(text("SHOW transaction_read_only")).scalar() == "on":
                        raise StoreError("The transcript database is read-only (a standby server?).")
        except SQLAlchemyError as exc:
            raise StoreError(explain(exc, "write to the transcript database")) from exc
        except sqlite3.Error as exc:  # from the driver connection: explained the same way
            probe = OperationalError("write probe", None, exc)
            raise StoreError(explain(probe, "write to the transcript database")) from exc

    @staticmethod
    def _probe_sqlite_write(connection: Any) -> None:
        # On the driver connection (outside the BEGIN our "begin" hook emits): take the
        # write lock and touch a row, then roll back. Waits only briefly for the lock.
        raw = connection.connection.driver_connection
        raw.execute(f"PRAGMA busy_timeout = {PROBE_TIMEOUT_MS}")
        try:
            raw.execute("BEGIN IMMEDIATE")
            try:
                raw.execute("UPDATE alembic_version SET version_num = version_num")
            finally:
                raw.execute("ROLLBACK")
        finally:
            raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    @contextmanager
    def patience(self, seconds: float) -> Iterator[None]:
        """Writes in this thread retry a busy database for at most ``seconds`` (0: one try).
        For saves that may be skipped, like a streaming reply's progress."""
        before = getattr(self._patience, "seconds", None)
        self._patience.seconds = seconds
        try:
            yield
        finally:
            if before is None:
                del self._patience.seconds
            else:
                self._patience.seconds = before

    def close(self) -> None:
        with self._heartbeat_lock:
            heartbeat, self._heartbeat, self._closed = self._heartbeat, None, True
        if heartbeat is not None:
            heartbeat.stop()
            try:  # one try: a row left behind is forgotten once this process has ended
                with self._write_connection("note that this console stopped") as connection:
                    replicas.forget(connection, self.replica_id)
            except ConsoleError as exc:
                log.warning("could not note that this console stopped: %s", exc)
        self.engine.dispose()

    @staticmethod
    @contextmanager
    def _translated(action: str) -> Iterator[None]:
        """The database's errors as the console's (one tree, see console/errors.py)."""
        try:
            yield
        except StatementError as exc:
            if isinstance(exc.orig, ConsoleError):  # raised by a column type (EncryptedText)
                raise exc.orig from exc
            raise (DatabaseBusyError if retryable(exc) else StoreError)(explain(exc, action)) from exc
        except SQLAlchemyError as exc:
            raise (DatabaseBusyError if retryable(exc) else StoreError)(explain(exc, action)) from exc

    @contextmanager
    def _session(self, action: str) -> Iterator[Session]:
        with self._translated(action), self._sessions.begin() as session:
            yield session

    @contextmanager
    def _connection(self, action: str) -> Iterator[Connection]:
        """One transaction on a plain connection, for the turn's statements (turn_sql.py)."""
        with self._translated(action), self.engine.begin() as connection:
            yield connection

    @contextmanager
    def _writing(self, action: str) -> Iterator[None]:
        """One writer of this process at a time (SQLite; see sqlite_write_lock). Waits as
        long as one statement would wait for SQLite's own lock, then reports it busy, so
        the caller's retry deadline and patience() still decide how long to keep trying."""
        lock = self._write_lock
        if lock is None:
            yield
            return
        if not lock.acquire(timeout=BUSY_TIMEOUT_MS / 1000):
            raise DatabaseBusyError(
                f"Could not {action}: the database stayed busy with other writes; retry shortly."
            )
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def _write_session(self, action: str) -> Iterator[Session]:
        with self._writing(action), self._translated(action), self._write_sessions.begin() as session:
            yield session

    @contextmanager
    def _write_connection(self, action: str) -> Iterator[Connection]:
        with self._writing(action), self._translated(action), self._writer.begin() as connection:
            yield connection

    # ------------------------------------------------------------------ writes

    @_retry_busy
    def create_conversation(
        self,
        *,
        language: str,
        business_line: str,
        model: str,
        backend: str,
        params: dict[str, Any],
        channel: str = "ui",
        owner: str | None = None,
    ) -> str:
        _choice(channel, CHANNELS, "channel")
        now = utcnow()
        conversation_id = uuid7()
        row = {
            "id": conversation_id,
            "created_at": now,
            "updated_at": now,
            "language": language,
            "business_line": business_line,
            "model": model,
            "backend": backend,
            "params": dict(params),
            "channel": channel,
            "status": "open",
            "owner": owner,
            "handler": "bot",
            "day": self.team_day.of(now),
        }
        with self._write_connection("save the new conversation") as connection:
            connection.execute(turn_sql.INSERT_CONVERSATION, row)
        return conversation_id

    @_retry_busy
    def add_message(
        self,
        conversation_id: str,
        *,
        role: str,
        content: str,
        status: str = "complete",
        language: str | None = None,
        latency_ms: float | None = None,
        prompt_tokens: int | None = None,
        completion_tokens: int | None = None,
        meta: dict[str, Any] | None = None,
        author: str | None = None,
        translation: str | None = None,
        translation_language: str | None = None,
    ) -> str:
        """Append a message; returns its id (a uuid7 string, time-ordered).

        ``translation``: the same message in ``translation_language`` (an operator's own
        words behind a reply sent translated), encrypted like the content."""
        _choice(role, ROLES, "role")
        _choice(status, MESSAGE_STATUSES, "status")
        message_id = uuid7()
        now = utcnow()
        if status == "streaming":
            self._ensure_registered()
        sealed = self.keyring.seal(content, place("messages", "content", message_id))
        sealed_translation = (
            self.keyring.seal(translation, place("messages", "translation", message_id))
            if translation is not None
            else None
        )
        day = self.team_day.of(now)  # before the write: it may read the setting
        with self._write_connection("save the message") as connection:
            touched = connection.execute(turn_sql.TOUCH, {"cid": conversation_id, "at": now})
            if not touched.rowcount:
                raise NotFoundError(f"No conversation with id {conversation_id}; it may have been erased.")
            self._keep_timings(connection, conversation_id, role, status, now)
            if language is None and role == "agent":
                # a person's reply counts in its conversation's language (insights stack by it)
                language = connection.execute(turn_sql.LANGUAGE, {"cid": conversation_id}).scalar()
            connection.execute(
                turn_sql.INSERT_MESSAGE,
                {
                    "id": message_id,
                    "conversation_id": conversation_id,
                    "role": role,
                    "content": sealed,
                    "created_at": now,
                    "latency_ms": latency_ms,
                    "prompt_tokens": prompt_tokens,
                    "completion_tokens": completion_tokens,
                    "language": language,
                    "status": status,
                    "meta": dict(meta) if meta is not None else None,
                    "author": author,
                    "guard_flags": guard_flags(meta) or None,
                    "day": day,
                    "translation": sealed_translation,
                    "translation_language": translation_language if translation is not None else None,
                    "replica": self.replica_id if status == "streaming" else None,
                },
            )
        return message_id

    @_retry_busy
    def update_message(
        self,
        message_id: str,
        *,
        content: str | None = None,
        status: str | None = None,
        latency_ms: float | None = None,
        completion_tokens: int | None = None,
        meta: dict[str, Any] | None = None,
    ) -> None:
        """Replace the text and/or set fields; ``meta`` keys are merged into the stored meta."""
        values: dict[str, Any] = {}
        if content is not None:
            values["content"] = self.keyring.seal(content, place("messages", "content", message_id))
        if status is not None:
            values["status"] = _choice(status, MESSAGE_STATUSES, "status")
        if latency_ms is not None:
            values["latency_ms"] = latency_ms
        if completion_tokens is not None:
            values["completion_tokens"] = completion_tokens
        with self._write_connection("update the message") as connection:
            row = connection.execute(turn_sql.MESSAGE_FOR_UPDATE, {"mid": message_id}).first()
            if row is None:
                raise NotFoundError(
                    f"No message with id {message_id}; its conversation may have been erased."
                )
            if meta is not None:
                values["meta"] = {**(row.meta or {}), **meta}
                ttft = meta.get("ttft_ms")
                if isinstance(ttft, (int, float)) and not isinstance(ttft, bool):
                    values["ttft_ms"] = float(ttft)  # a column, so insights aggregate it in SQL
                flags = guard_flags(values["meta"])
                if flags:
                    values["guard_flags"] = flags
            if not values:
                return
            if status is not None:
                self._keep_timings(connection, row.conversation_id, row.role, status, utcnow())
            connection.execute(turn_sql.UPDATE_MESSAGE, {"mid": message_id, **values})
            connection.execute(turn_sql.TOUCH, {"cid": row.conversation_id, "at": utcnow()})

    @_retry_busy
    def claim_unanswered(self, message_id: str, *, for_s: float) -> bool:
        """Claim the answer to a customer message stored unanswered, for ``for_s`` seconds;
        whether this call got it.

        Of two pages that load at once (two tabs of one browser) one gets it and answers, so
        the message is answered once. The claim lapses: a page that went before its answer
        started (closed between its load and the answer) leaves the message to a later load.
        The row is locked while it is read (PostgreSQL; SQLite's write transaction locks the
        file), so two replicas cannot both claim it.
        """
        now = utcnow()
        with self._write_connection("claim the message") as connection:
            row = connection.execute(
                turn_sql.MESSAGE_FOR_UPDATE.with_for_update(), {"mid": message_id}
            ).first()
            meta = dict(row.meta or {}) if row is not None else {}
            if row is None or row.role != "user" or not meta.get(UNANSWERED):
                return False
            since = meta.get(ANSWERING)
            if isinstance(since, str) and (now - datetime.fromisoformat(since)).total_seconds() < for_s:
                return False
            meta[ANSWERING] = now.isoformat()
            connection.execute(turn_sql.UPDATE_MESSAGE, {"mid": message_id, "meta": meta})
            return True

    @_retry_busy
    def update_conversation(
        self,
        conversation_id: str,
        *,
        status: str | None = None,
        language: str | None = None,
        business_line: str | None = None,
        escalation_reason: str | None = None,
    ) -> None:
        values: dict[str, Any] = {"updated_at": utcnow()}
        if status is not None:
            values["status"] = _choice(status, CONVERSATION_STATUSES, "status")
        if language is not None:
            values["language"] = language
        if business_line is not None:
            values["business_line"] = business_line
        if escalation_reason is not None:
            values["escalation_reason"] = self.keyring.seal(
                escalation_reason, place("conversations", "escalation_reason", conversation_id)
            )
        with self._write_connection("update the conversation") as connection:
            result = connection.execute(turn_sql.UPDATE_CONVERSATION, {"cid": conversation_id, **values})
            if not result.rowcount:
                raise NotFoundError(f"No conversation with id {conversation_id}; it may have been erased.")

    def customer_seen(self, conversation_id: str, at: datetime | None = None) -> bool:
        """The customer's page shows the conversation now; False when it no longer exists.

        Best effort and never in the way: one try, not retried (a busy database raises
        DatabaseBusyError and the page says so again in ~10 s; hence no ``_retry_busy``),
        and it is not activity (``updated_at`` stays)."""
        with self._write_connection("note the customer's page") as connection:
            values = {"cid": conversation_id, "at": at or utcnow()}
            result = connection.execute(turn_sql.CUSTOMER_SEEN, values)
            return bool(result.rowcount)

    def staff_seen(self, username: str, at: datetime | None = None) -> None:
        """``username``'s console page is open now ("" on a console without logins). Best
        effort like :meth:`customer_seen`: one try. Two pages of one user noting themselves
        for the first time at once: the second INSERT fails as a StoreError, and its page
        says so again in ~10 s (an UPDATE then)."""
        values = {"who": username, "at": at or utcnow()}
        with self._write_connection("note the team's presence") as connection:
            if not connection.execute(turn_sql.STAFF_SEEN, values).rowcount:
                connection.execute(turn_sql.STAFF_FIRST_SEEN, values)

    def staff_last_seen(self) -> datetime | None:
        """When anyone of the team last had the console open (None: never)."""
        with self._connection("read the team's presence") as connection:
            seen: datetime | None = connection.execute(turn_sql.STAFF_LAST_SEEN).scalar()
            return seen

    # ------------------------------------------------------------ ownership

    def ownership(self, conversation_id: str) -> tuple[str, str, str | None]:
        """(status, handler, assignee) of a conversation: one primary-key read, no decryption."""
        with self._connection("read the conversation") as connection:
            row = connection.execute(turn_sql.OWNERSHIP, {"cid": conversation_id}).first()
        if row is None:
            raise NotFoundError(f"No conversation with id {conversation_id}; it may have been erased.")
        return str(row.status), str(row.handler), row.assignee

    def line_and_language(self, conversation_id: str) -> tuple[str, str]:
        """(business line, language tag) of a conversation: one primary-key read, no
        decryption (the canned-reply search asks on every key the operator types)."""
        with self._connection("read the conversation") as connection:
            row = connection.execute(turn_sql.LINE_AND_LANGUAGE, {"cid": conversation_id}).first()
        if row is None:
            raise NotFoundError(f"No conversation with id {conversation_id}; it may have been erased.")
        return str(row.business_line), str(row.language)

    def owner_of(self, conversation_id: str) -> str | None:
        """Who created the conversation (see models.Conversation.owner)."""
        with self._connection("read the conversation") as connection:
            row = connection.execute(turn_sql.OWNER, {"cid": conversation_id}).first()
        if row is None:
            raise NotFoundError(f"No conversation with id {conversation_id}; it may have been erased.")
        return str(row.owner) if row.owner is not None else None

    @_retry_busy
    def transition(
        self,
        conversation_id: str,
        kind: str,
        *,
        actor: str,
        reason: str | None = None,
        status: str | None = None,
        take_over: bool = False,
        confirmed: tuple[str, Any] | None = None,
    ) -> None:
        """Change who answers a conversation, and record who did it and when.

        ``escalated``: waits in the queue (status escalated; the first reason is kept, later
        ones are only events). ``taken``: ``actor`` answers from now on. ``handed_back``: the
        assistant answers again. ``resolved``: closed; the assistant answers if the customer
        writes again. ``status``: an operator set ``status`` directly. Each of these four,
        when another person answers the conversation, raises :class:`ConflictError` unless
        ``take_over`` (the event then names whom it was taken from), or ``confirmed`` names the
        holding the refusal named (``(holder, since)`` of the ConflictError: a confirmation
        given before the holder changed, or handed back and took it again, is refused anew),
        decided inside the write transaction (the row locked), so two people pressing at
        once cannot both act.
        """
        now = utcnow()
        values: dict[str, Any] = {"updated_at": now}
        detail: dict[str, Any] = {}
        if kind == "escalated":
            values.update(status="escalated", handler="queue", assignee=None)
            detail["reason"] = reason
        elif kind == "taken":
            values.update(status="escalated", handler="person", assignee=actor)
        elif kind in ("handed_back", "reopened"):
            values.update(status="open", handler="bot", assignee=None, escalated_at=None)
        elif kind == "resolved":
            values.update(status="resolved", handler="bot", assignee=None, escalated_at=None)
        elif kind == "status":
            new = _choice(status or "", CONVERSATION_STATUSES, "status")
            values["status"] = new
            values.update(
                {"escalated": {"handler": "queue", "assignee": None}}.get(
                    new, {"handler": "bot", "assignee": None, "escalated_at": None}
                )
            )
            detail["status"] = new
        else:
            raise InputError(f"unknown conversation event {kind!r}", field="kind")
        with self._write_session("change who answers the conversation") as session:
            current = session.execute(
                select(
                    Conversation.escalation_reason,
                    Conversation.escalated_at,
                    Conversation.handler,
                    Conversation.assignee,
                )
                .where(Conversation.id == conversation_id)
                .with_for_update()  # PostgreSQL: the row; SQLite's BEGIN IMMEDIATE locks the file
            ).first()
            if current is None:
                raise NotFoundError(f"No conversation with id {conversation_id}; it may have been erased.")
            holder = current.assignee if current.handler == "person" else None
            if kind in _TAKES_FROM_A_PERSON and holder is not None and holder != actor:
                # an operator's press on a stale view must not take the conversation from the
                # colleague answering it, nor hand it back, close it or queue it under them:
                # the customer was told the assistant answered again mid-conversation, and
                # the colleague's next reply silently took it back (found by two operators)
                since = session.scalar(
                    select(func.max(ConversationEvent.at)).where(
                        ConversationEvent.conversation_id == conversation_id,
                        ConversationEvent.kind == "taken",
                    )
                )
                if not (take_over or confirmed == (holder, since)):
                    raise ConflictError(holder, since)
                detail["from"] = holder
            if (values.get("handler") == "queue" and current.handler != "queue") or (
                values.get("handler") == "person" and current.escalated_at is None
            ):
                values["escalated_at"] = now  # the customer waits for a person from now on
            self._keep_outcome(session, conversation_id, kind, values, current, reason, now)
            if values.get("handler") == "bot" and values.get("status") == "open" and current.handler != "bot":
                self._leave_to_the_assistant(session, conversation_id)
            waited_ms = (
                (now - current.escalated_at).total_seconds() * 1000
                if kind == "taken" and current.handler == "queue" and current.escalated_at is not None
                else None
            )
            if kind == "escalated" and reason and current.escalation_reason is None:
                values["escalation_reason"] = self.keyring.seal(
                    reason, place("conversations", "escalation_reason", conversation_id)
                )
            session.execute(update(Conversation).where(Conversation.id == conversation_id).values(**values))
            session.add(
                ConversationEvent(
                    id=uuid7(),
                    conversation_id=conversation_id,
                    at=now,
                    actor=actor[:64],
                    kind=kind,
                    detail=detail or None,
                    waited_ms=waited_ms,
                )
            )

    # --------------------------------------------------- insights columns (0004)

    @staticmethod
    def _keep_timings(
        connection: Connection | Session, conversation_id: str, role: str, status: str, now: datetime
    ) -> None:
        """First customer message, and the delay to the first finished reply (assistant or
        person): kept as columns so the insights never decrypt or scan messages for them."""
        if role == "user":
            connection.execute(turn_sql.FIRST_MESSAGE, {"cid": conversation_id, "at": now})
        elif role in ("assistant", "agent") and status == "complete":
            row = connection.execute(turn_sql.RESPONSE_TIMING, {"cid": conversation_id}).first()
            if row is not None and row.first_message_at is not None and row.first_response_ms is None:
                delay = max(0.0, (now - row.first_message_at).total_seconds() * 1000)
                connection.execute(turn_sql.FIRST_RESPONSE, {"cid": conversation_id, "ms": delay})

    @staticmethod
    def _leave_to_the_assistant(session: Session, conversation_id: str) -> None:
        """Handed back (or set open) while the customer's last message waits for the person:
        marked unanswered, as one a closed page left, so the customer's page answers it, now
        or when it comes back (console/ui/chat.py). Before, nobody answered it: the person
        had let go, and the assistant answers only what is sent after that. Not on Resolve:
        a person who closes the conversation has judged it answered ("merci, au revoir")."""
        shown = session.execute(
            select(Message.id, Message.role, Message.meta)
            .where(Message.conversation_id == conversation_id, Message.role.in_(SHOWN_ROLES))
            .order_by(Message.created_at.desc(), Message.id.desc())
            .limit(_LAST_SHOWN_SCAN)
        )
        last = next((row for row in shown if not (row.meta or {}).get(HIDDEN)), None)
        if last is None or last.role != "user" or (last.meta or {}).get(UNANSWERED):
            return
        meta = {**(last.meta or {}), UNANSWERED: HANDED_BACK}
        session.execute(update(Message).where(Message.id == last.id).values(meta=meta))

    @staticmethod
    def _keep_outcome(
        session: Session,
        conversation_id: str,
        kind: str,
        values: dict[str, Any],
        current: Any,
        reason: str | None,
        now: datetime,
    ) -> None:
        """Handoff reason code, and when and by whom the conversation was resolved; added to
        ``values`` of the transition's UPDATE."""
        if kind == "escalated" and reason:
            first = session.execute(
                select(Conversation.handoff_reason).where(Conversation.id == conversation_id)
            ).scalar()
            if first is None:
                values["handoff_reason"] = reason[:32]
        if values.get("status") == "resolved":
            taken = session.execute(
                select(func.count())
                .select_from(ConversationEvent)
                .where(
                    ConversationEvent.conversation_id == conversation_id, ConversationEvent.kind == "taken"
                )
            ).scalar_one()
            person = bool(taken) or current.handler == "person"
            values.update(resolved_at=now, resolved_by="person" if person else "bot")
        elif kind in ("reopened", "handed_back") or values.get("status") in ("open", "escalated"):
            values.update(resolved_at=None, resolved_by=None)

    @_retry_busy
    def set_rating(self, conversation_id: str, rating: int, comment: str | None = None) -> None:
        """The customer's 1-5 satisfaction rating at the end of a conversation, with an
        optional comment (encrypted). A second rating replaces the first."""
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
            raise InputError("rating must be a whole number from 1 to 5", field="rating")
        _check_feedback_length(comment.strip() if comment else None, "rating_comment")
        sealed = (
            self.keyring.seal(comment.strip(), place("conversations", "rating_comment", conversation_id))
            if comment and comment.strip()
            else None
        )
        with self._write_session("save the rating") as session:
            result = session.execute(
                update(Conversation)
                .where(Conversation.id == conversation_id)
                .values(rating=rating, rating_comment=sealed, rated_at=utcnow())
            )
            if not getattr(result, "rowcount", 0):
                raise NotFoundError(f"No conversation with id {conversation_id}; it may have been erased.")

    def rating_of(self, conversation_id: str) -> tuple[int | None, str | None]:
        """(rating, decrypted comment) of a conversation; (None, None) when not rated."""
        with self._session("read the rating") as session:
            row = session.execute(
                select(Conversation.rating, Conversation.rating_comment).where(
                    Conversation.id == conversation_id
                )
            ).first()
        if row is None:
            raise NotFoundError(f"No conversation with id {conversation_id}; it may have been erased.")
        comment = (
            self._open(row.rating_comment, "conversations", "rating_comment", conversation_id)
            if row.rating_comment is not None
            else None
        )
        return row.rating, comment

    @_retry_busy
    def set_feedback(self, message_id: str, value: int | None, reason: str | None = None) -> None:
        """The customer's thumbs on an assistant reply (1, -1, or None to take it back)."""
        if value not in (1, -1, None):
            raise InputError("feedback must be 1 (up), -1 (down) or empty", field="feedback")
        _check_feedback_length(reason, "feedback_reason")
        sealed = (
            self.keyring.seal(reason, place("messages", "feedback_reason", message_id))
            if reason and reason.strip()
            else None
        )
        with self._write_session("save the feedback") as session:
            result = session.execute(
                update(Message)
                .where(Message.id == message_id, Message.role.in_(("assistant", "agent")))
                .values(feedback=value, feedback_reason=sealed)
            )
            if not getattr(result, "rowcount", 0):
                raise NotFoundError(f"No reply with id {message_id}; its conversation may have been erased.")

    @_retry_busy
    def set_translation(self, message_id: str, text_: str, language: str) -> None:
        """Keep a customer message's machine translation into ``language`` (made once, shown
        to every operator who reads that language)."""
        sealed = self.keyring.seal(text_, place("messages", "translation", message_id))
        with self._write_session("save the translation") as session:
            result = session.execute(
                update(Message)
                .where(Message.id == message_id, Message.role == "user")
                .values(translation=sealed, translation_language=language)
            )
            if not getattr(result, "rowcount", 0):
                raise NotFoundError(
                    f"No customer message with id {message_id}; its conversation may have been erased."
                )

    @_retry_busy
    def set_tags(self, conversation_id: str, tags: str | Sequence[str]) -> tuple[str, ...]:
        """Replace a conversation's tags (comma-separated text or a list); returns them
        normalized. An invalid tag raises InputError and changes nothing."""
        wanted = normalize_tags(tags)
        with self._write_session("save the tags") as session:
            if session.get(Conversation, conversation_id) is None:
                raise NotFoundError(f"No conversation with id {conversation_id}; it may have been erased.")
            session.execute(
                sql_delete(ConversationTag).where(ConversationTag.conversation_id == conversation_id)
            )
            session.add_all(ConversationTag(conversation_id=conversation_id, tag=tag) for tag in wanted)
        return wanted

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` name a stored conversation (an operator's list drops the others:
        a colleague erased them)."""
        if not ids:
            return set()
        with self._session("check the listed conversations") as session:
            return set(session.scalars(select(Conversation.id).where(Conversation.id.in_(list(ids)))))

    def all_tags(self) -> list[str]:
        """Every tag in use, alphabetically (the list's tag filter offers these)."""
        with self._session("read the tags") as session:
            return list(session.scalars(select(ConversationTag.tag).distinct().order_by(ConversationTag.tag)))

    @_retry_busy
    def set_note(self, conversation_id: str, note: str, author: str) -> None:
        """Replace the team's internal note (encrypted; empty text removes it)."""
        sealed = (
            self.keyring.seal(note, place("conversations", "note", conversation_id)) if note.strip() else None
        )
        with self._write_session("save the note") as session:
            result = session.execute(
                update(Conversation)
                .where(Conversation.id == conversation_id)
                .values(note=sealed, note_by=author if sealed else None, note_at=utcnow() if sealed else None)
            )
            if not getattr(result, "rowcount", 0):
                raise NotFoundError(f"No conversation with id {conversation_id}; it may have been erased.")

    def messages_after(self, conversation_id: str, after: str | None) -> list[MessageRecord]:
        """Messages of a conversation newer than message id ``after`` (ids are time-ordered),
        plus any whose text is still streaming; for live views that poll."""
        with self._session("read new messages") as session:
            stmt = select(Message).where(Message.conversation_id == conversation_id)
            if after is not None:
                stmt = stmt.where((Message.id > after) | (Message.status == "streaming"))
            rows = session.scalars(stmt.order_by(Message.created_at, Message.id)).all()
            return [self._message(m) for m in rows]

    def hidden_ids(self, conversation_id: str) -> set[str]:
        """Ids of the messages the customer took off their screen (Retry, Undo, an edit):
        another tab of theirs drops them too. Metadata only, nothing decrypted."""
        with self._session("read taken-off messages") as session:
            stmt = select(Message.id).where(
                Message.conversation_id == conversation_id,
                Message.meta[HIDDEN].as_string().is_not(None),
            )
            return set(session.scalars(stmt).all())

    @_retry_busy
    def delete_conversation(self, conversation_id: str) -> None:
        """Erase a conversation and its messages. Irreversible: there is no undo or trash.

        On SQLite, secure_delete zeroes the freed pages and the WAL is checkpointed and
        truncated, so the ciphertext does not linger in the files either.
        """
        with self._write_session("erase the conversation") as session:
            # explicit, so erasure never depends on the foreign-key cascade being enabled
            session.execute(sql_delete(Message).where(Message.conversation_id == conversation_id))
            session.execute(
                sql_delete(ConversationEvent).where(ConversationEvent.conversation_id == conversation_id)
            )
            session.execute(
                sql_delete(ConversationTag).where(ConversationTag.conversation_id == conversation_id)
            )
            result = session.execute(sql_delete(Conversation).where(Conversation.id == conversation_id))
            if not getattr(result, "rowcount", 0):
                raise NotFoundError(f"No conversation with id {conversation_id}; it may have been erased.")
        if self.engine.dialect.name == "sqlite":
            try:
                with self.engine.connect() as connection:
                    # on the driver connection: through SQLAlchemy it would run inside the
                    # BEGIN our "begin" hook emits, where a checkpoint cannot finish
                    raw = connection.connection.driver_connection
                    assert raw is not None
                    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except (
                SQLAlchemyError,
                sqlite3.Error,
            ):  # best effort: a busy reader delays it to the next checkpoint
                log.info("WAL checkpoint after erasure deferred (database busy)")

    # ------------------------------------------------------------------ reads

    def _open(self, sealed: Sealed, table: str, column: str, row_id: str) -> str:
        return self.keyring.open(sealed, place(table, column, row_id))

    def _message(self, m: Message) -> MessageRecord:
        return MessageRecord(
            id=m.id,
            conversation_id=m.conversation_id,
            role=m.role,
            content=self._open(m.content, "messages", "content", m.id),
            created_at=m.created_at,
            status=m.status,
            language=m.language,
            latency_ms=m.latency_ms,
            prompt_tokens=m.prompt_tokens,
            completion_tokens=m.completion_tokens,
            meta=dict(m.meta) if m.meta is not None else None,
            author=m.author,
            feedback=m.feedback,
            feedback_reason=(
                self._open(m.feedback_reason, "messages", "feedback_reason", m.id)
                if m.feedback_reason is not None
                else None
            ),
            translation=(
                self._open(m.translation, "messages", "translation", m.id)
                if m.translation is not None
                else None
            ),
            translation_language=m.translation_language,
        )

    def _record(
        self,
        conversation: Conversation,
        messages: Iterable[Message],
        events: Iterable[ConversationEvent] = (),
        tags: Iterable[str] = (),
    ) -> ConversationRecord:
        reason = conversation.escalation_reason
        return ConversationRecord(
            id=conversation.id,
            created_at=conversation.created_at,
            updated_at=conversation.updated_at,
            language=conversation.language,
            business_line=conversation.business_line,
            model=conversation.model,
            backend=conversation.backend,
            params=dict(conversation.params or {}),
            channel=conversation.channel,
            status=conversation.status,
            escalation_reason=(
                self._open(reason, "conversations", "escalation_reason", conversation.id)
                if reason is not None
                else None
            ),
            messages=[self._message(m) for m in messages],
            owner=conversation.owner,
            handler=conversation.handler,
            assignee=conversation.assignee,
            escalated_at=conversation.escalated_at,
            first_response_ms=conversation.first_response_ms,
            resolved_at=conversation.resolved_at,
            handoff_reason=conversation.handoff_reason,
            rating=conversation.rating,
            rating_comment=(
                self._open(conversation.rating_comment, "conversations", "rating_comment", conversation.id)
                if conversation.rating_comment is not None
                else None
            ),
            rated_at=conversation.rated_at,
            tags=tuple(tags),
            note=(
                self._open(conversation.note, "conversations", "note", conversation.id)
                if conversation.note is not None
                else None
            ),
            note_by=conversation.note_by,
            note_at=conversation.note_at,
            customer_seen_at=conversation.customer_seen_at,
            events=[
                EventRecord(at=e.at, actor=e.actor, kind=e.kind, detail=dict(e.detail) if e.detail else None)
                for e in events
            ],
        )

    def get_conversation(self, conversation_id: str) -> ConversationRecord:
        with self._session("read the conversation") as session:
            conversation = session.get(Conversation, conversation_id)
            if conversation is None:
                raise NotFoundError(f"No conversation with id {conversation_id}; it may have been erased.")
            messages = session.scalars(
                select(Message)
                .where(Message.conversation_id == conversation_id)
                .order_by(Message.created_at, Message.id)
            ).all()
            events = session.scalars(
                select(ConversationEvent)
                .where(ConversationEvent.conversation_id == conversation_id)
                .order_by(ConversationEvent.at, ConversationEvent.id)
            ).all()
            tags = session.scalars(
                select(ConversationTag.tag)
                .where(ConversationTag.conversation_id == conversation_id)
                .order_by(ConversationTag.tag)
            ).all()
            return self._record(conversation, messages, events, tags)

    def iter_conversations(self, conversation_ids: Iterable[str]) -> Iterator[ConversationRecord]:
        """Records one at a time (for exports: never all transcripts in memory at once)."""
        for conversation_id in conversation_ids:
            yield self.get_conversation(conversation_id)

    def _filtered(
        self,
        language: str | None,
        business_line: str | None,
        status: str | None,
        since: datetime | None,
        until: datetime | None,
        tag: str | None = None,
    ) -> Select[Conversation]:
        stmt = select(Conversation)
        if tag is not None:
            stmt = stmt.where(
                select(ConversationTag.conversation_id)
                .where(ConversationTag.tag == tag, ConversationTag.conversation_id == Conversation.id)
                .exists()
            )
        if language is not None:
            stmt = stmt.where(Conversation.language == language)
        if business_line is not None:
            stmt = stmt.where(Conversation.business_line == business_line)
        if status is not None:
            stmt = stmt.where(Conversation.status == _choice(status, CONVERSATION_STATUSES, "status"))
        if since is not None:
            stmt = stmt.where(Conversation.created_at >= since)
        if until is not None:
            stmt = stmt.where(Conversation.created_at < until)
        return stmt.order_by(Conversation.updated_at.desc(), Conversation.id.desc())

    def list_conversations(
        self,
        *,
        language: str | None = None,
        business_line: str | None = None,
        status: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        search: str | None = None,
        tag: str | None = None,
        limit: int = 200,
        offset: int = 0,
    ) -> list[ConversationSummary]:
        """Summaries, most recently active first.

        ``since`` (inclusive) and ``until`` (exclusive) bound the conversation's start time.
        ``search`` is a case-insensitive substring of any message text or escalation reason.
        The text is encrypted, so searching decrypts in memory and only looks at the newest
        ``SEARCH_WINDOW`` (2,000) conversations that pass the other filters; narrow those
        filters (dates, language) to search further back.
        """
        if not 1 <= limit <= MAX_PAGE:
            raise InputError(f"limit must be between 1 and {MAX_PAGE}, got {limit}", field="limit")
        if offset < 0:
            raise InputError(f"offset must not be negative, got {offset}", field="offset")
        stmt = self._filtered(language, business_line, status, since, until, tag)
        with self._session("list conversations") as session:
            if search is not None and search.strip():
                conversations = self._search(session, stmt, _fold(search.strip()), limit + offset)[offset:]
            else:
                conversations = list(session.scalars(stmt.limit(limit).offset(offset)))
            return self._summaries(session, conversations)

    def _search(
        self, session: Session, stmt: Select[Conversation], needle: str, wanted: int
    ) -> list[Conversation]:
        window = list(session.scalars(stmt.limit(SEARCH_WINDOW)))
        found: list[Conversation] = []
        for start in range(0, len(window), 200):
            chunk = window[start : start + 200]
            hits = {
                c.id
                for c in chunk
                if c.escalation_reason is not None
                and needle
                in _fold(self._open(c.escalation_reason, "conversations", "escalation_reason", c.id))
            }
            rows = session.execute(
                select(Message.id, Message.conversation_id, Message.content).where(
                    Message.conversation_id.in_([c.id for c in chunk])
                )
            )
            for message_id, conversation_id, sealed in rows:
                if conversation_id not in hits and needle in _fold(
                    self._open(sealed, "messages", "content", message_id)
                ):
                    hits.add(conversation_id)
            found += [c for c in chunk if c.id in hits]
            if len(found) >= wanted:
                break
        return found[:wanted]

    def count_conversations(
        self,
        *,
        language: str | None = None,
        business_line: str | None = None,
        status: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        search: str | None = None,
        tag: str | None = None,
    ) -> int:
        """How many conversations :meth:`list_conversations` would list with these filters and
        no limit: the list shows a page, and says when that page is only part of them.

        One SQL COUNT over the same filters. With ``search`` the text is encrypted, so it is
        the hits among the newest ``SEARCH_WINDOW`` conversations that pass the other filters
        (what a search can ever list), found by decrypting them as the search does.
        """
        stmt = self._filtered(language, business_line, status, since, until, tag)
        with self._session("count conversations") as session:
            if search is not None and search.strip():
                return len(self._search(session, stmt, _fold(search.strip()), SEARCH_WINDOW))
            counted = stmt.with_only_columns(func.count(Conversation.id), maintain_column_froms=True)
            # no ORDER BY beside an aggregate (PostgreSQL refuses one on a non-grouped column)
            return int(session.execute(counted.order_by(None)).scalar_one())

    def conversation_ids(
        self,
        *,
        limit: int,
        language: str | None = None,
        business_line: str | None = None,
        status: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        search: str | None = None,
        tag: str | None = None,
    ) -> list[str]:
        """The ids of the newest ``limit`` conversations matching the filters, in the order
        :meth:`list_conversations` lists them (most recently active first): what an export of
        the list writes, with :meth:`iter_records`.

        Ids only (one column, no decryption but a search's): ``limit`` bounds the memory, and
        a snapshot, unlike paging by activity, neither skips nor repeats a conversation that
        becomes active while the export is written.
        """
        if limit < 1:
            raise InputError(f"limit must be at least 1, got {limit}", field="limit")
        stmt = self._filtered(language, business_line, status, since, until, tag)
        with self._session("list conversations") as session:
            if search is not None and search.strip():
                return [c.id for c in self._search(session, stmt, _fold(search.strip()), limit)]
            ids = stmt.with_only_columns(Conversation.id, maintain_column_froms=True).limit(limit)
            return list(session.scalars(ids))

    def iter_records(
        self, conversation_ids: Sequence[str], *, page: int = 100
    ) -> Iterator[ConversationRecord]:
        """Full records of ``conversation_ids``, in that order, read ``page`` at a time (each
        page one short read: no transaction stays open while the caller writes a file, and
        at most one page is in memory). A conversation erased meanwhile is left out, where
        :meth:`iter_conversations` raises: an export of many must not fail on one a
        colleague erased, nor carry it."""
        if page < 1:
            raise InputError(f"page must be at least 1, got {page}", field="page")
        for start in range(0, len(conversation_ids), page):
            chunk = list(conversation_ids[start : start + page])
            with self._session("read conversations") as session:
                found = {
                    c.id: c for c in session.scalars(select(Conversation).where(Conversation.id.in_(chunk)))
                }
                messages: dict[str, list[Message]] = {}
                for message in session.scalars(
                    select(Message)
                    .where(Message.conversation_id.in_(chunk))
                    .order_by(Message.conversation_id, Message.created_at, Message.id)
                ):
                    messages.setdefault(message.conversation_id, []).append(message)
                events: dict[str, list[ConversationEvent]] = {}
                for event in session.scalars(
                    select(ConversationEvent)
                    .where(ConversationEvent.conversation_id.in_(chunk))
                    .order_by(ConversationEvent.conversation_id, ConversationEvent.at, ConversationEvent.id)
                ):
                    events.setdefault(event.conversation_id, []).append(event)
                tags: dict[str, list[str]] = {}
                for conversation_id, tag in session.execute(
                    select(ConversationTag.conversation_id, ConversationTag.tag)
                    .where(ConversationTag.conversation_id.in_(chunk))
                    .order_by(ConversationTag.conversation_id, ConversationTag.tag)
                ):
                    tags.setdefault(conversation_id, []).append(tag)
                records = [
                    self._record(found[cid], messages.get(cid, ()), events.get(cid, ()), tags.get(cid, ()))
                    for cid in chunk
                    if cid in found
                ]
            yield from records

    def _summaries(self, session: Session, conversations: list[Conversation]) -> list[ConversationSummary]:
        if not conversations:
            return []
        ids = [c.id for c in conversations]
        counts = dict(
            session.execute(
                select(Message.conversation_id, func.count())
                .where(Message.conversation_id.in_(ids))
                .group_by(Message.conversation_id)
            ).all()
        )
        position = (
            func.row_number()
            .over(partition_by=Message.conversation_id, order_by=(Message.created_at, Message.id))
            .label("position")
        )
        firsts = (
            select(Message.id, Message.conversation_id, Message.content, position)
            # the first message the customer still shows: one they edited away previewed a
            # question they withdrew (JSON path: json_extract on SQLite, ->> on PostgreSQL)
            .where(
                Message.conversation_id.in_(ids),
                Message.role == "user",
                Message.meta[HIDDEN].as_string().is_(None),
            )
            .subquery()
        )
        previews = {
            conversation_id: make_preview(self._open(sealed, "messages", "content", message_id))
            for message_id, conversation_id, sealed in session.execute(
                select(firsts.c.id, firsts.c.conversation_id, firsts.c.content).where(firsts.c.position == 1)
            )
        }
        tags: dict[str, list[str]] = {}
        for conversation_id, tag in session.execute(
            select(ConversationTag.conversation_id, ConversationTag.tag)
            .where(ConversationTag.conversation_id.in_(ids))
            .order_by(ConversationTag.tag)
        ):
            tags.setdefault(conversation_id, []).append(tag)
        return [
            ConversationSummary(
                id=c.id,
                created_at=c.created_at,
                updated_at=c.updated_at,
                language=c.language,
                business_line=c.business_line,
                status=c.status,
                channel=c.channel,
                message_count=int(counts.get(c.id, 0)),
                preview=previews.get(c.id, ""),
                escalation_reason=(
                    self._open(c.escalation_reason, "conversations", "escalation_reason", c.id)
                    if c.escalation_reason is not None
                    else None
                ),
                handler=c.handler,
                assignee=c.assignee,
                escalated_at=c.escalated_at,
                tags=tuple(tags.get(c.id, ())),
                customer_seen_at=c.customer_seen_at,
            )
            for c in conversations
        ]


def utc_day(moment: datetime) -> str:
    """The UTC calendar day as 'YYYY-MM-DD' (conversations.day / messages.day)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d")


def guard_flags(meta: dict[str, Any] | None) -> int:
    """meta's guard events as the bits of ``messages.guard_flags`` (0: none)."""
    if not meta:
        return 0
    return (GUARD_BLOCKED if meta.get("blocked") else 0) | (
        GUARD_LANGUAGE_RETRY if meta.get("language_retry") else 0
    )


def ensure_data_dir(data_dir: Path) -> None:
    """Create the data folder private to this user (0700): it holds the key and transcripts."""
    existed = data_dir.exists()
    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not existed and os.name == "posix":
            data_dir.chmod(0o700)  # mkdir's mode is filtered by the umask
    except OSError as exc:
        raise StoreError(f"Cannot create the data folder {data_dir}: {exc.strerror}.") from exc


def count_messages(url: str) -> int:
    """Messages stored at ``url`` (0 when there is no schema yet); creates nothing."""
    engine = make_engine(url)
    try:
        if not inspect(engine).has_table(Message.__tablename__):
            return 0
        with engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(Message)).scalar_one())
    except SQLAlchemyError as exc:
        raise StoreError(explain(exc, f"open the transcript database {safe_url(url)}")) from exc
    finally:
        engine.dispose()


__all__ = ["Base", "NotFoundError", "TranscriptStore"]
