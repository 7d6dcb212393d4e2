"""When to offer the customer the 1-5 rating, and saving it (no gradio).

Offered once per conversation, at its end: when an operator resolved it, or when the
customer left it idle for ``--rating-after-idle`` minutes after a reply (0 turns the idle
offer off). Never while a person or the queue has it, never before anyone answered, never
again once rated. One primary-key read, no decryption.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from console.store.models import Conversation


def rating_due(
    store: Any, conversation_id: str | None, idle_minutes: float, now: datetime | None = None
) -> str | None:
    """The conversation's language when the customer should now be offered the rating for
    ``conversation_id`` (the prompt is shown in it), else None."""
    if store is None or conversation_id is None:
        return None
    with store.engine.connect() as connection:
        row = connection.execute(
            select(
                Conversation.status,
                Conversation.handler,
                Conversation.rating,
                Conversation.first_response_ms,
                Conversation.updated_at,
                Conversation.language,
            ).where(Conversation.id == conversation_id)
        ).first()
    if row is None or row.rating is not None or row.first_response_ms is None:
        return None
    if row.status == "resolved":
        return str(row.language)
    if row.handler != "bot" or idle_minutes <= 0:
        return None
    updated = row.updated_at if row.updated_at.tzinfo else row.updated_at.replace(tzinfo=UTC)
    idle = (now or datetime.now(UTC)) - updated >= timedelta(minutes=idle_minutes)
    return str(row.language) if idle else None
