"""Presence, in two browser contexts at once: the operator sees whether the customer is
still on the page, and a waiting customer is told when nobody of the team is online.

Before, nothing said either: an operator took a waiting conversation and answered into a
tab the customer had closed long before; and a customer who asked for a person at night
read "a person will answer here shortly" and waited for nobody.
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

OFFLINE = "nobody is online right now. You can close this page and open it again later"
SHORTLY = "A person from our team will answer here shortly."


def test_the_operator_sees_the_customer_come_and_go_and_the_customer_sees_the_team(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the same code at a faster pace: pages say so every 0.5 s, gone after 3 s of silence
    monkeypatch.setattr(transcripts, "PRESENCE_EVERY_S", 0.5)
    monkeypatch.setattr(transcripts, "HERE_S", 3.0)
    monkeypatch.setattr(chat_module, "TEAM_CACHE_S", 0.5)
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "The bot answers.")))
    customer = open_page(browser, app.local_url, CUSTOMER)
    banner = customer.locator("#banner")
    send(customer, "I want to talk to a person about a refund")
    # nobody of the team has the console open: the customer is told so, and how to come back
    wait_for(lambda: OFFLINE in banner.inner_text(), what="the customer told nobody is online")

    operator = open_page(browser, app.local_url, OPERATOR)  # the Chat tab: its queue timer ticks
    wait_for(lambda: SHORTLY in banner.inner_text(), timeout=15, what="the customer told someone is here")
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

    # the operator leaves too: a customer who asks now is told nobody is online
    operator.context.close()
    other = open_page(browser, app.local_url, CUSTOMER)
    send(other, "I want to talk to a person about my invoice")
    wait_for(lambda: OFFLINE in other.locator("#banner").inner_text(), timeout=15, what="nobody online again")
    other.context.close()
