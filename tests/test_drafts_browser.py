"""An operator answering two waiting customers, going back and forth between them: played in
Chromium with both customers and the operator in their own browser contexts.

Before, opening the second conversation (to check what that customer wrote) emptied the
reply box: the half-written answer to the first customer was gone.
"""

from __future__ import annotations

import functools
import threading
import time
from typing import Any

import pytest

from console.service import create_app
from console.ui.staff import StaffHandlers
from tests.fakes import ScriptedBackend, prose
from tests.test_browser import chat_text, send, wait_for
from tests.test_day_one import CUSTOMER, OPERATOR, browser, open_listed, open_page  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

SECOND_CUSTOMER = ("ann", "pw-ann")


def _held_replies(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """An operator's reply held on the server (a slow store, a loaded machine): the first
    event is set when one arrives, and it goes once the test sets the second. Held until the
    test has done what happens meanwhile: a fixed 2 s raced the typing on a loaded machine
    (the reply went first, and nothing was typed meanwhile: CI)."""
    sending, release, reply = threading.Event(), threading.Event(), StaffHandlers.reply

    @functools.wraps(reply)
    def held(self: StaffHandlers, *args: Any, **kwargs: Any) -> dict[str, Any]:
        sending.set()
        release.wait(30)
        return reply(self, *args, **kwargs)

    monkeypatch.setattr(StaffHandlers, "reply", held)
    return sending, release


def _two_waiting_the_first_taken(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
) -> tuple[Any, Any, Any, Any]:
    """Two customers waiting for a person, and the operator who took the first: the app and
    the three pages."""
    config = make_config(auth=(CUSTOMER, SECOND_CUSTOMER, OPERATOR), operators=(OPERATOR[0],))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "The bot answers.")))
    first = open_page(browser, app.local_url, CUSTOMER)
    send(first, "I want to talk to a person about my refund")
    second = open_page(browser, app.local_url, SECOND_CUSTOMER)
    send(second, "I want to talk to a person about my delivery")
    for banner in (first.locator("#banner"), second.locator("#banner")):
        wait_for(lambda: "person from our team" in banner.inner_text(), what="the handoff")  # noqa: B023
    operator = open_page(browser, app.local_url, OPERATOR)
    viewer = open_listed(operator, "#escalation-queue", "about my refund")
    wait_for(lambda: "about my refund" in viewer.inner_text(), what="the refund conversation")
    operator.locator("#take").click()
    wait_for(lambda: "maria" in first.locator("#banner").inner_text(), what="the first customer told")
    return app, first, second, operator


def test_a_half_written_reply_waits_for_its_conversation_while_the_operator_answers_another(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
) -> None:
    app, first, second, operator = _two_waiting_the_first_taken(browser, make_config, launched)
    box, viewer = operator.locator("#agent-text textarea"), operator.locator("#conversation-view")
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


