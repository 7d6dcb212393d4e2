"""A person of the team lets go of a conversation while the customer has it open: played in
Chromium with a German customer and an English-speaking operator in two browser contexts.

Before, the customer's "who answers" line went blank when Maria handed back, and the
assistant's next answer appeared under hers with nothing to tell them apart but the name on
her bubbles: the customer thanked "Maria" for the assistant's answer.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from console.service import create_app
from console.ui.labels import labels
from tests.fakes import ScriptedBackend
from tests.test_browser import chat_text, download, send, wait_for
from tests.test_day_one import (  # noqa: F401  (browser: a fixture)
    CUSTOMER,
    OPERATOR,
    browser,
    idle,
    open_listed,
    open_page,
    replies_by_language,
)

pytestmark = pytest.mark.browser

DE = labels("de")


def _german_customer_waiting(
    browser: Any,  # noqa: F811  (the fixture's page, passed on)
    make_config: Any,
    launched: Any,
) -> tuple[Any, Any]:
    """A console, and a German customer whose request for a person was answered with the
    persona's handoff line: (app, the customer's page)."""
    backend = ScriptedBackend(reply=replies_by_language, delay=0.02)
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],), business_line="ecommerce")
    app = launched(create_app(config, backend=backend))
    customer = open_page(browser, app.local_url, CUSTOMER, locale="de-DE")
    send(customer, "Ich möchte mit einem Menschen sprechen")
    persona, _ = app.pipeline.personas.persona("ecommerce", "de")
    wait_for(lambda: persona.escalation[:30] in chat_text(customer), what="the handoff line")
    return app, customer


def test_the_customer_is_told_when_the_person_hands_back_and_when_the_conversation_is_resolved(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
    tmp_path: Path,
) -> None:
    app, customer = _german_customer_waiting(browser, make_config, launched)
    banner = customer.locator("#banner")

    operator = open_page(browser, app.local_url, OPERATOR)
    viewer = open_listed(operator, "#escalation-queue", "Ich möchte mit einem")
    # maria reads German: she unticks the translation while the view opens (translating the
    # customer's message); the view follows the box, not the opening that finished last
    operator.locator("#show-translations input").uncheck()
    # (a translated view quotes the original too: the translation's marker is what tells)
    wait_for(
        lambda: (
            "einem Menschen sprechen" in viewer.inner_text()
            and "Machine translation" not in viewer.inner_text()
        ),
        what="the original, untranslated",
    )
    time.sleep(1.0)  # the opening's translation, were it to come last, has come
    assert "Machine translation" not in viewer.inner_text()
    operator.locator("#take").click()
    wait_for(lambda: "maria" in banner.inner_text(), what="the customer told maria answers")
    operator.locator("#agent-text textarea").fill("Hallo, hier ist Maria. Das Paket kommt morgen.")
    operator.locator("#agent-send").click()
    wait_for(lambda: "kommt morgen" in chat_text(customer), timeout=10, what="maria's answer")

    # maria hands back: the customer is told, in German, that the AI assistant answers now,
    # and which button brings a person back
    operator.locator("#hand-back").click()
    again = "🤖 " + DE["banner_assistant_again"].format(button=DE["talk_to_human"])
    wait_for(lambda: banner.inner_text().strip() == again, what="the customer told the assistant answers")
    # ... and a screen reader says it: the line is a live status region
    status = customer.get_by_role("status").filter(has_text="KI-Assistenten")
    assert status.count() == 1 and status.get_attribute("aria-live") == "polite"
    assert "KI-Assistenten" in again and "„Mit einem Menschen sprechen“" in again
    send(customer, "Danke, und wie geht die Rücksendung?")
    wait_for(lambda: "Answer to «Danke, und wie" in chat_text(customer), what="the assistant's answer")
    idle(app)
    assert banner.inner_text().strip() == again  # still there beside the assistant's answer

    # the reload keeps it
    customer.reload()
    customer.locator("#message textarea").wait_for()
    wait_for(lambda: "Answer to «Danke, und wie" in chat_text(customer), what="the conversation back")
    wait_for(lambda: banner.inner_text().strip() == again, what="the banner after the reload")

    # maria resolves it: the customer is told that, and that writing here still reaches the
    # assistant
    wait_for(lambda: "Answer to «Danke, und wie" in viewer.inner_text(), what="the operator's view")
    operator.locator("#resolve").click()
    resolved = "✅ " + DE["banner_resolved"].format(button=DE["talk_to_human"])
    wait_for(lambda: banner.inner_text().strip() == resolved, what="the customer told it is resolved")
    assert "als gelöst markiert" in resolved

    # asking for a person again: waiting for one, said as before
    customer.locator("#talk-to-human").click()
    wait_for(lambda: "Mitarbeiter unseres Teams" in banner.inner_text(), what="waiting for a person again")

    # the stored conversation is what both screens showed, in the same order (the handoff
    # line comes twice: each found after the one before)
    wait_for(lambda: app.pipeline.active_streams == 0, what="the turns to end")
    record = app.store.get_conversation(app.store.list_conversations()[0].id)
    shown = chat_text(customer)
    probes = [m.content.replace("…", "").strip()[:30] for m in record.messages]
    wait_for(lambda: all(p in viewer.inner_text() for p in probes), what="maria's view, whole")
    seen = viewer.inner_text()
    at = 0
    for message in record.messages:
        probe = message.content.replace("…", "").strip()[:30]
        assert probe in seen, f"{message.role} message missing for maria: {probe!r}"
        assert probe in shown[at:], f"{message.role} message missing on the customer's screen: {probe!r}"
        at = shown.index(probe, at) + len(probe)
    roles = [m.role for m in record.messages]
    assert roles == ["user", "assistant", "agent", "user", "assistant", "assistant"]

    # the customer downloads it: their screen, in German, in the same order; nothing of the
    # team's record (the model, the handoff reason "asked for a person", the status)
    mine = download(customer, tmp_path).read_text(encoding="utf-8")
    assert mine.startswith(f"# {DE['download_heading']}\n")
    assert mine.count(f"**{DE['you']}**") == 2 and f"**🧑\u200d💼 maria · {DE['support_team']}**" in mine
    at = 0
    for message in record.messages:
        assert message.content in mine[at:], f"{message.role} message missing from the download"
        at = mine.index(message.content, at) + len(message.content)
    for private in ("scripted", "ecommerce", "escalated", "human", DE["reason_human"], "Model"):
        assert private not in mine, private


def test_a_question_left_for_the_person_is_answered_by_the_assistant_after_the_hand_back(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
) -> None:
    # Before, the customer's question written to maria stayed unanswered for good when she
    # handed back without answering it: the assistant answered only what came after, and
    # the customer's screen said the assistant answers now, under a question nobody took up.
    app, customer = _german_customer_waiting(browser, make_config, launched)

    operator = open_page(browser, app.local_url, OPERATOR)
    viewer = open_listed(operator, "#escalation-queue", "Ich möchte mit einem")
    wait_for(lambda: "einem Menschen sprechen" in viewer.inner_text(), what="the conversation opened")
    operator.locator("#take").click()
    banner = customer.locator("#banner")
    wait_for(lambda: "maria" in banner.inner_text(), what="the customer told maria answers")
    operator.locator("#agent-text textarea").fill("Hallo, hier ist Maria.")
    operator.locator("#agent-send").click()
    wait_for(lambda: "hier ist Maria" in chat_text(customer), timeout=10, what="maria's answer")
    send(customer, "Wie geht die Rücksendung?")
    wait_for(lambda: "Wie geht die Rücksendung" in viewer.inner_text(), what="the question in maria's view")

    # maria hands back without answering it: the assistant does, on the customer's open page
    operator.locator("#hand-back").click()
    wait_for(
        lambda: "Answer to «Wie geht die Rücksendung»" in chat_text(customer),
        timeout=15,
        what="the assistant's answer to the question left for maria",
    )
    idle(app)
    wait_for(lambda: "Answer to «Wie geht die Rücksendung" in viewer.inner_text(), what="maria's view")
    time.sleep(2.5)  # two more polls: taken up once, not answered again
    record = app.store.get_conversation(app.store.list_conversations()[0].id)
    assert [m.role for m in record.messages] == ["user", "assistant", "agent", "user", "assistant"]
    shown, seen = chat_text(customer), viewer.inner_text()
    at = 0
    for message in record.messages:
        probe = message.content.replace("…", "").strip()[:30]
        assert probe in seen, f"{message.role} message missing for maria: {probe!r}"
        assert probe in shown[at:], f"{message.role} message missing on the customer's screen: {probe!r}"
        at = shown.index(probe, at) + len(probe)
    assert shown.count("Answer to «Wie geht die Rücksendung") == 1
