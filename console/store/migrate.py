"""Alembic, configured in code so the console migrates from any working directory."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from alembic import command
from alembic.autogenerate.api import AutogenContext
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import Connection, Engine

from console.errors import StoreError
from console.store.crypto import EncryptedText
from console.store.models import UTCDateTime

#: ``migrations/`` beside the ``console`` package (the repository root)
MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(connection: Connection | None = None) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every revision in ``migrations/versions`` (a database at another one was written by
    a newer console)."""
    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str | None]:
    """Upgrade to ``revision`` in one transaction; returns (revision before, revision after)."""
    before = current_revision(engine)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
    except CommandError as exc:  # e.g. a revision written by a newer console
        raise StoreError(
            f"Cannot upgrade the transcript database from schema revision {before}: {exc}. "
            "Was it last used by a newer version of the console?"
        ) from exc
    return before, current_revision(engine)


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Autogenerate hook: write the console's column types as their plain SQL types.

    Revisions must not import console code for a type (the code changes, applied revisions
    never do): EncryptedText is bytes on disk, UTCDateTime a timezone-aware DATETIME.
    """
    if type_ == "type" and isinstance(obj, EncryptedText):
        return "sa.LargeBinary()"
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False
