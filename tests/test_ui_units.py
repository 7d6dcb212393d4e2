"""The UI's pieces without a server: how text is shown, the typed chat state, the viewer's
language, and who is staff."""

from __future__ import annotations

import copy
import itertools
import threading
import time
from typing import Any

import pytest

from console.access import Access
from console.config import Config
from console.errors import AccessError
from console.ui.chat import _plain
from console.ui.labels import labels, viewer_language
from console.ui.render import display_text, render_chat
from console.ui.state import ChatState, Turn
from console.ui_labels import right_to_left


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("My login is <john.doe>", "My login is &lt;john.doe&gt;"),
        ("AT&T <b>bold</b>", "AT&amp;T &lt;b&gt;bold&lt;/b&gt;"),
        ("code `<john.doe>` stays", "code `<john.doe>` stays"),
        ("```\n<div>x</div>\n```", "```\n<div>x</div>\n```"),
        ("**bold** and _it_ and 2 * 3", "**bold** and _it_ and 2 * 3"),
    ],
)
def test_text_is_shown_as_written_and_inert(text: str, shown: str) -> None:
    assert display_text(text) == shown


def test_images_and_links_become_text() -> None:
    shown = display_text(
        "see ![pixel](http://evil.test/t.png) and [docs](https://evil.test/x) or https://evil.test"
    )
    assert "![" not in shown and "](" not in shown
    assert "`http://evil.test/t.png`" in shown and "docs (`https://evil.test/x`)" in shown
    assert "https://\u2060evil.test" in shown  # a bare address is not auto-linked
    assert display_text("[ref]: http://evil.test") == "&#91;ref&#93;: http://\u2060evil.test"
    # an address with balanced parentheses is whole (cut at the first ")", an outside tester
    # read "w (`https://en.wikipedia.org/wiki/Foo_(bar`))" and copied a wrong address)
    assert display_text("[w](https://en.wikipedia.org/wiki/Foo_(bar))") == (
        "w (`https://en.wikipedia.org/wiki/Foo_(bar)`)"
    )
    assert display_text("[x](javascript:alert(3)) ok") == "x (`javascript:alert(3)`) ok"


def test_render_order_badges_and_the_streaming_reply() -> None:
    t = labels("en")
    state = ChatState()
    state.turns += [
        Turn("user", "hi", tag="en"),
        Turn("assistant", "hello"),
        Turn("user", "next", queued=True),
    ]
    state.turns.insert(2, Turn("agent", "Maria here", author="maria"))
    state.streaming = "partial"
    shown = [m["content"] for m in render_chat(state, t)]
    assert shown[0] == "hi\n\n`🌐 en`"
    assert shown[2].startswith("**🧑‍💼 maria**") and shown[2].endswith("Maria here")
    assert shown[3] == "partial"  # the reply being written comes before the queued message
    assert shown[4].startswith("next") and t["queued"] in shown[4]
    assert _plain(shown[4]) == "next" and _plain(shown[0]) == "hi"


def test_chat_state_queue_and_history() -> None:
    state = ChatState()
    first = state.enqueue("a", admitted=True)
    assert state.next_queued() is first and state.history() == []
    first.queued = False
    state.turns.append(Turn("assistant", "b"))
    state.enqueue("c")
    assert state.history() == [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]
    assert state.pop_last_exchange() == "c"
    copied = copy.deepcopy(state)  # gradio copies the initial state per session
    assert copied.turns == state.turns and copied.lock is not state.lock


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "en"),
        ("ar,en;q=0.8", "ar"),
        ("zh-TW,zh;q=0.9", "zh-Hant"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("xx-YY,de;q=0.5,fr;q=0.9", "fr"),
        ("klingon", "en"),
        ("fr;q=0,de", "de"),
    ],
)
def test_viewer_language_from_accept_language(header: str | None, language: str) -> None:
    assert viewer_language(header) == language


