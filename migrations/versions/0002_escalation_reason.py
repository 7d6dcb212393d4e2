"""Encrypted escalation reason; indexes for the operator's conversation list.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

The reason a conversation went to a human may quote the customer, so it is an AES-GCM
envelope (bytes) like message text. The operator list filters by status and sorts by
latest activity, which the two indexes serve without a table scan.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("escalation_reason", sa.LargeBinary(), nullable=True))
        batch_op.create_index("ix_conversations_status_updated_at", ["status", "updated_at"], unique=False)
        batch_op.create_index("ix_conversations_updated_at", ["updated_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_index("ix_conversations_updated_at")
        batch_op.drop_index("ix_conversations_status_updated_at")
        batch_op.drop_column("escalation_reason")
