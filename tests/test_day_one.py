"""Day one for a support team, played in a real browser (Debian chromium + playwright) by
every person in it at once: a customer and an operator in two browser contexts, each
logged in with their own role. What both screens showed is compared with the stored
transcript. Each defect seen by people using the console has its own test here."""

from __future__ import annotations

import contextlib
import functools
import re
import threading
import time
from collections.abc import Iterator, Sequence
from functools import partial
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError

from console.backends.base import ChatMessage
from console.service import create_app
from console.ui.chat import ChatHandlers
from tests.conftest import ROOT
from tests.fakes import ScriptedBackend
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, chat_text, page_text, reads, send, wait_for

pytestmark = pytest.mark.browser

CUSTOMER = ("cy", "pw-cy")
OPERATOR = ("maria", "pw-maria")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def open_page(
    browser: Any,
    url: str,
    login: tuple[str, str] | None = None,
    locale: str = "en-US",
    init_script: str | None = None,
    **device: Any,
) -> Any:
    """``init_script`` runs before the page's own scripts (an observer that must see its
    first frame); ``device`` overrides the context's screen (``viewport``, ``is_mobile``...)."""
    screen = {"viewport": {"width": 1360, "height": 900}, **device}
    context = browser.new_context(locale=locale, accept_downloads=True, **screen)
    if init_script is not None:
        context.add_init_script(init_script)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    if login is not None:
        page.locator("input[type=password]").first.wait_for()
        if not locale.startswith("en"):  # the sign-in page in the visitor's language only
            assert "Sign in" not in page.locator("body").inner_text()
        page.locator("input[type=text], input:not([type])").first.fill(login[0])
        page.locator("input[type=password]").first.fill(login[1])
        page.locator("input[type=password]").first.press("Enter")
    page.locator("#message textarea").wait_for()
    page_text[:] = [lambda: chat_text(page)]  # what a timed-out wait_for shows
    return page


def open_listed(
    operator: Any, table: str, preview: str, listed: str | None = None, tab: str = "Transcripts"
) -> Any:
    """In the operator's Transcripts tab (``tab``: its name in the operator's language), the
    row of ``table`` (``#escalation-queue``, ``#transcripts-table``) showing ``preview``
    opened, once the table shows ``listed`` (default: the preview); returns the viewer."""
    operator.get_by_role("tab", name=tab).click()
    rows = operator.locator(table)
    wait_for(lambda: (listed or preview) in rows.inner_text(), what=f"{listed or preview!r} in {table}")
    rows.get_by_role("gridcell").filter(has_text=preview).first.click()
    return operator.locator("#conversation-view")


def staff_visible(page: Any) -> bool:
    return (
        bool(page.locator("#staff-sidebar").is_visible())
        or page.get_by_role("tab", name="Transcripts").count() > 0
    )


def replies_by_language(messages: Sequence[ChatMessage]) -> str:
    """A slow, word-by-word reply that names what it answers, so order can be checked."""
    last = messages[-1]["content"]
    text = re.sub(r"</?customer_message>", "", last).strip()
    return f"Answer to «{text[:24]}» " + " ".join(["…"] * 25)


@pytest.fixture
def support_app(make_config: Any, launched: Any) -> Any:
    backend = ScriptedBackend(reply=replies_by_language, delay=0.04)
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],), business_line="ecommerce")
    return launched(create_app(config, backend=backend)), backend


def idle(app: Any) -> None:
    wait_for(lambda: app.pipeline.active_streams == 0, what="the turns to end")
    time.sleep(0.5)


# The headers of the staff tables whose text takes more lines than it has words.
_HEADERS_BROKEN_INSIDE_A_WORD = """() => [...document.querySelectorAll(
    '#transcripts-table th, #escalation-queue th')].filter(th => {
  const text = th.innerText.trim();
  if (!text) return false;
  const tops = new Set();
  const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
  }
  return tops.size > text.split(/\\s+/).length;
}).map(th => th.innerText.trim())"""


