"""A reply caught in a loop is stopped (console/guard/repetition.py): seen on the console's own
defaults, where the bundled SmolLM2-135M wrote "You're in the chat for a moment." forty times
to a customer who asked where their order was."""

from __future__ import annotations

import random
import time
from typing import Any

import pytest

from console.guard.repetition import loop_cut, showable
from console.options import GenerationOptions
from console.personas import PersonaLibrary, default_prompts_dir
from console.pipeline import Pipeline, TurnRequest
from tests.fakes import ScriptedBackend

OPENING = "Just another day in the chat. What can I help you with?\n\n"
LOOP = "You're in the chat for a moment.\n\n"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (OPENING + LOOP * 5, OPENING + LOOP.strip()),
        (OPENING + LOOP * 3 + "You're in", OPENING + LOOP.strip()),  # any phase of the copy
        ("ご注文を確認しています。" * 4, "ご注文を確認しています。"),  # no spaces: letters count
        ("กำลังตรวจสอบคำสั่งซื้อของคุณ " * 3, "กำลังตรวจสอบคำสั่งซื้อของคุณ"),
        ("Sure! " + "I will check your order now. " * 3, "Sure! I will check your order now."),
    ],
)
def test_a_loop_is_cut_after_its_first_copy(text: str, kept: str) -> None:
    cut = loop_cut(text, 0)
    assert cut is not None and text[:cut] == kept


@pytest.mark.parametrize(
    "text",
    [
        "| a | b |\n|---|---|\n|---|---|\n|---|---|\n|---|---|\n",  # no letters repeat
        "------------------------------------------------",
        "- Check the tracking link.\n- Check your spam folder.\n- Check the address.\n",
        "Thank you for waiting. Thank you for waiting.",  # twice is emphasis, not a loop
        "No. No. No. No. No.",  # a unit under 12 characters
        "Order 1001 ships today. Order 1002 ships today. Order 1003 ships today.",
    ],
)
def test_text_that_is_not_a_loop_is_left_alone(text: str) -> None:
    assert loop_cut(text, 0) is None


def test_shown_text_never_vanishes() -> None:
    text = OPENING + LOOP * 4
    assert loop_cut(text, len(text) - 3) == len(text) - 3


def test_a_repeat_that_is_forming_waits_and_is_released_when_it_diverges() -> None:
    forming = "Your order #12345 ships today. Your order #1234"
    assert forming[: showable(forming)] == "Your order #12345 ships today. "
    diverged = forming + "6 ships tomorrow."
    assert showable(diverged) == len(diverged)
    for start in (LOOP[:6], LOOP[:20]):  # from the copy's first word: none of it shows
        second_copy = OPENING + LOOP + start
        assert second_copy[: showable(second_copy)] == OPENING + LOOP.rstrip()


def test_ordinary_text_is_shown_whole() -> None:
    rnd = random.Random(7)
    words = ["order", "refund", "the", "your", "we", "ship", "today", "account", "and", "please"]
    text = " ".join(rnd.choice(words) for _ in range(700))
    # at most a few characters wait for the next check (25 ms), where the end happens to
    # match the text some unit back
    assert len(text) - showable(text) < 12
    assert loop_cut(text, 0) is None


@pytest.fixture(scope="module")
def personas() -> PersonaLibrary:
    return PersonaLibrary(default_prompts_dir())


def test_the_pipeline_stops_a_looping_model_and_shows_one_copy(personas: PersonaLibrary) -> None:
    """The model would write 200 copies: it is stopped within a few, every update the
    customer saw is a prefix of the final reply, and the final reply holds one copy."""
    backend = ScriptedBackend(reply=lambda m: OPENING + LOOP * 200, delay=0.002)
    request = TurnRequest(text="Where is my order?", options=GenerationOptions(max_new_tokens=2000))
    updates = list(Pipeline(backend, personas).stream_turn(request))
    final = updates[-1]
    assert final.status == "complete"
    assert final.reply == OPENING + LOOP.strip()
    # nothing shown vanished (but the blank after the last copy)
    assert all(final.reply.startswith(u.reply.rstrip()) for u in updates)
    assert all(u.reply.count("in the chat for a moment") <= 1 for u in updates)
    assert backend.closed_streams == 1  # the model was stopped, not run to its limit


def test_the_stored_reply_is_the_shown_one_and_says_it_was_stopped(
    personas: PersonaLibrary, tmp_path: object
) -> None:
    from pathlib import Path

    from console.store import Keyring, TranscriptStore

    store = TranscriptStore.open(
        f"sqlite:///{Path(str(tmp_path)) / 'c.db'}", Keyring({1: bytes(range(32))}, "t")
    )
    try:
        backend = ScriptedBackend(reply=lambda m: "Un momento, por favor. " * 100, delay=0.002)
        pipeline = Pipeline(backend, personas, store=store)
        request = TurnRequest(text="¿Dónde está mi pedido?", options=GenerationOptions(max_new_tokens=1000))
        final = list(pipeline.stream_turn(request))[-1]
        assert final.reply == "Un momento, por favor."
        record = store.get_conversation(store.list_conversations()[0].id)
        reply = record.messages[-1]
        assert (reply.content, reply.status) == ("Un momento, por favor.", "complete")
        assert reply.meta is not None and reply.meta.get("repetition") is True
    finally:
        store.close()


@pytest.mark.browser
def test_a_customer_sees_one_copy_and_the_operator_reads_what_they_saw(
    make_config: Any, launched: Any
) -> None:
    """Played in Chromium: a customer and an operator signed in at once; the model loops;
    the customer's bubble grows to one copy and stops (watched every 50 ms: never a second
    copy, never shorter than before), the operator's view of the conversation shows the
    same text, and so does the store."""
    from playwright.sync_api import sync_playwright

    from console.service import create_app
    from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, chat_text, send, wait_for
    from tests.test_day_one import CUSTOMER, OPERATOR, idle, open_listed, open_page

    backend = ScriptedBackend(reply=lambda m: OPENING + LOOP * 200, delay=0.01)
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],))
    app = launched(create_app(config, backend=backend))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        customer = open_page(browser, app.local_url, CUSTOMER)
        operator = open_page(browser, app.local_url, OPERATOR)
        send(customer, "Where is my order 12345?")
        seen: list[str] = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            seen.append(chat_text(customer))
            if app.pipeline.active_streams == 0 and "for a moment" in seen[-1]:
                break
            time.sleep(0.05)
        idle(app)
        final = chat_text(customer)
        assert final.count("You're in the chat for a moment.") == 1, final
        assert all(s.count("in the chat for a moment") <= 1 for s in seen)
        lengths = [len(s) for s in seen if "What can I help" in s]
        assert lengths == sorted(lengths)  # the bubble only grew
        record = app.store.get_conversation(app.store.list_conversations()[0].id)
        stored = record.messages[-1]
        assert stored.content == OPENING + LOOP.strip() and stored.status == "complete"
        assert stored.content.strip() in final  # the screen shows what the store keeps
        view = open_listed(operator, "#transcripts-table", "Where is my order")
        wait_for(lambda: "You're in the chat for a moment." in view.inner_text(), what="the operator's view")
        assert view.inner_text().count("You're in the chat for a moment.") == 1
        browser.close()
