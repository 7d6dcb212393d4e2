"""The operator sees whether the customer is still on the page, in two browser contexts at
once. Before, nothing said so: an operator took a waiting conversation and answered into
a tab the customer had closed long before, and could not tell.
"""

from __future__ import annotations

from typing import Any

import pytest

from console import transcripts
from console.service import create_app
from console.ui import chat as chat_module
from tests.fakes import ScriptedBackend
from tests.test_browser import send, wait_for
from tests.test_day_one import CUSTOMER, OPERATOR, browser, open_listed, open_page  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


def test_the_operator_sees_the_customer_on_the_page_and_then_gone(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the same code at a faster pace: the page says so every 0.5 s, gone after 3 s of silence
    monkeypatch.setattr(chat_module, "SEEN_EVERY_S", 0.5)
    monkeypatch.setattr(transcripts, "HERE_S", 3.0)
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "The bot answers.")))
    customer = open_page(browser, app.local_url, CUSTOMER)
    send(customer, "I want to talk to a person about a refund")
    wait_for(lambda: "person from our team" in customer.locator("#banner").inner_text(), what="the handoff")

    operator = open_page(browser, app.local_url, OPERATOR)
    queue = operator.locator("#escalation-queue")
    view = open_listed(operator, "#escalation-queue", "about a refund")
    wait_for(lambda: "The customer is on the page now." in view.inner_text(), what="the customer here")
    wait_for(lambda: "🟢" in queue.inner_text(), what="the queue marking the customer here")
    customer.context.close()
    wait_for(
        lambda: "The customer left the page 1 min ago." in view.inner_text(),
        timeout=15,
        what="the customer gone, without reopening the view",
    )
    assert "on the page now" not in view.inner_text()
    wait_for(lambda: "⚪" in queue.inner_text() and "🟢" not in queue.inner_text(), what="the queue too")
    operator.context.close()
