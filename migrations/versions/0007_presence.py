"""When the customer's chat page last showed the conversation.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

The customer's page polls its conversation every second; about every 10 s it also records
that it is still open (``customer_seen_at``), so an operator sees whether the customer is
on the page before answering into a closed tab. A plain added column: on SQLite an
``ALTER TABLE ... ADD COLUMN``, which keeps the insights triggers of revision 0006 (they
watch other columns, so this write fires none of them).
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


def downgrade() -> None:
    # not batch mode: SQLite (3.35+) drops the column in place; batch mode would recreate
    # the table and lose revision 0006's triggers with it
    op.drop_column("conversations", "customer_seen_at")
