"""Alembic revisions: linear, equal to the models at head, and safe for existing rows."""

from __future__ import annotations

import os
import re
from itertools import pairwise
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata, produce_migrations, render_python_code
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from console.config import Config
from console.errors import StoreError
from console.store import Keyring, TranscriptStore
from console.store import migrate as migrations
from console.store.admin import db_upgrade
from console.store.engine import make_engine
from console.store.models import ENCRYPTED_COLUMNS, Base, place
from tests.test_store import db_url  # noqa: F401  (the sqlite/postgresql fixture)


def _diff(url: str) -> list[object]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def test_revision_chain_is_linear_and_numbered() -> None:
    script = ScriptDirectory.from_config(migrations.alembic_config())
    assert len(script.get_heads()) == 1
    revisions = list(reversed(list(script.walk_revisions())))  # base first
    assert [r.revision for r in revisions] == [f"{n:04d}" for n in range(1, len(revisions) + 1)]
    assert revisions[0].down_revision is None
    for previous, current in pairwise(revisions):
        assert current.down_revision == previous.revision  # exactly one parent, the previous
    files = sorted(p.name for p in (migrations.MIGRATIONS_DIR / "versions").glob("*.py"))
    assert files[0] == "0001_initial.py"
    assert [f[:4] for f in files] == [r.revision for r in revisions]
    assert script.get_current_head() == migrations.head_revision()


def test_empty_to_head_matches_the_models(db_url: str) -> None:  # noqa: F811
    engine = make_engine(db_url)
    before, after = migrations.upgrade(engine)
    engine.dispose()
    assert (before, after) == (None, migrations.head_revision())
    assert _diff(db_url) == []


def test_downgrade_to_empty_and_back(db_url: str) -> None:  # noqa: F811
    engine = make_engine(db_url)
    migrations.upgrade(engine)
    with engine.begin() as connection:
        command.downgrade(migrations.alembic_config(connection), "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrations.upgrade(engine)
    engine.dispose()
    assert _diff(db_url) == []


def test_rows_written_at_0001_survive_the_upgrade_to_head(db_url: str) -> None:  # noqa: F811
    keyring = Keyring({1: os.urandom(32)}, "test")
    engine = make_engine(db_url)
    migrations.upgrade(engine, "0001")
    assert "escalation_reason" not in {c["name"] for c in inspect(engine).get_columns("conversations")}
    assert _diff(db_url) != []  # the comparison does see a schema behind the models
    texts = ["第一条消息：你好", "second message\r\nwith CRLF", "三 🇯🇵"]
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO conversations (id, created_at, updated_at, language, business_line, model,"
                " backend, params, channel, status) VALUES ('c-1', :t, :t, 'zh', 'general', 'm', 'b',"
                " '{\"temperature\": 0.2}', 'ui', 'open')"
            ),
            {"t": "2026-11-20 10:00:00"},
        )
        for i, body in enumerate(texts):
            message_id = f"m-{i}"
            sealed = keyring.seal(body, place("messages", "content", message_id))
            connection.execute(
                text(
                    "INSERT INTO messages (id, conversation_id, role, content, created_at, status)"
                    " VALUES (:id, 'c-1', :role, :content, :t, 'complete')"
                ),
                {
                    "id": message_id,
                    "role": "user" if i % 2 == 0 else "assistant",
                    "content": sealed.blob,
                    "t": f"2026-11-20 10:00:0{i + 1}",
                },
            )
    engine.dispose()

    store = TranscriptStore.open(db_url, keyring)  # upgrades to head on open
    try:
        assert migrations.current_revision(store.engine) == migrations.head_revision()
        record = store.get_conversation("c-1")
        assert [m.content for m in record.messages] == texts
        assert record.params == {"temperature": 0.2} and record.escalation_reason is None
        store.update_conversation("c-1", status="escalated", escalation_reason="new column works")
        assert store.get_conversation("c-1").escalation_reason == "new column works"
        assert [s.id for s in store.list_conversations(status="escalated")] == ["c-1"]
    finally:
        store.close()
    assert _diff(db_url) == []


def test_autogenerate_renders_custom_types_as_sql_types(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"render_item": migrations.render_item, "render_as_batch": True}
        )
        ops = produce_migrations(context, Base.metadata).upgrade_ops
        assert ops is not None
        code = render_python_code(
            ops,
            render_item=migrations.render_item,
            render_as_batch=True,
        )
    engine.dispose()
    # every encrypted column (message text and its translation, feedback reason, escalation
    # reason, rating comment, internal note)
    assert code.count("sa.LargeBinary()") == len(ENCRYPTED_COLUMNS) == 6
    assert "sa.DateTime(timezone=True)" in code
    assert not re.search(r"console\.|EncryptedText|UTCDateTime", code)


def test_db_upgrade_command_reports_what_it_did(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = Config(data_dir=tmp_path / "data")
    assert db_upgrade(config) == 0
    assert f"upgraded schema from empty to {migrations.head_revision()}" in capsys.readouterr().out
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700
    assert db_upgrade(config) == 0
    assert "already at schema revision" in capsys.readouterr().out
    bad = Config(data_dir=tmp_path / "data", database_url="postgresql+psycopg://u:pw@127.0.0.1:9/none")
    assert db_upgrade(bad) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: Could not upgrade postgresql+psycopg://u:***@127.0.0.1:9/none")


def test_a_database_from_a_newer_console_is_refused_clearly(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'newer.db'}"
    engine = make_engine(url)
    migrations.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer version of the console"):
        TranscriptStore.open(url, Keyring({1: os.urandom(32)}, "test"))
