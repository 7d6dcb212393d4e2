"""Insights rollups kept by database triggers: per-day counts and sums of the message
figures, each message's and conversation's figures beside its conversation's language and
business line, and value indexes for exact percentiles.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

``insights_messages`` holds one row per message (its day, language, role, status, timings,
tokens, thumbs and guard bits, as in ``messages``) plus its conversation's language and
business line: reply-time percentiles for one line walk its (line, role, status, day,
value) indexes instead of re-evaluating a semi-join over ``conversations`` per walk.
``insights_daily`` holds, per UTC day, message language, conversation language and line,
the counts and sums of those figures (messages, timed replies, tokens and decode time
behind tokens per second, guard events, thumbs), kept by triggers on ``insights_messages``:
per-day message figures read a few thousand rows instead of every message of the period.
``insights_conversations`` holds one row per conversation with its first-response delay
and its resolution time (resolved_at - created_at, in ms), indexed by value, so their
exact percentiles are one ``LIMIT 1 OFFSET k`` walk instead of a sort of the period. Two
indexes on ``conversation_events`` read a period's queue waits in time and in value order
without scanning the events.

All three are kept by triggers (SQLite triggers; PostgreSQL plpgsql trigger functions), so
every write path keeps them exact without application code: the store's methods, the demo
data's bulk inserts, a conversation's erasure (its messages' rows go with them), status
changes and resolutions, and a conversation moved to another language or business line
(its messages' rows and the daily counts follow). Existing rows are copied here (about 20 s
for 100,000 conversations on SQLite). ``console.store.rollups`` compares them with the base
tables (``differences``) and refills them (``rebuild``). On PostgreSQL two transactions
that write messages of the same day, language and line wait for each other on that
``insights_daily`` row until the first commits (the store's transactions are short).

A later revision that makes SQLite recreate ``messages``, ``conversations`` or
``insights_messages`` (batch mode with a dropped or altered column) drops their triggers
with the old table and must create them again: ``tests/test_insights_store.py`` checks
they exist at head.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# every statement below is built from the constants in this file (no input): S608 is moot
# ruff: noqa: S608

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: the message columns copied to insights_messages (same names there)
MESSAGE_COLUMNS = (
    "conversation_id",
    "day",
    "language",
    "role",
    "status",
    "latency_ms",
    "ttft_ms",
    "completion_tokens",
    "feedback",
    "guard_flags",
)
_M = ", ".join(MESSAGE_COLUMNS)
_NEW_M = ", ".join(f"NEW.{c}" for c in MESSAGE_COLUMNS)
_SET_M = ", ".join(f"{c} = NEW.{c}" for c in MESSAGE_COLUMNS)

SQLITE_RESOLUTION = "(julianday({p}resolved_at) - julianday({p}created_at)) * 86400000.0"
PG_RESOLUTION = "EXTRACT(EPOCH FROM ({p}resolved_at - {p}created_at)) * 1000"

SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER insights_messages_insert AFTER INSERT ON messages BEGIN
        INSERT INTO insights_messages (message_id, {_M}, conversation_language, business_line)
        SELECT NEW.id, {_NEW_M}, c.language, c.business_line
        FROM conversations AS c WHERE c.id = NEW.conversation_id;
    END""",
    f"""CREATE TRIGGER insights_messages_update AFTER UPDATE OF id, {_M} ON messages BEGIN
        DELETE FROM insights_messages WHERE message_id = OLD.id;
        INSERT INTO insights_messages (message_id, {_M}, conversation_language, business_line)
        SELECT NEW.id, {_NEW_M}, c.language, c.business_line
        FROM conversations AS c WHERE c.id = NEW.conversation_id;
    END""",
    """CREATE TRIGGER insights_messages_delete AFTER DELETE ON messages BEGIN
        DELETE FROM insights_messages WHERE message_id = OLD.id;
    END""",
    f"""CREATE TRIGGER insights_conversations_insert AFTER INSERT ON conversations BEGIN
        INSERT INTO insights_conversations
            (conversation_id, day, language, business_line, first_response_ms, resolution_ms)
        VALUES (NEW.id, NEW.day, NEW.language, NEW.business_line, NEW.first_response_ms,
                {SQLITE_RESOLUTION.format(p="NEW.")});
    END""",
    f"""CREATE TRIGGER insights_conversations_update
        AFTER UPDATE OF id, day, language, business_line, first_response_ms, created_at, resolved_at
        ON conversations BEGIN
        UPDATE insights_conversations SET conversation_id = NEW.id, day = NEW.day,
            language = NEW.language, business_line = NEW.business_line,
            first_response_ms = NEW.first_response_ms,
            resolution_ms = {SQLITE_RESOLUTION.format(p="NEW.")}
        WHERE conversation_id = OLD.id;
        UPDATE insights_messages SET conversation_language = NEW.language,
            business_line = NEW.business_line
        WHERE conversation_id = NEW.id
            AND (conversation_language IS NOT NEW.language OR business_line IS NOT NEW.business_line);
    END""",
    """CREATE TRIGGER insights_conversations_delete AFTER DELETE ON conversations BEGIN
        DELETE FROM insights_conversations WHERE conversation_id = OLD.id;
    END""",
)