def test_what_the_operator_types_while_a_reply_is_sent_stays_in_the_box(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The operator presses Send and, before the server has answered (a slow store, a loaded
    machine), clicks back into the box and writes the next message under the one being
    sent. Before, the server's answer emptied the box: what she wrote meanwhile was gone."""
    sending, release = _held_replies(monkeypatch)
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "The bot answers.")))
    customer = open_page(browser, app.local_url, CUSTOMER)
    send(customer, "I want to talk to a person about my refund")
    operator = open_page(browser, app.local_url, OPERATOR)
    box = operator.locator("#agent-text textarea")
    viewer = open_listed(operator, "#escalation-queue", "about my refund")
    wait_for(lambda: "about my refund" in viewer.inner_text(), what="the refund conversation")
    operator.locator("#take").click()
    wait_for(lambda: "maria" in customer.locator("#banner").inner_text(), what="the customer told")

    box.fill("Your refund was sent on Monday.")
    operator.locator("#agent-send").click()
    assert sending.wait(30)
    box.click()
    box.press("End")
    box.press_sequentially("\nIt takes three days", delay=20)
    release.set()
    wait_for(lambda: "sent on Monday" in chat_text(customer), timeout=30, what="the first reply")
    # what was sent leaves the box; what was typed after it stays, and is the next reply
    wait_for(lambda: box.input_value() == "It takes three days", what="only the sent text taken out")
    box.press_sequentially(" to arrive.", delay=20)
    operator.locator("#agent-send").click()
    wait_for(lambda: "three days to arrive" in chat_text(customer), timeout=30, what="the second reply")
    wait_for(lambda: box.input_value() == "", what="the box emptied once sent")

    # a box rewritten while the reply went is left as it is
    box.fill("Anything else?")
    sending.clear()
    release.clear()
    operator.locator("#agent-send").click()
    assert sending.wait(30)
    box.fill("Have a nice day.")
    release.set()
    wait_for(lambda: "Anything else?" in chat_text(customer), timeout=30, what="the third reply")
    operator.wait_for_timeout(500)
    assert box.input_value() == "Have a nice day."

    (summary,) = app.store.list_conversations()
    agent = [m.content for m in app.store.get_conversation(summary.id).messages if m.role == "agent"]
    assert agent == ["Your refund was sent on Monday.", "It takes three days to arrive.", "Anything else?"]
    for page in (customer, operator):
        page.context.close()


def test_a_conversation_opened_while_a_reply_is_sent_keeps_every_key_and_no_sent_draft(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An outside tester: Send in one conversation, then at once open another and type. The
    first keys typed in the second were lost (2 of 29 switches), and the reply on its way
    was kept as the first conversation's draft: opened again, its box offered the sent
    text, to be sent twice."""
    sending, release = _held_replies(monkeypatch)
    opening_slowly, opener = threading.Event(), StaffHandlers.open

    @functools.wraps(opener)
    def slow_open(self: StaffHandlers, *args: Any, **kwargs: Any) -> dict[str, Any]:
        if opening_slowly.is_set():  # a busy machine: she types before it has opened
            time.sleep(1.0)
        return opener(self, *args, **kwargs)

    monkeypatch.setattr(StaffHandlers, "open", slow_open)
    app, first, _second, operator = _two_waiting_the_first_taken(browser, make_config, launched)
    box, viewer = operator.locator("#agent-text textarea"), operator.locator("#conversation-view")

    box.fill("Your refund was sent on Monday.")
    operator.locator("#agent-send").click()
    assert sending.wait(30)
    opening_slowly.set()
    # at once the other conversation, and she types in its box while it opens
    operator.locator("#escalation-queue").get_by_role("gridcell").filter(
        has_text="about my delivery"
    ).first.click()
    box.press_sequentially("Checking your parcel now", delay=15)
    wait_for(lambda: "about my delivery" in viewer.inner_text(), what="the delivery conversation")
    release.set()
    wait_for(lambda: "sent on Monday" in chat_text(first), timeout=30, what="the first reply")
    operator.wait_for_timeout(500)
    assert box.input_value() == "Checking your parcel now"
    opening_slowly.clear()

    # back to the first: its reply went, nothing of it waits in the box to go again
    open_listed(operator, "#transcripts-table", "about my refund")
    wait_for(lambda: "about my refund" in viewer.inner_text(), what="the refund conversation again")
    operator.wait_for_timeout(500)
    assert box.input_value() == ""
    # and the second's draft is kept for it
    open_listed(operator, "#transcripts-table", "about my delivery")
    wait_for(lambda: "about my delivery" in viewer.inner_text(), what="the delivery conversation again")
    wait_for(lambda: box.input_value() == "Checking your parcel now", what="the second's draft back")
    # each customer got what was written for them, once
    for summary in app.store.list_conversations():
        agent = [m.content for m in app.store.get_conversation(summary.id).messages if m.role == "agent"]
        assert agent == (["Your refund was sent on Monday."] if "refund" in summary.preview else [])
