"""Many customers, few slots: with every generation slot busy, a customer sees their place
in the console's one line, in their own language, and is answered when their turn comes.
Two real browser contexts; the API and the chat share the same line."""

from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest

from console.service import create_app
from tests.fakes import HeldBackend, prose
from tests.test_browser import chat_text, send, wait_for
from tests.test_day_one import browser, idle, open_page  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


ENGLISH, GERMAN = "Your parcel is on its way. ", "Ihr Paket ist unterwegs. "


def test_a_waiting_customer_sees_their_place_in_their_language(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
) -> None:
    # the first customer's reply, then the API call's, hold the one slot until released
    first_done, api_done = threading.Event(), threading.Event()
    backend = HeldBackend(
        # in the customer's language, so that it shows as it streams (console/pipeline.py)
        reply=lambda m: (GERMAN if "Paket" in m[-1]["content"] else ENGLISH) + prose(10, "word"),
        delay=0.05,
        gates={"where is my parcel": first_done, "Hi there": api_done},
        after=8,  # past the first sentence: its language confirmed, it shows
    )
    app = launched(create_app(make_config(concurrency=1), backend=backend))
    try:
        first = open_page(browser, app.local_url)
        second = open_page(browser, app.local_url, locale="de-DE")
        send(first, "Hello, where is my parcel?")
        wait_for(lambda: ENGLISH.strip() in chat_text(first), what="the first reply streaming")
        # an API client also waits in the same line, behind the first customer
        api_result: list[int] = []
        caller = threading.Thread(
            target=lambda: api_result.append(
                httpx.post(
                    f"{app.local_url.rstrip('/')}/v1/chat/completions",
                    json={"messages": [{"role": "user", "content": "Hi there"}], "max_tokens": 12},
                    timeout=60,
                ).status_code
            )
        )
        caller.start()
        wait_for(lambda: app.context.admission.waiting == 1, what="the API call waiting")
        send(second, "Hallo, wo ist mein Paket?")
        wait_for(
            lambda: "Platz 2 in der Warteschlange" in chat_text(second),
            what="the place in line, in German",
        )
        first_done.set()  # the first reply ends: the API call is served, the customer is next
        wait_for(lambda: "Platz 1 in der Warteschlange" in chat_text(second), timeout=30, what="moved up")
        api_done.set()
        wait_for(lambda: GERMAN.strip() in chat_text(second), timeout=40, what="answered in turn")
    finally:
        first_done.set()
        api_done.set()
    idle(app)
    assert "Warteschlange" not in chat_text(second)  # the badge goes once it is answered
    caller.join(30)
    assert api_result == [200]
    assert backend.max_active == 1  # never more than --concurrency at once
    stored = [s.preview for s in app.store.list_conversations()]
    assert sorted(stored) == sorted(["Hello, where is my parcel?", "Hi there", "Hallo, wo ist mein Paket?"])
    first.context.close()
    second.context.close()
