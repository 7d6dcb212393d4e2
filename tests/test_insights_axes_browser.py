"""The insights tab's day axes, languages' legend and empty state in a real browser (Debian
chromium + playwright), read from the SVG Vega drew.

A team in Tokyo: its days were drawn as datetimes on a time axis in the browser's own zone,
so a lead whose browser was in São Paulo saw each day labelled twice ("11-30 11-30 12-01
12-01 ...") with bars as slivers between, and the team's newest day (12-07) unlabelled after
"12-06". 18 languages shared Vega's 10 colours (ar and pt the same blue) in a legend cut off
after "tr". An empty database showed an axis reading "0.000000", a colour legend "NaN" and
nothing saying there was no data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from console import demo_data
from console.service import create_app
from console.store import TranscriptStore
from console.store import days as team_days
from console.store.keys import load_keyring
from console.store.repository import ensure_data_dir
from console.ui.insights import insights_labels
from console.ui.labels import filter_language_choices
from tests.fakes import ScriptedBackend
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, wait_for

pytestmark = pytest.mark.browser

TOKYO = ZoneInfo("Asia/Tokyo")
#: the plots with a day axis
DAILY = (
    "ins-conversations",
    "ins-messages",
    "ins-speed",
    "ins-tokens",
    "ins-handoff-rate",
    "ins-wait",
    "ins-events",
)
#: an x axis' labels as Vega drew them: text, left edge, whether the stylesheet shows it
LABELS_JS = """els => els.map(e => [e.textContent, e.getBoundingClientRect().x,
                                   getComputedStyle(e).display !== 'none'])"""


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


def _open(browser: Any, url: str, *, locale: str = "en-US", zone: str = "UTC") -> Any:
    page = browser.new_context(
        viewport={"width": 1360, "height": 900}, locale=locale, timezone_id=zone
    ).new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    page.locator("#message textarea").wait_for()
    return page


def _tokyo_demo(make_config: Any, launched: Any) -> Any:
    """The demo month of a team whose zone is Asia/Tokyo (set before the month is written,
    so its rows are dated in Tokyo, as a console of that team writes them)."""
    config = make_config(demo=True)
    folder: Path = demo_data.demo_dir(config.data_dir)
    ensure_data_dir(folder)
    store = TranscriptStore.open(f"sqlite:///{folder / 'console.db'}", load_keyring(folder))
    try:
        team_days.change_zone(store.engine, "Asia/Tokyo", wait_s=0)
    finally:
        store.close()
    demo_data.fill(folder, conversations=400)
    return launched(create_app(demo_data.serving_config(config), backend=ScriptedBackend()))


def _team_days(days: int) -> list[str]:
    """The team's last ``days`` days as the axes write them, oldest first."""
    today = datetime.now(UTC).astimezone(TOKYO).date()
    return [(today - timedelta(days=n)).strftime("%m-%d") for n in range(days - 1, -1, -1)]


def _labels(page: Any, plot: str) -> tuple[list[str], list[str]]:
    """(every label of ``plot``'s x axis, the labels shown, left to right)."""
    found = page.eval_on_selector_all(f"#{plot} g[aria-label^='X-axis'] .role-axis-label text", LABELS_JS)
    shown = sorted((x, text) for text, x, visible in found if visible)
    return [text for text, _x, _visible in found], [text for _x, text in shown]


def _wait_for_labels(page: Any, plot: str, labels: list[str], shown: list[str], what: str) -> None:
    """Until ``plot``'s x axis has ``labels`` (in this order in the SVG) and shows ``shown``."""
    wait_for(lambda: _labels(page, plot) == (labels, shown), what=what)


def _choose(page: Any, option: str) -> None:
    page.locator("#ins-period input").click()
    page.get_by_role("option", name=option, exact=True).click()