@pytest.mark.parametrize(
    ("header", "reader"),
    [
        (None, None),  # no header is not "English": the detector falls back to the console's default
        ("", None),
        ("klingon, *", None),
        ("de-CH, de;q=0.9, en;q=0.8", "de"),
        ("zh-TW,zh;q=0.9", "zh-Hant"),
        ("zh-Hant-HK", "zh-Hant"),
        ("en;q=0.2, pt-BR;q=0.9", "pt"),
        ("fr;q=abc, it", "it"),  # a malformed weight counts as 0 (refused)
        ("," * 5000 + "es", None),  # a huge header is read only so far (1,000 characters)
    ],
)
def test_the_readers_language_for_the_detector(header: str | None, reader: str | None) -> None:
    from console.language import SERVED_LANGUAGES
    from console.text import accepted_language

    assert accepted_language(header, SERVED_LANGUAGES) == reader


def test_direction() -> None:
    assert right_to_left("ar") and not right_to_left("fr") and not right_to_left("zh-Hant")


def test_who_is_staff() -> None:
    local = Access.from_config(Config())
    assert local.is_staff(None) and local.require_staff(None) == "Support"
    shared = Access.from_config(Config(share=True, share_without_auth=True))
    assert not shared.is_staff(None)
    public = Access.from_config(Config(host="0.0.0.0", customer_only=True))
    assert not public.is_staff(None)
    logins = Access.from_config(Config(auth=(("ana", "a"), ("cy", "c")), operators=("ana",)))
    assert logins.is_staff("ana") and not logins.is_staff("cy") and not logins.is_staff(None)
    with pytest.raises(AccessError):
        logins.require_staff("cy")
    everyone = Access.from_config(Config(auth=(("ana", "a"),)))
    assert everyone.is_staff("ana") and not everyone.is_staff(None)
    # whether any customer loads this console's pages (then no "Use via API" link on them)
    assert local.everyone_staff and everyone.everyone_staff
    assert not shared.everyone_staff and not public.everyone_staff and not logins.everyone_staff
    assert Access.from_config(Config(auth=(("ana", "a"),), operators=("ana",))).everyone_staff
    # a web request: gradio's Request.username, None when nobody signed in or no request
    from types import SimpleNamespace

    assert logins.is_staff_request(SimpleNamespace(username="ana"))
    assert not logins.is_staff_request(SimpleNamespace(username="cy"))
    assert not logins.is_staff_request(SimpleNamespace(username=None))
    assert not logins.is_staff_request(None) and local.is_staff_request(None)


def test_an_abandoned_reply_loop_is_taken_over(make_config: Any) -> None:
    """A reader that goes away without closing its stream (a client timing out) must not
    leave the session unable to answer: the parked loop is taken over."""
    import time

    from console.service import create_app
    from console.ui.chat import ABANDONED_S, ChatHandlers
    from tests.fakes import ScriptedBackend

    app = create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "one two three"))
    assert app.context is not None  # create_app always builds the console's context
    chat = ChatHandlers(app.context)
    state = ChatState()
    state.enqueue("first")
    abandoned = chat.drain(state, 0.0, 1.0, 50, "general", "auto", None)  # type: ignore[arg-type]
    next(abandoned)  # the reader pulls once, then stops pulling
    assert state.busy and state.parked_since is not None
    state.enqueue("second")
    # still fresh: waits, leaving the page as it is (one empty update: an event generator
    # that ends without a yield has gradio set its outputs to None, a blank chat)
    assert list(chat.drain(state, 0.0, 1.0, 50, "general", "auto", None)) == [{}]  # type: ignore[arg-type]
    state.parked_since = time.monotonic() - ABANDONED_S - 1
    answered = list(chat.drain(state, 0.0, 1.0, 50, "general", "auto", None))  # type: ignore[arg-type]
    assert answered and not state.busy
    assert [t.text for t in state.turns if t.role == "assistant"][-1] == "one two three"
    abandoned.close()  # collected later: it must not undo the new loop's state
    assert state.drainer is None and not state.busy
    app.close()


