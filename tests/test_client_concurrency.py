"""One client address holds at most ``--client-concurrency`` chat turns in the generation
line, waiting and generating together (console/admission.py).

An outside tester found that fresh Gradio sessions cost nothing: 8 of them from one
address, one message each, filled every slot of the line (an API client's reply went from
1 s to a 429 after 30 s), and 44 of them held 44 of the server's 40 worker threads (an
operator's call went from 0.1 s to 20 s). Now a third turn from the address is refused at
once: the message stays in the chat, marked not answered, a notice says why in the
customer's language, and everyone else is still served.

Driven over HTTP with gradio_client against the launched app; the scripted backend holds
the "slow" replies until the test lets them go, so nothing here depends on timing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import gradio as gr
import httpx
import pytest

from console import i18n
from console.backends.base import ChatMessage
from console.config import load_config
from console.errors import ConfigError
from console.service import create_app
from console.ui.chat import ChatHandlers
from console.ui.errors import show_warning
from console.ui.labels import labels
from console.ui.state import ChatState
from tests.clients import Client
from tests.fakes import ScriptedBackend
from tests.test_app import ask, chat_text
from tests.test_resume import _Console, _Request, console  # noqa: F401  (fixture)

KEY = "website-backend-key"
ANSWER = "Your parcel is on its way."
GERMAN_ANSWER = "Ihr Paket ist unterwegs und wird morgen bei Ihnen zugestellt."
#: generous bound for the server to settle; a deadline to fail by, never a timing asserted
SETTLE_S = 60.0


def client_busy(language: str) -> str:
    return i18n.current().messages[language].notice("client_busy")


class HeldReplies:
    """Replies to messages containing "slow" wait until :meth:`release`; others come at once."""

    def __init__(self) -> None:
        self._go = threading.Event()

    def __call__(self, messages: Sequence[ChatMessage]) -> str:
        if "slow" in messages[-1]["content"]:
            self._go.wait(SETTLE_S)
        return ANSWER

    def release(self) -> None:
        self._go.set()


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str | None]]:
    """Every warning the chat handlers show: (text, language)."""
    seen: list[tuple[str, str | None]] = []

    def record(message: str, language: str | None = None) -> None:
        seen.append((message, language))
        show_warning(message, language)

    monkeypatch.setattr("console.ui.chat.show_warning", record)
    return seen


def wait_until(condition: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + SETTLE_S
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def last_turn(job: Any) -> dict[str, Any]:
    turn: dict[str, Any] = job.result(timeout=SETTLE_S)[1][-1]
    return turn


def test_the_cap_is_two_unless_set_by_flag_or_environment() -> None:
    assert load_config([], environ={}).client_concurrency == 2
    assert load_config(["--client-concurrency", "5"], environ={}).client_concurrency == 5
    assert load_config([], environ={"CONSOLE_CLIENT_CONCURRENCY": "3"}).client_concurrency == 3
    flag_wins = load_config(["--client-concurrency", "4"], environ={"CONSOLE_CLIENT_CONCURRENCY": "3"})
    assert flag_wins.client_concurrency == 4
    for argv, env, setting in (
        (["--client-concurrency", "0"], {}, "--client-concurrency"),
        (["--client-concurrency", "two"], {}, "--client-concurrency"),
        ([], {"CONSOLE_CLIENT_CONCURRENCY": "-1"}, "CONSOLE_CLIENT_CONCURRENCY"),
    ):
        with pytest.raises(ConfigError) as info:
            load_config(argv, environ=env)
        assert info.value.setting == setting


def test_one_address_gets_two_turns_at_once_and_everyone_else_is_served(
    make_config: Any, launched: Any, warnings_shown: list[tuple[str, str | None]], caplog: Any
) -> None:
    replies = HeldReplies()
    backend = ScriptedBackend(reply=replies)
    # three slots: were the address's turns not capped, its five messages would take them all
    config = make_config(concurrency=3, client_concurrency=2, api_keys=(KEY,))
    app = launched(create_app(config, backend=backend))
    clients: list[Client] = []
    try:
        caplog.set_level(logging.WARNING, logger="console.ui.chat")
        # five fresh sessions from one address (127.0.0.1), one message each
        clients = [Client(app.local_url, verbose=False) for _ in range(5)]
        jobs = [ask(client, f"slow question number {n}") for n, client in enumerate(clients)]
        settled = wait_until(lambda: backend.active == 2 and sum(job.done() for job in jobs) == 3)
        assert settled, f"{backend.active} generating, {sum(j.done() for j in jobs)} of 5 answered"
        assert backend.max_active == 2  # never more than two of the address's at once

        refused = [job for job in jobs if job.done()]
        failed = labels("en")["note_failed"]
        for job in refused:
            turn = last_turn(job)
            # the message is kept, as the customer wrote it, and marked to send again
            assert turn["role"] == "user"
            assert "slow question number" in chat_text([turn]) and failed in chat_text([turn])
        assert [text for text, _ in warnings_shown] == [client_busy("en")] * 3
        refusals = [r for r in caplog.records if "--client-concurrency" in r.getMessage()]
        assert len(refusals) == 3 and not any("slow question" in r.getMessage() for r in refusals)

        # the API (no owner: a website's backend carries many customers through one key) is
        # served while the address's two turns still generate
        answer = httpx.post(
            app.local_url.rstrip("/") + "/v1/chat/completions",
            headers={"Authorization": f"Bearer {KEY}"},
            json={"model": "support", "messages": [{"role": "user", "content": "Where is my parcel?"}]},
            timeout=SETTLE_S,
        )
        assert answer.status_code == 200 and answer.json()["choices"][0]["message"]["content"] == ANSWER

        # so is a customer at another address (a proxy on 127.0.0.1 names it; uvicorn
        # trusts X-Forwarded-For from there only)
        elsewhere = Client(app.local_url, verbose=False, headers={"X-Forwarded-For": "203.0.113.9"})
        clients.append(elsewhere)
        turn = last_turn(ask(elsewhere, "Where is my parcel?"))
        assert (turn["role"], chat_text([turn])) == ("assistant", ANSWER)

        # the address's turns end: its places are free again
        replies.release()
        for job in jobs:
            if job not in refused:
                turn = last_turn(job)
                assert (turn["role"], chat_text([turn])) == ("assistant", ANSWER)
        again = last_turn(ask(clients[0], "Where is my parcel?"))
        assert (again["role"], chat_text([again])) == ("assistant", ANSWER)
        assert len(warnings_shown) == 3
    finally:
        replies.release()
        for client in clients:
            client.close()


def test_a_refused_turn_is_kept_marked_and_told_in_the_customers_language(
    console: Callable[..., _Console],  # noqa: F811  (the fixture imported above)
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    c = console(lambda m: GERMAN_ANSWER)
    shown: list[str] = []
    monkeypatch.setattr(gr, "Warning", lambda message, title="", **_: shown.append(message))
    request: Any = _Request(None)  # what the handlers read of gradio's request
    request.client = type("Client", (), {"host": "198.51.100.7"})()
    admission = c.context.admission
    # the console's default cap (the tests' make_config lifts it: one address, many pages)
    monkeypatch.setattr(admission, "per_owner", 2)
    # two turns of this address already in the line (two other tabs)
    held = [admission.join(owner="198.51.100.7") for _ in range(2)]
    state = ChatState(ui_language="de")
    state.enqueue("Wo ist mein Paket?", admitted=True)
    try:
        list(c.chat.drain(state, 0.7, 1.0, 256, "general", "auto", request))
    finally:
        for ticket in held:
            ticket.release()
    turn = state.turns[-1]
    assert (turn.role, turn.text, turn.note, turn.queued) == ("user", "Wo ist mein Paket?", "failed", False)
    assert shown == [client_busy("de")]
    assert c.backend.calls == [] and admission.held_by("198.51.100.7") == 0

    # sent again once a place is free: answered
    state.turns[-1].queued, state.turns[-1].note = True, ""
    list(c.chat.drain(state, 0.7, 1.0, 256, "general", "auto", request))
    assert (state.turns[-1].role, state.turns[-1].text) == ("assistant", GERMAN_ANSWER)


def test_a_conversation_a_person_owns_takes_no_place_and_is_not_capped(
    console: Callable[..., _Console],  # noqa: F811
) -> None:
    c = console(lambda m: ANSWER)
    chat: ChatHandlers = c.chat
    state = ChatState()
    state.enqueue("Hello, where is my parcel?", admitted=True)
    request: Any = _Request(None)  # what the handlers read of gradio's request
    request.client = type("Client", (), {"host": "198.51.100.8"})()
    list(chat.drain(state, 0.7, 1.0, 256, "general", "auto", request))
    assert state.conversation_id is not None
    c.store.transition(state.conversation_id, "escalated", actor="customer", reason="asked")
    c.store.transition(state.conversation_id, "taken", actor="maria")
    held = [c.context.admission.join(owner="198.51.100.8") for _ in range(2)]
    try:
        state.enqueue("Thank you, Maria", admitted=True)
        list(chat.drain(state, 0.7, 1.0, 256, "general", "auto", request))
    finally:
        for ticket in held:
            ticket.release()
    mine = next(t for t in state.turns if t.text == "Thank you, Maria")
    assert mine.note != "failed"  # stored for the person, no slot needed
