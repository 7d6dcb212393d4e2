"""The operator's conversation view: which conversation it draws, translated or not, and the
reply drafts it keeps. The browser plays these in tests/test_drafts_browser.py and
tests/test_handback_browser.py; here each rule is checked on its own, without timing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr
import pytest

from console import canned
from console.ui.staff import StaffHandlers
from console.ui.state import MAX_DRAFTS, ChatState
from tests.test_resume import _Console, console  # noqa: F401  (fixture)
from tests.test_store import new_conversation

MARKER = "Machine translation"


def _german(c: _Console) -> str:
    cid = new_conversation(c.store, owner="ui")
    message = c.store.add_message(cid, role="user", content="Wo ist mein Paket?", language="de")
    c.store.set_translation(message, "Where is my parcel?", "en")
    return cid


def _click(row: int) -> gr.SelectData:
    return gr.SelectData(None, {"index": [row, 0], "value": "", "selected": True})


def _open(staff: StaffHandlers, c: _Console, state: ChatState, ids: list[str], row: int, **boxes: Any) -> Any:
    previous, text, translated = (boxes.get(k, "") for k in ("previous", "text", "translated"))
    translate = boxes.get("translate", True)
    return staff.open(state, ids, translate, previous, text, translated, _click(row), c.request)


def test_every_action_draws_the_view_as_the_translation_switch_says(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    c = console(lambda m: "Noted.")
    staff = StaffHandlers(c.context)
    cid = _german(c)
    state = ChatState(ui_language="en")
    shown = _open(staff, c, state, [cid], 0)
    assert MARKER in shown["viewer"] and "Where is my parcel?" in shown["viewer"]

    # unticked: the originals, and every action after it draws them too (Take, Resolve and
    # a reply drew the translation under the unticked box; saving tags or a note drew the
    # originals under a ticked one)
    assert MARKER not in staff.toggle_translations(state, cid, False, c.request)["viewer"]
    for action in (
        lambda: staff.take(state, cid, c.request),
        lambda: staff.save_tags(state, cid, "parcel", c.request),
        lambda: staff.resolve(state, cid, c.request),
    ):
        view = action()["viewer"]
        assert MARKER not in view and "Wo ist mein Paket?" in view
    # ticked again: translated, also after saving a note
    assert MARKER in staff.toggle_translations(state, cid, True, c.request)["viewer"]
    assert MARKER in staff.save_note(state, cid, "called the carrier", c.request)["viewer"]
    # the watch draws it again when the switch changed under a view drawn the other way
    view = watched(staff, state, cid, "", False, c.request)
    again = watched(staff, state, cid, view["viewed"], True, c.request)
    assert MARKER in again["viewer"]


def test_a_watch_of_the_conversation_opened_before_draws_nothing(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    c = console(lambda m: "Noted.")
    staff = StaffHandlers(c.context)
    first, second = _german(c), _german(c)
    state = ChatState(ui_language="en")
    _open(staff, c, state, [first, second], 0)
    assert watched(staff, state, first, "", True, c.request)["current_id"] == first
    _open(staff, c, state, [first, second], 1)
    # a watch of the first, sent before the second was opened and answered after it
    assert watched(staff, state, first, "", True, c.request) == {}
    assert watched(staff, state, second, "", True, c.request)["current_id"] == second


def test_reply_drafts_wait_for_their_conversation(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    c = console(lambda m: "Noted.")
    staff = StaffHandlers(c.context)
    first, second = _german(c), _german(c)
    ids = [first, second]
    state = ChatState(ui_language="en")
    # empty boxes at the click: the opening leaves them alone (what the operator types while
    # it opens is for this conversation)
    shown = _open(staff, c, state, ids, 0)
    assert "agent_text" not in shown and "value" not in shown["agent_translated"]
    # half written for the first, then the second opened: the page emptied the boxes at the
    # click (scripts._OPEN_JS) and the second has no draft, so the answer leaves them alone
    # (keys typed while it opened are for the second)
    shown = _open(staff, c, state, ids, 1, previous=first, text="Ihr Paket", translated="")
    assert "agent_text" not in shown and "value" not in shown["agent_translated"]
    # back to the first: what was written, the translation box too
    shown = _open(staff, c, state, ids, 0, previous=second, text="")
    assert shown["agent_text"] == "Ihr Paket"
    shown = _open(staff, c, state, ids, 1, previous=first, text="Your parcel", translated="Ihr Paket")
    shown = _open(staff, c, state, ids, 0, previous=second)
    assert (shown["agent_text"], shown["agent_translated"]["value"]) == ("Your parcel", "Ihr Paket")
    # emptied boxes forget the draft; an erased conversation's draft goes with it
    _open(staff, c, state, ids, 1, previous=first, text="  ")
    assert first not in state.drafts
    state.keep_draft(second, "for the erased one", "")
    staff.erase(state, second, True, c.request)
    assert second not in state.drafts
    # a page keeps at most MAX_DRAFTS, the oldest dropped first
    for n in range(MAX_DRAFTS + 5):
        state.keep_draft(f"c{n}", f"draft {n}", "")
    assert len(state.drafts) == MAX_DRAFTS
    assert "c0" not in state.drafts and f"c{MAX_DRAFTS + 4}" in state.drafts


def test_the_queue_says_a_long_wait_in_days_and_hours_in_the_operators_language(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    """A customer who had waited a month read "41804 min" (the demo month showed it)."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from console import transcripts
    from console.store.models import Conversation
    from console.ui.labels import labels

    c = console(lambda m: "ok")
    staff = StaffHandlers(c.context)
    now = datetime.now(UTC)
    waits = {"a month": timedelta(days=29, minutes=44), "a morning": timedelta(hours=2, minutes=5)}
    for name, wait in waits.items():
        cid = new_conversation(c.store, owner="ui")
        c.store.add_message(cid, role="user", content=f"Waiting {name}", language="en")
        c.store.transition(cid, "escalated", actor="customer", reason="human")
        with c.store.engine.begin() as connection:  # as if handed over that long ago
            connection.execute(
                update(Conversation).where(Conversation.id == cid).values(escalated_at=now - wait)
            )
    for language, expected in (("en", ["29 d", "2 h 5 min"]), ("ko", ["29일", "2시간 5분"])):
        state = ChatState(ui_language=language)
        rows = staff.queue(state, c.request)["queue_table"]["data"]
        assert [row[0] for row in rows] == expected  # longest first; no page, so no 🟢/⚪ mark
    t = labels("de")
    assert transcripts.waited(59, t) == "0 Min." and transcripts.waited(3600, t) == "1 Std."
    assert transcripts.waited(86400 + 3 * 3600 + 59 * 60, t) == "1 Tg. 3 Std."  # two units at most


