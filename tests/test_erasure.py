"""A conversation erased by the team while it is live: what the pipeline and the chat page
do with it. The browser plays it in tests/test_erase_browser.py."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from console.options import GenerationOptions
from console.pipeline import TurnRequest, TurnUpdate
from console.resume import FORGOTTEN
from console.service import create_app
from console.ui.state import ChatState
from tests.fakes import ScriptedBackend, prose
from tests.test_resume import _Console, console  # noqa: F401  (fixture)
from tests.test_staff_view import watched
from tests.test_store import new_conversation

HISTORY = [
    {"role": "user", "content": "My IBAN DE89370400440532013000 was charged twice"},
    {"role": "assistant", "content": "I am sorry to hear that."},
]


def _say(c: _Console, state: ChatState, text: str) -> list[dict[str, Any]]:
    state.enqueue(text, admitted=True)
    return list(c.chat.drain(state, 0.7, 1.0, 64, "general", "auto", c.request))


def _erase(c: _Console, conversation_id: str) -> None:
    c.store.delete_conversation(conversation_id)
    c.app.pipeline.forget(conversation_id)


def test_a_message_sent_before_the_page_saw_the_erasure_starts_afresh(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    c = console(lambda m: "Noted.")
    state = ChatState()
    _say(c, state, "My IBAN DE89370400440532013000 was charged twice")
    erased = state.conversation_id
    assert erased is not None and c.app.pipeline._vaults
    _erase(c, erased)
    assert not c.app.pipeline._vaults and c.backend.forgotten == 1

    _say(c, state, "Hello again")  # before the 1 s poll noticed
    assert state.conversation_id not in (None, erased)
    assert [t.text for t in state.turns] == ["Hello again", "Noted."], "the erased turns left the page"
    assert state.erased
    sent = c.backend.answers[-1][0]
    assert [m["role"] for m in sent] == ["system", "user"], "the model got no erased history"
    assert not any("DE89" in m["content"] for m in sent)
    (summary,) = c.store.list_conversations()
    record = c.store.get_conversation(summary.id)
    assert [(m.role, m.content) for m in record.messages] == [
        ("user", "Hello again"),
        ("assistant", "Noted."),
    ]

    # the page says why until the customer writes again
    shown = c.chat.poll(state)
    assert shown is not None and "deleted this conversation" in shown["banner"]
    c.chat.take("Thanks", state, "auto", None, c.request)
    assert not state.erased
    shown = c.chat.poll(state)
    assert shown is not None and shown["banner"] == ""


def test_the_poll_lets_go_of_an_erased_conversation_once_no_reply_is_being_written(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    c = console(lambda m: "Noted.")
    state = ChatState(ui_language="fr")
    state.resume_checked = True
    updates = _say(c, state, "Bonjour, ma commande 4711 est en retard")
    erased = state.conversation_id
    assert erased is not None
    # the browser got the conversation's token with the answer, once
    tokens = [u["resume"] for u in updates if "resume" in u]
    assert len(tokens) == 1 and tokens[0] != FORGOTTEN
    assert c.chat.keep_token(state, c.request) == {}
    _erase(c, erased)

    state.busy = True  # a reply's last update would show the old turns again: not yet
    assert c.chat.poll(state) is None and len(state.turns) == 2
    state.busy = False
    shown = c.chat.poll(state)
    assert shown is not None
    assert state.turns == [] and state.conversation_id is None and shown["chat"] == []
    assert "Notre équipe a supprimé cette conversation" in shown["banner"]
    assert c.chat.keep_token(state, c.request) == {"resume": FORGOTTEN}, "a reload opens nothing"
    assert c.chat.poll(state) is None, "said once"
    # New conversation clears the notice too
    c.chat.new_conversation_pressed(state, None, c.request)
    assert not state.erased


@pytest.mark.parametrize("race", [False, True], ids=["erased before the turn", "erased during it"])
def test_a_chat_page_loses_the_erased_history_and_an_api_client_keeps_its_own(
    console: Callable[..., _Console],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    race: bool,
) -> None:
    """The page's history is its copy of what was erased; an API client sends its own
    history with every call (OpenAI-style) and keeps it. ``race``: erased after the
    pipeline checked who owns the conversation, before it stored the message."""
    c = console(lambda m: "Noted.")
    pipeline = c.app.pipeline
    seen: dict[str, list[str]] = {}
    for channel, owner in (("ui", "ui"), ("api", "api:k1")):
        cid = new_conversation(c.store, owner=owner)
        c.store.delete_conversation(cid)
        if race:
            monkeypatch.setattr(c.store, "owner_of", lambda _id, owner=owner: owner)
        request = TurnRequest(
            text="And the refund?",
            options=GenerationOptions(),
            history=HISTORY,  # type: ignore[arg-type]
            conversation_id=cid,
            channel=channel,
            owner=owner,
            regenerate=True,  # a Retry on the erased conversation: the message is stored anew
        )
        final = list(pipeline.stream_turn(request))[-1]
        assert final.status == "complete" and final.conversation_id not in (None, cid)
        seen[channel] = [m["content"] for m in c.backend.answers[-1][0][1:]]
        record = c.store.get_conversation(final.conversation_id or "")
        assert [m.role for m in record.messages] == ["user", "assistant"]
        monkeypatch.undo()
    assert len(seen["ui"]) == 1 and "refund" in seen["ui"][0]
    assert len(seen["api"]) == 3 and "charged twice" in seen["api"][0]


def test_erasing_stops_the_reply_being_written_without_an_error_or_a_row(
    make_config: Callable[..., Any],
) -> None:
    backend = ScriptedBackend(reply=lambda m: prose(400), delay=0.01)
    app = create_app(make_config(), backend=backend)
    try:
        store, pipeline = app.store, app.pipeline
        assert store is not None
        updates: list[TurnUpdate] = []
        request = TurnRequest(text="Tell me everything", options=GenerationOptions(), owner="ui")
        worker = threading.Thread(target=lambda: updates.extend(pipeline.stream_turn(request)))
        worker.start()
        deadline = time.monotonic() + 20
        while not any(u.reply.count("word") > 20 for u in updates) and time.monotonic() < deadline:
            time.sleep(0.01)
        cid = updates[-1].conversation_id
        assert cid is not None
        store.delete_conversation(cid)
        pipeline.forget(cid)
        worker.join(20)
        assert not worker.is_alive()
        final = updates[-1]
        assert final.status == "interrupted" and final.reply.count("word") < 400
        assert final.error is None, "the erasure is not the customer's error"
        time.sleep(0.5)
        assert store.list_conversations() == [] and pipeline.active_streams == 0
    finally:
        app.close()


def test_a_colleagues_view_of_an_erased_conversation_lets_go_of_it(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    """Another operator had it open: the live view said nothing and kept showing it (with
    Take and Send on a conversation that no longer exists)."""
    from console.ui.staff import StaffHandlers

    c = console(lambda m: "Noted.")
    staff = StaffHandlers(c.context)
    cid = new_conversation(c.store, owner="ui")
    c.store.add_message(cid, role="user", content="Please delete my data", language="en")
    viewer = ChatState()
    shown = watched(staff, viewer, cid, "", False, c.request)
    assert "Please delete my data" in shown["viewer"]
    _erase(c, cid)
    gone = watched(staff, viewer, cid, shown["viewed"], False, c.request)
    buttons_off = {"__type__": "update", "interactive": False}
    assert gone == {
        "viewer": "_Conversation erased._",
        "current_id": "",
        "viewed": "",
        "owner_info": "",
        "hand_back": buttons_off,
        "resolve": buttons_off,
        # the boxes let go of it too: a half-written reply, tags and note held its words
        **dict.fromkeys(("agent_text", "agent_translated", "tags_box", "note_box"), ""),
    }
