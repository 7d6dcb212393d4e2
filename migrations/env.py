"""Alembic environment for the transcript store.

Run programmatically by ``console.store.migrate`` (``TranscriptStore.open`` and
``app.py db upgrade``), which passes an open connection in ``config.attributes``; or by
the ``alembic`` command from the repository root for developers (``alembic.ini``), where
the URL comes from ``-x url=...`` or the console's own configuration.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from console.store.engine import make_engine
from console.store.migrate import render_item
from console.store.models import Base

target_metadata = Base.metadata


def configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead
        render_as_batch=connection.dialect.name == "sqlite",
        # the custom column types are written as their SQL types (LargeBinary, DateTime)
        render_item=render_item,
        compare_type=True,
    )


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url")
    if url:
        return url
    from console.config import load_config

    config = load_config([])
    return config.database_url or f"sqlite:///{config.sqlite_path}"


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(_url())
    try:
        with engine.begin() as connection:
            configure(connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run against a database")
run_migrations_online()