def test_a_whole_day_customer_and_operator_at_once(browser: Any, support_app: Any) -> None:
    app, backend = support_app
    customer = open_page(browser, app.local_url, CUSTOMER)
    assert not staff_visible(customer), "a customer must not see the staff console"
    assert "scripted-test-model" not in customer.locator("body").inner_text()

    # three languages; the second and third typed while the first reply still streams
    first = "Hello, my parcel 4711 has not arrived yet"
    send(customer, first)
    wait_for(lambda: "Answer to «Hello" in chat_text(customer), what="the first reply to start")
    second, third = "Bonjour, où est mon colis ?", "Hola, ¿puedo cambiar la dirección?"
    send(customer, second)
    send(customer, third)
    wait_for(lambda: customer.locator("#message textarea").input_value() == "", what="taken, not dropped")
    wait_for(lambda: "Answer to «Hola" in chat_text(customer), timeout=40, what="the third reply")
    idle(app)
    shown = chat_text(customer)
    assert shown.index(first) < shown.index("Answer to «Hello") < shown.index(second)
    assert shown.index(second) < shown.index("Answer to «Bonjour") < shown.index(third)
    for tag in ("🌐 en", "🌐 fr", "🌐 es"):
        assert tag in shown

    # the customer asks for a person: the model is silent from here on
    send(customer, "I want to talk to a person")
    persona, _ = app.pipeline.personas.persona("ecommerce", "en")
    wait_for(lambda: persona.escalation[:30] in chat_text(customer), what="the handoff line")
    calls = len(backend.answers)  # the operator's translations below are not answers
    send(customer, "Are you there?")
    wait_for(lambda: "Are you there?" in chat_text(customer), what="the waiting message")

    # the operator, logged in, in a second browser context
    operator = open_page(browser, app.local_url, OPERATOR)
    # the queue names the reason in words
    viewer = open_listed(operator, "#escalation-queue", "Hello, my parcel", listed="asked for a person")
    wait_for(lambda: "Are you there?" in viewer.inner_text(), what="the conversation opened")
    operator.locator("#take").click()
    wait_for(lambda: "maria" in operator.locator("#owner-info textarea").input_value(), what="taken")
    # the view no longer says the customer waits for a person
    wait_for(lambda: "a person is answering" in viewer.inner_text(), what="the view's status")
    assert "waiting for a person" not in viewer.inner_text()
    wait_for(
        lambda: "maria" in customer.locator("#banner").inner_text(), what="the customer told who answers"
    )

    operator.locator("#agent-text textarea").fill(
        "Hi, I am Maria. Your parcel is in Lyon and arrives tomorrow."
    )
    operator.locator("#agent-send").click()
    # pushed to the open page (nobody reloads it); no time is asserted: on the shared 2-core
    # machine a push under load took 3.6 s (CI at load 12), the queue's tick is the bound
    wait_for(lambda: "arrives tomorrow" in chat_text(customer), timeout=30, what="the person's reply")
    # Retry on the person's reply: it made the model answer in maria's conversation and
    # took her reply off the screen. Not shown under her words now (assets/console.css), and
    # a press that reaches it anyway is refused, with who answers; nothing rewritten.
    retry = customer.locator("#chatbot button[aria-label='Retry']").last
    assert not retry.is_visible()
    retry.evaluate("el => el.click()")
    toasts = customer.locator(".toast-body, [data-testid=toast-body]")
    wait_for(
        lambda: "maria from our team is answering" in " ".join(toasts.all_inner_texts()),
        what="the retry refused, naming who answers",
    )
    time.sleep(1.0)
    assert "arrives tomorrow" in chat_text(customer) and len(backend.answers) == calls
    send(customer, "Thanks Maria")
    wait_for(lambda: "Thanks Maria" in viewer.inner_text(), timeout=10, what="the customer's message, live")
    time.sleep(1.0)
    assert len(backend.answers) == calls, "the model must stay silent while a person owns the conversation"
    assert "Answer to «Thanks" not in chat_text(customer)

    # handed back: the assistant answers again
    operator.locator("#hand-back").click()
    wait_for(
        lambda: "assistant" in operator.locator("#owner-info textarea").input_value(), what="handed back"
    )
    wait_for(lambda: "maria" not in customer.locator("#banner").inner_text(), what="banner cleared")
    send(customer, "One more thing about returns")
    wait_for(lambda: "Answer to «One more" in chat_text(customer), what="the assistant again")
    idle(app)
    wait_for(lambda: "Answer to «One more" in viewer.inner_text(), what="the operator's view follows")

    # the stored transcript is what both screens showed, in the same order
    conversation = app.store.list_conversations()[0]
    record = app.store.get_conversation(conversation.id)
    customer_screen, operator_screen = chat_text(customer), viewer.inner_text()
    positions = []
    for message in record.messages:
        probe = message.content.replace("…", "").strip()[:30]
        assert probe in customer_screen, f"{message.role} message missing on the customer's screen: {probe!r}"
        # maria reads English: French and Spanish messages are shown to her translated (and
        # kept translated in the store); everything else as written
        seen = message.translation if message.role == "user" and message.translation else message.content
        assert message.translation is None or message.language in ("fr", "es")
        seen_probe = seen.replace("…", "").strip()[:30]
        assert seen_probe in operator_screen, (
            f"{message.role} message missing for the operator: {seen_probe!r}"
        )
        positions.append(customer_screen.index(probe))
    assert sum(m.translation is not None for m in record.messages) == 2  # the fr and es messages
    assert "Machine translation (Français → English)" in operator_screen
    assert positions == sorted(positions)
    assert [m.role for m in record.messages].count("agent") == 1
    agent = next(m for m in record.messages if m.role == "agent")
    assert agent.author == "maria"
    assert [(e.actor, e.kind) for e in record.events] == [
        ("customer", "escalated"),
        ("maria", "taken"),
        ("maria", "handed_back"),
    ]
    # the README's pictures of both views, without the notices the steps above left
    for page in (customer, operator):
        for close in page.locator(".toast-close, [data-testid=toast-close]").all():
            # a notice can close itself between the listing and the click (seen in CI under
            # load: the click then waited 30 s on a detached button); gone is what we want
            with contextlib.suppress(PlaywrightError):
                close.click(timeout=2_000)
    customer.screenshot(path=str(ROOT / "assets" / "customer-view.png"))
    operator.screenshot(path=str(ROOT / "assets" / "operator-view.png"), full_page=True)
    # the staff tables' headers are readable: a header breaks between its words, never
    # inside one ("Lan|gua|ge" was seen in the conversation list)
    assert operator.evaluate(_HEADERS_BROKEN_INSIDE_A_WORD) == []
    customer.context.close()
    operator.context.close()


