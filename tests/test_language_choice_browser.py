"""A customer corrects the language the console detected, in a real browser.

Detection on one or two words is right about 9 times in 10: a Portuguese "pedido duplicado"
(a duplicate order) from a browser set to English reads as Spanish, and the answer came from
the Spanish persona. The customer had no way to say otherwise (the language menu was in the
staff sidebar, and a customer's choice was ignored). Now the menu is under the chat for
everyone, and the answer language is the one setting a customer's choice decides.
"""

from __future__ import annotations

from typing import Any

import pytest

from console.service import create_app
from tests.fakes import ScriptedBackend
from tests.test_browser import chat_text, send, toasts, wait_for
from tests.test_day_one import CUSTOMER, OPERATOR, browser, idle, open_page  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

TEXT = "pedido duplicado"


@pytest.fixture
def choice_app(make_config: Any, launched: Any) -> Any:
    backend = ScriptedBackend(reply=lambda messages: "Ok.")
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],), business_line="ecommerce")
    return launched(create_app(config, backend=backend)), backend


def test_a_customer_picks_the_answer_language(browser: Any, choice_app: Any) -> None:  # noqa: F811
    app, backend = choice_app
    personas = app.pipeline.personas
    spanish, portuguese = (personas.system_prompt("ecommerce", tag).text for tag in ("es", "pt"))
    customer = open_page(browser, app.local_url, CUSTOMER, locale="en-US")
    menu = customer.locator("#language")
    # the customer's own, not in a staff sidebar (waited for: the page load's relabelling
    # redraws it, and a busy CI machine read it mid-redraw)
    wait_for(menu.is_visible, what="the language menu")
    assert not customer.locator("#staff-sidebar").is_visible()

    send(customer, TEXT)
    wait_for(lambda: "Ok." in chat_text(customer), what="the first answer")
    idle(app)
    assert backend.answers[-1][0][0]["content"].startswith(spanish[:200])  # read as Spanish

    menu.locator("input").click()
    customer.get_by_role("option", name="Português (pt)", exact=True).click()
    send(customer, TEXT)
    wait_for(lambda: len(backend.answers) == 2, what="the second answer")
    idle(app)
    assert backend.answers[-1][0][0]["content"].startswith(portuguese[:200])  # the customer's pick
    assert toasts(customer) == ""  # changing it says nothing (the sidebar's handler is staff-only)
    record = app.store.get_conversation(app.store.list_conversations()[0].id)
    assert [m.language for m in record.messages if m.role == "user"] == ["es", "pt"]
    assert "🌐 pt" in chat_text(customer)

    # the choice stays with the browser: after a reload the menu still says Portuguese and
    # the next two words are answered from the Portuguese persona again
    customer.reload()
    customer.locator("#message textarea").wait_for()
    wait_for(
        lambda: menu.locator("input").input_value() == "Português (pt)", what="the choice after a reload"
    )
    send(customer, TEXT)
    wait_for(lambda: len(backend.answers) == 3, what="the third answer")
    assert backend.answers[-1][0][0]["content"].startswith(portuguese[:200])
