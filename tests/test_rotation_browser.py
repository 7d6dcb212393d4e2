"""`app.py keys rotate` run by an administrator while a customer and an operator use the
console (the real command, in its own process, on the console's key file and database).

Before: from the moment the rotation re-encrypted the rows, every read of the running
console failed ("encrypted with key id 2, which is not among the keys"): the customer's
reload, the operator's view and the live updates, until a restart; and the console kept
sealing new messages with key 1, which the rotation reported unused.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest

from console.service import create_app
from console.store.key_usage import key_usage
from tests.conftest import ROOT
from tests.fakes import ScriptedBackend
from tests.test_browser import chat_text, send, wait_for
from tests.test_day_one import CUSTOMER, OPERATOR, browser, idle, open_listed, open_page  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


def test_a_key_rotation_beside_a_live_console_loses_nothing_on_either_screen(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
) -> None:
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "The bot answers.")))
    customer = open_page(browser, app.local_url, CUSTOMER)
    send(customer, "My parcel 4711 is late, where is it?")
    wait_for(lambda: "The bot answers." in chat_text(customer), what="the first answer")
    idle(app)

    env = {k: v for k, v in os.environ.items() if k != "CONSOLE_SECRET_KEY"}
    rotation = subprocess.Popen(
        [sys.executable, "app.py", "keys", "rotate", "--data-dir", str(config.data_dir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # the customer goes on writing while it runs (it waits for running consoles to take the key)
    send(customer, "Can you send it to my office instead?")
    wait_for(lambda: chat_text(customer).count("The bot answers.") == 2, what="the second answer")
    output, _ = rotation.communicate(timeout=120)
    assert rotation.returncode == 0, output
    assert "Added key id 2" in output

    send(customer, "Thanks, and I want to talk to a person please")
    wait_for(lambda: "person from our team" in customer.locator("#banner").inner_text(), what="the handoff")
    idle(app)
    shown = chat_text(customer)
    # a reload reads every message back (all re-encrypted or sealed under the new key)
    customer.reload()
    customer.locator("#message textarea").wait_for()
    wait_for(lambda: "talk to a person" in chat_text(customer), what="the reloaded conversation")
    assert chat_text(customer) == shown
    # the operator reads it whole, and the customer gets the answer live
    operator = open_page(browser, app.local_url, OPERATOR)
    view = open_listed(operator, "#escalation-queue", "parcel 4711")
    wait_for(lambda: "send it to my office" in view.inner_text(), what="the operator's view")
    assert "parcel 4711" in view.inner_text()
    operator.locator("#take").click()
    operator.locator("#agent-text textarea").fill("Maria here: I changed the address.")
    operator.locator("#agent-send").click()
    wait_for(lambda: "I changed the address" in chat_text(customer), what="the person's answer")

    # nothing stays under key 1: every value the console wrote after the rotation began is
    # under key 2, so removing key 1 (as the report invites) would lose nothing
    assert app.store is not None
    assert {use.key_id for use in key_usage(app.store.engine)} == {2}
    for page in (customer, operator):
        page.context.close()
