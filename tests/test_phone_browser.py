"""A customer on a phone (390x844, touch): the chat fits the screen's width, and the button
that reaches a person is on the first screen, without scrolling."""

from __future__ import annotations

from typing import Any

import pytest

from console.service import create_app
from tests.fakes import ScriptedBackend
from tests.test_browser import chat_text, wait_for
from tests.test_day_one import CUSTOMER, browser  # noqa: F401  (fixture)

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
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Thanks for writing. " * 30)))
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="en-US"
    )
    page = context.new_page()
    page.goto(app.local_url)
    page.locator("input[type=text], input:not([type])").first.fill(CUSTOMER[0])
    page.locator("input[type=password]").first.fill(CUSTOMER[1])
    page.locator("input[type=password]").first.press("Enter")
    page.locator("#message textarea").wait_for()
    page.locator("#message textarea").fill("Hello, where is my parcel?")
    page.locator("#send").tap()
    wait_for(lambda: "Thanks for writing. Thanks" in chat_text(page), what="the reply")

    assert page.evaluate(_OVERFLOWING) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.evaluate("window.scrollTo(0, 0)")
    human = page.locator("#talk-to-human").bounding_box()
    assert human is not None and human["y"] + human["height"] <= 844, human
    # ... and it works from there
    page.locator("#talk-to-human").tap()
    wait_for(lambda: "person from our team" in page.locator("#banner").inner_text(), what="the handoff")