def test_a_message_taken_before_the_page_loaded_gets_the_viewers_language(make_config: Any) -> None:
    """The load event sets the page's language; a message taken before it ran (a busy
    server) must not get its notes in English (CI: "place 1 in the queue" on a German page)."""
    from types import SimpleNamespace

    from console.service import create_app
    from console.ui.chat import ChatHandlers
    from tests.fakes import ScriptedBackend

    app = create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "ok"))
    assert app.context is not None  # create_app always builds the console's context
    chat = ChatHandlers(app.context)
    state = ChatState()  # as before the load event: "en"
    request = SimpleNamespace(headers={"accept-language": "de-DE,de;q=0.9"}, username=None, client=None)
    taken = chat.take("Hallo, wo ist mein Paket?", state, "auto", "1", request)  # type: ignore[arg-type]
    assert state.ui_language == "de"
    assert "in der Warteschlange" in taken["chat"][-1]["content"]  # the queued note, in German
    app.close()


def test_a_fast_stream_reaches_the_browser_at_a_bounded_pace_and_whole(make_config: Any) -> None:
    """The browser re-renders the reply on every update (bench.browser: at 40 a second a
    long reply left a click on Stop waiting seconds); updates are paced, never lost."""
    from console.service import create_app
    from console.ui.chat import UI_FRAME_S, ChatHandlers
    from tests.fakes import ScriptedBackend

    words = [f"w{i}" for i in range(240)]
    app = create_app(make_config(), backend=ScriptedBackend(reply=lambda m: " ".join(words), delay=0.004))
    assert app.context is not None  # create_app always builds the console's context
    chat = ChatHandlers(app.context)
    state = ChatState()
    state.enqueue("Please tell me everything about the warranty")
    started = time.monotonic()
    shown = [state.streaming for _ in chat.drain(state, 0.0, 1.0, 400, "general", "auto", None)]  # type: ignore[arg-type]
    elapsed = time.monotonic() - started
    streamed = [s for s in shown if s]
    assert len(streamed) >= 3  # it still arrives in pieces
    # ~10 a second, not the pipeline's 40 (+3: the first text, the last update, the end)
    assert len(streamed) <= elapsed / UI_FRAME_S + 3
    assert all(b.startswith(a) for a, b in itertools.pairwise(streamed))
    assert [t.text for t in state.turns if t.role == "assistant"] == [" ".join(words)]
    app.close()


def test_the_first_text_is_not_held_back_by_the_pace(make_config: Any, monkeypatch: Any) -> None:
    """The update before the first text (message stored, language found) carries no text:
    the first words go out when they exist, not a frame later; then one update per frame,
    and the last always. A scripted stream on a fake clock, so the pace is exact."""
    import dataclasses

    import console.ui.chat as chat_module
    from console.pipeline import TurnStatus
    from console.service import create_app
    from tests.fakes import ScriptedBackend

    app = create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "one"))
    assert app.context is not None  # create_app always builds the console's context
    handlers = chat_module.ChatHandlers(app.context)
    seen = ChatState()
    seen.enqueue("Where is my parcel?")
    base = list(handlers.pipeline.stream_turn(handlers._request(seen, "Where is my parcel?", None)))[-1]
    clock = [0.0]
    # (time, reply so far, status): the message is stored at 0, the first word comes 30 ms
    # later, then a word every 30 ms
    script: list[tuple[float, str, TurnStatus]] = [(0.0, "", "streaming")]
    script += [(0.03 * (i + 1), " ".join(f"w{j}" for j in range(i + 1)), "streaming") for i in range(8)]
    script.append((0.27, "w0 w1 w2 w3 w4 w5 w6 w7 w8", "complete"))

    def stream_turn(request: Any) -> Any:
        for at, reply, status in script:
            clock[0] = at
            yield dataclasses.replace(base, reply=reply, status=status)

    state = ChatState()
    state.enqueue("Where is my parcel?")
    with monkeypatch.context() as patch:  # the fake clock only while the reply streams
        patch.setattr(handlers.pipeline, "stream_turn", stream_turn)
        patch.setattr("console.ui.chat.time.monotonic", lambda: clock[0])
        drained = handlers.drain(state, 0.0, 1.0, 50, "general", "auto", None)  # type: ignore[arg-type]
        sent = [(clock[0], state.streaming) for _ in drained]
    streamed = [(at, text) for at, text in sent if text]
    assert streamed[0] == (0.03, "w0")  # at once, not at the first frame's end (0.1)
    assert [at for at, _ in streamed] == [0.03, 0.15, 0.27]  # then a frame (0.1 s) apart
    assert [t.text for t in state.turns if t.role == "assistant"] == ["w0 w1 w2 w3 w4 w5 w6 w7 w8"]
    app.close()


