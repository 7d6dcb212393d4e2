"""A thumbs-down reason and a rating comment are at most MAX_FEEDBACK_CHARS long.

An outside tester stored a 4 MB reason through the page's own events (the only bound was
the 16 MiB request body). The boxes now stop at the limit in the browser, and a longer
value sent past them is refused by the store with a notice in the customer's language,
nothing stored and the box keeping its text. The store's own refusal: tests/test_store.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr
import pytest

from console import i18n
from console.store.repository import MAX_FEEDBACK_CHARS
from console.ui.rating import save_comment
from console.ui.state import ChatState, Turn
from tests.test_resume import _Console, console  # noqa: F401  (fixture)


def too_long_notice(language: str) -> str:
    return i18n.current().messages[language].notice("feedback_too_long")


def answered(c: _Console, language: str) -> tuple[ChatState, str]:
    """A session whose screen shows one stored question and its stored reply."""
    state = ChatState(ui_language=language)
    cid = c.store.create_conversation(
        language=language, business_line="general", model="m", backend="b", params={}
    )
    question = c.store.add_message(cid, role="user", content="Onde está meu pedido?")
    reply = c.store.add_message(cid, role="assistant", content="Seu pedido saiu hoje.")
    state.conversation_id = cid
    state.turns = [
        Turn(role="user", text="Onde está meu pedido?", message_id=question),
        Turn(role="assistant", text="Seu pedido saiu hoje.", message_id=reply),
    ]
    return state, reply


def components(c: _Console) -> dict[str, Any]:
    """The page's components by their elem_id."""
    found: dict[str, Any] = {}
    for block in c.app.blocks.blocks.values():
        elem_id = getattr(block, "elem_id", None)
        if elem_id:
            found[str(elem_id)] = block
    return found


def test_the_reason_and_comment_boxes_stop_at_the_stores_limit(
    console: Callable[..., _Console],  # noqa: F811  (the fixture imported above)
) -> None:
    c = console(lambda m: "Noted.")
    boxes = components(c)
    assert boxes["feedback-text"].max_length == MAX_FEEDBACK_CHARS
    assert boxes["rating-comment"].max_length == MAX_FEEDBACK_CHARS


def test_a_longer_thumbs_down_reason_is_refused_in_the_customers_language(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    c = console(lambda m: "Noted.")
    state, reply = answered(c, "pt")
    c.store.set_feedback(reply, -1)  # the thumbs down, before the reason
    with pytest.raises(gr.Error) as refused:
        c.chat.feedback_reason(state, reply, "r" * (MAX_FEEDBACK_CHARS + 1))
    assert refused.value.message == too_long_notice("pt")
    stored = c.store.get_conversation(state.conversation_id or "").messages[1]
    assert (stored.feedback, stored.feedback_reason) == (-1, None)
    # at the limit it is kept, and the box empties
    kept = c.chat.feedback_reason(state, reply, "r" * MAX_FEEDBACK_CHARS)
    assert kept["feedback_text"] == ""
    assert c.store.get_conversation(state.conversation_id or "").messages[1].feedback_reason == (
        "r" * MAX_FEEDBACK_CHARS
    )


def test_a_longer_rating_comment_is_refused_in_the_customers_language(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    c = console(lambda m: "Noted.")
    state, _ = answered(c, "ja")
    cid = state.conversation_id or ""
    c.store.set_rating(cid, 4)
    with pytest.raises(gr.Error) as refused:
        save_comment(c.store, state, (cid, 4), "コ" * (MAX_FEEDBACK_CHARS + 1))
    assert refused.value.message == too_long_notice("ja")
    assert c.store.rating_of(cid) == (4, None)
    saved = save_comment(c.store, state, (cid, 4), "とても親切でした。")
    assert saved["rating_comment"] == "" and c.store.rating_of(cid) == (4, "とても親切でした。")