def test_roles_in_the_browser_customer_sees_no_staff_parts_and_no_errors(
    browser: Any, support_app: Any
) -> None:
    app, _ = support_app
    customer = open_page(browser, app.local_url, CUSTOMER)
    time.sleep(1.5)  # the load event has run
    assert not staff_visible(customer)
    assert customer.locator(".toast-body, [data-testid=toast-body]").count() == 0
    operator = open_page(browser, app.local_url, OPERATOR)
    wait_for(lambda: operator.locator("#staff-sidebar").is_visible(), what="the staff sidebar")
    wait_for(lambda: operator.get_by_role("tab", name="Transcripts").count() == 1, what="the transcripts tab")
    # which model runs where: in the operator's header, filled on load (not in the layout)
    wait_for(lambda: "scripted-test-model" in operator.locator("#model-info").inner_text(), what="model line")
    assert "scripted-test-model" not in customer.locator("body").inner_text()
    assert operator.locator(".toast-body, [data-testid=toast-body]").count() == 0
    customer.context.close()
    operator.context.close()


def test_text_in_angle_brackets_stays_and_delimiter_echo_never_shows(
    browser: Any, make_config: Any, launched: Any
) -> None:
    reply = "<customer_message>\nSure: `<john.doe>` noted, a <b> c, 2 * 3 * 4, snake_case_name & 5 > 3"
    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: reply)))
    page = open_page(browser, app.local_url)
    typed = "My login is <john.doe> and the error says <access denied> since 2 days"
    send(page, typed)
    wait_for(lambda: "noted" in chat_text(page), what="the reply")
    idle(app)
    shown = chat_text(page)
    assert typed in shown
    assert "<john.doe> noted, a <b> c, 2 * 3 * 4, snake_case_name & 5 > 3" in shown
    assert "customer_message" not in shown
    stored = app.store.get_conversation(app.store.list_conversations()[0].id).messages
    assert stored[0].content == typed and "customer_message" not in stored[1].content
    page.context.close()


def test_nothing_executes_or_loads_from_another_host(browser: Any, make_config: Any, launched: Any) -> None:
    reply = (
        "Look: ![pixel](http://127.0.0.9:9/track.png?c=secret) and [click here](http://127.0.0.9:9/x) "
        "or http://127.0.0.9:9/bare <style>body{display:none}</style><img src=x onerror=window.__pwned=1>"
    )
    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: reply)))
    page = open_page(browser, app.local_url)
    own = urlparse(app.local_url).netloc
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if urlparse(r.url).netloc not in ("", own) else None)
    send(page, "<script>window.__pwned=2</script> ![x](http://127.0.0.9:9/customer.png)")
    wait_for(lambda: "click here" in chat_text(page), what="the reply")
    time.sleep(0.8)
    chatbot = page.locator("#chatbot")
    assert page.evaluate("window.__pwned") is None
    assert chatbot.locator("img[src*='127.0.0.9']").count() == 0
    assert chatbot.locator("a[href*='127.0.0.9']").count() == 0
    assert chatbot.locator("[role=log] style, [role=log] script").count() == 0
    assert foreign == []
    assert "127.0.0.9:9/track.png" in chat_text(page)  # shown as text, not loaded
    # the same text where staff read it (this local page is staff): the conversation list,
    # the viewer and the insights tab, with a rating comment of the same kind
    conversation_id = app.store.list_conversations()[0].id
    app.store.set_rating(conversation_id, 1, reply)
    page.get_by_role("tab", name="Transcripts").click()
    page.locator("#transcripts-table").get_by_role("gridcell").first.click()
    wait_for(lambda: "click here" in page.locator("#conversation-view").inner_text(), what="the viewer")
    page.get_by_role("tab", name="Insights").click()
    time.sleep(2.0)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img[src*='127.0.0.9'], img[src='x'], a[href*='127.0.0.9']").count() == 0
    assert foreign == []
    page.context.close()


