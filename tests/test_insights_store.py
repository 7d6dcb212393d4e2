"""The columns the insights aggregate (revision 0004), kept by the store as turns happen:
first response, time to first token, handoff reason, queue wait, resolution, rating."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from console.errors import InputError
from console.store import Keyring, TranscriptStore
from console.store import repository as repo_module
from console.store.models import Conversation, ConversationEvent

START = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)


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
def store(tmp_path: Path) -> TranscriptStore:
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
    assert waits == [pytest.approx(6 * 60_000)]  # from the first escalation, not the repeat
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
