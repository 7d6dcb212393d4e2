"""A model that answers in another language twice, played in Chromium by the customer and
the operator at once: the customer gets the persona's hand-over line in their own language,
never a reply they may not read, and a person answers (console/pipeline.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from console.backends.base import ChatMessage
from console.service import create_app
from tests.fakes import ScriptedBackend, is_translation
from tests.test_browser import chat_text, send, wait_for
from tests.test_day_one import CUSTOMER, OPERATOR, browser, idle, open_listed, open_page

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the module's browser fixture, shared

QUESTION = "Hallo, mein Paket ist seit einer Woche unterwegs. Wo ist es?"
AGAIN = "Hallo? Ist da jemand?"
#: what the operator's translations say (maria reads English)
TRANSLATIONS = {
    QUESTION: "Hello, my parcel has been on its way for a week. Where is it?",
    AGAIN: "Hello? Anyone there?",
}
# what the model writes to the German customer, both times: English
ENGLISH = (
    "Thank you for your message. Your parcel left our warehouse yesterday and should reach "
    "you within three working days. You can follow it from the Orders page of your account."
)


#: every text the customer's chat ever rendered, recorded from the page's first frame
RECORD_CHAT = r"""
window.__seen = [];
new MutationObserver(() => {
  const log = document.querySelector("#chatbot [role=log]");
  if (log) window.__seen.push(log.innerText);
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def english_model(messages: Sequence[ChatMessage]) -> str:
    if is_translation(messages):
        return next(english for german, english in TRANSLATIONS.items() if german in messages[-1]["content"])
    return ENGLISH


def test_a_reply_in_another_language_twice_hands_the_customer_to_a_person(
    browser: Any, make_config: Any, launched: Any
) -> None:
    backend = ScriptedBackend(reply=english_model, delay=0.03)
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],), business_line="ecommerce")
    app = launched(create_app(config, backend=backend))
    persona, _ = app.pipeline.personas.persona("ecommerce", "de")

    customer = open_page(browser, app.local_url, CUSTOMER, locale="de-DE", init_script=RECORD_CHAT)
    send(customer, QUESTION)
    wait_for(
        lambda: persona.escalation[:30] in chat_text(customer), timeout=40, what="the German handoff line"
    )
    idle(app)
    assert len(backend.answers) == 2  # asked again once, with the reminder
    shown = chat_text(customer)
    assert "warehouse" not in shown and "parcel" not in shown, "English left on the German customer's screen"
    # and never shown on the way: a reply's text shows once its language is confirmed, so
    # nothing appeared and vanished (before, two bursts of English came and went)
    seen = customer.evaluate("window.__seen")
    assert seen and not [text for text in seen if "Thank you" in text]

    # the customer writes again: the model stays silent, a person is waited for
    send(customer, AGAIN)
    wait_for(lambda: "Ist da jemand?" in chat_text(customer), what="the waiting message")
    idle(app)
    assert len(backend.answers) == 2

    # the operator finds it in the queue, with the reason in words, and answers
    operator = open_page(browser, app.local_url, OPERATOR)
    viewer = open_listed(
        operator, "#escalation-queue", "Hallo, mein Paket", listed="the assistant could not answer"
    )
    wait_for(lambda: "Anyone there?" in viewer.inner_text(), what="the conversation opened")
    operator.locator("#take").click()
    wait_for(lambda: "maria" in operator.locator("#owner-info textarea").input_value(), what="taken")
    operator.locator("#agent-text textarea").fill(
        "Hallo, hier ist Maria. Ihr Paket ist in Köln und kommt morgen."
    )
    operator.locator("#agent-send").click()
    wait_for(lambda: "kommt morgen" in chat_text(customer), timeout=10, what="the person's reply")
    # her own view draws her answer on its next refresh (under CI's load, after the customer's)
    wait_for(lambda: "kommt morgen" in viewer.inner_text(), timeout=10, what="her answer in her view")

    # the stored transcript is what both screens showed, and holds no English reply
    record = app.store.get_conversation(app.store.list_conversations()[0].id)
    assert [m.role for m in record.messages] == ["user", "assistant", "user", "agent"]
    assert record.messages[1].content == persona.escalation
    assert record.messages[1].meta["language_retry"] == "handed_over"
    assert record.escalation_reason == "model_unsure"
    customer_screen, operator_screen = chat_text(customer), viewer.inner_text()
    for message in record.messages:
        assert "warehouse" not in message.content
        assert message.content[:30] in customer_screen, f"{message.role} missing on the customer's screen"
        seen = message.translation if message.role == "user" and message.translation else message.content
        assert seen[:30] in operator_screen, f"{message.role} missing on the operator's screen"
    customer.context.close()
    operator.context.close()
