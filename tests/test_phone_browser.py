"""A customer on a phone (390x844, touch): the chat fits the screen's width, and the button
that reaches a person is on the first screen, without scrolling."""

from __future__ import annotations

from typing import Any

import pytest

from console.service import create_app
from tests.fakes import ScriptedBackend
from tests.test_browser import chat_text, wait_for
from tests.test_day_one import CUSTOMER, browser, open_page  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

#: every element of the page wider than the screen, by tag and id
_OVERFLOWING = """() => [...document.querySelectorAll('body *')].filter(e => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.right > window.innerWidth + 1;
}).map(e => e.tagName + '#' + e.id)"""


def test_a_customer_on_a_phone_reaches_everything_and_a_person_without_scrolling(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
) -> None:
    config = make_config(auth=(CUSTOMER,))
    app = launched(
        create_app(
            config,
            backend=ScriptedBackend(
                reply=lambda m: " ".join(f"Thanks for writing ({n})." for n in range(1, 31))
            ),
        )
    )
    screen = {"width": 390, "height": 844}
    page = open_page(browser, app.local_url, CUSTOMER, viewport=screen, is_mobile=True, has_touch=True)
    page.locator("#message textarea").fill("Hello, where is my parcel?")
    page.locator("#send").tap()
    wait_for(lambda: "Thanks for writing (1). Thanks" in chat_text(page), what="the reply")

    assert page.evaluate(_OVERFLOWING) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.evaluate("window.scrollTo(0, 0)")
    human = page.locator("#talk-to-human").bounding_box()
    assert human is not None and human["y"] + human["height"] <= 844, human
    # ... and it works from there
    page.locator("#talk-to-human").tap()
    wait_for(lambda: "person from our team" in page.locator("#banner").inner_text(), what="the handoff")


def test_an_arabic_customer_on_a_small_phone_is_greeted_and_reads_right_to_left(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
) -> None:
    """Found by an outside tester on a 360x640 phone in Arabic: "Talk to a human" started at
    y=634 of 640; the answer-language menu ran left to right, open and closed; the persona's
    greeting was never shown (an empty white box in every language). The greeting is not a
    message: nothing is stored until the customer writes."""
    from console.personas import PersonaLibrary, default_prompts_dir

    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "ok")))
    screen = {"width": 360, "height": 640}
    page = open_page(browser, app.local_url, viewport=screen, is_mobile=True, has_touch=True, locale="ar")
    greeting = PersonaLibrary(default_prompts_dir()).persona("general", "ar")[0].greeting
    log = page.locator("#chatbot [role=log]")
    wait_for(lambda: greeting in log.inner_text(), what="the Arabic greeting")
    assert chat_text(page) == "" and app.store.list_conversations() == []
    button = page.locator("#talk-to-human").bounding_box()
    assert button is not None and button["y"] + button["height"] <= screen["height"], button
    assert page.evaluate(_OVERFLOWING) == []
    menu = page.locator("#language .wrap").first
    assert menu.evaluate("(e) => getComputedStyle(e).direction") == "rtl"
    page.locator("#language input").click()
    options = page.locator("#language .options").first
    options.wait_for()
    assert options.evaluate("(e) => getComputedStyle(e).direction") == "rtl"
    page.context.close()


def test_the_rating_stars_and_the_download_link_say_what_they_are(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
) -> None:
    """A screen reader said "★", "★★"... for the rating and "690.0 B ⇣" for the customer's
    download (an outside tester, Arabic page): each is named in the reader's language."""
    from console.ui_labels import labels_for

    t = labels_for("ar")
    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "ok")))
    page = open_page(browser, app.local_url, locale="ar")
    page.locator("#message textarea").fill("أين طلبي؟")
    page.locator("#message textarea").press("Enter")
    wait_for(lambda: "ok" in chat_text(page), what="the reply")
    page.locator("#download").click()
    link = page.locator("#download-file a[download]").first
    link.wait_for()
    name = str(link.get_attribute("aria-label"))
    assert name.startswith(t["download_file_name"].split("{file}")[0].strip()) and ".md" in name, name
    (conversation,) = app.store.list_conversations()
    app.store.transition(conversation.id, "resolved", actor="Support")
    page.locator("#rating").wait_for(state="visible", timeout=20_000)

    def star_names() -> list[str | None]:
        return [page.locator(f"#rate-{n}").get_attribute("aria-label") for n in range(1, 6)]

    expected = [t["rating_star_name"].format(n=n) for n in range(1, 6)]
    wait_for(lambda: star_names() == expected, what="the stars' names")
    page.context.close()


