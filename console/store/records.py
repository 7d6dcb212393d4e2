"""Plain, decrypted views of stored rows: what the rest of the console reads.

They carry no SQLAlchemy state, so they can cross threads, be exported and be compared in
tests. ``repr`` hides text, so a record that ends up in a log line leaks no transcript.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class MessageRecord:
    id: str
    conversation_id: str
    role: str
    content: str = field(repr=False)
    created_at: datetime
    status: str = "complete"
    language: str | None = None
    latency_ms: float | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    meta: dict[str, Any] | None = None
    author: str | None = None  # the person who wrote an agent message
    feedback: int | None = None  # the customer's thumbs: 1 up, -1 down
    feedback_reason: str | None = field(default=None, repr=False)
    # revision 0005: the message in a second language (see models.Message.translation)
    translation: str | None = field(default=None, repr=False)
    translation_language: str | None = None


#: the stored message's meta key marking one the customer took off their screen, and how
HIDDEN = "hidden_from_customer"
#: the meta key marking a customer message stored unanswered: it waited behind a streaming
#: reply when the page closed (a reload answers it; console/ui/chat.py)
UNANSWERED = "unanswered"
#: its value: why the message was not answered
PAGE_CLOSED = "page_closed"
#: ... or: it was written to a person of the team, who handed the conversation back to the
#: assistant without answering it (Repository.transition); the customer's page answers it
HANDED_BACK = "handed_back"
#: when a returning page claimed the answer to such a message (Repository.claim_unanswered)
ANSWERING = "answering_since"


#: the roles of the messages the customer's chat shows (not the system's notes)
SHOWN_ROLES = ("user", "assistant", "agent")


def shown_to_customer(message: MessageRecord) -> bool:
    """Whether the customer's chat shows ``message`` (a reload draws exactly these; the
    customer's download and the API's conversation read hold the same)."""
    return message.role in SHOWN_ROLES and not (message.meta or {}).get(HIDDEN)


@dataclass(frozen=True)
class EventRecord:
    """One ownership or status change: who (an operator's name, "customer", "bot"), when, what."""

    at: datetime
    actor: str
    kind: str
    detail: dict[str, Any] | None = None


@dataclass(frozen=True)
class ConversationRecord:
    id: str
    created_at: datetime
    updated_at: datetime
    language: str
    business_line: str
    model: str
    backend: str
    params: dict[str, Any]
    channel: str
    status: str
    escalation_reason: str | None = field(default=None, repr=False)
    messages: list[MessageRecord] = field(default_factory=list, repr=False)
    owner: str | None = None
    handler: str = "bot"
    assignee: str | None = None
    escalated_at: datetime | None = None
    events: list[EventRecord] = field(default_factory=list)
    # revision 0004: timings and the customer's satisfaction rating (1-5, comment decrypted)
    first_response_ms: float | None = None
    resolved_at: datetime | None = None
    handoff_reason: str | None = None
    rating: int | None = None
    rating_comment: str | None = field(default=None, repr=False)
    rated_at: datetime | None = None
    # revision 0005: the team's tags and internal note (never shown to the customer)
    tags: tuple[str, ...] = ()
    note: str | None = field(default=None, repr=False)
    note_by: str | None = None
    note_at: datetime | None = None
    # revision 0007: when the customer's page last said it was open
    customer_seen_at: datetime | None = None


@dataclass(frozen=True)
class ConversationSummary:
    id: str
    created_at: datetime
    updated_at: datetime
    language: str
    business_line: str
    status: str
    channel: str
    message_count: int
    #: the first customer message, decrypted and cut to ~80 characters ("" if none yet)
    preview: str = field(repr=False)
    #: why it was handed to a person (decrypted), for the operators' queue
    escalation_reason: str | None = field(default=None, repr=False)
    handler: str = "bot"
    assignee: str | None = None
    escalated_at: datetime | None = None
    tags: tuple[str, ...] = ()
    customer_seen_at: datetime | None = None
