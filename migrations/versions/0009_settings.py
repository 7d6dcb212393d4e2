"""Settings every console of one database shares: first, the team's time zone.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06

The insights count per calendar day (``conversations.day``, ``messages.day`` and the
rollups of revision 0006 built on them). Those days were UTC days, so a team in São Paulo
saw its evening in the next day's bar. ``console_settings`` holds ``time_zone`` (an IANA
name; no row: UTC), which ``app.py db time-zone ZONE`` sets and every console reads, so the
days a console writes are the team's own; the command re-dates the stored rows and the
revision 0006 triggers move the rollups with them. No transcript data.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "console_settings",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_console_settings")),
    )


def downgrade() -> None:
    # the days stay in the zone they were written in; `db time-zone UTC` before a downgrade
    # puts them back in UTC
    op.drop_table("console_settings")