#: insights_daily: per (day, message language, conversation language, business line), the
#: counts and sums of the message figures, as SQL over one insights_messages row ({r}: NEW. or
#: OLD.). A missing day or message language is kept as '' (key columns are never NULL).
_REPLY = "{r}role = 'assistant' AND {r}status = 'complete'"
_DECODE = "{r}latency_ms - COALESCE({r}ttft_ms, 0)"
_RATE = f"{_REPLY} AND {{r}}completion_tokens > 0 AND {_DECODE} > 0"
DAILY_KEYS = ("day", "language", "conversation_language", "business_line")
DAILY_FIGURES = {
    "messages": "1",
    "replies_ttft": f"CASE WHEN {_REPLY} AND {{r}}ttft_ms IS NOT NULL THEN 1 ELSE 0 END",
    "replies_latency": f"CASE WHEN {_REPLY} AND {{r}}latency_ms IS NOT NULL THEN 1 ELSE 0 END",
    "rate_tokens": f"CASE WHEN {_RATE} THEN {{r}}completion_tokens ELSE 0 END",
    "rate_decode_ms": f"CASE WHEN {_RATE} THEN {_DECODE} ELSE 0 END",
    "blocked": "CASE WHEN ({r}guard_flags & 1) <> 0 THEN 1 ELSE 0 END",
    "language_retry": "CASE WHEN ({r}guard_flags & 2) <> 0 THEN 1 ELSE 0 END",
    "failed": "CASE WHEN {r}status = 'failed' THEN 1 ELSE 0 END",
    "interrupted": "CASE WHEN {r}status = 'interrupted' THEN 1 ELSE 0 END",
    "thumbs_up": "CASE WHEN {r}feedback = 1 THEN 1 ELSE 0 END",
    "thumbs_down": "CASE WHEN {r}feedback = -1 THEN 1 ELSE 0 END",
}
_DAILY_COLUMNS = ", ".join((*DAILY_KEYS, *DAILY_FIGURES))


def _daily_key(r: str) -> list[str]:
    return [
        f"COALESCE({r}day, '')",
        f"COALESCE({r}language, '')",
        f"{r}conversation_language",
        f"{r}business_line",
    ]


def _daily_add(r: str) -> str:
    """Add one insights_messages row (``r`` = "NEW.") to its insights_daily row."""
    values = ", ".join((*_daily_key(r), *(e.format(r=r) for e in DAILY_FIGURES.values())))
    sums = ", ".join(f"{c} = insights_daily.{c} + excluded.{c}" for c in DAILY_FIGURES)
    return (
        f"INSERT INTO insights_daily ({_DAILY_COLUMNS}) VALUES ({values}) "
        f"ON CONFLICT ({', '.join(DAILY_KEYS)}) DO UPDATE SET {sums}"
    )


def _daily_remove(r: str) -> str:
    """Take one insights_messages row (``r`` = "OLD.") off its insights_daily row, and drop
    the row when nothing is left on it."""
    key = " AND ".join(f"{c} = {e}" for c, e in zip(DAILY_KEYS, _daily_key(r), strict=True))
    sums = ", ".join(f"{c} = {c} - ({e.format(r=r)})" for c, e in DAILY_FIGURES.items())
    return (
        f"UPDATE insights_daily SET {sums} WHERE {key}; "
        f"DELETE FROM insights_daily WHERE {key} AND messages = 0"
    )


