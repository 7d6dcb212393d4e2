"""Many customers, few slots: with every generation slot busy, a customer sees their place
in the console's one line, in their own language, and is answered when their turn comes.
Two real browser contexts; the API and the chat share the same line."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from console.backends.base import ChatMessage, Usage
from console.options import GenerationOptions
from console.service import create_app
from tests.fakes import ScriptedBackend
from tests.test_browser import chat_text, send, wait_for
from tests.test_day_one import browser, idle, open_page  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


@dataclass
class HeldBackend(ScriptedBackend):
    """A stream whose last message contains a key of ``gates`` stops after ``after`` chunks
    until that gate opens, so the test sees each place in line for as long as it needs,
    however slow the machine (with fixed reply lengths a place showed for a few seconds at
    most, and a loaded CI missed one). Keyed by the customer's text, not by call order: a
    reply judged to be in the wrong language is generated again, as a second call."""

    gates: dict[str, threading.Event] = field(default_factory=dict)
    after: int = 3

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: threading.Event | None = None,
        usage: Usage | None = None,
        *,
        scope: str | None = None,
    ) -> Iterator[str]:
        last = messages[-1]["content"] if messages else ""
        gate = next((g for key, g in self.gates.items() if key in last), None)
        for i, chunk in enumerate(super().stream(messages, options, cancel, usage, scope=scope)):
            if gate is not None and i == self.after:
                gate.wait(120)
            yield chunk


def test_a_waiting_customer_sees_their_place_in_their_language(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
) -> None:
    # the first customer's reply, then the API call's, hold the one slot until released
    first_done, api_done = threading.Event(), threading.Event()
    backend = HeldBackend(
        reply=lambda m: "Antwort " + " ".join(["wort"] * 10),
        delay=0.05,
        gates={"where is my parcel": first_done, "Hi there": api_done},
    )
    app = launched(create_app(make_config(concurrency=1), backend=backend))
    try:
        first = open_page(browser, app.local_url)
        second = open_page(browser, app.local_url, locale="de-DE")
        send(first, "Hello, where is my parcel?")
        wait_for(lambda: "Antwort" in chat_text(first), what="the first reply streaming")
        # an API client also waits in the same line, behind the first customer
        api_result: list[int] = []
        caller = threading.Thread(
            target=lambda: api_result.append(
                httpx.post(
                    f"{app.local_url.rstrip('/')}/v1/chat/completions",
                    json={"messages": [{"role": "user", "content": "Hi there"}], "max_tokens": 5},
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
        wait_for(lambda: "Antwort" in chat_text(second), timeout=40, what="answered in turn")
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
