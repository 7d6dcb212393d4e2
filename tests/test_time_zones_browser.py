"""Times as each person's clock reads them: played in Chromium with a customer in São Paulo
and an operator in Tokyo, each browser context in its own time zone.

Before, every time on the page was UTC: the Transcripts list showed "Last activity" 9 hours
behind for the Tokyo operator, unlabelled; a "since" date was read as UTC midnight; and the
customer's download said "UTC" to a customer who had never heard of it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from console.service import create_app
from tests.fakes import ScriptedBackend
from tests.test_browser import chat_text, download, send, wait_for
from tests.test_day_one import (  # noqa: F401  (browser: a fixture)
    CUSTOMER,
    OPERATOR,
    browser,
    idle,
    open_listed,
    open_page,
    replies_by_language,
)

pytestmark = pytest.mark.browser

TOKYO, SAO_PAULO = ZoneInfo("Asia/Tokyo"), ZoneInfo("America/Sao_Paulo")


def _clock(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def test_each_person_reads_times_on_their_own_clock(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
    tmp_path: Path,
) -> None:
    backend = ScriptedBackend(reply=replies_by_language, delay=0.01)
    config = make_config(auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],), business_line="ecommerce")
    app = launched(create_app(config, backend=backend))
    customer = open_page(browser, app.local_url, CUSTOMER, locale="pt-BR", timezone_id="America/Sao_Paulo")
    send(customer, "Onde está o meu pedido de ontem?")
    wait_for(lambda: "Answer to «Onde está o meu" in chat_text(customer), what="the assistant's answer")
    idle(app)
    (summary,) = app.store.list_conversations()
    record = app.store.get_conversation(summary.id)
    first = record.messages[0].created_at

    # the customer's copy: their clock, its offset beside it; never the server's UTC
    saved = download(customer, tmp_path).read_text(encoding="utf-8")
    assert f"{_clock(first, SAO_PAULO)} UTC-3" in saved, saved
    assert _clock(first, TOKYO) not in saved and " UTC\n" not in saved and " UTC ·" not in saved

    # the Tokyo operator's list: local times, and the columns say which zone
    operator = open_page(browser, app.local_url, OPERATOR, timezone_id="Asia/Tokyo")
    view = open_listed(operator, "#transcripts-table", "Onde está o meu pedido")
    table = operator.locator("#transcripts-table")
    headers = table.locator("th").all_inner_texts()
    assert any(h.strip() == "Last activity (UTC+9)" for h in headers), headers
    assert any(h.strip() == "Started (UTC+9)" for h in headers), headers
    assert _clock(record.created_at, TOKYO) in table.inner_text()
    # ... and the conversation view: each time with its offset, none in UTC
    wait_for(lambda: "Onde está o meu pedido" in view.inner_text(), what="the conversation opened")
    assert f"{_clock(first, TOKYO)} UTC+9" in view.inner_text()
    assert f"{_clock(first, SAO_PAULO)}" not in view.inner_text()

    # a "since" the operator types is their wall clock: a minute after the conversation
    # started (Tokyo time) leaves it out, a minute before brings it back. Read as UTC, both
    # would be nine hours later than meant and the list empty either way.
    since = operator.locator("#f-since textarea, #f-since input").first
    since.fill(_clock(record.created_at + timedelta(minutes=1), TOKYO))
    since.press("Enter")
    wait_for(lambda: "Onde está o meu pedido" not in table.inner_text(), what="the list from a minute later")
    since.fill(_clock(record.created_at - timedelta(minutes=1), TOKYO))
    since.press("Enter")
    wait_for(lambda: "Onde está o meu pedido" in table.inner_text(), what="the list from a minute before")
