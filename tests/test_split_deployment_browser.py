"""The deployment the README proposes for the public: a `--customer-only` console on a
network bind without logins, and the team's console on 127.0.0.1, both on one database.
Played in Chromium: an anonymous customer on the public console, an operator on the team's,
each console its own app with its own pipeline and caches, sharing only the SQLite file.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from console.service import create_app
from tests.conftest import free_port
from tests.fakes import ScriptedBackend
from tests.test_browser import chat_text, send, wait_for
from tests.test_day_one import (  # noqa: F401  (browser: a fixture)
    browser,
    open_listed,
    open_page,
    replies_by_language,
    staff_visible,
)

pytestmark = pytest.mark.browser


def test_a_public_customer_only_console_and_the_teams_console_on_one_database(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
) -> None:
    public_backend = ScriptedBackend(reply=replies_by_language, delay=0.01)
    public = launched(
        create_app(
            make_config(host="0.0.0.0", customer_only=True, business_line="ecommerce"),
            backend=public_backend,
        )
    )
    team = launched(
        create_app(
            make_config(port=free_port(), business_line="ecommerce"),
            backend=ScriptedBackend(reply=replies_by_language, delay=0.01),
        )
    )
    customer = open_page(browser, public.local_url)
    assert not staff_visible(customer)
    send(customer, "Hello, my parcel 4711 has not arrived")
    wait_for(lambda: "Answer to «Hello, my parcel" in chat_text(customer), what="the assistant's answer")
    send(customer, "I want to talk to a person")
    banner = customer.locator("#banner")
    wait_for(lambda: "person from our team" in banner.inner_text(), what="the handoff")

    # the operator, on the team's console: the customer waits, is on the page, and her
    # messages arrive live
    operator = open_page(browser, team.local_url)
    wait_for(lambda: operator.title().startswith("(1) "), timeout=15, what="the waiting customer")
    viewer = open_listed(operator, "#escalation-queue", "Hello, my parcel")
    wait_for(lambda: "talk to a person" in viewer.inner_text(), what="the conversation opened")
    wait_for(lambda: "The customer is on the page now." in viewer.inner_text(), what="her presence")
    operator.locator("#take").click()
    wait_for(lambda: "from our team is answering you" in banner.inner_text(), what="the customer told")
    calls = len(public_backend.answers)
    send(customer, "Are you there?")
    wait_for(lambda: "Are you there?" in viewer.inner_text(), timeout=10, what="her message, live")
    operator.locator("#agent-text textarea").fill("Yes, I am here. Your parcel arrives tomorrow.")
    operator.locator("#agent-send").click()
    wait_for(lambda: "arrives tomorrow" in chat_text(customer), timeout=10, what="the person's reply")
    time.sleep(1.0)
    assert len(public_backend.answers) == calls, "the public console's model stays silent"

    # handed back on the team's console: the public console's assistant answers again
    operator.locator("#hand-back").click()
    wait_for(lambda: "AI assistant again" in banner.inner_text(), what="the customer told")
    send(customer, "One more thing about returns")
    wait_for(lambda: "Answer to «One more thing" in chat_text(customer), what="the assistant again")
    wait_for(lambda: "Answer to «One more thing" in viewer.inner_text(), what="the operator's view follows")

    # one stored conversation, what both screens showed, in order
    summaries = team.store.list_conversations()
    assert len(summaries) == 1
    record = team.store.get_conversation(summaries[0].id)
    shown, seen = chat_text(customer), viewer.inner_text()
    at = 0
    for message in record.messages:
        probe = message.content.replace("…", "").strip()[:30]
        assert probe in seen, f"{message.role} message missing for the operator: {probe!r}"
        assert probe in shown[at:], f"{message.role} message missing for the customer: {probe!r}"
        at = shown.index(probe, at) + len(probe)
    assert [m.role for m in record.messages].count("agent") == 1
