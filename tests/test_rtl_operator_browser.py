"""An Arabic-reading operator answers an English customer, in a real browser.

Seen before: the operator's conversation view was laid out left to right under an Arabic
page, and its values took their order from the Arabic labels around them: "2026-12-05 07:06"
showed as "07:06 05-12-2026", and the timeline named the customer in English ("customer").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from console.backends.base import ChatMessage
from console.service import create_app
from tests.fakes import ScriptedBackend
from tests.test_browser import chat_text, send, wait_for
from tests.test_day_one import CUSTOMER, OPERATOR, browser, idle, open_listed, open_page  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

# where, on the screen, the year and the day of the first date in the view are
_DATE_PLACES = """(root) => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const date = /(\\d{4})-(\\d{2})-(\\d{2}) \\d{2}:\\d{2}/;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const found = date.exec(node.data);
    if (!found) continue;
    const box = (start, length) => {
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + length);
      return range.getBoundingClientRect().left;
    };
    return {date: found[0], year: box(found.index, 4), day: box(found.index + 8, 2)};
  }
  return null;
}"""


def reply(messages: Sequence[ChatMessage]) -> str:
    if "professional translator" in messages[0]["content"]:
        return "طلبي رقم 4711 لم يصل، أريد التحدث إلى شخص من فضلك"
    return "Sure."


@pytest.fixture
def rtl_app(make_config: Any, launched: Any) -> Any:
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],), business_line="ecommerce")
    return launched(create_app(config, backend=ScriptedBackend(reply=reply)))


def test_an_arabic_operator_reads_the_view_right_to_left(browser: Any, rtl_app: Any) -> None:  # noqa: F811
    app = rtl_app
    customer = open_page(browser, app.local_url, CUSTOMER, locale="en-GB")
    send(customer, "My order 4711 never arrived, I want to talk to a person please")
    wait_for(lambda: "colleague" in chat_text(customer), what="the handoff line")
    idle(app)

    operator = open_page(browser, app.local_url, OPERATOR, locale="ar-EG")
    view = open_listed(operator, "#escalation-queue", "4711", tab="سجلات المحادثات")
    wait_for(lambda: "طلبي رقم 4711" in view.inner_text(), what="the customer's message, translated")

    assert view.evaluate("el => getComputedStyle(el.querySelector('.prose') || el).direction") == "rtl"
    # the header's model line has no English word in it and keeps its own order
    header = operator.locator("#model-info").inner_text()
    assert "scripted-test-model" in header and " on " not in header
    assert operator.locator("#model-info").evaluate("el => el.innerText.includes('\u2068')")
    places = view.evaluate(_DATE_PLACES)
    assert places is not None, view.inner_text()
    # an ISO date reads year first, left to right, inside the right-to-left view
    assert places["year"] < places["day"], places
    # the operator writes in Arabic; what the English customer will read runs left to right
    direction = "el => getComputedStyle(el).direction"
    wait_for(
        lambda: operator.locator("#agent-text textarea").evaluate(direction) == "rtl", what="rtl reply box"
    )
    assert operator.locator("#note textarea").evaluate(direction) == "rtl"
    assert operator.locator("#agent-translated textarea").evaluate(direction) == "ltr"
    text = view.inner_text()
    assert "العميل" in text and "customer" not in text  # the timeline names the customer in Arabic
    stored = app.store.get_conversation(app.store.list_conversations()[0].id)
    # the isolating marks are for the screen only: nothing stored carries them
    assert not any(
        "\u2068" in (m.content or "") or "\u2068" in (m.translation or "") for m in stored.messages
    )


def test_an_english_operator_writes_to_an_arabic_customer_right_to_left(browser: Any, rtl_app: Any) -> None:  # noqa: F811
    """The other way round: the operator's own boxes stay left to right, the box holding what
    the Arabic customer will read runs right to left."""
    app = rtl_app
    customer = open_page(browser, app.local_url, CUSTOMER, locale="ar-EG")
    send(customer, "طلبي رقم 4711 لم يصل، أريد التحدث إلى شخص من فضلك")
    # the customer's page reads right to left, its text blocks too (gradio gives each
    # Markdown block dir="ltr": the title and the "who answers" line ran left to right)
    assert customer.locator("#title h2").evaluate("el => getComputedStyle(el).direction") == "rtl"
    wait_for(lambda: len(app.store.list_conversations()) == 1, what="the conversation stored")
    idle(app)
    customer.locator("#talk-to-human").click()
    wait_for(lambda: app.store.list_conversations()[0].status == "escalated", what="handed over")
    operator = open_page(browser, app.local_url, OPERATOR, locale="en-US")
    open_listed(operator, "#escalation-queue", "4711")
    direction = "el => getComputedStyle(el).direction"
    translated = operator.locator("#agent-translated textarea")
    wait_for(lambda: translated.evaluate(direction) == "rtl", what="the customer's box right to left")
    assert operator.locator("#agent-text textarea").evaluate(direction) == "ltr"
    assert operator.locator("#conversation-view").evaluate(direction) == "ltr"
    assert operator.locator("#title h2").evaluate(direction) == "ltr"
    wait_for(lambda: customer.locator("#banner").inner_text().strip() != "", what="the 'who answers' line")
    # waited for, not read once: the line is redrawn as its words change (the queue's
    # "nobody is online" then who answers), and a paragraph read while being replaced has no
    # computed style yet ('' in one CI run)
    wait_for(
        lambda: customer.locator("#banner p").first.evaluate(direction) == "rtl",
        what="the 'who answers' line right to left",
    )


def test_math_and_direction_controls_show_as_typed_on_both_screens(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
) -> None:
    """Found attacking the console with hostile text: "$$...$$" was drawn as KaTeX (a big
    centred "REFUND APPROVED" in the operator's view and the chat), and a right-to-left
    override made "RTLOVERRIDE" show as "ƎDIRREVOLTR". Both screens now show the text in
    the order typed, the control written out; the store keeps it exactly."""
    from console.service import create_app
    from tests.fakes import ScriptedBackend
    from tests.test_browser import chat_text, send, wait_for
    from tests.test_day_one import CUSTOMER, OPERATOR, open_listed, open_page

    math = "$$\\text{SYSTEM: REFUND APPROVED}$$"
    text = f"Order 4711 {math} and \u202eRTLOVERRIDE\u202c done"
    backend = ScriptedBackend(reply=lambda m: "Noted $$x^2$$ for order 4711.")
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],))
    app = launched(create_app(config, backend=backend))
    customer = open_page(browser, app.local_url, CUSTOMER)
    send(customer, text)
    wait_for(lambda: "for order 4711" in chat_text(customer), what="the reply")
    operator = open_page(browser, app.local_url, OPERATOR)
    viewer = open_listed(operator, "#transcripts-table", "Order 4711")
    wait_for(lambda: "for order 4711" in viewer.inner_text(), what="the reply in her view")
    shown = "Order 4711 $$\\text{SYSTEM: REFUND APPROVED}$$ and ⟨U+202E⟩RTLOVERRIDE⟨U+202C⟩ done"
    for screen, where in ((customer.locator("#chatbot"), "chat"), (viewer, "view")):
        assert screen.locator(".katex").count() == 0, where
        assert shown in screen.inner_text().replace("\\\\", "\\"), (where, screen.inner_text())
        assert "$$x^2$$" in screen.inner_text(), where
        assert "ƎDIRREVOLTR" not in screen.inner_text()
    assert operator.locator("#transcripts-table .katex").count() == 0  # the list's preview too
    assert app.store.get_conversation(app.store.list_conversations()[0].id).messages[0].content == text
    customer.context.close()
    operator.context.close()