def test_presses_are_taken_in_the_order_pressed_whatever_order_they_arrive() -> None:
    state = ChatState()
    taken: list[int] = []

    def take(press: int) -> None:
        with state.in_press_order(press, timeout=10.0):
            taken.append(press)

    threads = [threading.Thread(target=take, args=(n,)) for n in (3, 1, 2)]
    for thread in threads:
        thread.start()
        time.sleep(0.05)  # 3 arrives first and must wait for 1 and 2
    for thread in threads:
        thread.join(timeout=10)
    assert taken == [1, 2, 3]
    assert state.pressed == 3


def test_a_press_that_never_arrives_holds_the_next_only_briefly() -> None:
    state = ChatState()
    started = time.monotonic()
    with state.in_press_order(2, timeout=0.3):  # press 1 was lost on the way
        waited = time.monotonic() - started
    assert 0.25 <= waited < 5.0
    assert state.pressed == 2
    with state.in_press_order(None, timeout=10.0):  # a caller that does not number presses
        pass
    with state.in_press_order(1, timeout=10.0):  # late: runs at once, the count stays
        pass
    assert state.pressed == 2
    assert copy.deepcopy(state).pressed == 2


def test_a_refused_press_still_lets_the_next_one_through() -> None:
    state = ChatState()
    with pytest.raises(RuntimeError), state.in_press_order(1, timeout=10.0):
        raise RuntimeError("refused")
    started = time.monotonic()
    with state.in_press_order(2, timeout=10.0):
        pass
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize(
    "typed",
    [
        "\u202eRTLOVERRIDE",  # an override: shown reversed before
        "a\u2066b\u2069c \u202ax\u202c",  # isolates and an embedding
        "literal ⟨U+202E⟩ as typed",  # the written-out form typed by hand stays as typed
        "no controls, عربي mixed",
    ],
)
def test_direction_controls_are_written_out_and_an_edit_gets_them_back(typed: str) -> None:
    from console.text import show_direction_controls
    from console.transcripts import escape_markdown

    shown = display_text(typed)
    for view in (shown, escape_markdown(typed)):
        assert not any("\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" for ch in view), view
    if typed.startswith("\u202e"):
        assert shown.startswith("⟨U+202E⟩RTLOVERRIDE")
    if "⟨U+202E⟩" not in typed:
        assert _plain(shown) == typed  # the chat's edit box gets exactly what was typed
    assert show_direction_controls("RLM \u200f and LRM \u200e stay") == "RLM \u200f and LRM \u200e stay"


def test_a_message_taken_as_a_drain_ends_is_answered_by_the_next_one(make_config: Any) -> None:
    """A drain that found the queue empty and was ending when the next message was taken
    stored that message as unanswered (its finally took it for a leftover of a closed page)
    and the next drain found nothing: the page showed "queued, answered next" for good (CI).
    The message is the next drain's."""
    from console.service import create_app
    from console.ui.chat import ChatHandlers
    from tests.fakes import ScriptedBackend
    from tests.test_hidden_turns import _Request

    app = create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "It ships today."))
    try:
        assert app.context is not None and app.store is not None
        chat, request, state = ChatHandlers(app.context), _Request(), ChatState()

        def drain() -> Any:
            return chat.drain(state, 0.7, 1.0, 64, "general", "auto", request)  # type: ignore[arg-type]

        ending = drain()
        assert next(ending) == {}  # nothing queued: it is about to end
        state.enqueue("Where is my parcel?", admitted=True)
        with pytest.raises(StopIteration):
            next(ending)
        list(drain())  # the drain the message's own take starts
        assert [(t.role, t.text, t.queued) for t in state.turns] == [
            ("user", "Where is my parcel?", False),
            ("assistant", "It ships today.", False),
        ]
        stored = app.store.get_conversation(app.store.list_conversations()[0].id).messages
        assert [(m.role, (m.meta or {}).get("unanswered")) for m in stored] == [
            ("user", None),
            ("assistant", None),
        ]
    finally:
        app.close()


