"""The transcript schema as SQLAlchemy 2 typed models.

No free text a customer (or the model) wrote is stored in plaintext: message bodies and the
escalation reason are :class:`EncryptedText` envelopes; a conversation has no stored title
or preview (previews are decrypted on demand). Everything else is metadata the operator
filters on. Ids are generated here, client-side, so the row id is known before the INSERT
and can be bound into each ciphertext as associated data (see ``crypto.py``).

Changing anything here needs a new numbered revision in ``migrations/versions``;
``tests/test_migrations.py`` fails while models and migrations differ.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from console.store.crypto import EncryptedText, Sealed

ROLES = ("user", "assistant", "agent", "system")
MESSAGE_STATUSES = ("streaming", "complete", "stopped", "interrupted", "failed")
CONVERSATION_STATUSES = ("open", "escalated", "resolved")
CHANNELS = ("ui", "api")
#: who answers the customer now: the model, nobody yet (waiting in the operators' queue), or
#: a named person (``assignee``). While it is not "bot" the model is never called.
HANDLERS = ("bot", "queue", "person")
#: what can happen to a conversation's ownership; each is stored with who and when
#: bits of messages.guard_flags (revision 0004)
GUARD_BLOCKED = 1
GUARD_LANGUAGE_RETRY = 2
EVENT_KINDS = ("escalated", "taken", "handed_back", "resolved", "reopened", "status")

# Named constraints: SQLite batch migrations can only drop/alter constraints that have names.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


_uuid7_lock = threading.Lock()
_uuid7_last = (0, 0)  # (unix ms, 12-bit counter) of the last id made by this process


def uuid7() -> str:
    """A time-ordered UUID (RFC 9562 version 7) as a string; monotonic within this process.

    The 12-bit ``rand_a`` field is a counter within one millisecond, so ids sort in creation
    order here; across processes they sort by millisecond. (Python 3.14 has uuid.uuid7.)
    """
    global _uuid7_last
    with _uuid7_lock:
        ms = time.time_ns() // 1_000_000
        last_ms, counter = _uuid7_last
        if ms <= last_ms:
            ms, counter = last_ms, counter + 1
            if counter > 0xFFF:
                ms, counter = last_ms + 1, 0
        else:
            counter = int.from_bytes(os.urandom(2), "big") & 0x7FF  # leave room to count up
        _uuid7_last = (ms, counter)
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | counter << 64 | 0b10 << 62 | rand_b
    return str(uuid.UUID(int=value))


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend.

    SQLite has no time zone type and hands back naive values; this stores UTC and always
    returns aware UTC datetimes, so comparisons never mix naive and aware values.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError("transcript timestamps must be timezone-aware datetimes")
        utc: datetime = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime from the database, got {type(value).__name__}")
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Conversation(Base):
    __tablename__ = "conversations"
    __table_args__ = (
        CheckConstraint(_in("status", CONVERSATION_STATUSES), name="status"),
        CheckConstraint(_in("channel", CHANNELS), name="channel"),
        # operator list: filter by status, newest activity first (revision 0002)
        Index("ix_conversations_status_updated_at", "status", "updated_at"),
        Index("ix_conversations_updated_at", "updated_at"),
        # insights (revision 0004): aggregates over a period read this index alone, never the
        # wide rows (covering: every column the conversation-level figures group or sum)
        Index(
            "ix_conversations_insights",
            "day",
            "language",
            "business_line",
            "handoff_reason",
            "resolved_by",
            "handler",
            "rating",
            "first_response_ms",
            "resolved_at",
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=uuid7)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    language: Mapped[str] = mapped_column(String(16))
    business_line: Mapped[str] = mapped_column(String(64))
    model: Mapped[str] = mapped_column(String(300))
    backend: Mapped[str] = mapped_column(String(32))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    channel: Mapped[str] = mapped_column(String(8), default="ui")
    status: Mapped[str] = mapped_column(String(16), default="open")
    # may quote the customer, so it is encrypted like message text (revision 0002)
    escalation_reason: Mapped[Sealed | None] = mapped_column(EncryptedText())
    # revision 0003: who may continue it over the API ("ui", "api:<key digest>",
    # "api:anonymous"), who answers now, and since when it waits for a person
    owner: Mapped[str | None] = mapped_column(String(80))
    handler: Mapped[str] = mapped_column(String(16), default="bot", server_default="bot")
    assignee: Mapped[str | None] = mapped_column(String(64))
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # revision 0004: figures the insights tab aggregates in SQL, kept by the repository as
    # turns happen (never derived by decrypting messages). ``handoff_reason`` is the first
    # handoff's code ("customer_request", "complaint", ...), not text; ``resolved_by`` is
    # "bot" or "person" (a person took it at some point); the rating is the customer's 1-5
    # at the end, its comment encrypted like message text.
    first_message_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # the day it started, "YYYY-MM-DD", in the team's time zone (ConsoleSetting; UTC
    # unless set): per-day figures group on it in index order
    day: Mapped[str | None] = mapped_column(String(10))
    first_response_ms: Mapped[float | None] = mapped_column(Float)
    handoff_reason: Mapped[str | None] = mapped_column(String(32))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by: Mapped[str | None] = mapped_column(String(8))
    rating: Mapped[int | None] = mapped_column(Integer)
    rating_comment: Mapped[Sealed | None] = mapped_column(EncryptedText())
    rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # revision 0005: the team's internal note (never shown to the customer). It may quote
    # the customer, so it is encrypted like message text; who wrote it last and when.
    note: Mapped[Sealed | None] = mapped_column(EncryptedText())
    note_by: Mapped[str | None] = mapped_column(String(64))
    note_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # revision 0007: when the customer's chat page last said it was open (about every 10 s
    # while it is): the operator sees whether the customer is still there
    customer_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        CheckConstraint(_in("role", ROLES), name="role"),
        CheckConstraint(_in("status", MESSAGE_STATUSES), name="status"),
        Index("ix_messages_conversation_id_created_at", "conversation_id", "created_at"),
        # insights (revision 0004): covering, so per-day figures never read message text
        Index(
            "ix_messages_insights",
            "day",
            "language",
            "role",
            "status",
            "latency_ms",
            "ttft_ms",
            "completion_tokens",
            "feedback",
            "guard_flags",
            "conversation_id",
        ),
        # insights (revision 0004): the assistant's finished replies alone, for reply times
        # and tokens per second (equality on role and status, then the days in order)
        Index(
            "ix_messages_replies",
            "role",
            "status",
            "day",
            "ttft_ms",
            "latency_ms",
            "completion_tokens",
            "language",
            "conversation_id",
        ),
        Index(
            "ix_messages_reply_latency", "role", "status", "day", "latency_ms", "language", "conversation_id"
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=uuid7)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))
    content: Mapped[Sealed] = mapped_column(EncryptedText())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    latency_ms: Mapped[float | None] = mapped_column(Float)
    prompt_tokens: Mapped[int | None] = mapped_column(Integer)
    completion_tokens: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="complete")
    # non-text facts only (finish reason, detected confidence, guard flags); never prompt text
    meta: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # revision 0003: the person who wrote an agent message (shown to the customer by name),
    # and the customer's thumbs up (1) / down (-1) on a reply with an optional reason
    author: Mapped[str | None] = mapped_column(String(64))
    feedback: Mapped[int | None] = mapped_column(Integer)
    feedback_reason: Mapped[Sealed | None] = mapped_column(EncryptedText())
    # revision 0004: time to the reply's first token, when the pipeline reports it
    # (``meta["ttft_ms"]`` on the final save)
    ttft_ms: Mapped[float | None] = mapped_column(Float)
    # revision 0004: meta's guard events as bits (GUARD_BLOCKED, GUARD_LANGUAGE_RETRY), so
    # insights count them from an index instead of parsing every message's JSON
    guard_flags: Mapped[int | None] = mapped_column(Integer)
    # the day it was written, "YYYY-MM-DD" (see Conversation.day)
    day: Mapped[str | None] = mapped_column(String(10))
    # revision 0005: the same message in a second language, encrypted like ``content``.
    # On a customer message: the console's machine translation into the operator's language
    # (``translation_language``), made once and kept. On an agent message: what the
    # operator wrote in their own language, while ``content`` is the translation the
    # customer was sent. The transcript keeps both.
    translation: Mapped[Sealed | None] = mapped_column(EncryptedText())
    translation_language: Mapped[str | None] = mapped_column(String(16))
    # revision 0008: on a reply still streaming, the console process writing it (a
    # ``console_replicas`` id), so that another console's start or sweep marks it
    # interrupted only once that process has stopped (see console/store/replicas.py)
    replica: Mapped[str | None] = mapped_column(String(36))


class ConversationEvent(Base):
    """One change of a conversation's owner or status: who did it and when (revision 0003).

    ``detail`` holds codes only (an escalation reason code, the new status), never text a
    customer wrote, so it is not encrypted.
    """

    __tablename__ = "conversation_events"
    __table_args__ = (
        CheckConstraint(_in("kind", EVENT_KINDS), name="kind"),
        Index("ix_conversation_events_conversation_id_at", "conversation_id", "at"),
        # insights (revision 0006): a period's queue waits in one covering range
        Index("ix_conversation_events_waits", "kind", "at", "waited_ms", "conversation_id"),
        # ... and in value order, for a period's exact percentiles by one walk each
        Index("ix_conversation_events_wait_values", "kind", "waited_ms", "at", "conversation_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=uuid7)
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # revision 0004: on a "taken" event, how long the customer had waited in the queue
    waited_ms: Mapped[float | None] = mapped_column(Float)


class ConversationTag(Base):
    """A label the team put on a conversation ("refund", "vip"), revision 0005.

    Tags are chosen by operators, not written by customers, and the list filters on them in
    SQL, so they are plaintext; the UI refuses a tag in which the personal-data detector
    finds anything (an address, a phone or card number), so none is stored this way.
    """

    __tablename__ = "conversation_tags"
    __table_args__ = (Index("ix_conversation_tags_tag", "tag", "conversation_id"),)

    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(32), primary_key=True)


class StaffPresence(Base):
    """When each member of the team last had the console open (revision 0007): a customer
    waiting for a person is told when nobody is online, instead of "shortly". One row per
    signed-in staff user ("" for a console without logins), written about every 10 s by
    their page; shared through the database, so every replica and a ``--customer-only``
    console in front see the team of a console on 127.0.0.1."""

    __tablename__ = "staff_presence"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ConsoleSetting(Base):
    """A setting every console of one database shares (revision 0009), by name: the
    team's time zone (``time_zone``, an IANA name; no row: UTC), in which the stored days
    are counted. No transcript data."""

    __tablename__ = "console_settings"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ConsoleReplica(Base):
    """A console process that writes replies (revision 0008): which process it is and when
    it last said it was running. A reply left ``streaming`` is a crash's only once its
    writer has stopped; the shared database is where every replica can tell. No transcript
    data: a random id, a machine fingerprint (boot id and PID namespace), a PID and the
    process's start time."""

    __tablename__ = "console_replicas"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    machine: Mapped[str | None] = mapped_column(String(96))
    pid: Mapped[int] = mapped_column(Integer)
    # the process's start (seconds since the epoch): a PID reused by another process differs
    started: Mapped[float] = mapped_column(Float)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime())


