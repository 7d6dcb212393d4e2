"""An operator whose team has more conversations than the list shows, in a real browser.

On the demo month (2,400 conversations) the Transcripts list and "Export all listed" both
stopped at 200 without a word: the list could not be matched with the insights' headline,
and the export was not all. Here 230 conversations (215 in English, 15 in German) are stored
straight through the store; the operator reads the notice under the list, exports every one
of them, then filters German, where the list is whole, says nothing, and the export holds
those 15. Store and handlers: tests/test_list_limit.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from console.service import create_app
from tests.fakes import ScriptedBackend
from tests.test_browser import wait_for
from tests.test_day_one import OPERATOR, browser, open_page  # noqa: F401  (fixture)
from tests.test_store import new_conversation

pytestmark = pytest.mark.browser

ENGLISH, GERMAN = 215, 15


@pytest.fixture
def busy_app(make_config: Any, launched: Any) -> Any:
    config = make_config(auth=(OPERATOR,), operators=(OPERATOR[0],), business_line="ecommerce")
    app = launched(create_app(config, backend=ScriptedBackend()))
    store = app.store
    for n in range(ENGLISH + GERMAN):
        language = "de" if n < GERMAN else "en"  # the German ones the oldest: none on the first page
        cid = new_conversation(store, language=language, business_line="ecommerce", owner="ui")
        store.add_message(cid, role="user", content=f"{'Paket' if language == 'de' else 'Parcel'} {n}")
    return app


def _export_all(operator: Any, folder: Path, count: int) -> tuple[str, list[str]]:
    """Press "Export all listed", download the file once it names ``count`` conversations;
    its name and the ids of the conversations in it (Markdown, the default format)."""
    operator.locator("#export-all").click()
    files = operator.locator("#t-file")
    wait_for(lambda: f"transcripts-{count}-" in files.inner_text(), what=f"an export of {count}")
    with operator.expect_download() as info:
        files.locator("a").first.click()
    saved = folder / info.value.suggested_filename
    info.value.save_as(saved)
    return saved.name, re.findall(r"^# Conversation (\S+)$", saved.read_text(encoding="utf-8"), re.M)


def test_the_list_says_it_shows_200_of_230_and_the_export_holds_all_230(
    browser: Any,  # noqa: F811
    busy_app: Any,
    tmp_path: Path,
) -> None:
    app = busy_app
    every = {s.id: s.language for s in app.store.list_conversations(limit=1000)}
    assert len(every) == ENGLISH + GERMAN

    operator = open_page(browser, app.local_url, OPERATOR)
    operator.get_by_role("tab", name="Transcripts").click()
    notice = operator.locator("#list-notice")
    wait_for(
        lambda: "Showing the newest 200 of 230 matching conversations" in notice.inner_text(),
        what="the notice under the list",
    )
    assert "“Export all listed” to export all 230" in notice.inner_text()

    name, exported = _export_all(operator, tmp_path, ENGLISH + GERMAN)
    assert name.startswith("transcripts-230-")
    assert sorted(exported) == sorted(every)  # every one, each once

    # filtered to German: the list is whole, the notice goes, the export is those 15
    menu = operator.locator("#f-language")
    menu.locator("input").click()
    operator.get_by_role("option", name="Deutsch (de)", exact=True).click()
    table = operator.locator("#transcripts-table")
    wait_for(lambda: "Paket" in table.inner_text() and "Parcel" not in table.inner_text(), what="German only")
    wait_for(lambda: not notice.is_visible(), what="the notice gone")
    name, exported = _export_all(operator, tmp_path, GERMAN)
    assert name.startswith("transcripts-15-")
    assert sorted(exported) == sorted(cid for cid, language in every.items() if language == "de")
    operator.context.close()