def test_two_tabs_coming_back_at_once_answer_a_waiting_message_once(
    make_config: Any, monkeypatch: Any
) -> None:
    """A message stored unanswered (its page closed while it waited behind a reply) is
    answered by the customer's next page load. Two tabs of the browser loading at the same
    moment both took it up, and the customer got two replies to one question: one claims
    it in the store now, the other shows the reply when it comes. A page that claimed it and
    went before its answer started holds it until the claim lapses."""
    import threading

    from console.service import create_app
    from console.ui import chat as chat_module
    from console.ui.chat import ChatHandlers
    from tests.fakes import ScriptedBackend
    from tests.test_hidden_turns import _Request

    app = create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "It ships today."))
    try:
        assert app.context is not None and app.store is not None and app.context.resume is not None
        store, chat, request = app.store, ChatHandlers(app.context), _Request()
        closed = ChatState()
        turn = closed.enqueue("Where is my parcel?", admitted=True)
        closed.turns.remove(turn)
        chat._keep_unanswered(closed, [turn], request, None, None)  # type: ignore[arg-type]
        assert closed.conversation_id is not None
        token = app.context.resume.issue(closed.conversation_id, None)

        def replies() -> list[str]:
            record = store.get_conversation(closed.conversation_id)  # type: ignore[arg-type]
            return [m.content for m in record.messages if m.role == "assistant"]

        tabs = [ChatState() for _ in range(4)]
        start = threading.Barrier(len(tabs))

        def load(tab: ChatState) -> None:
            start.wait()
            chat.come_back(tab, token, request)  # type: ignore[arg-type]

        threads = [threading.Thread(target=load, args=(tab,)) for tab in tabs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [tab.turns[-1].text for tab in tabs] == ["Where is my parcel?"] * len(tabs)
        claimed = [tab for tab in tabs if tab.turns[-1].queued]
        assert len(claimed) == 1

        def answer(tab: ChatState) -> Any:
            return chat.answer_on_return(tab, 0.7, 1.0, 64, "general", "auto", request)  # type: ignore[arg-type]

        for tab in tabs:
            list(answer(tab))
        assert replies() == ["It ships today."]

        # a page that claims a message and goes before its answer starts holds it until the
        # claim lapses; then a page loaded later answers it
        waiting = {"unanswered": "page_closed"}
        store.add_message(closed.conversation_id, role="user", content="And the invoice?", meta=waiting)
        gone, meanwhile = ChatState(), ChatState()
        chat.come_back(gone, token, request)  # type: ignore[arg-type]
        chat.come_back(meanwhile, token, request)  # type: ignore[arg-type]
        assert gone.turns[-1].queued and not meanwhile.turns[-1].queued
        monkeypatch.setattr(chat_module, "CLAIM_S", 0.0)
        later = ChatState()
        chat.come_back(later, token, request)  # type: ignore[arg-type]
        assert later.turns[-1].queued
        list(answer(later))
        assert replies() == ["It ships today.", "It ships today."]
    finally:
        app.close()


@pytest.mark.parametrize(
    "typed",
    [
        "nested ![a [b] c](http://x.test/n.png)",
        "single-quoted ![x](http://x.test/s.png 'hi')",
        "parenthesised ![x](http://x.test/p.png (t))",
        "reference ![x][q]\n\n- [q]: http://x.test/r.png",
        "unclosed ``` then\n\n![x](http://x.test/f.png) <img src=x>",
        "span `x\n\n<img src=x>\n\n`",
        "shifted ` y\n` <img src=x> `",
        "item\n  ```\n<svg><image href=x /></svg>",
        "| `a | <video poster=x></video> ` |\n|---|---|",
        "marked closes ```\n```~\n<img src=x>",
        "\\`a` \\[x](http://x.test) \\<b>",
        "<form action=x><input name=card></form> [Verify](http://x.test/v)",
    ],
)
def test_markup_that_slipped_past_the_escaping_is_inert_on_the_first_path(
    typed: str, caplog: pytest.LogCaptureFixture
) -> None:
    """An outside tester's bypasses (unclosed fences, spans across blocks, nested brackets,
    quoted titles, references in lists): CommonMark (markdown-it) finds no HTML, link or
    image in what the chat renders, and without the fully escaped fallback."""
    from markdown_it import MarkdownIt

    from console.ui.render import _live

    display_text.cache_clear()
    with caplog.at_level("WARNING", logger="console.ui.render"):
        shown = display_text(typed)
    assert not _live(MarkdownIt("commonmark", {"html": True}).enable("table").parse(shown)), shown
    assert not caplog.records, shown  # the escaping itself held: the second opinion found nothing


@pytest.mark.parametrize(
    "typed",
    [
        "code `a\\`b` and ``x ` y`` stay; text \\ [a] `b` & <c>",
        "```\n<div>\\[x]</div>\n```\nafter `a` \\`",
        "x\n  ```sh\n  echo <x> & \\[y]\n  ```\n- item `<b>`",
        "![x](javascript:alert) plain",
    ],
)
def test_the_edit_box_gets_back_what_was_typed(typed: str) -> None:
    from console.ui.render import typed_text

    if "](" in typed:  # an image or a link is shown as its words and address: not invertible
        assert typed_text(display_text(typed)) == "🖼 x `javascript:alert` plain"
    else:
        assert typed_text(display_text(typed)) == typed


def test_a_message_the_escaping_cannot_make_inert_is_shown_fully_escaped(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The second opinion: were the escaping wrong, the text is shown literally, logged
    without its words."""
    from console.transcripts import escape_markdown
    from console.ui import render

    display_text.cache_clear()
    monkeypatch.setattr(render, "_line", lambda line: line)  # an escaping that does nothing
    with caplog.at_level("WARNING", logger="console.ui.render"):
        shown = render.display_text("secret words <img src=x>")
    assert shown == escape_markdown("secret words <img src=x>")
    assert caplog.records and "secret" not in caplog.text
    display_text.cache_clear()


@pytest.mark.parametrize(
    ("typed", "inert"),
    [
        # Gradio's mermaid block writes its text into the page unescaped: a plain code block
        ("```mermaid\n<img src=x>\n```", lambda shown: shown.startswith("``` mermaid\n")),
        # GFM's "~" swallowed the backtick after it, and strikethrough ran across a span
        ("~`<img src=x>`", lambda shown: shown.startswith("&#126;`")),
        ("~a`<a href=x>pay</a>~`", lambda shown: shown.startswith("&#126;a`")),
        # emphasis closed inside a double-backtick span: only single backticks make spans
        ("*a ``x* <img src=x> y``", lambda shown: "&#96;&#96;" in shown and "&lt;img" in shown),
        # marked links an address mid-word, and an e-mail
        (
            "xhttps://evil.test 1www.evil.test",
            lambda shown: "https://\u2060evil" in shown and "www.\u2060evil" in shown,
        ),
        ("mail evil@evil.test", lambda shown: "evil@\u2060evil.test" in shown),
        # Gradio's cleandoc would make "    ```" (not a fence here) close the fence there
        ("x\n   ```\n    ```\n   <img src=x>", lambda shown: shown == "x\n```\n ```\n&lt;img src=x&gt;"),
        ("```\n\t```\n\t<img src=x>", lambda shown: shown.endswith("```\n&lt;img src=x&gt;")),
    ],
)
def test_what_marked_itself_would_have_made_live_stays_text(typed: str, inert: Any) -> None:
    """The second round of an outside tester, against Gradio's own marked (the browser test
    tests/test_markup_browser.py renders each): every one drew HTML or a link before."""
    display_text.cache_clear()
    shown = display_text(typed)
    assert inert(shown), shown
