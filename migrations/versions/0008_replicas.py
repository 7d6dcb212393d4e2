"""Replicas: which console process writes each streaming reply, and which processes run.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05

Until now every console, and ``keys rotate``, marked *every* reply left ``streaming`` as
``interrupted`` when it opened the database: right after a crash of the only console, wrong
beside a live one (a second replica's restart or a key rotation flipped the first one's
replies in progress to "interrupted" until its next save). ``messages.replica`` names the
process writing a streaming reply; ``console_replicas`` holds one row per such process with
how to tell whether it still runs (same machine: its PID and start time; elsewhere: a
heartbeat about every 10 s). A plain added column: on SQLite an ``ALTER TABLE ... ADD
COLUMN``, which keeps the insights triggers of revision 0006 (they copy named columns).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("messages", sa.Column("replica", sa.String(length=36), nullable=True))
    op.create_table(
        "console_replicas",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("machine", sa.String(length=96), nullable=True),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started", sa.Float(), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_console_replicas")),
    )


def downgrade() -> None:
    op.drop_table("console_replicas")
    # not batch mode: SQLite (3.35+) drops the column in place; batch mode would recreate
    # the table and lose revision 0006's triggers with it
    op.drop_column("messages", "replica")