def test_messages_sent_while_a_reply_streams_are_all_answered(
    browser: Any, make_config: Any, launched: Any
) -> None:
    backend = ScriptedBackend(reply=replies_by_language, delay=0.03)
    app = launched(create_app(make_config(), backend=backend))
    page = open_page(browser, app.local_url)
    texts = [f"question number {i}" for i in range(1, 9)]
    for text in texts:
        send(page, text)
        time.sleep(0.15)
    wait_for(lambda: "Answer to «question number 8" in chat_text(page), timeout=60, what="all eight answers")
    idle(app)
    shown = chat_text(page)
    assert [shown.index(f"Answer to «{t}") for t in texts] == sorted(
        shown.index(f"Answer to «{t}") for t in texts
    )
    stored = app.store.get_conversation(app.store.list_conversations()[0].id).messages
    assert [m.content for m in stored if m.role == "user"] == texts
    page.context.close()


#: the number of the customer's messages on screen, at every change of the chat
_COUNT_MESSAGES = """() => {
  const count = () => document.querySelectorAll("#chatbot [data-testid=user]").length;
  window.__userCounts = [count()];
  new MutationObserver(() => {
    const n = count();
    if (n !== window.__userCounts.at(-1)) window.__userCounts.push(n);
  }).observe(document.querySelector("#chatbot"), { childList: true, subtree: true });
}"""


def test_a_message_sent_as_the_reply_ends_is_answered_and_stays_on_screen(
    browser: Any, make_config: Any, launched: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message sent after the reply is whole on screen but before the browser has heard
    that the answering event ended (a loaded server: seen in CI as a customer's second
    message that never showed). Gradio's page skips an event started again while its
    last run is pending (trigger mode "once"): the second message was stored as queued and
    never answered, and the ending event's last update drew the chat without it."""
    ending = threading.Event()
    drain = ChatHandlers.drain

    @functools.wraps(drain)
    def slow_to_end(self: ChatHandlers, *args: Any, **kwargs: Any) -> Iterator[Any]:
        yield from drain(self, *args, **kwargs)
        ending.set()
        time.sleep(2.5)  # the answer is over; its event's end has not reached the page yet

    monkeypatch.setattr(ChatHandlers, "drain", slow_to_end)
    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=replies_by_language, delay=0.01)))
    page = open_page(browser, app.local_url)
    send(page, "first of two")
    wait_for(lambda: "Answer to «first of two» … …" in chat_text(page), what="the first answer")
    assert ending.wait(30)
    page.evaluate(_COUNT_MESSAGES)
    send(page, "second of two")
    wait_for(lambda: "Answer to «second of two" in chat_text(page), timeout=30, what="the second answer")
    idle(app)
    page.wait_for_timeout(3000)  # every pending event has ended: nothing draws an older chat
    counts = page.evaluate("window.__userCounts")
    assert counts == sorted(counts) and counts[-1] == 2, counts  # never drawn without it
    shown = chat_text(page)
    assert [shown.count(t) for t in ("first of two", "second of two")] == [2, 2]
    stored = app.store.get_conversation(app.store.list_conversations()[0].id).messages
    assert [(m.role, m.status) for m in stored] == [("user", "complete"), ("assistant", "complete")] * 2
    page.context.close()


def test_a_burst_of_presses_sends_each_text_once_in_order(
    browser: Any, make_config: Any, launched: Any
) -> None:
    """Three messages typed and sent within one browser task (two by Enter, one by Send):
    gradio runs each event's script only after all three presses, as it did late on a busy
    CI machine, and the three requests reach the server in any order. Each must still carry
    the text of its own press and be answered in the order pressed (the bug: the first went
    out as the third's text, the others as "" and were refused: two messages lost)."""
    backend = ScriptedBackend(reply=replies_by_language, delay=0.01)
    app = launched(create_app(make_config(), backend=backend))
    page = open_page(browser, app.local_url)
    texts = ["first of a burst", "second of a burst", "third of a burst"]
    page.locator("#send").wait_for()  # drawn a moment after the box on a loaded machine (CI)
    page.evaluate(
        """(texts) => {
          const box = document.querySelector("#message textarea");
          texts.forEach((text, i) => {
            box.value = text;
            box.dispatchEvent(new Event("input", { bubbles: true }));
            if (i < 2) {
              const enter = { key: "Enter", bubbles: true, cancelable: true };
              box.dispatchEvent(new KeyboardEvent("keypress", enter));
            } else {
              document.querySelector("#send").click();
            }
          });
        }""",
        texts,
    )
    wait_for(lambda: "Answer to «third of a burst" in chat_text(page), timeout=30, what="the third answer")
    idle(app)
    shown = chat_text(page)
    assert [shown.count(t) for t in texts] == [2, 2, 2]  # the message and the answer naming it
    assert shown.index(texts[0]) < shown.index(texts[1]) < shown.index(texts[2])
    assert page.locator("#message textarea").input_value() == ""
    stored = app.store.get_conversation(app.store.list_conversations()[0].id).messages
    assert [m.content for m in stored if m.role == "user"] == texts
    page.context.close()


