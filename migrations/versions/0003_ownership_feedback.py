"""Conversation ownership (who answers: bot, queue, a named person), API owner binding,
ownership events, agent authors and reply feedback.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

``owner`` ties a conversation to the caller that created it, so an API client cannot read
or write another customer's conversation by its id. ``handler``/``assignee`` say who answers
now; while a person owns a conversation the model is never called. Every ownership change
is a ``conversation_events`` row (who, when, a code). ``feedback_reason`` may quote the
customer, so it is encrypted like message text.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("handler", sa.String(length=16), server_default="bot", nullable=False))
        batch_op.add_column(sa.Column("assignee", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True))
    # No CHECK on handler: adding one makes SQLite rebuild the table, and dropping the old
    # conversations table would cascade-delete every message. repository.transition is the
    # only writer of handler and allows only models.HANDLERS.
    # conversations escalated before this revision wait in the queue
    op.execute("UPDATE conversations SET handler = 'queue' WHERE status = 'escalated'")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("author", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("feedback", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("feedback_reason", sa.LargeBinary(), nullable=True))
    op.create_table(
        "conversation_events",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("conversation_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('escalated', 'taken', 'handed_back', 'resolved', 'reopened', 'status')",
            name=op.f("ck_conversation_events_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_events_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conversation_events")),
    )
    with op.batch_alter_table("conversation_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_conversation_events_conversation_id_at", ["conversation_id", "at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("conversation_events", schema=None) as batch_op:
        batch_op.drop_index("ix_conversation_events_conversation_id_at")
    op.drop_table("conversation_events")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_column("feedback_reason")
        batch_op.drop_column("feedback")
        batch_op.drop_column("author")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_column("escalated_at")
        batch_op.drop_column("assignee")
        batch_op.drop_column("handler")
        batch_op.drop_column("owner")