#: every encrypted column, as (model, attribute name); the key check and rotation walk these
ENCRYPTED_COLUMNS: tuple[tuple[type[Message] | type[Conversation], str], ...] = (
    (Message, "content"),
    (Conversation, "escalation_reason"),
    (Message, "feedback_reason"),
    (Conversation, "rating_comment"),
    (Conversation, "note"),
    (Message, "translation"),
)


def place(table: str, column: str, row_id: str) -> str:
    """The AAD ``place`` of one encrypted value: binds the ciphertext to its row and column."""
    return f"{table}.{column}:{row_id}"


class InsightsMessage(Base):
    """Revision 0006: one row per message with the figures the insights read and its
    conversation's language and business line beside them: reply-time percentiles for one
    line walk its indexes instead of a semi-join over conversations, and its own triggers
    keep :class:`InsightsDaily` (a move to another line moves the counts too).

    Kept by database triggers on ``messages`` and ``conversations`` (see the revision), never
    by application code: every write path, the demo data's bulk inserts, erasure and a
    conversation moved to another line keep it exact. No text, no foreign key (the triggers
    delete a message's row with it).
    """

    __tablename__ = "insights_messages"
    __table_args__ = (
        Index("ix_insights_messages_conversation_id", "conversation_id"),
        # one line's finished replies of a day in value order: percentile walks
        Index(
            "ix_insights_messages_line_ttft", "business_line", "role", "status", "day", "ttft_ms", "language"
        ),
        Index(
            "ix_insights_messages_line_latency",
            "business_line",
            "role",
            "status",
            "day",
            "latency_ms",
            "language",
        ),
    )

    message_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(36))
    day: Mapped[str | None] = mapped_column(String(10))
    language: Mapped[str | None] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    latency_ms: Mapped[float | None] = mapped_column(Float)
    ttft_ms: Mapped[float | None] = mapped_column(Float)
    completion_tokens: Mapped[int | None] = mapped_column(Integer)
    feedback: Mapped[int | None] = mapped_column(Integer)
    guard_flags: Mapped[int | None] = mapped_column(Integer)
    conversation_language: Mapped[str] = mapped_column(String(16))
    business_line: Mapped[str] = mapped_column(String(64))