def test_trash_icon_and_new_conversation_both_start_afresh(
    browser: Any, make_config: Any, launched: Any
) -> None:
    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "Noted.")))
    page = open_page(browser, app.local_url)
    send(page, "first conversation message")
    wait_for(lambda: "Noted." in chat_text(page), what="reply")
    idle(app)
    page.locator("#chatbot button[aria-label='Clear'], #chatbot button[title='Clear']").first.click()
    wait_for(lambda: "first conversation" not in chat_text(page), what="cleared")
    send(page, "second conversation message")
    wait_for(lambda: "second conversation" in chat_text(page) and "Noted." in chat_text(page), what="reply")
    idle(app)
    assert "first conversation" not in chat_text(page)
    page.locator("#new-conversation").click()
    wait_for(lambda: "second conversation" not in chat_text(page), what="new conversation")
    send(page, "third conversation message")
    wait_for(lambda: "Noted." in chat_text(page), what="reply")
    idle(app)
    conversations = app.store.list_conversations()
    assert len(conversations) == 3 and all(c.message_count == 2 for c in conversations)
    page.context.close()


def test_a_message_sent_right_after_clear_belongs_to_the_new_conversation(
    browser: Any, make_config: Any, launched: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seen in CI: the trash icon's reset was handled after the message sent next, and the
    message vanished. The reset is slowed here so the race always happens; the page numbers
    Clear with the presses of Send, so the message waits for the reset and is answered."""
    from console.ui.state import ChatState

    reset = ChatState.reset

    def slow_reset(self: ChatState) -> None:
        time.sleep(1.5)
        reset(self)

    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "Noted.")))
    page = open_page(browser, app.local_url)
    send(page, "first conversation message")
    wait_for(lambda: "Noted." in chat_text(page), what="reply")
    idle(app)
    monkeypatch.setattr(ChatState, "reset", slow_reset)
    page.locator("#chatbot button[aria-label='Clear'], #chatbot button[title='Clear']").first.click()
    send(page, "sent right after clear")
    wait_for(
        lambda: "sent right after clear" in chat_text(page) and "Noted." in chat_text(page), what="reply"
    )
    idle(app)
    assert "first conversation" not in chat_text(page)
    conversations = app.store.list_conversations()
    assert len(conversations) == 2
    newest = max(conversations, key=lambda c: c.created_at)
    assert [m.content for m in app.store.get_conversation(newest.id).messages] == [
        "sent right after clear",
        "Noted.",
    ]
    # what the customer types while New conversation runs stays in the box (the reset's
    # answer emptied it)
    page.locator("#new-conversation").click()
    page.locator("#message textarea").fill("a draft")
    wait_for(lambda: "sent right after clear" not in chat_text(page), what="the new conversation")
    time.sleep(2.0)  # the slowed reset has answered
    assert page.locator("#message textarea").input_value() == "a draft"
    page.context.close()


@pytest.mark.parametrize("locale", ["ar", "zh-CN"])
def test_every_label_follows_the_viewers_language(
    browser: Any, make_config: Any, launched: Any, locale: str
) -> None:
    from console.ui_labels import UI_LABELS

    # signed in, so the Sign out button is on the page too
    config = make_config(auth=(OPERATOR,), operators=(OPERATOR[0],))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "ok")))
    page = open_page(browser, app.local_url, locale=locale, login=OPERATOR)
    key = "ar" if locale == "ar" else "zh"
    wait_for(lambda: page.locator("#send").inner_text().strip() == UI_LABELS[key]["send"], what="labels")
    assert page.evaluate("document.documentElement.dir") == ("rtl" if locale == "ar" else "ltr")
    assert page.title() == UI_LABELS[key]["title"]
    assert page.locator("#sign-out").inner_text().strip() == UI_LABELS[key]["sign_out"]
    english = UI_LABELS["en"]

    def english_left() -> list[str]:
        text = page.locator("body").inner_text()
        return sorted(
            english[k]
            for k in english
            if english[k] != UI_LABELS[key][k]
            and len(english[k]) > 3
            and re.search(rf"\b{re.escape(english[k])}\b", text)
        )

    for tab in ("chat", "transcripts"):
        if tab == "transcripts":
            page.get_by_role("tab", name=UI_LABELS[key]["transcripts_tab"]).click()
        # the tab's labels follow on its select event: on a busy machine after a second or
        # more. (The "queue" this once found in CI was gradio's hidden status tracker, "queue:
        # 1/1 |", on a timer tick: see test_a_hidden_progress_leaves_no_english_status_text.)
        with contextlib.suppress(AssertionError):  # the assert below names what is left
            wait_for(lambda: english_left() == [], timeout=30, what=f"the {tab} tab in {locale}")
        left = english_left()
        assert left == [], f"English left on the {tab} tab in {locale}: {left}"
        text = page.locator("body").inner_text()
        for word in ("Textbox", "Dropdown", "Customer Service", "Auto-detect", "Support console"):
            assert word not in text, f"{word!r} shown in {locale}"
    page.context.close()


def test_the_page_load_keeps_the_state_it_sets(browser: Any, make_config: Any, launched: Any) -> None:
    """The page's load event stores the viewer's language in the session's state; later
    events (the staff tables, the queue notes) read it there. A state built by a factory
    (gr.State(callable)) is stored by a second load event of gradio's own, running beside
    ours: when it finished last, the language was lost and the staff tables stayed English
    for good (3 of 12 fresh consoles in a scripted loop here; the Chinese label test in CI).
    The race does not show on demand, so the first assert is the one that fails on a
    factory: no component may need a load event of its own. The pages then check what the
    viewer gets."""
    from gradio.components import Component

    from console.ui.labels import labels
    from console.ui.staff import list_headers, queue_headers

    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "ok")))
    factories = [
        type(block).__name__
        for block in app.blocks.blocks.values()
        if isinstance(block, Component) and block.load_event_to_attach
    ]
    assert factories == []
    t = labels("zh")
    tables = {"#transcripts-table": list_headers(t), "#escalation-queue": queue_headers(t)}

    def chinese_headers(page: Any) -> bool:
        return all(h in page.locator(table).inner_text() for table, hs in tables.items() for h in hs)

    for attempt in range(3):
        page = open_page(browser, app.local_url, locale="zh-CN")
        wait_for(reads(page.locator("#send").inner_text, t["send"], whole=True), what="the load event")
        page.get_by_role("tab", name=t["transcripts_tab"]).click()
        wait_for(partial(chinese_headers, page), timeout=20, what=f"page {attempt + 1}: Chinese headers")
        page.context.close()


@pytest.mark.parametrize(("locale", "tag"), [("zh-TW", "zh-Hant"), ("zh-CN", "zh-Hans")])
def test_a_chinese_first_message_both_scripts_write_alike_follows_the_browser(
    browser: Any, make_config: Any, launched: Any, locale: str, tag: str
) -> None:
    """ "上次登入" ("last login") is written alike in both Chinese scripts: a customer whose
    browser is Taiwanese gets the Traditional persona, a mainland one the Simplified; the
    badge, the persona the model was given and the stored conversation agree."""
    from console.personas import PersonaLibrary, default_prompts_dir

    library = PersonaLibrary(default_prompts_dir())
    names = {library.system_prompt("general", t).text: t for t in ("zh-Hant", "zh-Hans")}

    def reply(messages: Sequence[ChatMessage]) -> str:
        persona = names.get(messages[0]["content"].split("\n\n<knowledge>", 1)[0], "unknown")
        return f"persona {persona}"

    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=reply)))
    page = open_page(browser, app.local_url, locale=locale)
    send(page, "上次登入")
    wait_for(lambda: f"persona {tag}" in chat_text(page), what=f"the {tag} persona's reply")
    assert f"🌐 {tag}" in chat_text(page)
    idle(app)
    (conversation,) = app.store.list_conversations()
    assert conversation.language == tag
    page.context.close()


#: samples, every animation frame for 30 s from the first script, what the #send button shows
#: while it is visible, and whether the page carried the "console-relabel" class
RECORD_SEND_LABEL = r"""
window.__send = {shown: [], hidden_class: false, first_shown_ms: null};
const started = performance.now();
const sample = () => {
  if (document.documentElement.classList.contains("console-relabel")) window.__send.hidden_class = true;
  const button = document.querySelector("#send");
  if (button && button.checkVisibility({visibilityProperty: true})) {
    const text = button.innerText.trim();
    if (text && window.__send.first_shown_ms === null) window.__send.first_shown_ms = performance.now();
    if (text && window.__send.shown[window.__send.shown.length - 1] !== text) window.__send.shown.push(text);
  }
  if (performance.now() - started < 30000) requestAnimationFrame(sample);
};
requestAnimationFrame(sample);
"""


@pytest.mark.parametrize(("locale", "key"), [("zh-CN", "zh"), ("fr-FR", "fr"), ("en-US", "en")])
def test_a_customer_never_sees_the_console_in_another_language_first(
    browser: Any, make_config: Any, launched: Any, locale: str, key: str
) -> None:
    """The page is built in English and relabeled by the load event; a French or Chinese
    customer saw "Send" for up to a second first. Now the only label they ever see on the
    button is their own; an English browser is never hidden."""
    from console.ui_labels import UI_LABELS

    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "ok")))
    page = open_page(browser, app.local_url, locale=locale, init_script=RECORD_SEND_LABEL)
    wait_for(reads(page.locator("#send").inner_text, UI_LABELS[key]["send"], whole=True), what="the label")
    time.sleep(1)  # a few more frames after the label turned
    seen = page.evaluate("window.__send")
    own = UI_LABELS[key]["send"]
    if seen["first_shown_ms"] is not None and seen["first_shown_ms"] >= 4000:
        # a load event slower than the page's 4 s patience (a loaded CI machine): the page
        # shows what it has, by design; it must still end in the viewer's language
        assert seen["shown"][-1] == own, seen
    else:
        assert seen["shown"] == [own], seen
    assert seen["hidden_class"] is (key != "en")
    assert not page.evaluate("document.documentElement.classList.contains('console-relabel')")
    page.context.close()


#: records gradio's status-tracker text ("queue: 1/1 |", "processing |") as it enters the page:
#: every occurrence, and those rendered (inside no display:none box) at that moment
RECORD_STATUS_TEXT = r"""
window.__status = {added: 0, rendered: []};
new MutationObserver((mutations) => {
  for (const m of mutations) {
    const texts = [];
    for (const node of m.type === "characterData" ? [m.target] : m.addedNodes) {
      if (node.nodeType === Node.TEXT_NODE) texts.push(node);
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) texts.push(walker.currentNode);
    }
    for (const node of texts) {
      const text = node.textContent || "";
      const el = node.parentElement;
      if (!el || ["SCRIPT", "STYLE"].includes(el.tagName) || !/queue: \d|processing \|/.test(text)) continue;
      window.__status.added += 1;
      if (el.checkVisibility()) {
        window.__status.rendered.push(text.trim() + " in #" + (el.closest("[id]") || {}).id);
      }
    }
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def test_a_hidden_progress_leaves_no_english_status_text_in_the_page(
    browser: Any, make_config: Any, launched: Any
) -> None:
    """Events that hide their progress still get gradio's status tracker while they wait in
    the queue, with English text; transparent, but read by screen readers and by
    ``innerText``: an Arabic viewer's page held "queue: 1/1 |" on every timer tick (and a
    label test saw the word "queue" there about one run in five). It must not be rendered."""
    from console.ui_labels import UI_LABELS

    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "ok")))
    page = open_page(browser, app.local_url, locale="ar", init_script=RECORD_STATUS_TEXT)
    send(page, "مرحبا، أين طلبي؟")
    wait_for(lambda: "ok" in chat_text(page), what="the reply")
    page.get_by_role("tab", name=UI_LABELS["ar"]["transcripts_tab"]).click()
    time.sleep(3)  # a few of the tab's and the chat's timer ticks
    status = page.evaluate("window.__status")
    assert status["added"] > 0, "gradio put no tracker text in the page: this test sees nothing"
    assert status["rendered"] == []
    page.context.close()