SQLITE_DAILY_TRIGGERS = (
    f"""CREATE TRIGGER insights_daily_insert AFTER INSERT ON insights_messages BEGIN
        {_daily_add("NEW.")};
    END""",
    f"""CREATE TRIGGER insights_daily_delete AFTER DELETE ON insights_messages BEGIN
        {_daily_remove("OLD.")};
    END""",
    f"""CREATE TRIGGER insights_daily_update AFTER UPDATE ON insights_messages BEGIN
        {_daily_remove("OLD.")};
        {_daily_add("NEW.")};
    END""",
)

SQLITE_TRIGGERS += SQLITE_DAILY_TRIGGERS
SQLITE_TRIGGER_NAMES = tuple(t.split()[2] for t in SQLITE_TRIGGERS)

PG_FUNCTIONS = (
    f"""CREATE OR REPLACE FUNCTION insights_messages_sync() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            DELETE FROM insights_messages WHERE message_id = OLD.id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO insights_messages (message_id, {_M}, conversation_language, business_line)
            SELECT NEW.id, {_NEW_M}, c.language, c.business_line
            FROM conversations AS c WHERE c.id = NEW.conversation_id;
        END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION insights_conversations_sync() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM insights_conversations WHERE conversation_id = OLD.id;
        ELSIF TG_OP = 'INSERT' THEN
            INSERT INTO insights_conversations
                (conversation_id, day, language, business_line, first_response_ms, resolution_ms)
            VALUES (NEW.id, NEW.day, NEW.language, NEW.business_line, NEW.first_response_ms,
                    {PG_RESOLUTION.format(p="NEW.")});
        ELSE
            UPDATE insights_conversations SET conversation_id = NEW.id, day = NEW.day,
                language = NEW.language, business_line = NEW.business_line,
                first_response_ms = NEW.first_response_ms,
                resolution_ms = {PG_RESOLUTION.format(p="NEW.")}
            WHERE conversation_id = OLD.id;
            UPDATE insights_messages SET conversation_language = NEW.language,
                business_line = NEW.business_line
            WHERE conversation_id = NEW.id
                AND (conversation_language IS DISTINCT FROM NEW.language
                     OR business_line IS DISTINCT FROM NEW.business_line);
        END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION insights_daily_sync() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            {_daily_remove("OLD.")};
        END IF;
        IF TG_OP <> 'DELETE' THEN
            {_daily_add("NEW.")};
        END IF;
        RETURN NULL;
    END $$""",
)
PG_TRIGGERS = (
    f"""CREATE TRIGGER insights_messages_sync
    AFTER INSERT OR DELETE OR UPDATE OF id, {_M} ON messages
    FOR EACH ROW EXECUTE FUNCTION insights_messages_sync()""",
    """CREATE TRIGGER insights_conversations_sync
    AFTER INSERT OR DELETE
        OR UPDATE OF id, day, language, business_line, first_response_ms, created_at, resolved_at
    ON conversations
    FOR EACH ROW EXECUTE FUNCTION insights_conversations_sync()""",
    """CREATE TRIGGER insights_daily_sync AFTER INSERT OR DELETE OR UPDATE ON insights_messages
    FOR EACH ROW EXECUTE FUNCTION insights_daily_sync()""",
)


