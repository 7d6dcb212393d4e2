"""The columns the insights aggregate (revision 0004), kept by the store as turns happen:
first response, time to first token, handoff reason, queue wait, resolution, rating; and
the rollups the database's triggers keep from them (revision 0006), exact after every kind
of write, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import delete, func, inspect, select, text, update

from console import demo_data
from console.errors import InputError
from console.store import Keyring, TranscriptStore, rollups
from console.store import migrate as migrations
from console.store import repository as repo_module
from console.store.models import (
    Conversation,
    ConversationEvent,
    InsightsConversation,
    InsightsDaily,
    InsightsMessage,
    Message,
)

START = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)
KEY = Keyring({1: bytes(range(32))}, "t")


class Clock:
    """The store's clock, moved by the test (the store reads ``repository.utcnow``)."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(repo_module, "utcnow", clock)
    return clock


@pytest.fixture
def store(tmp_path: Path) -> Iterator[TranscriptStore]:
    s = TranscriptStore.open(f"sqlite:///{tmp_path / 'console.db'}", Keyring({1: bytes(range(32))}, "t"))
    yield s
    s.close()


def _new(store: TranscriptStore) -> str:
    return store.create_conversation(language="ja", business_line="saas", model="m", backend="b", params={})


def _row(store: TranscriptStore, conversation_id: str) -> Conversation:
    with store._session("read") as session:
        row = session.get(Conversation, conversation_id)
        assert row is not None
        return row


def test_first_response_is_the_first_finished_reply(store: TranscriptStore, clock: Clock) -> None:
    cid = _new(store)
    clock.advance(seconds=5)
    store.add_message(cid, role="user", content="こんにちは")
    clock.advance(seconds=1)
    reply = store.add_message(cid, role="assistant", content="", status="streaming")
    assert _row(store, cid).first_response_ms is None  # a reply still streaming is no answer yet
    clock.advance(seconds=2.5)
    store.update_message(reply, content="はい", status="complete", latency_ms=3500.0, meta={"ttft_ms": 420.0})
    row = _row(store, cid)
    assert row.first_message_at == START + timedelta(seconds=5)
    assert row.first_response_ms == pytest.approx(3500.0)
    # a later message and reply change neither
    clock.advance(seconds=30)
    store.add_message(cid, role="user", content="もう一つ")
    clock.advance(seconds=9)
    store.add_message(cid, role="agent", content="担当です", author="Aiko")
    assert _row(store, cid).first_response_ms == pytest.approx(3500.0)
    record = store.get_conversation(cid)
    assert record.first_response_ms == pytest.approx(3500.0)
    assert record.messages[1].meta == {"ttft_ms": 420.0}
    with store._session("read") as session:
        from console.store.models import Message

        assert session.get(Message, reply).ttft_ms == pytest.approx(420.0)  # type: ignore[union-attr]


def test_handoff_wait_and_resolution(store: TranscriptStore, clock: Clock) -> None:
    cid = _new(store)
    store.add_message(cid, role="user", content="人と話したい")
    store.transition(cid, "escalated", actor="customer", reason="customer_request")
    clock.advance(minutes=4)
    store.transition(cid, "escalated", actor="customer", reason="complaint")  # later reasons are events only
    clock.advance(minutes=2)
    store.transition(cid, "taken", actor="Aiko")
    clock.advance(minutes=10)
    store.transition(cid, "resolved", actor="Aiko")
    row = _row(store, cid)
    assert row.handoff_reason == "customer_request"
    assert row.resolved_at == clock.now and row.resolved_by == "person"
    with store._session("read") as session:
        waits = session.scalars(
            select(ConversationEvent.waited_ms).where(ConversationEvent.kind == "taken")
        ).all()
    assert list(waits) == [pytest.approx(6 * 60_000)]  # from the first escalation, not the repeat
    # the customer writes again: reopened, no longer resolved
    store.transition(cid, "reopened", actor="customer")
    assert _row(store, cid).resolved_at is None
    # resolved by the assistant alone: nobody ever took it
    other = _new(store)
    store.transition(other, "status", actor="Aiko", status="resolved")
    assert _row(store, other).resolved_by == "bot"


def test_rating_is_kept_with_the_conversation_and_its_comment_encrypted(
    store: TranscriptStore, clock: Clock
) -> None:
    cid = _new(store)
    store.set_rating(cid, 4, "  とても親切でした  ")
    assert store.rating_of(cid) == (4, "とても親切でした")
    row = _row(store, cid)
    assert row.rated_at == START
    with store.engine.connect() as connection:
        raw = connection.exec_driver_sql("SELECT rating_comment FROM conversations").scalar_one()
    assert raw and "親切".encode() not in bytes(raw)
    record = store.get_conversation(cid)
    assert (record.rating, record.rating_comment) == (4, "とても親切でした")
    for bad in (0, 6, True, 3.5):
        with pytest.raises(InputError):
            store.set_rating(cid, bad)  # type: ignore[arg-type]
    store.set_rating(cid, 2)
    assert store.rating_of(cid) == (2, None)


# ------------------------------------------------------------ rollups (revision 0006)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TranscriptStore]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'console.db'}"
    else:
        from tests.test_store import postgres_url, reset_postgres

        url = postgres_url()
        reset_postgres(url)
    s = TranscriptStore.open(url, KEY)
    yield s
    s.close()


def _differences(store: TranscriptStore) -> list[str]:
    with store.engine.connect() as connection:
        return rollups.differences(connection)


