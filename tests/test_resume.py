"""Coming back to a conversation after a reload (console/resume.py): the signed token, and
what it opens and refuses. The browser plays it in tests/test_resume_browser.py."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, cast

import gradio as gr
import pytest

from console.config import load_config
from console.context import ConsoleContext
from console.errors import ConfigError
from console.resume import FORGOTTEN, ResumeTokens
from console.service import create_app
from console.store.keys import Keyring
from console.store.repository import TranscriptStore
from console.ui.chat import ChatHandlers
from console.ui.labels import labels
from console.ui.render import render_chat
from console.ui.state import WRITING, ChatState, Turn
from tests.fakes import ScriptedBackend
from tests.test_store import db_url, keyring, make_keyring, new_conversation, open_store, store  # noqa: F401

CUSTOMER = "cy"


def test_a_signature_is_valid_only_for_its_purpose_message_and_keys(keyring: Keyring) -> None:  # noqa: F811
    signature = keyring.sign("resume-conversation", "abc\x00cy")
    assert keyring.verify("resume-conversation", "abc\x00cy", signature)
    assert not keyring.verify("resume-conversation", "abc\x00ann", signature)
    assert not keyring.verify("another-use", "abc\x00cy", signature)
    assert not make_keyring().verify("resume-conversation", "abc\x00cy", signature)
    key_id, tag = signature.split(".")
    flipped = tag[:-2] + ("A" if tag[-2] != "A" else "B") + tag[-1]
    for forged in (f"{key_id}.{flipped}", f"9.{tag}", tag, "", ".", "1.", "1.!!!", f"{'9' * 40}.{tag}"):
        assert not keyring.verify("resume-conversation", "abc\x00cy", forged), forged


def test_a_rotated_keyring_still_verifies_what_the_older_key_signed(keyring: Keyring) -> None:  # noqa: F811
    signature = keyring.sign("resume-conversation", "abc")
    rotated, new_id, _ = keyring.with_new_key()
    assert rotated.verify("resume-conversation", "abc", signature)
    assert rotated.sign("resume-conversation", "abc").startswith(f"{new_id}.")


def test_a_token_opens_its_conversation_for_its_user_only(store: TranscriptStore) -> None:  # noqa: F811
    tokens = ResumeTokens(store, window_hours=24)
    cid = new_conversation(store, owner="ui")
    store.add_message(cid, role="user", content="Where is my parcel?", language="en")
    token = tokens.issue(cid, CUSTOMER)
    assert token is not None and cid in token
    record = tokens.open(token, CUSTOMER)
    assert record is not None and record.id == cid
    assert [m.content for m in record.messages] == ["Where is my parcel?"]
    # another login, no login, another conversation's id under the same signature
    assert tokens.open(token, "ann") is None
    assert tokens.open(token, None) is None
    other = new_conversation(store, owner="ui")
    assert tokens.open(token.replace(cid, other), CUSTOMER) is None
    # a console without logins signs for "no user"
    anonymous = tokens.issue(cid, None)
    assert tokens.open(anonymous, None) is not None
    assert tokens.open(anonymous, CUSTOMER) is None


@pytest.mark.parametrize(
    "junk",
    [None, 12, 3.5, [], {"id": "x"}, "", "c1", "c1..", "c1.no-uuid.1.AAAA", "x" * 10_000, "c2.a.b", "\x00"],
)
def test_whatever_the_browser_sends_as_a_token_opens_nothing_and_never_raises(
    store: TranscriptStore,  # noqa: F811
    junk: Any,
) -> None:
    tokens = ResumeTokens(store, window_hours=24)
    new_conversation(store, owner="ui")
    assert tokens.open(junk, CUSTOMER) is None


def test_api_conversations_erased_ones_and_stale_ones_are_not_reopened(store: TranscriptStore) -> None:  # noqa: F811
    tokens = ResumeTokens(store, window_hours=24)
    api = new_conversation(store, owner="api:anonymous", channel="api")
    assert tokens.open(tokens.issue(api, None), None) is None
    erased = new_conversation(store, owner="ui")
    token = tokens.issue(erased, None)
    store.delete_conversation(erased)
    assert tokens.open(token, None) is None
    stale = new_conversation(store, owner="ui")
    # a window of a few microseconds: the conversation was last active before it
    assert ResumeTokens(store, window_hours=1e-9).open(tokens.issue(stale, None), None) is None
    assert tokens.open(tokens.issue(stale, None), None) is not None


def test_resume_hours_zero_turns_it_off_and_the_flag_is_checked(store: TranscriptStore) -> None:  # noqa: F811
    off = ResumeTokens(store, window_hours=0)
    cid = new_conversation(store, owner="ui")
    assert off.issue(cid, None) is None
    assert off.open(ResumeTokens(store, window_hours=1).issue(cid, None), None) is None
    assert load_config(["--resume-hours", "0"]).resume_hours == 0
    assert load_config([], {"CONSOLE_RESUME_HOURS": "2.5"}).resume_hours == 2.5
    assert load_config([]).resume_hours == 24
    for bad in ("-1", "soon", "inf"):
        with pytest.raises(ConfigError, match="--resume-hours"):
            load_config(["--resume-hours", bad])


class _Request:
    def __init__(self, username: str | None) -> None:
        self.username = username
        self.session_hash = "s"
        self.headers: dict[str, str] = {}
        self.client = None


@dataclass
class _Console:
    """A console app (scripted backend, real store) and the chat handlers over it."""

    app: Any
    store: TranscriptStore
    context: ConsoleContext
    tokens: ResumeTokens
    chat: ChatHandlers
    request: Any  # what the handlers read of gradio's request
    backend: ScriptedBackend


@pytest.fixture
def console(make_config: Callable[..., Any]) -> Iterator[Callable[..., _Console]]:
    apps: list[Any] = []

    def open_console(reply: Callable[[Any], str]) -> _Console:
        backend = ScriptedBackend(reply=reply)
        app = create_app(make_config(), backend=backend)
        apps.append(app)
        db, context = app.store, app.context
        assert db is not None and context is not None and context.resume is not None
        return _Console(app, db, context, context.resume, ChatHandlers(context), _Request(None), backend)

    yield open_console
    for app in apps:
        app.close()


def test_the_page_comes_back_whole_and_the_timer_keeps_the_browsers_token(
    console: Callable[..., _Console],
) -> None:
    c = console(lambda m: "Noted.")
    cid = new_conversation(c.store, owner="ui")
    c.store.add_message(cid, role="user", content="Hallo, wo ist mein Paket?", language="de")
    c.store.add_message(cid, role="assistant", content="Ich sehe nach.", status="interrupted")
    c.store.transition(cid, "escalated", actor="customer", reason="customer asked")
    c.store.transition(cid, "taken", actor="maria")
    c.store.add_message(cid, role="agent", content="Maria hier.", author="maria")
    chat = c.chat
    request = c.request

    # a page without a token: nothing to come back to, and the timer writes nothing yet
    fresh = ChatState()
    assert chat.come_back(fresh, None, request) == {}
    assert chat.keep_token(fresh, request) == {}

    # a page with this browser's token: the conversation, as the customer saw it
    state = ChatState(ui_language="de")
    token = c.tokens.issue(cid, None)
    assert token is not None
    shown = chat.come_back(state, token, request)
    assert state.conversation_id == cid
    assert [(t.role, t.text, t.note, t.author) for t in state.turns] == [
        ("user", "Hallo, wo ist mein Paket?", "", None),
        ("assistant", "Ich sehe nach.", "interrupted", None),
        ("agent", "Maria hier.", "", "maria"),
    ]
    assert state.turns[0].tag == "de"
    assert "maria" in shown["banner"]
    assert "Maria hier." in str(shown["chat"])
    assert chat.keep_token(state, request) == {}  # the browser's token already names it

    # New conversation forgets the token at once; the next stored conversation gets one
    assert chat.new_conversation_pressed(state, None, request)["resume"] == FORGOTTEN
    assert chat.keep_token(state, request) == {}
    state.conversation_id = new_conversation(c.store, owner="ui")
    issued = chat.keep_token(state, request)["resume"]
    assert c.tokens.open(issued, None) is not None

    # a forged token is forgotten, and nothing of the conversation is shown
    other = ChatState()
    assert chat.come_back(other, token[:-3] + "xyz", request) == {"resume": FORGOTTEN}
    assert chat.come_back(ChatState(), FORGOTTEN, request) == {}
    assert other.conversation_id is None and other.turns == []


def test_a_second_tab_on_the_same_conversation_shows_what_the_other_one_wrote(
    console: Callable[..., _Console],
) -> None:
    c = console(lambda m: "Noted.")
    cid = new_conversation(c.store, owner="ui")
    c.store.add_message(cid, role="user", content="First question", language="en")
    c.store.add_message(cid, role="assistant", content="First answer")
    chat = c.chat
    request = c.request
    tab = ChatState()
    chat.come_back(tab, c.tokens.issue(cid, None), request)
    assert len(tab.turns) == 2

    # the other tab's message, and its reply still being written: the message shows, and
    # the reply as far as it is written, redrawn as it grows, until it is whole
    c.store.add_message(cid, role="user", content="From the other tab", language="en")
    reply = c.store.add_message(cid, role="assistant", content="Half a", status="streaming")
    chat.poll(tab)
    assert [t.text for t in tab.turns] == ["First question", "First answer", "From the other tab", "Half a"]
    assert tab.turns[-1].note == WRITING and tab.written_elsewhere()
    assert render_chat(tab, labels("en"))[-1]["content"] == "Half a"  # no note: it is not over
    with pytest.raises(gr.Error):  # Retry waits for it, as for this page's own reply
        chat.retry(tab)
    c.store.update_message(reply, content="Half a reply, now", status="streaming")
    chat.poll(tab)
    assert tab.turns[-1].text == "Half a reply, now" and tab.turns[-1].note == WRITING
    c.store.update_message(reply, content="Half a reply, now whole.", status="complete")
    chat.poll(tab)
    assert tab.turns[-1].text == "Half a reply, now whole." and tab.turns[-1].role == "assistant"
    assert tab.turns[-1].note == "" and not tab.written_elsewhere()
    chat.poll(tab)
    assert len(tab.turns) == 4, "nothing twice"

    # while this tab answers a message of its own, only a person's messages are taken
    tab.busy = True
    c.store.add_message(cid, role="user", content="Meanwhile elsewhere", language="en")
    c.store.add_message(cid, role="agent", content="Maria here.", author="maria")
    chat.poll(tab)
    assert [t.text for t in tab.turns][-1] == "Maria here."
    assert "Meanwhile elsewhere" not in [t.text for t in tab.turns]
    tab.busy = False
    chat.poll(tab)  # not lost behind the person's message: read again, shown now
    assert [t.text for t in tab.turns][-2:] == ["Maria here.", "Meanwhile elsewhere"]
    chat.poll(tab)
    assert len(tab.turns) == 6
    # a message of this page's own not yet matched to its row holds the sync back
    tab.turns.append(Turn(role="user", text="Mine, not stored yet"))
    c.store.add_message(cid, role="user", content="Mine, not stored yet", language="en")
    chat.poll(tab)
    assert [t.text for t in tab.turns].count("Mine, not stored yet") == 1


class _Edit:
    def __init__(self, index: int, value: str) -> None:
        self.index, self.value = index, value


def test_what_the_customer_took_off_the_screen_stays_off_after_a_reload(
    console: Callable[..., _Console],
) -> None:
    """Retry, Undo and an edit take replies off the customer's screen; the transcript keeps
    them (for the team), and a reloaded page showed them again. Marked now, and skipped."""
    replies = iter(f"Reply {n}" for n in range(1, 20))
    c = console(lambda m: next(replies))
    chat = c.chat
    request = c.request
    state = ChatState()

    def say(text: str) -> None:
        state.enqueue(text, admitted=True)
        list(chat.drain(state, 0.7, 1.0, 64, "general", "auto", request))

    say("First question")
    say("Second question")
    chat.retry(state)  # "Reply 2" off the screen, "Reply 3" in its place
    list(chat.drain(state, 0.7, 1.0, 64, "general", "auto", request))
    # the new reply has its own stored id (a thumbs on it went to "Reply 2" before)
    by_id = {m.id: m.content for m in c.store.get_conversation(state.conversation_id or "").messages}
    assert by_id[state.turns[-1].message_id or ""] == "Reply 3"
    chat.poll(state)
    assert [t.text for t in state.turns].count("Reply 2") == 0
    say("Third question")
    chat.undo(state)  # "Third question" and "Reply 4" off the screen
    chat.edit(state, _Edit(0, "First question, edited"), request)  # type: ignore[arg-type]
    list(chat.drain(state, 0.7, 1.0, 64, "general", "auto", request))
    shown = [t.text for t in state.turns]
    assert shown == ["First question, edited", "Reply 5"]

    record = c.store.get_conversation(state.conversation_id or "")
    assert len(record.messages) == 9, "the transcript keeps everything"
    hidden = {m.content: (m.meta or {}).get("hidden_from_customer") for m in record.messages}
    assert hidden["Reply 2"] == "retry" and hidden["Third question"] == "undo"
    assert hidden["Reply 3"] == "edit" and hidden["First question, edited"] is None
    back = ChatState()
    chat.come_back(back, tokens_for(c.context, state), request)
    assert [t.text for t in back.turns] == shown


def tokens_for(context: Any, state: ChatState) -> str:
    token = context.resume.issue(state.conversation_id, None)
    assert token is not None
    return str(token)


def test_retry_undo_and_edit_never_take_a_persons_message_off_the_screen(
    console: Callable[..., _Console],
) -> None:
    """After a person handed the conversation back, Retry on their message regenerated the
    model's answer to a message the person had answered, and took their words away."""
    c = console(lambda m: "The bot answers.")
    chat = c.chat
    request = c.request
    state = ChatState()
    state.enqueue("Where is my parcel?", admitted=True)
    list(chat.drain(state, 0.7, 1.0, 64, "general", "auto", request))
    cid = state.conversation_id or ""
    c.app.pipeline.agent_reply(cid, "Maria here: it arrives tomorrow.", author="maria")
    c.store.transition(cid, "handed_back", actor="maria")
    chat.poll(state)
    before, calls = [t.text for t in state.turns], len(c.backend.answers)
    assert before[-1] == "Maria here: it arrives tomorrow."
    chat.retry(state)
    chat.undo(state)
    chat.edit(state, _Edit(0, "Edited"), request)  # type: ignore[arg-type]
    list(chat.drain(state, 0.7, 1.0, 64, "general", "auto", request))
    assert [t.text for t in state.turns] == before and len(c.backend.answers) == calls


