"""The operator's tools: tags, an internal note, and messages kept in two languages.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

``conversation_tags`` holds the team's labels, one row per tag, indexed by tag so the list
filters on them; tags are operator-chosen codes, plaintext (the UI refuses personal data in
them). The internal note may quote the customer, so it is an encrypted envelope like message
text, with who wrote it and when. A message's ``translation`` (encrypted) is its version in
``translation_language``: a customer message machine-translated for the operator, or the
operator's own words behind a reply that was sent translated. Existing rows get NULLs.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conversation_tags",
        sa.Column("conversation_id", sa.String(length=36), nullable=False),
        sa.Column("tag", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name=op.f("fk_conversation_tags_conversation_id_conversations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("conversation_id", "tag", name=op.f("pk_conversation_tags")),
    )
    op.create_index("ix_conversation_tags_tag", "conversation_tags", ["tag", "conversation_id"], unique=False)
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("note_by", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("note_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("translation", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("translation_language", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_column("translation_language")
        batch_op.drop_column("translation")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_column("note_at")
        batch_op.drop_column("note_by")
        batch_op.drop_column("note")
    op.drop_index("ix_conversation_tags_tag", table_name="conversation_tags")
    op.drop_table("conversation_tags")
