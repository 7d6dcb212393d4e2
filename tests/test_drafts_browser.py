"""An operator answering two waiting customers, going back and forth between them: played in
Chromium with both customers and the operator in their own browser contexts.

Before, opening the second conversation (to check what that customer wrote) emptied the
reply box: the half-written answer to the first customer was gone.
"""

from __future__ import annotations

from typing import Any

import pytest

from console.service import create_app
from tests.fakes import ScriptedBackend, prose
from tests.test_browser import chat_text, send, wait_for
from tests.test_day_one import CUSTOMER, OPERATOR, browser, open_listed, open_page  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

SECOND_CUSTOMER = ("ann", "pw-ann")


def test_a_half_written_reply_waits_for_its_conversation_while_the_operator_answers_another(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
) -> None:
    config = make_config(auth=(CUSTOMER, SECOND_CUSTOMER, OPERATOR), operators=(OPERATOR[0],))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "The bot answers.")))
    first = open_page(browser, app.local_url, CUSTOMER)
    send(first, "I want to talk to a person about my refund")
    second = open_page(browser, app.local_url, SECOND_CUSTOMER)
    send(second, "I want to talk to a person about my delivery")
    for banner in (first.locator("#banner"), second.locator("#banner")):
        wait_for(lambda: "person from our team" in banner.inner_text(), what="the handoff")  # noqa: B023

    operator = open_page(browser, app.local_url, OPERATOR)
    box = operator.locator("#agent-text textarea")
    viewer = open_listed(operator, "#escalation-queue", "about my refund")
    wait_for(lambda: "about my refund" in viewer.inner_text(), what="the refund conversation")
    operator.locator("#take").click()
    wait_for(lambda: "maria" in first.locator("#banner").inner_text(), what="the first customer told")
    box.fill("Your refund was sent on Monday; it takes")  # half written

    # she opens the other conversation to check it: an empty box for it, and she answers it
    open_listed(operator, "#escalation-queue", "about my delivery")
    wait_for(lambda: "about my delivery" in viewer.inner_text(), what="the delivery conversation")
    wait_for(lambda: box.input_value() == "", what="an empty box for the second conversation")
    operator.locator("#take").click()
    wait_for(lambda: "maria" in second.locator("#banner").inner_text(), what="the second customer told")
    box.fill("Your parcel arrives tomorrow.")
    operator.locator("#agent-send").click()
    wait_for(lambda: "arrives tomorrow" in chat_text(second), timeout=10, what="the second customer's answer")
    wait_for(lambda: box.input_value() == "", what="the box emptied once sent")

    # back to the first: her half-written reply is there, she finishes and sends it
    operator.get_by_role("tab", name="Transcripts").click()
    listing = operator.locator("#transcripts-table")
    wait_for(lambda: "about my refund" in listing.inner_text(), what="the refund conversation listed")
    listing.get_by_role("gridcell").filter(has_text="about my refund").first.click()
    wait_for(lambda: "about my refund" in viewer.inner_text(), what="the refund conversation again")
    wait_for(lambda: box.input_value() == "Your refund was sent on Monday; it takes", what="the draft back")
    box.fill(box.input_value() + " three days to arrive.")
    operator.locator("#agent-send").click()
    wait_for(lambda: "three days to arrive" in chat_text(first), timeout=10, what="the first one's answer")

    # each customer got only their own answer, and the store holds the same
    assert "arrives tomorrow" not in chat_text(first)
    assert "refund was sent" not in chat_text(second)
    for summary in app.store.list_conversations():
        agent = [m.content for m in app.store.get_conversation(summary.id).messages if m.role == "agent"]
        expected = (
            "Your refund was sent on Monday; it takes three days to arrive."
            if "refund" in summary.preview
            else "Your parcel arrives tomorrow."
        )
        assert agent == [expected]


def test_what_the_operator_types_while_a_conversation_opens_stays_in_the_box(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
) -> None:
    # a French customer, an English-reading operator: opening translates the customer's
    # messages first (here about 1.5 s, seconds with a real model on a CPU)
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],))
    backend = ScriptedBackend(reply=lambda m: prose(30, "mot"), delay=0.05)
    app = launched(create_app(config, backend=backend))
    customer = open_page(browser, app.local_url, CUSTOMER, locale="fr-FR")
    send(customer, "Je veux parler à un conseiller au sujet de ma facture")
    banner = customer.locator("#banner")
    wait_for(lambda: "notre équipe" in banner.inner_text(), timeout=40, what="the handoff")

    operator = open_page(browser, app.local_url, OPERATOR)
    box = operator.locator("#agent-text textarea")
    viewer = open_listed(operator, "#escalation-queue", "au sujet de ma facture")
    box.fill("Bonjour, je regarde votre facture.")  # typed at once, while it opens
    wait_for(lambda: "Machine translation" in viewer.inner_text(), timeout=40, what="the view, translated")
    assert box.input_value() == "Bonjour, je regarde votre facture."