def test_while_a_person_answers_retry_undo_and_edit_are_a_notice_not_an_error(
    console: Callable[..., _Console],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Refused while maria owns the conversation: the screen as it was and a notice saying who
    answers. It was raised as an error, which the page showed in a red box titled "Error"."""
    import gradio as gr

    c = console(lambda m: "The bot answers.")
    chat, request = c.chat, c.request
    notices: list[str] = []
    monkeypatch.setattr(gr, "Info", lambda message, *a, **k: notices.append(message))
    state = ChatState()
    state.enqueue("Where is my parcel?", admitted=True)
    list(chat.drain(state, 0.7, 1.0, 64, "general", "auto", request))
    cid = state.conversation_id or ""
    c.store.transition(cid, "escalated", actor="customer", reason="human")
    c.store.transition(cid, "taken", actor="maria")
    c.app.pipeline.agent_reply(cid, "Maria here: it arrives tomorrow.", author="maria")
    chat.poll(state)
    before, calls = [t.text for t in state.turns], len(c.backend.answers)
    for result in (chat.retry(state), chat.undo(state), chat.edit(state, _Edit(0, "Edited"), request)):  # type: ignore[arg-type]
        assert [t.text for t in state.turns] == before and "chat" in result
    assert len(notices) == 3 and all("maria" in n for n in notices), notices
    assert len(c.backend.answers) == calls


def test_another_tab_follows_what_this_one_took_off_the_screen(
    console: Callable[..., _Console],
) -> None:
    """Retry, then Undo, in one tab: the customer's other tab kept the undone message and
    both replies 30 s on, the transcript marking all three as taken off (an outside tester)."""
    replies = iter(f"Reply {n}" for n in range(1, 20))
    c = console(lambda m: next(replies))
    chat, request = c.chat, c.request
    first = ChatState()

    def say(text: str) -> None:
        first.enqueue(text, admitted=True)
        list(chat.drain(first, 0.7, 1.0, 64, "general", "auto", request))

    say("Where is my parcel?")
    say("merci")
    second = ChatState()
    chat.come_back(second, tokens_for(c.context, first), request)
    assert [t.text for t in second.turns] == ["Where is my parcel?", "Reply 1", "merci", "Reply 2"]

    chat.retry(first)  # "Reply 2" off the screen, "Reply 3" in its place
    list(chat.drain(first, 0.7, 1.0, 64, "general", "auto", request))
    chat.poll(second)
    assert [t.text for t in second.turns] == ["Where is my parcel?", "Reply 1", "merci", "Reply 3"]
    chat.undo(first)  # "merci" and "Reply 3" off the screen
    chat.poll(second)
    assert [t.text for t in second.turns] == [t.text for t in first.turns]
    assert [t.text for t in first.turns] == ["Where is my parcel?", "Reply 1"]
    chat.poll(second)
    assert len(second.turns) == 2, "nothing comes back"


def test_a_page_reloaded_mid_reply_shows_that_reply_once_it_is_whole(
    console: Callable[..., _Console],
) -> None:
    """Reloaded as the reply began, the page showed it as an empty "interrupted" bubble for
    good, while the transcript kept its text (an outside tester): it shows the reply as it
    is written ("…" before its first words) and how it ended; a reply whose writer is gone
    shows as interrupted."""
    c = console(lambda m: "Noted.")
    chat, request = c.chat, c.request
    cid = new_conversation(c.store, owner="ui")
    c.store.add_message(cid, role="user", content="Et le délai de remboursement ?", language="fr")
    reply = c.store.add_message(cid, role="assistant", content="", status="streaming")
    page = ChatState()
    chat.come_back(page, c.tokens.issue(cid, None), request)
    assert [(t.text, t.note) for t in page.turns] == [("Et le délai de remboursement ?", ""), ("", WRITING)]
    assert render_chat(page, labels("fr"))[-1]["content"] == "…"
    c.store.update_message(reply, content="Et", status="interrupted")
    chat.poll(page)
    assert [(t.text, t.note) for t in page.turns][-1] == ("Et", "interrupted")

    # a writer that is gone (a replica that died mid-reply) leaves it "streaming" for good
    other = c.store.add_message(cid, role="user", content="Allô ?", language="fr")
    assert other
    stuck = c.store.add_message(cid, role="assistant", content="Un instant", status="streaming")
    late = ChatState()
    chat.come_back(late, c.tokens.issue(cid, None), request)
    assert [(t.text, t.note) for t in late.turns][-1] == ("Un instant", WRITING)
    chat.poll(late)
    assert late.writing_seen is not None
    late.writing_seen = (stuck, "Un instant", late.writing_seen[2] - 31)  # 31 s without a save
    chat.poll(late)
    assert [(t.text, t.note) for t in late.turns][-1] == ("Un instant", "interrupted")


def test_a_page_that_went_mid_reply_leaves_the_reply_to_finish_and_new_conversation_stops_it(
    console: Callable[..., _Console],
) -> None:
    """Gradio closes a page's event when the page goes; the reply goes on to its end
    (ChatHandlers._generate, _finish_unread), in its slot. New conversation on the page that
    came back stops it (it went on to its end: an outside tester), kept, marked stopped."""
    words = " ".join(f"w{i}" for i in range(400))
    c = console(lambda m: f"Long answer {words}")
    c.backend.delay = 0.01
    gate = c.context.admission
    for ending in ("left alone", "new conversation"):
        state = ChatState(ui_language="en")
        state.enqueue("Tell me everything about shipping", admitted=True)
        events: Any = c.chat.drain(state, 0.7, 1.0, 1024, "general", "auto", c.request)
        while "w5 " not in (state.streaming or ""):
            next(events)
        cid = state.conversation_id
        assert cid is not None
        events.close()  # the page went
        assert c.app.pipeline.writing_in(cid) and gate.active == 1
        if ending == "new conversation":
            back, request = ChatState(ui_language="en"), _Request(None)
            request.session_hash = "the page that came back"  # not the reply's own session
            c.chat.come_back(back, c.tokens.issue(cid, None), cast(Any, request))
            c.chat.new_conversation_pressed(back, None, cast(Any, request))
        deadline = time.monotonic() + 30
        while c.app.pipeline.writing_in(cid) and time.monotonic() < deadline:
            time.sleep(0.05)
        reply = c.store.get_conversation(cid).messages[-1]
        if ending == "left alone":
            assert (reply.status, reply.content) == ("complete", f"Long answer {words}")
        else:
            assert reply.status == "stopped" and "w399" not in reply.content
        deadline = time.monotonic() + 5
        while gate.active and time.monotonic() < deadline:
            time.sleep(0.05)
        assert gate.active == 0  # the slot given back


def test_an_earlier_pages_unsent_messages_come_back_less_what_the_conversation_holds(
    console: Callable[..., _Console],
) -> None:
    """ChatHandlers.unsent_back: what the page kept as not yet taken, less what the server
    has (counted: a message sent twice and held once comes back once); whatever else the
    browser sends (not a list, not strings, too many, too long) gives nothing back."""
    c = console(lambda m: "Noted.")
    cid = new_conversation(c.store, owner="ui")
    c.store.add_message(cid, role="user", content="ok", language="en")
    c.store.add_message(cid, role="assistant", content="Noted.")
    page = ChatState()
    c.chat.come_back(page, c.tokens.issue(cid, None), c.request)
    back = c.chat.unsent_back(page, json.dumps(["ok", " ok ", "Noted.", "<b>Wo</b> ist\nmein Paket?", ""]))
    assert json.loads(back) == [" ok ", "Noted.", "<b>Wo</b> ist\nmein Paket?"]
    for hostile in (None, "", "{}", '"ok"', "[1, 2]", "not json", "[" * 100_000, json.dumps(["x"] * 21)):
        assert c.chat.unsent_back(page, hostile) == "", hostile
    assert c.chat.unsent_back(page, json.dumps(["y" * 400_001])) == ""
    assert c.chat.unsent_back(ChatState(), json.dumps(["ok"])) == json.dumps(["ok"])


def test_a_reply_growing_elsewhere_is_drawn_by_the_drain_after_the_poll_read_it(
    console: Callable[..., _Console],
) -> None:
    """A follow-up sent on the page that came back starts a drain, which waits for the
    reply growing elsewhere and draws it once a second. The poll, a second reader, took
    each change onto the turns but leaves the screen to a running drain, and the drain then
    saw nothing new: the reply froze on the screen for up to 17 s (an outside tester)."""
    c = console(lambda m: "Noted.")
    cid = new_conversation(c.store, owner="ui")
    c.store.add_message(cid, role="user", content="Wo ist mein Paket?", language="de")
    reply = c.store.add_message(cid, role="assistant", content="Ich", status="streaming")
    page = ChatState()
    c.chat.come_back(page, c.tokens.issue(cid, None), c.request)
    page.busy = True  # the follow-up's drain runs
    c.store.update_message(reply, content="Ich sehe nach", status="streaming")
    c.chat.poll(page)
    assert page.turns[-1].text == "Ich sehe nach"
    assert c.chat._take_replies_elsewhere(page)  # the drain draws what the poll read
    assert "Ich sehe nach" in str(c.chat.chat(page))
    assert not c.chat._take_replies_elsewhere(page)  # once
