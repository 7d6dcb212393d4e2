"""End to end in a real browser: Debian chromium driven by the playwright package
(never ``playwright install``: the system browser is used as is)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from console.service import create_app
from tests.conftest import ROOT
from tests.fakes import ScriptedBackend
from tests.tiny_model import TRAINED_DIALOGS

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed (bash .ci/setup.sh --dev installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 1360, "height": 900}, accept_downloads=True, locale="en-US"
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    page_text[:] = [lambda: chat_text(page)]
    yield page
    page_text.clear()
    context.close()


#: what a timed-out wait_for shows of the page: the latest page a test opened
page_text: list[Callable[[], str]] = []


def _page_shows() -> str:
    """The chat as the latest page shows it, for a timeout's message; never raises, so that a
    closed page or browser cannot turn a timeout (which a test may tolerate) into another error."""
    try:
        return repr(page_text[0]())
    except Exception as exc:  # a closed page or browser, a playwright error: say so instead
        return f"(unavailable: {type(exc).__name__})"


def reads(read: Callable[[], str], text: str, whole: bool = False) -> Callable[[], bool]:
    """A wait_for predicate: what `read` returns holds `text` (is it, stripped, when whole)."""
    if whole:
        return lambda: read().strip() == text
    return lambda: text in read()


def wait_for(
    predicate: Callable[[], bool], timeout: float = 30.0, what: str = "condition", poll: float = 0.05
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(poll)
    raise AssertionError(
        f"timed out waiting for {what}; page shows: {_page_shows()}"
        if page_text
        else f"timed out waiting for {what}"
    )


def test_a_timed_out_wait_names_a_closed_page_instead_of_raising_its_error() -> None:
    # a test may tolerate a timeout (contextlib.suppress(AssertionError)); describing a page
    # that is gone must not turn it into playwright's "Event loop is closed" (CI, 2026-12-03)
    def closed() -> str:
        raise RuntimeError("Event loop is closed! Is Playwright already stopped?")

    saved = page_text[:]
    page_text[:] = [closed]
    try:
        with pytest.raises(
            AssertionError, match=r"timed out waiting for nothing; .*unavailable: RuntimeError"
        ):
            wait_for(lambda: False, timeout=0.05, what="nothing")
    finally:
        page_text[:] = saved


def wait_idle(app: Any) -> None:
    """Until the turn has ended and Gradio has delivered its last update (a message sent
    while a turn is still running is not taken: it stays in the box)."""
    wait_for(lambda: app.pipeline.active_streams == 0, what="the turn to end")
    time.sleep(0.4)


def chat_text(page: Any) -> str:
    """The conversation as shown: the bubbles only (not the chatbot's hidden progress timer,
    nor the persona's greeting, which gradio draws in the log while it holds no message)."""
    log = page.locator("#chatbot [role=log]")
    if not log.count() or log.locator(".placeholder-content").count():
        return ""
    return str(log.inner_text())


def toasts(page: Any) -> str:
    """The text of the notices (gr.Info, gr.Warning) the page shows now."""
    return " ".join(page.locator(".toast-body, [data-testid=toast-body]").all_inner_texts())


def download(page: Any, folder: Path) -> Path:
    """The customer's Download button, as a person uses it: press, then the file's link."""
    page.locator("#download").click()
    link = page.locator("#download-file a").first
    link.wait_for()
    with page.expect_download() as info:
        link.click()
    saved = folder / info.value.suggested_filename
    info.value.save_as(saved)
    return Path(saved)


def send(page: Any, text: str, enter: bool = True) -> None:
    box = page.locator("#message textarea")
    box.fill(text)
    if enter:
        box.press("Enter")
    else:
        page.locator("#send").click()


def set_slider(page: Any, elem_id: str, value: float) -> None:
    number = page.locator(f"#{elem_id} input[type=number]")
    number.fill(str(value))
    number.press("Enter")
    number.blur()


def test_chat_streams_real_model_and_slider_takes_effect(
    page: Any, make_config: Any, launched: Any, tiny_backend: Any, tiny_personas: Any
) -> None:
    app = launched(create_app(make_config(), backend=tiny_backend, personas=tiny_personas))
    page.goto(app.local_url)
    page.locator("#message textarea").wait_for()
    set_slider(page, "temperature", 0)
    english = TRAINED_DIALOGS[0]
    send(page, english.user)
    wait_for(lambda: english.answer in chat_text(page), what="the trained English answer: " + english.answer)
    assert "en" in page.locator("#detected-language").inner_text()

    long = max(TRAINED_DIALOGS, key=lambda d: len(d.answer))
    set_slider(page, "max-tokens", 4)  # the slider reaches the model: the reply is cut short
    page.locator("#new-conversation").click()
    wait_for(lambda: english.answer not in chat_text(page), what="clear")
    send(page, long.user, enter=False)  # the Send button, same chain as Enter
    wait_for(lambda: long.user in chat_text(page), what="the user message")
    wait_for(lambda: app.pipeline.active_streams == 0, what="the reply to end")
    time.sleep(0.3)
    shown = chat_text(page).split(long.user, 1)[1]
    words = long.answer.split()
    assert words[0] in shown
    assert long.answer not in shown and words[-1] not in shown


def test_stop_button_ends_generation(page: Any, make_config: Any, launched: Any) -> None:
    # 400 words, fewer than the default max tokens: the whole reply would end on "w399"
    backend = ScriptedBackend(reply=lambda m: " ".join(f"w{i}" for i in range(400)), delay=0.04)
    app = launched(create_app(make_config(concurrency=1), backend=backend))
    page.goto(app.local_url)
    send(page, "Please explain the whole warranty policy in detail")
    wait_for(lambda: "w20" in chat_text(page), what="streaming to start")
    # the click must land while the reply streams (it once waited 15 s under CI load
    # for a page busy re-rendering the reply, and landed after the reply had ended)
    page.locator("#stop").click()
    wait_for(lambda: "stopped" in chat_text(page), timeout=15, what="the stopped note")
    frozen = chat_text(page)
    time.sleep(0.5)
    assert chat_text(page) == frozen  # nothing more arrives
    assert "w399" not in frozen
    assert app.pipeline.active_streams == 0


def test_markup_from_user_and_model_does_not_execute(page: Any, make_config: Any, launched: Any) -> None:
    payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    backend = ScriptedBackend(reply=lambda m: f"You wrote: {payload} **bold** ok")
    app = launched(create_app(make_config(), backend=backend))
    page.goto(app.local_url)
    send(page, f"hello {payload}")
    wait_for(lambda: "bold" in chat_text(page), what="the reply")
    time.sleep(0.3)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#chatbot script").count() == 0
    assert page.locator("#chatbot strong", has_text="bold").count() == 1  # Markdown still renders


MULTILINGUAL = [
    ("My parcel hasn't arrived yet, can you check?", "en"),
    ("Bonjour, je voudrais changer mon adresse de livraison.", "fr"),
    ("我的订单什么时候发货？", "zh-Hans"),
    ("مرحبا، أريد إرجاع المنتج.", "ar"),
    ("สวัสดีครับ ขอเปลี่ยนที่อยู่จัดส่ง", "th"),
    ("こんにちは、注文をキャンセルしたいです。", "ja"),
]


def test_persona_follows_language_and_screenshot(page: Any, make_config: Any, launched: Any) -> None:
    """Six languages, Arabic and Thai included: each turn shows its language badge and the
    system prompt in use is that language's persona."""

    from console.personas import PersonaLibrary, default_prompts_dir

    library = PersonaLibrary(default_prompts_dir())
    greetings = {
        library.system_prompt("ecommerce", tag).text: library.persona("ecommerce", tag)[0].greeting
        for _text, tag in MULTILINGUAL
    }

    def reply(messages: Any) -> str:
        # the greeting of the persona whose system prompt the model received
        system = messages[0]["content"].split("\n\n<knowledge>", 1)[0]
        return greetings.get(system, "persona not found")

    app = launched(create_app(make_config(business_line="ecommerce"), backend=ScriptedBackend(reply=reply)))
    personas = app.pipeline.personas
    page.goto(app.local_url)
    for text, tag in MULTILINGUAL:
        send(page, text)
        first_line = personas.persona("ecommerce", tag)[0].greeting[:30]
        wait_for(reads(lambda: chat_text(page), f"🌐 {tag}"), what=f"badge {tag}")
        wait_for(reads(lambda: chat_text(page), first_line.strip()), what=f"persona {tag}")
        wait_for(reads(page.locator("#detected-language").inner_text, tag), what="detected")
        wait_idle(app)
    page.screenshot(path=str(ROOT / "assets" / "screenshot.png"), full_page=False)


def test_transcripts_tab_and_export_download(
    page: Any, make_config: Any, launched: Any, tmp_path: Path
) -> None:
    customer = "Hola, mi pedido 4711 llegó dañado 😞 ¿qué hago?"
    reply = "Lo siento mucho 🙏. Envíenos una foto del paquete y le mandamos uno nuevo hoy mismo."
    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: reply)))
    page.goto(app.local_url)
    send(page, customer)
    wait_for(lambda: "hoy mismo" in chat_text(page), what="the reply")
    wait_idle(app)

    # the customer downloads their own conversation from the chat
    saved = download(page, tmp_path)
    assert saved.suffix == ".md"
    text = saved.read_text(encoding="utf-8")
    assert customer in text and reply in text
    # in the page's words, with nothing of the team's record (model, parameters, status)
    assert text.startswith("# Your conversation with our support team\n") and "**You**" in text
    assert "scripted" not in text and "temperature" not in text and "Status" not in text

    # the operator's tab lists it; opening it shows the exact text, escaped
    page.get_by_role("tab", name="Transcripts").click()
    table = page.locator("#transcripts-table")
    wait_for(lambda: "4711" in table.inner_text(), what="the conversation row")
    assert "es" in table.inner_text()
    page.locator("#show-translations input").uncheck()  # the originals, not a translation
    table.get_by_role("gridcell").filter(has_text="Hola, mi pedido").first.click()
    viewer = page.locator("#conversation-view")
    wait_for(lambda: "hoy mismo" in viewer.inner_text(), what="the opened conversation")
    assert "😞" in viewer.inner_text()