def test_a_note_gets_a_replys_checks(console: Callable[..., _Console]) -> None:  # noqa: F811
    """An outside tester's crafted calls stored a 2,000,000-character note and one of NUL,
    terminal escapes and 0xFF; every other free-text field refused them."""
    c = console(lambda m: "ok")
    staff = StaffHandlers(c.context)
    cid = _german(c)
    state = ChatState(ui_language="en")
    _open(staff, c, state, [cid], 0)
    staff.save_note(state, cid, "called the carrier", c.request)
    for bad, said in (("x" * 2_000_000, "too long"), ("\x00\x1b[2J\xff", "binary")):
        with pytest.raises(gr.Error, match=said):
            staff.save_note(state, cid, bad, c.request)
    assert c.store.get_conversation(cid).note == "called the carrier"  # nothing lost
    staff.save_note(state, cid, "", c.request)  # empty still removes it
    assert not c.store.get_conversation(cid).note


def test_a_conversation_of_a_retired_business_line_opens_with_no_canned_replies(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    """A line removed from prompts/ keeps its conversations: the operator opens one and reads
    it (no canned replies to offer), instead of an error."""
    c = console(lambda m: "ok")
    staff = StaffHandlers(c.context)
    cid = new_conversation(c.store, owner="ui", business_line="wholesale")
    c.store.add_message(cid, role="user", content="Bulk order of 500 units", language="en")
    state = ChatState(ui_language="en")
    shown = _open(staff, c, state, [cid], 0, translate=False)
    assert "Bulk order of 500 units" in shown["viewer"] and "wholesale" in shown["viewer"]
    assert shown["canned"]["choices"] == []
    assert staff.canned_insert(state, cid, "take-over", c.request) == {}


def test_every_search_of_a_conversation_lists_as_many_canned_choices(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    """The canned-reply box's list has the same length for every search of a conversation:
    gradio's open dropdown draws its old item indices from the new choices before it
    recomputes them, and a shorter list failed in the page (tests/test_canned_browser.py).
    What a search finds is listed (``num_choices_shown``); a "—" that inserts nothing and the
    line's other replies are carried after it, unlisted, to keep the length."""
    c = console(lambda m: "ok")
    staff = StaffHandlers(c.context)
    cid = new_conversation(c.store, owner="ui", language="de")  # the general line
    c.store.add_message(cid, role="user", content="Wann haben Sie geöffnet?", language="de")
    state = ChatState(ui_language="en")
    every = [reply.title for reply in canned.current().replies("general", "en")]
    opened = _open(staff, c, state, [cid], 0)["canned"]
    lengths = {len(opened["choices"])}
    assert [title for title, _ in opened["choices"]] == [*every, "—"]
    assert opened["num_choices_shown"] == len(every)
    german = [reply.title for reply in canned.current().replies("general", "de")]
    for query, listed, titles in (
        ("hours", ["Opening hours", "Apology and formal complaint"], every),
        ("h", [r.title for r in canned.search("general", "en", "h")], every),
        ("qzxv", ["—"], every),
        # found only in the customer's German: the German replies, titled in German
        ("servicezeiten", ["Servicezeiten"], german),
    ):
        update = staff.canned_search(state, cid, query, c.request)["canned"]
        choices, shown = update["choices"], update["num_choices_shown"]
        lengths.add(len(choices))
        assert [title for title, _ in choices[:shown]] == listed, query
        assert sorted(title for title, _ in choices) == sorted([*titles, "—"])
        assert dict(choices)["—"] == ""  # chosen, it inserts nothing
    assert lengths == {len(every) + 1}


def test_the_status_menu_names_a_taken_conversation_as_the_list_does(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    c = console(lambda m: "ok")
    staff = StaffHandlers(c.context)
    cid = new_conversation(c.store, owner="ui")
    c.store.add_message(cid, role="user", content="I want a person", language="en")
    c.store.transition(cid, "escalated", actor="customer", reason="human")
    state = ChatState(ui_language="en")
    waiting = _open(staff, c, state, [cid], 0, translate=False)["new_status"]
    assert waiting["value"] == "escalated" and ("waiting for a person", "escalated") in waiting["choices"]
    c.store.transition(cid, "taken", actor="maria")
    taken = _open(staff, c, state, [cid], 0, translate=False)["new_status"]
    assert taken["value"] == "escalated" and ("a person is answering", "escalated") in taken["choices"]


def test_a_watch_says_who_answers_before_it_translates(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    """ana's view kept her as the owner, Hand back and Resolve enabled, long after bo took
    the conversation over (an outside tester): the watch translated the customer's new
    messages with the model first, which took seconds. Its first update is who answers."""
    c = console(lambda m: "Noted.")
    staff = StaffHandlers(c.context)
    cid = _german(c)
    state = ChatState(ui_language="en")
    _open(staff, c, state, [cid], 0)
    c.store.transition(cid, "taken", actor="bo")
    c.store.add_message(cid, role="user", content="Noch eine Frage zu meinem Paket", language="de")
    asked: list[str] = []
    real = staff.translator.translate

    def slow(text: str, source: str, target: str, cancel: Any = None) -> Any:
        asked.append(text)  # the model: seconds on a busy console
        return real(text, source, target, cancel)

    staff.translator.translate = slow  # type: ignore[method-assign]
    updates = staff.watch(state, cid, "", True, c.request)
    first = next(updates)
    assert asked == [] and "viewer" not in first
    assert "bo" in first["owner_info"] and first["resolve"]["interactive"] is True
    rest = list(updates)
    assert asked == ["Noch eine Frage zu meinem Paket"] and MARKER in rest[-1]["viewer"]


def watched(staff: Any, *args: Any) -> dict[str, Any]:
    """What StaffHandlers.watch draws, its updates merged (it yields who answers first)."""
    drawn: dict[str, Any] = {}
    for part in staff.watch(*args):
        drawn.update(part)
    return drawn


def test_the_queue_and_the_list_write_out_direction_controls_as_the_view_does(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    """An outside tester's first message ``Refund for order <U+202E>0021 ROF DEVORPPA<U+202C>
    please`` showed in the queue as "Refund for order APPROVED FOR 1200 please": the view
    wrote the override out, the tables did not."""
    from console.ui.labels import labels

    c = console(lambda m: "ok")
    staff = StaffHandlers(c.context)
    cid = new_conversation(c.store, owner="ui")
    c.store.add_message(
        cid, role="user", content="Refund for order \u202e0021 ROF DEVORPPA\u202c please", language="en"
    )
    c.store.transition(cid, "escalated", actor="customer", reason="human")
    state = ChatState(ui_language="en")
    shown = "Refund for order ⟨U+202E⟩0021 ROF DEVORPPA⟨U+202C⟩ please"
    queued = staff.queue(state, c.request)["queue_table"]
    listed = staff.listing(state, "all", "all", "all", "", "", "", "all", c.request)["table"]
    for table in (queued, listed):
        preview = table["headers"].index(labels("en")["col_preview"])
        (row,) = table["data"]
        assert row[preview] == shown
        assert not any(
            ch in str(cell) for cell in row for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
        )
    # as the view writes it (its Markdown escapes the "+")
    assert shown in _open(staff, c, state, [cid], 0, translate=False)["viewer"].replace("\\+", "+")


def test_an_action_answered_after_another_conversation_opened_leaves_the_screen_alone(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    """A reply sent from the first conversation on a slow store, the second opened meanwhile:
    the reply's answer drew the first back over the second (an outside tester), and what she
    typed next went to the first customer. Every action's answer, once she has moved on,
    changes nothing on the screen; the reply still goes, and leaves the first one's draft."""
    c = console(lambda m: "Noted.")
    staff = StaffHandlers(c.context)
    first, second = _german(c), _german(c)
    ids = [first, second]
    state = ChatState(ui_language="en")
    _open(staff, c, state, ids, 0)
    staff.take(state, first, c.request)
    # the second opened while the reply was on its way: the boxes' text, the reply in it and
    # what she typed after pressing Send, became the first one's draft
    _open(staff, c, state, ids, 1, previous=first, text="Your parcel left today.\nMore soon")
    assert staff.reply(state, first, "Your parcel left today.", "", c.request) == {"agent_sent": None}
    assert state.drafts[first] == ("More soon", "")
    record = c.store.get_conversation(first)
    assert [m.content for m in record.messages if m.role == "agent"] == ["Your parcel left today."]
    for action in (
        lambda: staff.take(state, first, c.request),
        lambda: staff.save_tags(state, first, "parcel", c.request),
        lambda: staff.save_note(state, first, "called the carrier", c.request),
        lambda: staff.hand_back(state, first, c.request),
    ):
        assert action() == {}
    assert c.store.get_conversation(first).tags == ("parcel",)  # done, only not drawn

    # the other order: the reply went first, the opening's copy of the boxes still held it
    _open(staff, c, state, ids, 0, previous=second)
    staff.take(state, first, c.request)
    state.viewing = second  # the click on the second, before the reply's answer reached the page
    staff.reply(state, first, "Anything else?", "Noch etwas?", c.request)
    state.viewing = first
    _open(staff, c, state, ids, 1, previous=first, text="Anything else?", translated="Noch etwas?")
    assert first not in state.drafts  # nothing left to send twice
    # (sent once only: a later draft that happens to start the same way is kept whole)
    _open(staff, c, state, ids, 0, previous=second)
    _open(staff, c, state, ids, 1, previous=first, text="Anything else? Yes")
    assert state.drafts[first] == ("Anything else? Yes", "")


def test_a_translation_that_comes_after_another_conversation_opened_stays_with_its_draft(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    c = console(lambda m: "Ihr Paket ist unterwegs.")
    staff = StaffHandlers(c.context)
    first, second = (new_conversation(c.store, owner="ui", language="de") for _ in range(2))
    ids = [first, second]
    state = ChatState(ui_language="en")
    _open(staff, c, state, ids, 0)
    state.keep_draft(first, "Your parcel is on its way.", "")
    state.viewing = second  # opened while the model translated
    assert staff.translate_reply(state, first, "Your parcel is on its way.", c.request) == {}
    assert state.drafts[first] == ("Your parcel is on its way.", "Ihr Paket ist unterwegs.")
    # and a draft changed since does not get a translation of the old text
    state.keep_draft(first, "Your parcel arrives tomorrow.", "")
    staff.translate_reply(state, first, "Your parcel is on its way.", c.request)
    assert state.drafts[first] == ("Your parcel arrives tomorrow.", "")


def test_a_click_that_opens_nothing_gives_the_boxes_back(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    c = console(lambda m: "Noted.")
    staff = StaffHandlers(c.context)
    state = ChatState(ui_language="en")
    first = _german(c)
    # a row of a list redrawn shorter since: the page had emptied the boxes at the click
    shown = _open(staff, c, state, [first], 3, previous=first, text="Half written", translated="Halb")
    assert shown == {"agent_text": "Half written", "agent_translated": "Halb"}
    assert _open(staff, c, state, [first], 3) == {}