class InsightsConversation(Base):
    """Revision 0006: one row per conversation with its first-response delay and its
    resolution time (resolved_at - created_at, ms), indexed by value so an exact percentile
    over a period is one ``LIMIT 1 OFFSET k`` walk. Kept by triggers like InsightsMessage."""

    __tablename__ = "insights_conversations"
    __table_args__ = (
        Index(
            "ix_insights_conversations_first_response",
            "first_response_ms",
            "day",
            "language",
            "business_line",
        ),
        Index("ix_insights_conversations_resolution", "resolution_ms", "day", "language", "business_line"),
    )

    conversation_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    day: Mapped[str | None] = mapped_column(String(10))
    language: Mapped[str] = mapped_column(String(16))
    business_line: Mapped[str] = mapped_column(String(64))
    first_response_ms: Mapped[float | None] = mapped_column(Float)
    resolution_ms: Mapped[float | None] = mapped_column(Float)


class InsightsDaily(Base):
    """Revision 0006: per day (the team's, see Conversation.day), message language,
    conversation language and business line, the counts and sums of the message figures
    (messages, timed replies, tokens and decode time of rated replies, guard events,
    thumbs), so per-day message figures read a few thousand rows instead of every message
    of the period. Kept by triggers on
    ``insights_messages``; a missing day or message language is stored as ''."""

    __tablename__ = "insights_daily"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    language: Mapped[str] = mapped_column(String(16), primary_key=True)
    conversation_language: Mapped[str] = mapped_column(String(16), primary_key=True)
    business_line: Mapped[str] = mapped_column(String(64), primary_key=True)
    messages: Mapped[int] = mapped_column(Integer)
    replies_ttft: Mapped[int] = mapped_column(Integer)
    replies_latency: Mapped[int] = mapped_column(Integer)
    rate_tokens: Mapped[int] = mapped_column(Integer)
    rate_decode_ms: Mapped[float] = mapped_column(Float)
    blocked: Mapped[int] = mapped_column(Integer)
    language_retry: Mapped[int] = mapped_column(Integer)
    failed: Mapped[int] = mapped_column(Integer)
    interrupted: Mapped[int] = mapped_column(Integer)
    thumbs_up: Mapped[int] = mapped_column(Integer)
    thumbs_down: Mapped[int] = mapped_column(Integer)