def test_support_workflow_in_the_browser(browser: Any, page: Any, make_config: Any, launched: Any) -> None:
    """Policy snippet shown; a French complaint escalates into the operator queue and the
    operator's reply reaches the customer; a phone number never reaches the backend; the
    rate limit answers clearly."""
    backend = ScriptedBackend(reply=lambda m: "Vous avez 30 jours pour retourner un article. 👍")
    app = launched(create_app(make_config(business_line="ecommerce", session_rate=16), backend=backend))
    page.goto(app.local_url)

    send(page, "Combien de temps ai-je pour retourner un article et être remboursé ?")
    wait_for(lambda: "30 jours" in chat_text(page), what="the policy answer")
    knowledge = page.locator("#knowledge-used")
    wait_for(lambda: "returns-refunds" in knowledge.inner_text(), what="the snippet shown")
    wait_idle(app)

    # (not "rappelez-moi": a call-back request goes to a person, and the model is never asked)
    send(page, "Mon numéro est le +33 6 12 34 56 78, pouvez-vous l'ajouter à ma commande ?")
    wait_for(lambda: backend.closed_streams >= 2, what="the second reply")
    wait_idle(app)
    sent = "\n".join(m["content"] for m in backend.last_messages)
    assert "6 12 34 56 78" not in sent and "[PHONE_1]" in sent

    send(page, "Je veux porter plainte, c'est inadmissible")
    persona, _ = app.pipeline.personas.persona("ecommerce", "fr")
    wait_for(lambda: persona.escalation[:40] in chat_text(page), what="the French handoff line")
    wait_idle(app)

    operator = browser.new_context(viewport={"width": 1360, "height": 900}).new_page()
    operator.goto(app.local_url)
    operator.get_by_role("tab", name="Transcripts").click()
    queue = operator.locator("#escalation-queue")
    wait_for(
        lambda: "porter plainte" in queue.inner_text() or "Combien" in queue.inner_text(),
        what="the escalated conversation in the queue",
    )
    operator.locator("#show-translations input").uncheck()  # Julie reads French
    queue.get_by_role("gridcell").filter(has_text="Combien").first.click()
    wait_for(lambda: "porter plainte" in operator.locator("#conversation-view").inner_text(), what="viewer")
    operator.locator("#agent-text textarea").fill("Bonjour, ici Julie du service client : je m'en occupe.")
    operator.locator("#agent-send").click()
    wait_for(
        lambda: "Julie du service client" in chat_text(page), timeout=20, what="the agent reply in the chat"
    )
    operator.context.close()

    # the rate limit: a burst past the allowance gets a clear message, the text stays in the box
    seen_limit = False
    for i in range(8):
        send(page, f"Encore une question numéro {i} sur ma commande")
        time.sleep(0.3)
        if "trop" in page.locator("body").inner_text() or "patienter" in page.locator("body").inner_text():
            seen_limit = True
            break
        wait_idle(app)
    assert seen_limit
    assert page.locator("#message textarea").input_value().startswith("Encore une question")