def test_transcripts_tab_acts_at_once(browser: Any, make_config: Any, launched: Any) -> None:
    """Filters apply without Refresh; an unconfirmed erase is a notice that leaves the box
    usable; an erased row leaves the list; Set status confirms and the queue follows; the open
    conversation shows new customer messages without reopening it."""
    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "Noted.")))
    customer = open_page(browser, app.local_url)
    send(customer, "Bonjour, ma facture est fausse")
    wait_for(lambda: "Noted." in chat_text(customer), what="reply")
    idle(app)
    send(customer, "je veux parler à un humain")
    wait_for(lambda: app.store.list_conversations(status="escalated") != [], what="escalated")
    operator = open_page(browser, app.local_url)
    operator.get_by_role("tab", name="Transcripts").click()
    table = operator.locator("#transcripts-table")
    wait_for(lambda: "facture" in table.inner_text(), what="the row")
    operator.locator("#show-translations input").uncheck()  # this operator reads French
    # a filter applies at once
    operator.locator("#f-status input").click()
    operator.get_by_role("option", name="resolved").click()
    wait_for(lambda: "facture" not in table.inner_text(), what="the filter applied without Refresh")
    operator.locator("#f-status input").click()
    operator.get_by_role("option", name="All").click()
    wait_for(lambda: "facture" in table.inner_text(), what="filter cleared")
    table.get_by_role("gridcell").filter(has_text="facture").first.click()
    viewer = operator.locator("#conversation-view")
    wait_for(lambda: "facture" in viewer.inner_text(), what="opened")
    # live: a new customer message shows without reopening
    send(customer, "Vous êtes là ?")
    wait_for(lambda: "Vous êtes là" in viewer.inner_text(), timeout=10, what="the live message")
    # set status: confirmed, and the queue follows
    queue = operator.locator("#escalation-queue")
    wait_for(lambda: "facture" in queue.inner_text(), what="queued")
    operator.locator("#new-status input").click()
    operator.get_by_role("option", name="resolved").click()
    operator.locator("#set-status").click()
    wait_for(lambda: "facture" not in queue.inner_text(), what="the queue updated")
    wait_for(lambda: "Status changed" in operator.locator("body").inner_text(), what="the confirmation")
    # erase without the box ticked: a notice; the box stays usable; then erase for real
    operator.locator("#delete").click()
    wait_for(lambda: "Tick the box" in operator.locator("body").inner_text(), what="the notice")
    operator.locator("#confirm-delete input").check()
    operator.locator("#delete").click()
    wait_for(lambda: "facture" not in table.inner_text(), what="the erased row gone")
    assert app.store.list_conversations() == []
    customer.context.close()
    operator.context.close()


