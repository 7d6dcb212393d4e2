"""When the customer is offered the 1-5 rating: after an operator resolved the conversation,
or after it stayed idle for --rating-after-idle minutes, once, never while a person has it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from console.satisfaction import rating_due
from console.store import Keyring, TranscriptStore
from console.store import repository as repo_module
from tests.test_insights_store import Clock


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


def _answered(store: TranscriptStore, language: str = "th") -> str:
    cid = store.create_conversation(
        language=language, business_line="general", model="m", backend="b", params={}
    )
    store.add_message(cid, role="user", content="สวัสดีครับ")
    store.add_message(cid, role="assistant", content="สวัสดีค่ะ")
    return cid


def test_offered_after_idle_minutes_once(store: TranscriptStore, clock: Clock) -> None:
    cid = _answered(store)
    assert rating_due(store, cid, 10, now=clock.now + timedelta(minutes=9)) is None
    assert rating_due(store, cid, 10, now=clock.now + timedelta(minutes=10)) == "th"  # in their language
    assert rating_due(store, cid, 0, now=clock.now + timedelta(days=1)) is None  # 0: never when idle
    store.set_rating(cid, 5)
    assert rating_due(store, cid, 10, now=clock.now + timedelta(hours=1)) is None  # once


def test_offered_when_resolved_never_while_a_person_has_it(store: TranscriptStore, clock: Clock) -> None:
    cid = _answered(store, "ar")
    store.transition(cid, "escalated", actor="customer", reason="human")
    later = clock.now + timedelta(hours=2)
    assert rating_due(store, cid, 10, now=later) is None  # waiting in the queue
    store.transition(cid, "taken", actor="Fatima")
    assert rating_due(store, cid, 10, now=later) is None  # a person is on it
    store.transition(cid, "resolved", actor="Fatima")
    assert rating_due(store, cid, 0, now=clock.now) == "ar"  # at once, even with idle offers off


def test_not_before_anyone_answered(store: TranscriptStore, clock: Clock) -> None:
    cid = store.create_conversation(language="en", business_line="general", model="m", backend="b", params={})
    store.add_message(cid, role="user", content="hello?")
    assert rating_due(store, cid, 1, now=clock.now + timedelta(hours=1)) is None
    assert rating_due(store, None, 1) is None
