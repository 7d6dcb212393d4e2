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