def test_thumbs_with_a_reason_and_editing_an_earlier_message(
    browser: Any, make_config: Any, launched: Any
) -> None:
    backend = ScriptedBackend(
        reply=lambda m: "Reply to: " + re.sub(r"</?customer_message>", "", m[-1]["content"]).strip()
    )
    app = launched(create_app(make_config(), backend=backend))
    page = open_page(browser, app.local_url)
    send(page, "Where is order 1234?")
    wait_for(lambda: "Reply to: Where is order 1234?" in chat_text(page), what="the reply")
    idle(app)
    page.locator("#chatbot button[aria-label='Dislike']").first.click()
    page.locator("#feedback-row").wait_for()
    page.locator("#feedback-text textarea").fill("Wrong order number, I meant 1243")
    page.locator("#feedback-send").click()
    wait_for(lambda: not page.locator("#feedback-row").is_visible(), what="the reason sent")
    conversation = app.store.list_conversations()[0]
    reply = app.store.get_conversation(conversation.id).messages[1]
    wait_for(
        lambda: app.store.get_conversation(conversation.id).messages[1].feedback == -1, what="stored thumbs"
    )
    assert (
        app.store.get_conversation(conversation.id).messages[1].feedback_reason
        == "Wrong order number, I meant 1243"
    )
    assert reply.role == "assistant"

    # edit the first message in place: the conversation continues from the edited text
    page.locator("#chatbot button[aria-label='Edit']").first.click()
    box = page.locator("#chatbot textarea").first
    box.fill("Where is order 1243?")
    page.locator("#chatbot button[aria-label='Submit']").first.click()
    wait_for(lambda: "Reply to: Where is order 1243?" in chat_text(page), what="the reply to the edit")
    idle(app)
    shown = chat_text(page)
    assert "order 1234" not in shown
    stored = [m.content for m in app.store.get_conversation(conversation.id).messages if m.role == "user"]
    assert stored == ["Where is order 1234?", "Where is order 1243?"]  # the transcript keeps both
    assert [m["role"] for m in backend.last_messages] == ["system", "user"]  # no stale history sent
    page.context.close()