def test_labels_follow_the_browsers_language(browser: Any, make_config: Any, launched: Any) -> None:
    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "ok")))
    for locale, send_label in (("fr-FR", "Envoyer"), ("ja-JP", "送信")):
        context = browser.new_context(locale=locale)
        page = context.new_page()
        page.goto(app.local_url)
        from console.ui_labels import UI_LABELS

        expected = UI_LABELS[locale[:2]]["send"]
        # the table's word is the one this test names: a table edit that breaks it fails here
        assert expected == send_label

        wait_for(reads(page.locator("#send").inner_text, send_label, whole=True), what=f"{locale} label")
        context.close()


def test_closing_the_browser_mid_reply_lets_the_reply_finish(
    browser: Any, make_config: Any, launched: Any
) -> None:
    """The customer closes the tab mid-reply: the reply is written to its end and stored
    whole, for the page that comes back (it was cut where the page left it, "interrupted",
    and a reload a moment after Send left "Answer ⚠️ interrupted": an outside tester); its
    generation slot is held until then and given back."""
    backend = ScriptedBackend(reply=lambda m: " ".join(f"word{i}" for i in range(300)), delay=0.02)
    app = launched(create_app(make_config(), backend=backend))
    context = browser.new_context()
    page = context.new_page()
    page.goto(app.local_url)
    send(page, "Tell me everything about shipping please")
    wait_for(lambda: "word20" in page.locator("#chatbot").inner_text(), what="streaming")
    context.close()  # the customer closes the tab
    assert app.context.admission.active == 1  # the reply goes on in its slot

    def stored() -> tuple[str, str]:
        reply = app.store.get_conversation(app.store.list_conversations()[0].id).messages[-1]
        return str(reply.status), reply.content

    wait_for(lambda: stored()[0] == "complete", timeout=60, what="the reply stored whole")
    assert stored()[1] == " ".join(f"word{i}" for i in range(300))
    wait_for(
        lambda: app.pipeline.active_streams == 0 and app.context.admission.active == 0, what="the slot back"
    )


def test_oversized_message_is_refused_clearly_and_kept_whole(
    page: Any, make_config: Any, launched: Any
) -> None:
    backend = ScriptedBackend(reply=lambda m: "ok")
    app = launched(create_app(make_config(max_input_chars=500), backend=backend))
    page.goto(app.local_url)
    text = "Bonjour, ma commande est en retard. " * 40  # 1,440 characters, limit 500
    send(page, text)
    wait_for(lambda: "trop long" in page.locator("body").inner_text(), what="the French length error")
    # nothing lost, nothing cut: the notice and the text put back come in one answer, which
    # the page applies in two steps (a run under load read the box between them)
    wait_for(lambda: page.locator("#message textarea").input_value() == text, timeout=5, what="the text back")
    assert backend.calls == [] and app.store.list_conversations() == []