def _hex(colour: str) -> str:
    """A CSS colour as the bars' fill attribute writes it: "rgb(67, 99, 216)" -> "#4363d8"."""
    if colour.startswith("#"):
        return colour.lower()
    red, green, blue = (int(part) for part in colour[colour.index("(") + 1 : -1].split(",")[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


def test_team_days_are_the_same_labels_in_every_browser_zone(
    browser: Any, make_config: Any, launched: Any
) -> None:
    app = _tokyo_demo(make_config, launched)
    for zone in ("America/Sao_Paulo", "Asia/Tokyo"):
        page = _open(browser, app.local_url, zone=zone)
        page.get_by_role("tab", name="Insights").click()
        _choose(page, "Last 7 days (Asia/Tokyo)")
        week = _team_days(7)
        for plot in DAILY:
            # each team day once, as its date, in order, the newest included, all shown
            _wait_for_labels(page, plot, week, week, f"{plot}'s week in {zone}")
        # a bar per day, as wide as a day's column allows (they were slivers of a few pixels)
        widths = page.eval_on_selector_all(
            "#ins-conversations .mark-rect.role-mark path", "els => els.map(e => e.getBBox().width)"
        )
        assert widths and min(widths) > 40, widths

        # longer periods: every day on the axis in date order, a label shown every 3rd or
        # 7th day counted back from today's (the stylesheet counts them in that order)
        for days, every in ((30, 3), (90, 7)):
            _choose(page, f"Last {days} days (Asia/Tokyo)")
            period = _team_days(days)
            named = period[::-1][::every][::-1]
            assert named[-1] == week[-1]
            for plot in DAILY:
                _wait_for_labels(page, plot, period, named, f"{plot}'s {days} days in {zone}")
        page.context.close()


def test_every_language_in_the_legend_with_a_colour_of_its_own(
    browser: Any, make_config: Any, launched: Any
) -> None:
    app = _tokyo_demo(make_config, launched)
    page = _open(browser, app.local_url)
    page.get_by_role("tab", name="Insights").click()
    legend = page.locator("#ins-language-legend .ins-legend-item")
    wait_for(lambda: legend.count() > 0, what="the languages' legend")
    items = legend.evaluate_all(
        """els => els.map(e => [e.dataset.language, getComputedStyle(e.firstElementChild).backgroundColor,
                                e.getBoundingClientRect().right])"""
    )
    languages = [code for code, _colour, _right in items]
    # the demo month has every served language, and the legend names them all
    served = {code for _name, code in filter_language_choices("all")} - {"all"}
    assert len(served) == 18 and set(languages) == served == set(demo_data.LANGUAGES)
    colours = {code: _hex(colour) for code, colour, _right in items}
    assert len(set(colours.values())) == len(languages), colours  # no two alike
    # whole: every entry on the page, none past its edge (Vega's stopped at "tr")
    right = page.locator("#ins-language-legend").bounding_box()
    assert right is not None
    assert all(edge <= right["x"] + right["width"] and edge <= 1360 for _c, _colour, edge in items)
    assert all(legend.nth(i).is_visible() for i in range(len(languages)))
    # and the bars wear those colours: each language's bars in its legend colour

    def fills() -> set[str]:
        drawn = page.eval_on_selector_all(
            "#ins-conversations .mark-rect.role-mark path",
            "els => els.filter(e => e.getBBox().height > 0).map(e => e.getAttribute('fill'))",
        )
        return {fill.lower() for fill in drawn}

    wait_for(lambda: bool(fills()), what="the conversations' bars")
    assert fills() == set(colours.values())
    assert page.locator("#ins-conversations .role-legend").count() == 0  # no second, cut-off one


def test_an_empty_database_says_so_in_the_viewers_language(
    browser: Any, make_config: Any, launched: Any
) -> None:
    app = launched(create_app(make_config(), backend=ScriptedBackend()))
    t = insights_labels("de")
    page = _open(browser, app.local_url, locale="de-DE")
    page.get_by_role("tab", name=t["tab"]).click()
    notice = page.locator("#ins-empty")
    wait_for(lambda: notice.is_visible() and t["no_data"] in notice.inner_text(), what="the no-data note")
    assert page.locator("#ins-conversations svg").count() == 0  # no empty plots beside it

    def garbage() -> list[str]:
        """Texts of the tab that are no figure: NaN, an axis over zeros written 0.000000."""
        texts = [page.locator("#insights-tab").inner_text()]
        texts += page.eval_on_selector_all("#insights-tab svg text", "els => els.map(e => e.textContent)")
        return [text for text in texts if "NaN" in text or "0.000000" in text]

    assert garbage() == []

    # a first conversation: the plots come, with plain axes (no handoff: a rate of 0 %,
    # no guard event: counts of 0)
    cid = app.store.create_conversation(
        language="de", business_line="general", model="m", backend="scripted", params={}
    )
    app.store.add_message(cid, role="user", content="Wo ist meine Bestellung?", language="de")
    page.locator("#ins-refresh").click()
    wait_for(lambda: not notice.is_visible(), what="the note gone")
    for plot in ("ins-conversations", "ins-handoff-rate", "ins-resolution", "ins-events"):
        page.locator(f"#{plot} svg").first.wait_for()
    wait_for(lambda: page.locator("#ins-language-legend [data-language='de']").count() == 1, what="de")
    assert garbage() == []
