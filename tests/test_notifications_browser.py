"""An operator working in another program is told when a customer starts waiting: played in
Chromium with a Japanese operator and three customers, the browser's Notification API recorded.

Before, a waiting customer changed only the console tab's title ("(1) Support console"): an
operator answering mail in another window saw nothing, and the customer waited. And a page
that stayed on the Chat tab (where it opens) never refreshed the queue at all: its timer lived
in the Transcripts tab, which is drawn when first opened, so the title stayed and the operator
counted as gone 90 s after opening the console.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from console.service import create_app
from console.ui.labels import labels
from tests.fakes import ScriptedBackend
from tests.test_browser import chat_text, send, wait_for
from tests.test_day_one import (  # noqa: F401  (browser: a fixture)
    CUSTOMER,
    OPERATOR,
    browser,
    open_listed,
    open_page,
    replies_by_language,
)

pytestmark = pytest.mark.browser

JA = labels("ja")

# The browser's notifications, recorded instead of shown; the operator is in another program
# (the page never has the focus); permission is "default" until the page asks for it, then
# kept for the site.
RECORDER = """
window.__notes = [];
window.Notification = class {
  constructor(title, options) { window.__notes.push([title, (options || {}).body || ""]); }
  // kept across reloads, as a browser keeps a site's permission
  static get permission() { return localStorage.getItem("test-permission") || "default"; }
  static requestPermission() {
    localStorage.setItem("test-permission", "granted");
    return Promise.resolve("granted");
  }
};
Document.prototype.hasFocus = function () { return false; };
"""


def _notes(page: Any) -> list[list[str]]:
    return list(page.evaluate("window.__notes"))


def test_an_operator_elsewhere_is_notified_of_each_new_waiting_customer(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
) -> None:
    backend = ScriptedBackend(reply=replies_by_language, delay=0.01)
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],), business_line="ecommerce")
    app = launched(create_app(config, backend=backend))
    operator = open_page(browser, app.local_url, OPERATOR, locale="ja-JP", init_script=RECORDER)
    operator.get_by_role("tab", name=JA["transcripts_tab"]).click()
    button = operator.locator("#notify")
    wait_for(lambda: JA["notify_button"] in button.inner_text(), what="the notify button, in Japanese")

    # a customer waits before the operator allowed notifications: the title only
    first = open_page(browser, app.local_url, CUSTOMER)
    send(first, "I want to talk to a person about my order")
    wait_for(lambda: operator.title().startswith("(1) "), timeout=15, what="one waiting in the title")
    assert _notes(operator) == []

    # allowed: one notification says it works, and the button goes
    button.click()
    wait_for(lambda: len(_notes(operator)) == 1, what="the notification saying it works")
    assert _notes(operator)[0] == [JA["title"], JA["notify_on"]]
    wait_for(lambda: not button.is_visible(), what="the button gone once allowed")

    # the next customer who waits: notified, in the operator's language, with the count
    second = open_page(browser, app.local_url, CUSTOMER)
    send(second, "Please let me speak to a human agent")
    wait_for(lambda: len(_notes(operator)) == 2, timeout=15, what="the waiting customer's notification")
    assert _notes(operator)[1] == [JA["title"], f"{JA['queue_title']} (2)"]

    # the count going down (the operator takes one) notifies nobody
    view = open_listed(operator, "#escalation-queue", "Please let me speak", tab=JA["transcripts_tab"])
    wait_for(lambda: "Please let me speak" in view.inner_text(), what="the conversation opened")
    operator.locator("#take").click()
    wait_for(lambda: operator.title().startswith("(1) "), timeout=15, what="one left waiting")
    time.sleep(4)  # more than a queue refresh (3 s)
    assert len(_notes(operator)) == 2
    assert "Answer to" not in chat_text(second)  # the assistant is quiet once taken

    # a reload remembers the browser's permission, and the customers already waiting when the
    # page opens are not announced again; the operator stays on the Chat tab (where a page
    # opens) and is still told of the next one
    operator.reload()
    operator.locator("#message textarea").wait_for()
    wait_for(lambda: operator.title().startswith("(1) "), timeout=15, what="the count after the reload")
    time.sleep(4)
    assert _notes(operator) == []  # a new page: its own record, nothing announced
    # ... and the team counts as here while the page stays on the Chat tab (the page notes it
    # every 10 s; before, only once at load, so after 90 s customers read "nobody is online")
    seen = app.store.staff_last_seen()
    assert seen is not None
    wait_for(lambda: (app.store.staff_last_seen() or seen) > seen, timeout=20, what="presence noted again")
    third = open_page(browser, app.local_url, CUSTOMER)
    send(third, "I want to talk to a real person now")
    wait_for(lambda: len(_notes(operator)) == 1, timeout=15, what="the next customer, from the Chat tab")
    assert _notes(operator)[0] == [JA["title"], f"{JA['queue_title']} (2)"]
    operator.get_by_role("tab", name=JA["transcripts_tab"]).click()
    operator.locator("#escalation-queue").wait_for()
    assert not operator.locator("#notify").is_visible()  # allowed already: no button