#: every name and tooltip on the page: [aria-label, title] per element that has either
_NAMES = """() => [...document.querySelectorAll('[aria-label], [title]')].map(
  (e) => [e.getAttribute('aria-label'), e.getAttribute('title')])"""


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        # gradio ships no Italian: every one of its names was English
        ("it-IT", {"name_copy_message", "name_dislike", "name_like", "retry", "undo", "name_edit", "clear"}),
        # gradio ships French but leaves "Copy message" English
        ("fr-FR", {"name_copy_message"}),
    ],
)
def test_gradio_s_own_controls_are_named_in_the_readers_language(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
    locale: str,
    expected: set[str],
) -> None:
    """A screen reader read an Italian customer "Like", "Retry", "Copy message" and "user's
    message: ..." (gradio's English) between Italian text, and a French one "Copy message"
    (an outside tester): every control gradio names is named, and titled, in the reader's
    language, and stays so when its state changes (a thumbs-down is "... (selected)")."""
    from console.ui.relabel import GRADIO_NAME_PREFIXES, GRADIO_NAMES
    from console.ui_labels import labels_for

    t = labels_for(locale)
    reply = "Va bene, controllo subito." if locale.startswith("it") else "D'accord, je regarde."
    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: reply)))
    page = open_page(browser, app.local_url, locale=locale)
    page.locator("#message textarea").fill("Dov'è il mio ordine 4411?")
    page.locator("#message textarea").press("Enter")
    wait_for(lambda: reply in chat_text(page), what="the reply")
    page.locator("#chatbot .message-row").last.hover()

    def names() -> set[str]:
        return {name for pair in page.evaluate(_NAMES) for name in pair if name}

    english = set(GRADIO_NAMES) - {t[key] for key in GRADIO_NAMES.values()}
    wanted = {t[key] for key in expected}
    wait_for(lambda: wanted <= names() and not names() & english, what="the names in the reader's language")
    assert not [n for n in names() for prefix in GRADIO_NAME_PREFIXES if n.startswith(prefix)], names()
    first_lines = {name.split("\n")[0] for name in names()}  # a message's name ends with its badge
    assert t["name_your_message"].format(text="Dov'è il mio ordine 4411?") in first_lines
    assert t["name_reply_message"].format(text=reply) in names()
    for aria_label, title in page.evaluate(_NAMES):
        assert title is None or title == aria_label, (aria_label, title)  # the tooltip says the same

    # gradio names a pressed thumbs-down "Disliked", in English in every language
    dislike = t["name_dislike"] if locale.startswith("it") else "Je n'aime pas"  # gradio's French
    page.locator(f'#chatbot button[aria-label="{dislike}"]').last.click()
    wait_for(lambda: t["name_disliked"] in names() and "Disliked" not in names(), what="the thumb's name")
    page.context.close()


def test_the_who_answers_line_announces_only_its_own_words(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
) -> None:
    """The "who answers" line is a live region; gradio's progress display inside it was
    read out too ("common.complete", "0.8s" on a French page: an outside tester)."""
    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "D'accord.")))
    page = open_page(browser, app.local_url, locale="fr-FR")
    page.locator("#message textarea").fill("Bonjour, où est mon colis ?")
    page.locator("#message textarea").press("Enter")
    wait_for(lambda: "D'accord." in chat_text(page), what="the reply")
    hidden = "() => [...document.querySelectorAll('#banner .wrap')].map((e) => e.getAttribute('aria-hidden'))"
    wait_for(lambda: set(page.evaluate(hidden)) == {"true"}, what="gradio's tracker hidden")
    assert page.locator("#banner").get_attribute("aria-live") == "polite"
    page.context.close()