def _rollup_rows(store: TranscriptStore, conversation_id: str) -> tuple[int, int]:
    with store.engine.connect() as connection:
        messages = connection.execute(
            select(func.count())
            .select_from(InsightsMessage)
            .where(InsightsMessage.conversation_id == conversation_id)
        ).scalar_one()
        conversations = connection.execute(
            select(func.count())
            .select_from(InsightsConversation)
            .where(InsightsConversation.conversation_id == conversation_id)
        ).scalar_one()
    return int(messages), int(conversations)


def test_rollups_follow_every_write(any_store: TranscriptStore, clock: Clock) -> None:
    """The triggers keep the rollups equal to what messages and conversations say after
    replies finish, thumbs change, guard events, failures, crashes, handoffs and
    resolutions, a conversation moved to another line and language, and an erasure."""
    store = any_store
    a = store.create_conversation(language="ja", business_line="saas", model="m", backend="b", params={})
    b = store.create_conversation(language="fr", business_line="finance", model="m", backend="b", params={})
    assert _differences(store) == []
    replies = []
    for cid, language in ((a, "ja"), (b, "fr"), (b, "fr")):
        clock.advance(seconds=2)
        store.add_message(cid, role="user", content="?", language=language)
        reply = store.add_message(cid, role="assistant", content="", status="streaming", language=language)
        clock.advance(seconds=3)
        store.update_message(reply, content="…", status="complete", latency_ms=3000.0, completion_tokens=60)
        store.update_message(reply, meta={"ttft_ms": 250.0, "blocked": "term"})
        replies.append(reply)
    store.add_message(b, role="assistant", content="", status="failed", language="fr")
    crashed = store.add_message(a, role="assistant", content="", status="streaming", language="ja")
    with store.engine.begin() as connection:  # its writer, a console, stopped without a trace
        connection.execute(update(Message).where(Message.id == crashed).values(replica="gone"))
    assert store.recover_interrupted() == 1
    store.set_feedback(replies[0], 1)
    store.set_feedback(replies[1], -1, "slow")
    store.set_feedback(replies[1], 1)
    store.set_feedback(replies[2], -1)
    store.set_feedback(replies[2], None)  # taken back
    store.update_message(replies[0], content="edited text only")  # no figure changes
    assert _differences(store) == []
    store.transition(b, "escalated", actor="customer", reason="complaint")
    clock.advance(minutes=3)
    store.transition(b, "taken", actor="Aiko")
    store.add_message(b, role="agent", content="Bonjour", author="Aiko")
    clock.advance(minutes=5)
    store.transition(b, "resolved", actor="Aiko")
    store.transition(b, "reopened", actor="customer")
    clock.advance(minutes=1)
    store.transition(b, "status", actor="Aiko", status="resolved")
    store.update_conversation(a, status="resolved")
    assert _differences(store) == []
    # b moves to another line and language: its messages' rows and the daily counts follow
    store.update_conversation(b, business_line="saas", language="de")
    assert _differences(store) == []
    with store.engine.connect() as connection:
        lines = set(connection.execute(select(InsightsDaily.business_line)).scalars())
    assert lines == {"saas"}
    # erasure: every rollup row of the conversation goes with it
    assert _rollup_rows(store, b) == (6, 1)
    store.delete_conversation(b)
    assert _rollup_rows(store, b) == (0, 0)
    assert _differences(store) == []
    with store.engine.connect() as connection:
        daily = connection.execute(select(func.sum(InsightsDaily.messages))).scalar_one()
    assert daily == 3  # a's question, reply and interrupted reply


def test_rollup_triggers_exist_at_head(any_store: TranscriptStore) -> None:
    """A later revision that makes SQLite recreate messages or conversations (batch mode)
    drops their triggers with the old table; this fails until it creates them again."""
    with any_store.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            names = connection.execute(
                text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'insights_%'")
            ).scalars()
            assert set(names) == {
                "insights_messages_sync",
                "insights_conversations_sync",
                "insights_daily_sync",
            }
        else:
            names = connection.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            ).scalars()
            assert set(names) >= {
                f"insights_{table}_{event}"
                for table in ("messages", "conversations", "daily")
                for event in ("insert", "update", "delete")
            }


def test_migration_fills_rollups_and_rebuild_repairs_them(any_store: TranscriptStore) -> None:
    """Rows written before revision 0006 are copied by it (here: the demo month's bulk
    inserts at 0005, then the upgrade); bulk inserts at head go through the triggers; and
    rebuild() restores rollups that were emptied by hand."""
    engine = any_store.engine
    with engine.begin() as connection:  # back to the revision before the rollups
        command.downgrade(migrations.alembic_config(connection), "0005")
    with engine.begin() as connection:
        for table in ("insights_daily", "insights_messages", "insights_conversations"):
            assert not inspect(connection).has_table(table)
    end = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    demo_data.write(engine, KEY, conversations=40, days=3, end=end)
    migrations.upgrade(engine)
    assert _differences(any_store) == []
    with engine.connect() as connection:
        copied = connection.execute(select(func.sum(InsightsDaily.messages))).scalar_one()
        messages = connection.execute(select(func.count()).select_from(Message)).scalar_one()
    assert copied == messages > 40
    demo_data.write(engine, KEY, conversations=30, days=2, end=end, seed=7)  # through the triggers
    assert _differences(any_store) == []
    with engine.begin() as connection:
        connection.execute(delete(InsightsDaily))
        connection.execute(delete(InsightsConversation))
    assert _differences(any_store)
    with engine.begin() as connection:
        rollups.rebuild(connection)
    assert _differences(any_store) == []