def test_a_thumbs_down_while_the_reply_is_still_written_is_kept(
    browser: Any, make_config: Any, launched: Any
) -> None:
    """A thumbs down on the reply while it streamed did nothing: the reply had no stored row
    on the page yet, and the press was read as one on the bubble after it (an outside
    tester on a phone, a slow reply). It is stored on the reply being written, with the
    reason asked for, and the finished reply keeps it."""
    long_reply = " ".join(f"word{i}" for i in range(120))
    backend = ScriptedBackend(reply=lambda m: long_reply, delay=0.05)
    app = launched(create_app(make_config(), backend=backend))
    page = open_page(browser, app.local_url)
    send(page, "Where is order 1234?")
    wait_for(lambda: "word5" in chat_text(page), what="the reply streaming")
    page.locator("#chatbot button[aria-label='Dislike']").last.click()
    page.locator("#feedback-row").wait_for()
    assert "word119" not in chat_text(page)  # still being written
    page.locator("#feedback-text textarea").fill("Too long")
    page.locator("#feedback-send").click()
    wait_for(lambda: "word119" in chat_text(page), timeout=30, what="the whole reply")
    idle(app)
    reply = app.store.get_conversation(app.store.list_conversations()[0].id).messages[1]
    assert (reply.role, reply.status, reply.feedback, reply.feedback_reason) == (
        "assistant",
        "complete",
        -1,
        "Too long",
    )
    page.context.close()
