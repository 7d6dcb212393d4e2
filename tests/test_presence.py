"""Whether the customer is still on the page (revision 0007): what the chat page writes,
what the store keeps, and what the operator's view says. The browser plays it in
tests/test_presence_browser.py."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from console import transcripts
from console.store.engine import DatabaseBusyError
from console.store.repository import TranscriptStore
from console.ui.chat import ChatHandlers
from console.ui.labels import labels
from console.ui.state import ChatState
from tests.test_resume import _Console, console  # noqa: F401  (fixture)
from tests.test_store import db_url, keyring, new_conversation, open_store, store  # noqa: F401  (fixtures)


def test_the_store_keeps_when_the_page_was_seen_without_calling_it_activity(
    store: TranscriptStore,  # noqa: F811
) -> None:
    cid = new_conversation(store, owner="ui")
    before = store.get_conversation(cid)
    assert before.customer_seen_at is None
    at = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)
    assert store.customer_seen(cid, at)
    record = store.get_conversation(cid)
    assert record.customer_seen_at == at
    assert record.updated_at == before.updated_at, "being on the page is not activity"
    (summary,) = store.list_conversations()
    assert summary.customer_seen_at == at
    assert not store.customer_seen("01a00000-0000-7000-8000-000000000000")  # erased or unknown


def test_the_presence_line_here_left_and_gone_in_the_viewers_language(
    store: TranscriptStore,  # noqa: F811
) -> None:
    cid = new_conversation(store, owner="ui")
    seen = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)
    store.customer_seen(cid, seen)
    record = store.get_conversation(cid)
    en, de = labels("en"), labels("de")
    at = seen + timedelta(seconds=30)
    assert transcripts.presence_text(record, en, at) == "🟢 The customer is on the page now."
    at = seen + timedelta(minutes=4, seconds=10)
    assert transcripts.presence_text(record, en, at) == "⚪ The customer left the page 4 min ago."
    assert transcripts.presence_text(record, de, at) == "⚪ Der Kunde hat die Seite vor 4 Min. verlassen."
    at = seen + timedelta(seconds=transcripts.HERE_S + 1)
    assert transcripts.customer_presence(record, at) == ("left", 1)
    at = seen + timedelta(hours=3)
    gone = transcripts.presence_text(record, en, at)
    assert gone == "⚪ The customer left the page at 2026-12-05 09:30 UTC."
    # in the operator's view, under who answers
    view = transcripts.render_conversation_markdown(record, en, presence="🟢 here")
    assert "**🟢 here**" in view
    # an API conversation has no page, and a page that never said has nothing to say
    api = store.get_conversation(new_conversation(store, owner="api:k", channel="api"))
    assert transcripts.customer_presence(api, at) is None
    assert transcripts.presence_text(store.get_conversation(new_conversation(store)), en, at) is None


def test_an_open_page_says_so_every_ten_seconds_and_a_busy_database_costs_it_nothing(
    console: Callable[..., _Console],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    c = console(lambda m: "Noted.")
    state = ChatState()
    state.enqueue("Where is my parcel?", admitted=True)
    list(c.chat.drain(state, 0.7, 1.0, 64, "general", "auto", c.request))
    cid = state.conversation_id
    assert cid is not None
    writes: list[str] = []
    real = c.store.customer_seen

    def counted(conversation_id: str, at: datetime | None = None) -> bool:
        writes.append(conversation_id)
        return real(conversation_id, at)

    monkeypatch.setattr(c.store, "customer_seen", counted)
    for _ in range(10):  # ten polls well within ten seconds: one write
        c.chat.poll(state)
    assert writes == [cid]
    assert c.store.get_conversation(cid).customer_seen_at is not None
    state.seen_noted -= transcripts.PRESENCE_EVERY_S  # ten seconds later
    c.chat.poll(state)
    assert writes == [cid, cid]

    def busy(conversation_id: str, at: datetime | None = None) -> bool:
        raise DatabaseBusyError("busy")

    monkeypatch.setattr(c.store, "customer_seen", busy)
    state.seen_noted -= transcripts.PRESENCE_EVERY_S
    assert c.chat.poll(state) is None  # skipped quietly: the page goes on
    # a new conversation says so at its first poll
    c.chat.new_conversation_pressed(state, None, c.request)
    assert state.seen_noted == 0.0


def test_the_team_is_online_while_a_staff_page_said_so_lately(
    store: TranscriptStore,  # noqa: F811
) -> None:
    assert store.staff_last_seen() is None
    early = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    store.staff_seen("maria", early)
    store.staff_seen("john", early + timedelta(minutes=5))
    store.staff_seen("maria", early + timedelta(minutes=2))  # an update, not a second row
    store.staff_seen("", early + timedelta(minutes=1))  # a console without logins
    assert store.staff_last_seen() == early + timedelta(minutes=5)


def test_a_waiting_customer_is_told_when_nobody_of_the_team_is_online(
    console: Callable[..., _Console],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from console.ui import chat as chat_module
    from console.ui.staff import StaffHandlers

    monkeypatch.setattr(chat_module, "TEAM_CACHE_S", 0.0)
    c = console(lambda m: "Noted.")
    state = ChatState(ui_language="fr")
    state.enqueue("Je veux parler à un conseiller", admitted=True)
    list(c.chat.drain(state, 0.7, 1.0, 64, "general", "auto", c.request))
    shown = c.chat.poll(state)
    assert shown is not None and shown["banner"].startswith("🌙 ")
    assert "personne n'est en ligne" in shown["banner"] and "rouvrir plus tard" in shown["banner"]
    # an operator's page opens: its queue timer notes it, and the banner says "shortly"
    staff = StaffHandlers(c.context)
    operator = ChatState()
    staff.note_presence(operator, c.request)
    shown = c.chat.poll(state)
    assert shown is not None and shown["banner"].startswith("⏳ ")
    # ... until the team's last page said so longer ago than HERE_S
    c.store.staff_seen("", datetime.now(UTC) - timedelta(seconds=transcripts.HERE_S + 5))
    shown = c.chat.poll(state)
    assert shown is not None and shown["banner"].startswith("🌙 ")
    # without reloads coming back (--resume-hours 0), closing the page would lose the answer
    without_reloads = ChatHandlers(dataclasses.replace(c.context, resume=None))
    shown = without_reloads.poll(state)
    assert shown is not None and "Merci de garder cette page ouverte." in shown["banner"]
    # a staff page notes itself at most every PRESENCE_EVERY_S
    writes: list[str] = []
    monkeypatch.setattr(c.store, "staff_seen", lambda who, at=None: writes.append(who))
    operator.staff_noted = 0.0
    for _ in range(5):
        staff.note_presence(operator, c.request)
    assert writes == [""]
