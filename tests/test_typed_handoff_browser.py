"""A customer's thanks that names a member of staff, then a request for a person in words no
phrase lists, played in Chromium by the customer and the operator at once: the thanks is
answered by the assistant, the request goes to a person with no model call, and the stored
transcript is what both screens showed (console/guard/escalation.py: the words that ask only
as the whole message, and the two halves of a request)."""

from __future__ import annotations

from typing import Any

import pytest

from console.service import create_app
from tests.fakes import ScriptedBackend
from tests.test_browser import chat_text, send, wait_for
from tests.test_day_one import CUSTOMER, OPERATOR, browser, idle, open_listed, open_page

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the module's browser fixture, shared

# "Agent Sarah ..." was handed over before (the bare word "agent" was a phrase)
THANKS = "Agent Sarah helped me last week, thank you! Where is my parcel 4711 now?"
# no whole phrase lists it: "connect me" + "shipping dept", one clause
REQUEST = "pls connect me w/ the shipping dept, it's been stuck in customs for 9 days"
ANSWER = "Your parcel 4711 left the warehouse on Monday and is in transit to you."
REPLY = "Hi, this is Maria from shipping: your parcel clears customs today."


def test_a_request_in_the_customers_own_words_reaches_a_person_and_thanks_do_not(
    browser: Any, make_config: Any, launched: Any
) -> None:
    backend = ScriptedBackend(reply=lambda _messages: ANSWER, delay=0.02)
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],), business_line="ecommerce")
    app = launched(create_app(config, backend=backend))
    persona, _ = app.pipeline.personas.persona("ecommerce", "en")

    customer = open_page(browser, app.local_url, CUSTOMER)
    send(customer, THANKS)
    wait_for(lambda: "in transit" in chat_text(customer), timeout=30, what="the assistant's answer")
    idle(app)
    assert persona.escalation[:30] not in chat_text(customer)
    conversation = app.store.list_conversations()[0].id
    assert app.store.get_conversation(conversation).escalation_reason is None

    send(customer, REQUEST)
    wait_for(lambda: persona.escalation[:30] in chat_text(customer), timeout=30, what="the handoff line")
    idle(app)
    assert len(backend.answers) == 1, "the model was asked after the customer asked for a person"

    # the operator finds it in the queue, with the reason in words, takes it and answers
    operator = open_page(browser, app.local_url, OPERATOR)
    viewer = open_listed(operator, "#escalation-queue", "Agent Sarah", listed="asked for a person")
    wait_for(lambda: "shipping dept" in viewer.inner_text(), what="the conversation opened")
    operator.locator("#take").click()
    wait_for(lambda: "maria" in operator.locator("#owner-info textarea").input_value(), what="taken")
    operator.locator("#agent-text textarea").fill(REPLY)
    operator.locator("#agent-send").click()
    wait_for(lambda: "clears customs" in chat_text(customer), timeout=10, what="the person's reply")
    wait_for(lambda: "clears customs" in viewer.inner_text(), timeout=10, what="her answer in her view")

    # the stored transcript is what both screens showed
    record = app.store.get_conversation(conversation)
    assert record.escalation_reason == "human"
    assert [m.role for m in record.messages] == ["user", "assistant", "user", "assistant", "agent"]
    assert [m.content for m in record.messages] == [THANKS, ANSWER, REQUEST, persona.escalation, REPLY]
    customer_screen, operator_screen = chat_text(customer), viewer.inner_text()
    for message in record.messages:
        assert message.content[:30] in customer_screen, f"{message.role} missing on the customer's screen"
        assert message.content[:30] in operator_screen, f"{message.role} missing on the operator's screen"
    customer.context.close()
    operator.context.close()
