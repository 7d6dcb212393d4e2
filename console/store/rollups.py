"""The insights rollups (revision 0006), checked and rebuilt from the tables they summarise.

``insights_messages``, ``insights_conversations`` and ``insights_daily`` are kept by
database triggers (see ``migrations/versions/0006_insights_rollups.py``), so no write path
in the application maintains them. This module is the other half of that contract:

* :func:`differences` recomputes all three from ``messages`` and ``conversations`` and
  says where the stored rows differ (the tests run it after every kind of write; an
  operator can run it on a live database: it only reads);
* :func:`rebuild` empties them and fills them again from the base tables, for a database
  whose triggers were lost (a later revision that recreated a table on SQLite without
  creating them again) once they are back.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from sqlalchemy import Float, cast, delete, func, insert, select
from sqlalchemy.engine import Connection

from console.store.models import (
    GUARD_BLOCKED,
    GUARD_LANGUAGE_RETRY,
    Conversation,
    InsightsConversation,
    InsightsDaily,
    InsightsMessage,
    Message,
)

#: columns copied from messages to insights_messages (same names)
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
DAILY_KEYS = ("day", "language", "conversation_language", "business_line")
DAILY_FIGURES = (
    "messages",
    "replies_ttft",
    "replies_latency",
    "rate_tokens",
    "rate_decode_ms",
    "blocked",
    "language_retry",
    "failed",
    "interrupted",
    "thumbs_up",
    "thumbs_down",
)


def _resolution_ms(connection: Connection) -> Any:
    if connection.dialect.name == "postgresql":
        return func.extract("epoch", Conversation.resolved_at - Conversation.created_at) * 1000
    return (func.julianday(Conversation.resolved_at) - func.julianday(Conversation.created_at)) * 86_400_000.0


def _expected_messages(connection: Connection) -> dict[str, tuple[Any, ...]]:
    """message id -> (message columns..., conversation language, business line)."""
    stmt = select(
        Message.id,
        *(getattr(Message, c) for c in MESSAGE_COLUMNS),
        Conversation.language,
        Conversation.business_line,
    ).join(Conversation, Conversation.id == Message.conversation_id)
    return {row[0]: tuple(row[1:]) for row in connection.execute(stmt)}


def _daily_of(messages: dict[str, tuple[Any, ...]]) -> dict[tuple[str, ...], list[float]]:
    """insights_daily as the triggers keep it, computed here from insights_messages rows."""
    out: dict[tuple[str, ...], list[float]] = defaultdict(lambda: [0.0] * len(DAILY_FIGURES))
    for row in messages.values():
        m = dict(zip((*MESSAGE_COLUMNS, "conversation_language", "business_line"), row, strict=True))
        key = (m["day"] or "", m["language"] or "", m["conversation_language"], m["business_line"])
        reply = m["role"] == "assistant" and m["status"] == "complete"
        latency, ttft, tokens = m["latency_ms"], m["ttft_ms"], m["completion_tokens"]
        decode = latency - (ttft or 0.0) if latency is not None else None
        rated = reply and tokens is not None and tokens > 0 and decode is not None and decode > 0
        flags = m["guard_flags"] or 0
        figures = (
            1,
            int(reply and ttft is not None),
            int(reply and latency is not None),
            tokens if rated else 0,
            decode if rated else 0.0,
            int(flags & GUARD_BLOCKED != 0),
            int(flags & GUARD_LANGUAGE_RETRY != 0),
            int(m["status"] == "failed"),
            int(m["status"] == "interrupted"),
            int(m["feedback"] == 1),
            int(m["feedback"] == -1),
        )
        sums = out[key]
        for i, value in enumerate(figures):
            sums[i] += value or 0
    return dict(out)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return a is b
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-6)
    return bool(a == b)


def _compare(name: str, want: dict[Any, tuple[Any, ...]], have: dict[Any, tuple[Any, ...]]) -> list[str]:
    out = []
    for key in sorted(set(want) | set(have), key=repr):
        w, h = want.get(key), have.get(key)
        if (
            w is None
            or h is None
            or len(w) != len(h)
            or not all(_same(x, y) for x, y in zip(w, h, strict=True))
        ):
            out.append(f"{name} {key}: expected {w}, stored {h}")
    return out


def differences(connection: Connection) -> list[str]:
    """Every row where the rollups differ from what ``messages`` and ``conversations`` say
    they should hold; empty when they agree. Reads only."""
    messages = _expected_messages(connection)
    stored_messages = {
        row[0]: tuple(row[1:])
        for row in connection.execute(
            select(
                InsightsMessage.message_id,
                *(getattr(InsightsMessage, c) for c in MESSAGE_COLUMNS),
                InsightsMessage.conversation_language,
                InsightsMessage.business_line,
            )
        )
    }
    conversations = {
        row[0]: tuple(row[1:])
        for row in connection.execute(
            select(
                Conversation.id,
                Conversation.day,
                Conversation.language,
                Conversation.business_line,
                Conversation.first_response_ms,
                cast(_resolution_ms(connection), Float),
            )
        )
    }
    stored_conversations = {
        row[0]: tuple(row[1:])
        for row in connection.execute(
            select(
                InsightsConversation.conversation_id,
                InsightsConversation.day,
                InsightsConversation.language,
                InsightsConversation.business_line,
                InsightsConversation.first_response_ms,
                InsightsConversation.resolution_ms,
            )
        )
    }
    stored_daily = {
        tuple(row[:4]): tuple(row[4:])
        for row in connection.execute(
            select(*(getattr(InsightsDaily, c) for c in (*DAILY_KEYS, *DAILY_FIGURES)))
        )
    }
    daily = {key: tuple(values) for key, values in _daily_of(messages).items()}
    return [
        *_compare("insights_messages", messages, stored_messages),
        *_compare("insights_conversations", conversations, stored_conversations),
        *_compare("insights_daily", daily, stored_daily),
    ]


def rebuild(connection: Connection) -> None:
    """Empty the rollups and fill them again from the base tables, in the caller's
    transaction (insights_daily is filled by its triggers as insights_messages is)."""
    connection.execute(delete(InsightsMessage))
    connection.execute(delete(InsightsDaily))
    connection.execute(delete(InsightsConversation))
    rows = _expected_messages(connection)
    if rows:
        names = (*MESSAGE_COLUMNS, "conversation_language", "business_line")
        connection.execute(
            insert(InsightsMessage),
            [{"message_id": key, **dict(zip(names, row, strict=True))} for key, row in rows.items()],
        )
    conversations = connection.execute(
        select(
            Conversation.id,
            Conversation.day,
            Conversation.language,
            Conversation.business_line,
            Conversation.first_response_ms,
            cast(_resolution_ms(connection), Float),
        )
    ).all()
    if conversations:
        connection.execute(
            insert(InsightsConversation),
            [
                {
                    "conversation_id": c[0],
                    "day": c[1],
                    "language": c[2],
                    "business_line": c[3],
                    "first_response_ms": c[4],
                    "resolution_ms": c[5],
                }
                for c in conversations
            ],
        )
