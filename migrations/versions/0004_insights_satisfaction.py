"""Figures for the insights tab and the customer's satisfaction rating.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

The insights tab aggregates in SQL over columns the store keeps as turns happen, never by
decrypting messages: the first customer message's time and the first reply's delay, the
first handoff's reason code, when and by whom (assistant or person) a conversation was
resolved, the reply's time to first token, and how long a customer waited in the queue
before a person took the conversation. The customer's 1-5 rating is kept with the
conversation; its comment may quote the customer, so it is encrypted like message text.
Existing rows keep NULLs (unknown), which the aggregates leave out. Two covering indexes
let the per-day figures read narrow index entries instead of rows that carry encrypted
text; ``messages.guard_flags`` holds meta's blocked / language-retry events as bits.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_message_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("day", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("first_response_ms", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("handoff_reason", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("resolved_by", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("rating", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("rating_comment", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("rated_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            "ix_conversations_insights",
            [
                "day",
                "language",
                "business_line",
                "handoff_reason",
                "resolved_by",
                "handler",
                "rating",
                "first_response_ms",
                "resolved_at",
            ],
            unique=False,
        )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ttft_ms", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("guard_flags", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("day", sa.String(length=10), nullable=True))
        batch_op.create_index(
            "ix_messages_insights",
            [
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
            ],
            unique=False,
        )
        batch_op.create_index(
            "ix_messages_replies",
            [
                "role",
                "status",
                "day",
                "ttft_ms",
                "latency_ms",
                "completion_tokens",
                "language",
                "conversation_id",
            ],
            unique=False,
        )
        batch_op.create_index(
            "ix_messages_reply_latency",
            ["role", "status", "day", "latency_ms", "language", "conversation_id"],
            unique=False,
        )
    with op.batch_alter_table("conversation_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("waited_ms", sa.Float(), nullable=True))
    # the UTC day of existing rows (SQLite keeps UTC as 'YYYY-MM-DD HH:MM:SS' text)
    if op.get_bind().dialect.name == "postgresql":
        day = "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
    else:
        day = "substr(created_at, 1, 10)"
    op.execute(f"UPDATE conversations SET day = {day}")  # noqa: S608 (a constant)
    op.execute(f"UPDATE messages SET day = {day}")  # noqa: S608 (a constant)


def downgrade() -> None:
    with op.batch_alter_table("conversation_events", schema=None) as batch_op:
        batch_op.drop_column("waited_ms")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index("ix_messages_reply_latency")
        batch_op.drop_index("ix_messages_replies")
        batch_op.drop_index("ix_messages_insights")
        batch_op.drop_column("day")
        batch_op.drop_column("guard_flags")
        batch_op.drop_column("ttft_ms")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_index("ix_conversations_insights")
        batch_op.drop_column("rated_at")
        batch_op.drop_column("rating_comment")
        batch_op.drop_column("rating")
        batch_op.drop_column("resolved_by")
        batch_op.drop_column("resolved_at")
        batch_op.drop_column("handoff_reason")
        batch_op.drop_column("first_response_ms")
        batch_op.drop_column("day")
        batch_op.drop_column("first_message_at")
