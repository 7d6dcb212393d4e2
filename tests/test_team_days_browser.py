"""A São Paulo team sets its time zone while its console runs, and its insights count its own
days: played in a real browser (Debian chromium + playwright) with ``app.py db time-zone``
run as a lead would, beside the live console.

Before revision 0009 the days were UTC days: a conversation at 20:00 in São Paulo (23:00 UTC)
six days ago and one at 23:30 seven days ago (02:30 UTC the next day) fell into "the last 7
days" by the UTC calendar, not by the team's."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from console import insights
from console.service import create_app
from console.store import repository as repo_module
from console.store.models import Conversation
from tests.conftest import ROOT
from tests.fakes import ScriptedBackend
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, send, wait_for

pytestmark = pytest.mark.browser

SAO_PAULO = ZoneInfo("America/Sao_Paulo")


def _conversations_shown(page: Any) -> int:
    """The headline's first cell: conversations in the period."""
    cell = page.locator("#ins-headline td").first
    cell.wait_for()
    return int(cell.inner_text().strip())


def _choose_week(page: Any, label: str) -> None:
    page.locator("#ins-period input").click()
    page.get_by_role("option", name=label, exact=True).click()


def test_a_team_sets_its_time_zone_and_its_insights_count_its_days(
    make_config: Any, launched: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from playwright.sync_api import sync_playwright

    config = make_config()
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda _m: "Claro, já verifico.")))
    store = app.store
    today = datetime.now(UTC).astimezone(SAO_PAULO).date()
    # written earlier, as the store's clock then said: before the team's week and inside it
    for day, at in ((today - timedelta(days=7), time(23, 30)), (today - timedelta(days=6), time(20, 0))):
        moment = datetime.combine(day, at, tzinfo=SAO_PAULO).astimezone(UTC)
        monkeypatch.setattr(repo_module, "utcnow", lambda moment=moment: moment)
        cid = store.create_conversation(
            language="pt", business_line="general", model="m", backend="scripted", params={}
        )
        store.add_message(cid, role="user", content="Meu pedido não chegou", language="pt")
    monkeypatch.undo()

    def count(zone: Any) -> int:
        return int(insights.summary(store.engine, insights.Filters.last_days(7, zone=zone))["conversations"])

    # by the team's calendar only the 20:00 one is in the week; by UTC's, whatever the hour
    # this runs at, a different number (both at most hours, none late in the evening)
    by_utc, by_team = count(UTC), 1
    assert by_utc != by_team

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        lead = browser.new_context(viewport={"width": 1360, "height": 900}, locale="en-US").new_page()
        lead.set_default_timeout(30_000)
        lead.goto(app.local_url)
        lead.get_by_role("tab", name="Insights").click()
        _choose_week(lead, "Last 7 days (UTC)")
        wait_for(lambda: _conversations_shown(lead) == by_utc, what="the UTC week's count")

        # the lead sets the team's zone beside the running console, as the README says
        done = subprocess.run(
            [
                sys.executable,
                "app.py",
                "db",
                "time-zone",
                "America/Sao_Paulo",
                "--data-dir",
                str(config.data_dir),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        # 23:30 seven days ago was the next day in UTC; 20:00 six days ago the same day
        assert "days are in America/Sao_Paulo; re-dated 1 conversation, 1 message" in done.stdout

        # a customer writes now: the running console dates it in the team's zone (it read
        # the setting again within its refresh, which the command waited out)
        customer = browser.new_context(locale="pt-BR").new_page()
        customer.set_default_timeout(30_000)
        customer.goto(app.local_url)
        customer.locator("#message textarea").wait_for()
        send(customer, "Onde está o meu pedido?")
        wait_for(
            lambda: "Claro, já verifico." in customer.locator("#chatbot").inner_text(), what="the answer"
        )
        newest = store.list_conversations(limit=1)[0]
        with store.engine.connect() as connection:
            day = connection.execute(select(Conversation.day).where(Conversation.id == newest.id)).scalar()
        assert day == datetime.now(UTC).astimezone(SAO_PAULO).date().isoformat()

        lead.reload()
        lead.get_by_role("tab", name="Insights").click()
        _choose_week(lead, "Last 7 days (America/Sao Paulo)")  # the menu names the team's zone
        wait_for(lambda: _conversations_shown(lead) == by_team + 1, what="the team's week, with today's")
        assert count(SAO_PAULO) == by_team + 1
        assert "(UTC)" not in lead.locator("#ins-period").inner_text()
        browser.close()
