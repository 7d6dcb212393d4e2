"""Presence: when the customer's chat page last showed a conversation, and when each
member of the team last had the console open.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

The customer's page polls its conversation every second; about every 10 s it also records
that it is still open (``conversations.customer_seen_at``), so an operator sees whether the
customer is on the page before answering into a closed tab. A plain added column: on
SQLite an ``ALTER TABLE ... ADD COLUMN``, which keeps the insights triggers of revision 0006
(they watch other columns, so this write fires none of them).

``staff_presence`` holds one row per staff user with when their console page last said it
was open: a customer waiting for a person is told when nobody from the team is online.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("conversations", sa.Column("customer_seen_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "staff_presence",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_staff_presence")),
    )


def downgrade() -> None:
    op.drop_table("staff_presence")
    # not batch mode: SQLite (3.35+) drops the column in place; batch mode would recreate
    # the table and lose revision 0006's triggers with it
    op.drop_column("conversations", "customer_seen_at")