def upgrade() -> None:
    op.create_table(
        "insights_messages",
        sa.Column("message_id", sa.String(length=36), nullable=False),
        sa.Column("conversation_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("latency_ms", sa.Float(), nullable=True),
        sa.Column("ttft_ms", sa.Float(), nullable=True),
        sa.Column("completion_tokens", sa.Integer(), nullable=True),
        sa.Column("feedback", sa.Integer(), nullable=True),
        sa.Column("guard_flags", sa.Integer(), nullable=True),
        sa.Column("conversation_language", sa.String(length=16), nullable=False),
        sa.Column("business_line", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("message_id", name=op.f("pk_insights_messages")),
    )
    op.create_table(
        "insights_conversations",
        sa.Column("conversation_id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("business_line", sa.String(length=64), nullable=False),
        sa.Column("first_response_ms", sa.Float(), nullable=True),
        sa.Column("resolution_ms", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("conversation_id", name=op.f("pk_insights_conversations")),
    )
    op.create_table(
        "insights_daily",
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("conversation_language", sa.String(length=16), nullable=False),
        sa.Column("business_line", sa.String(length=64), nullable=False),
        *(
            sa.Column(c, sa.Float() if c == "rate_decode_ms" else sa.Integer(), nullable=False)
            for c in DAILY_FIGURES
        ),
        sa.PrimaryKeyConstraint(*DAILY_KEYS, name=op.f("pk_insights_daily")),
    )
    # copy the existing rows before the indexes exist (one sort per index, not per row)
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    resolution = (PG_RESOLUTION if postgres else SQLITE_RESOLUTION).format(p="")
    op.execute(
        f"INSERT INTO insights_messages (message_id, {_M}, conversation_language, business_line) "
        f"SELECT m.id, {', '.join(f'm.{c}' for c in MESSAGE_COLUMNS)}, c.language, c.business_line "
        "FROM messages AS m JOIN conversations AS c ON c.id = m.conversation_id"
    )
    op.execute(
        "INSERT INTO insights_conversations "
        "(conversation_id, day, language, business_line, first_response_ms, resolution_ms) "
        f"SELECT id, day, language, business_line, first_response_ms, {resolution} FROM conversations"
    )
    sums = ", ".join(f"SUM({e.format(r='')})" for e in DAILY_FIGURES.values())
    keys = ", ".join(_daily_key(""))
    op.execute(
        f"INSERT INTO insights_daily ({_DAILY_COLUMNS}) "
        f"SELECT {keys}, {sums} FROM insights_messages GROUP BY {keys}"
    )
    op.create_index("ix_insights_messages_conversation_id", "insights_messages", ["conversation_id"])
    op.create_index(
        "ix_insights_messages_line_ttft",
        "insights_messages",
        ["business_line", "role", "status", "day", "ttft_ms", "language"],
    )
    op.create_index(
        "ix_insights_messages_line_latency",
        "insights_messages",
        ["business_line", "role", "status", "day", "latency_ms", "language"],
    )
    op.create_index(
        "ix_insights_conversations_first_response",
        "insights_conversations",
        ["first_response_ms", "day", "language", "business_line"],
    )
    op.create_index(
        "ix_insights_conversations_resolution",
        "insights_conversations",
        ["resolution_ms", "day", "language", "business_line"],
    )
    # queue waits: the "taken" events of a period in one covering range (no table scan)
    op.create_index(
        "ix_conversation_events_waits",
        "conversation_events",
        ["kind", "at", "waited_ms", "conversation_id"],
    )
    op.create_index(
        "ix_conversation_events_wait_values",
        "conversation_events",
        ["kind", "waited_ms", "at", "conversation_id"],
    )
    if postgres:
        for statement in (*PG_FUNCTIONS, *PG_TRIGGERS):
            op.execute(statement)
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS insights_conversations_sync ON conversations")
        op.execute("DROP TRIGGER IF EXISTS insights_messages_sync ON messages")
        op.execute("DROP TRIGGER IF EXISTS insights_daily_sync ON insights_messages")
        op.execute("DROP FUNCTION IF EXISTS insights_daily_sync()")
        op.execute("DROP FUNCTION IF EXISTS insights_conversations_sync()")
        op.execute("DROP FUNCTION IF EXISTS insights_messages_sync()")
    else:
        for name in SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_conversation_events_wait_values", table_name="conversation_events")
    op.drop_index("ix_conversation_events_waits", table_name="conversation_events")
    op.drop_table("insights_daily")
    op.drop_index("ix_insights_conversations_resolution", table_name="insights_conversations")
    op.drop_index("ix_insights_conversations_first_response", table_name="insights_conversations")
    op.drop_table("insights_conversations")
    op.drop_index("ix_insights_messages_line_latency", table_name="insights_messages")
    op.drop_index("ix_insights_messages_line_ttft", table_name="insights_messages")
    op.drop_index("ix_insights_messages_conversation_id", table_name="insights_messages")
    op.drop_table("insights_messages")
