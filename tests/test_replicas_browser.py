"""A second console starting beside a live one, on the same database (a second replica, or
a ``--customer-only`` console in front), while a customer's reply streams.

Before: every console marked *every* reply left ``streaming`` as ``interrupted`` when it
opened the database, taking the live console's reply in progress for a crash's: the
operator watching it read "interrupted", the log said "left streaming by an earlier crash",
and the row said so until the live console's next save.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from console.service import create_app
from console.store.models import Message
from tests.fakes import HeldBackend
from tests.test_browser import chat_text, send, wait_for
from tests.test_cli import serve, stop
from tests.test_day_one import CUSTOMER, OPERATOR, browser, open_listed, open_page  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser

WORDS = 60
#: English first, so that its text shows as it streams (a reply's language is confirmed
#: first: console/pipeline.py), then words the test can count
REPLY = "Your parcel is on its way. " + " ".join(f"step{i}" for i in range(WORDS))


def test_a_second_console_starting_beside_a_live_one_leaves_its_streaming_reply_alone(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
    tiny_qwen2: Path,
) -> None:
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],))
    # the reply holds after 16 words (~2.4 s, past two progress saves) until the second console
    # is up, however long that takes on a loaded machine (a reply is not saved while no words
    # come, as while a long prompt is processed: nothing of the live console's own puts a
    # wrong status back then)
    release = threading.Event()
    backend = HeldBackend(reply=lambda m: REPLY, delay=0.15, gates={"parcel 4711": release}, after=16)
    app = launched(create_app(config, backend=backend))
    assert app.store is not None
    operator = open_page(browser, app.local_url, OPERATOR)
    customer = open_page(browser, app.local_url, CUSTOMER)
    send(customer, "Where is my parcel 4711?")
    wait_for(lambda: "step4" in chat_text(customer), what="the reply streaming")
    view = open_listed(operator, "#transcripts-table", "parcel 4711")
    wait_for(lambda: "step4" in view.inner_text(), what="the operator watching the reply")

    conversation = app.store.list_conversations()[0]
    reply_id = app.store.get_conversation(conversation.id).messages[-1].id
    # every status the reply's row has while the second console starts, read every 20 ms
    # (the live console's next save, within a second, hid the wrong one from a slower look)
    statuses: list[str] = []
    watching = threading.Event()

    def watch() -> None:
        with app.store.engine.connect() as connection:
            while not watching.wait(0.02):
                found = connection.execute(select(Message.status).where(Message.id == reply_id)).scalar()
                connection.rollback()  # a fresh snapshot each time
                statuses.append(str(found))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    env = {k: v for k, v in os.environ.items() if k != "CONSOLE_SECRET_KEY"}
    second, _port = serve(
        [
            "--model",
            str(tiny_qwen2),
            "--device",
            "cpu",
            "--customer-only",
            "--data-dir",
            str(config.data_dir),
        ],
        env=env,
    )
    try:
        # the second console has opened the database (it is ready) while the reply is held
        seen: list[str] = []
        deadline = time.monotonic() + 2  # what the operator sees meanwhile
        while time.monotonic() < deadline:
            seen.append(view.inner_text())
            time.sleep(0.2)
        release.set()
        deadline = time.monotonic() + 60
        while f"step{WORDS - 1}" not in chat_text(customer) and time.monotonic() < deadline:
            seen.append(view.inner_text())
            time.sleep(0.3)
    finally:
        release.set()
        log = stop(second)
        watching.set()
        watcher.join()
    assert set(statuses) == {"streaming", "complete"}, sorted(set(statuses))
    assert "interrupted" not in log
    wait_for(lambda: f"step{WORDS - 1}" in view.inner_text(), what="the operator seeing the whole reply")
    assert not [text for text in seen if "interrupted" in text]
    assert "interrupted" not in chat_text(customer)
    stored = app.store.get_conversation(conversation.id).messages
    assert [(m.role, m.status) for m in stored] == [("user", "complete"), ("assistant", "complete")]
    assert stored[-1].content == REPLY
    assert REPLY in chat_text(customer).replace("\n", " ")
