"""The conversation list shows a page of what matches its filters, and says so; "Export all
listed" writes every conversation the filters match, not only the rows drawn.

Found on the demo month (2,400 conversations): the list and its export both stopped at 200
without a word (only the file name, transcripts-200-..., hinted at it), so the list could not
be matched with the insights' 2,400 and "export all" was not all. Here the store's count, ids
and paged records, and the staff handlers over them, on SQLite and PostgreSQL; the browser
plays it in tests/test_list_limit_browser.py.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import gradio as gr
import pytest

from console.errors import InputError
from console.service import create_app
from console.store import TranscriptStore
from console.ui import staff as staff_module
from console.ui.staff import StaffHandlers
from console.ui.state import ChatState
from tests.fakes import ScriptedBackend
from tests.test_resume import _Request
from tests.test_store import db_url, keyring, new_conversation, open_store, store  # noqa: F401  (fixtures)

FILTER_NAMES = ("language", "business_line", "status", "since", "until", "search", "tag")


def _fill(db: TranscriptStore, languages: str) -> list[str]:
    """One conversation per letter of ``languages`` ("e": en, "d": de), oldest first; the
    German ones mention a parcel and are tagged, every third is resolved."""
    made: list[str] = []
    for n, letter in enumerate(languages):
        language = {"e": "en", "d": "de"}[letter]
        cid = new_conversation(db, language=language, owner="ui")
        text = f"Wo ist mein Paket {n}?" if language == "de" else f"Question number {n}"
        db.add_message(cid, role="user", content=text, language=language)
        db.add_message(cid, role="assistant", content=f"Answer {n}")
        if language == "de":
            db.set_tags(cid, "parcel")
        if n % 3 == 0:
            db.update_conversation(cid, status="resolved")
        made.append(cid)
    return made


# ------------------------------------------------------------------ the store


def test_the_count_and_the_ids_follow_every_filter_of_the_list(store: TranscriptStore) -> None:  # noqa: F811
    _fill(store, "eedeededdee")
    now = datetime.now(UTC)
    for filters in (
        {},
        {"language": "de"},
        {"language": "en", "status": "resolved"},
        {"tag": "parcel"},
        {"since": now - timedelta(hours=1), "until": now + timedelta(hours=1)},
        {"since": now + timedelta(hours=1)},
        {"search": "paket"},  # decrypted, case-insensitive, like the list's search
        {"search": "nowhere"},
        {"search": "number", "status": "resolved"},
    ):
        listed = [s.id for s in store.list_conversations(**filters, limit=1000)]
        assert store.count_conversations(**filters) == len(listed), filters
        # in the list's order (most recently active first), cut at the limit
        assert store.conversation_ids(**filters, limit=1000) == listed, filters
        assert store.conversation_ids(**filters, limit=2) == listed[:2], filters
    assert store.count_conversations() == 11
    with pytest.raises(InputError, match="limit"):
        store.conversation_ids(limit=0)


def test_records_come_a_page_at_a_time_in_order_and_an_erased_one_is_left_out(
    store: TranscriptStore,  # noqa: F811
) -> None:
    made = _fill(store, "ededededed")
    store.transition(made[1], "escalated", actor="customer", reason="wants a person")
    store.transition(made[1], "taken", actor="maria")
    store.set_note(made[1], "called the carrier", author="maria")
    ids = store.conversation_ids(limit=100)
    assert sorted(ids) == sorted(made)
    # the same records get_conversation reads: messages, events, tags and the note
    assert list(store.iter_records(ids, page=3)) == [store.get_conversation(cid) for cid in ids]

    # read as they are written: a conversation erased after the first page was read is not
    # in the rest (every record read up front would have carried it, or failed on it)
    records = store.iter_records(ids, page=3)
    first = next(records)
    store.delete_conversation(ids[5])
    rest = list(records)
    assert [first.id, *(r.id for r in rest)] == [cid for cid in ids if cid != ids[5]]
    with pytest.raises(InputError, match="page"):
        list(store.iter_records(ids, page=0))


# ------------------------------------------------------------------ the staff handlers


@pytest.fixture
def console(db_url: str, make_config: Any) -> Iterator[tuple[Any, StaffHandlers]]:  # noqa: F811
    """A console (scripted backend) on the test's database, and its staff handlers."""
    url = None if db_url.startswith("sqlite") else db_url
    app = create_app(make_config(database_url=url), backend=ScriptedBackend())
    assert app.context is not None
    try:
        yield app, StaffHandlers(app.context)
    finally:
        app.close()


def _list(handlers: StaffHandlers, state: ChatState, **filters: str) -> dict[str, Any]:
    """The Transcripts tab's list as the page asks for it (every filter at its default)."""
    f = {"language": "all", "line": "all", "status": "all", "tag": "all"}
    f.update({"since": "", "until": "", "search": ""}, **filters)
    request: Any = _Request(None)  # what the handlers read of gradio's request
    return handlers.listing(
        state, f["language"], f["line"], f["status"], f["since"], f["until"], f["search"], f["tag"], request
    )


def _exported(handlers: StaffHandlers, state: ChatState, listed: dict[str, Any]) -> tuple[str, list[str]]:
    """The Transcripts tab's "Export all listed" as CSV: the file's name and the ids in it."""
    path = Path(handlers.export_listed(state, listed["listed_ids"], "csv", _Request(None)))  # type: ignore[arg-type]
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    return path.name, [row[0] for row in rows[1:]]


def test_the_list_says_it_shows_part_and_the_export_writes_all_that_match(
    console: tuple[Any, StaffHandlers], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, handlers = console
    monkeypatch.setattr(staff_module, "PAGE", 4)  # a page of 4 stands for the list's 200
    made = _fill(app.store, "eedeededdeede")
    newest_first = [s.id for s in app.store.list_conversations(limit=100)]
    state = ChatState(ui_language="en")

    everything = _list(handlers, state)
    assert len(everything["table"]["data"]) == 4
    notice = everything["list_notice"]
    assert notice["visible"] is True
    assert "Showing the newest 4 of 13 matching conversations" in notice["value"]
    assert "“Export all listed” to export all 13" in notice["value"]
    name, exported = _exported(handlers, state, everything)
    assert name.startswith("transcripts-13-")  # the real count, not the rows drawn
    assert exported == newest_first and sorted(exported) == sorted(made)

    # the export follows the list's filters: the German conversations, all 5 of them
    german = _list(handlers, state, language="de")
    assert "4 of 5" in german["list_notice"]["value"]
    name, exported = _exported(handlers, state, german)
    assert name.startswith("transcripts-5-")
    assert exported == [cid for cid in newest_first if app.store.get_conversation(cid).language == "de"]
    # and a search's: the hits among the newest 2,000, decrypted
    found = _list(handlers, state, search="PAKET", tag="parcel")
    assert "4 of 5" in found["list_notice"]["value"]
    assert len(_exported(handlers, state, found)[1]) == 5

    # a list that shows everything says nothing, and its export is what it shows
    one = _list(handlers, state, search="paket 2")
    assert len(one["listed_ids"]) == 1
    assert one["list_notice"] == gr.update(value="", visible=False)
    assert _exported(handlers, state, one)[1] == one["listed_ids"]


def test_each_page_exports_its_own_list_and_a_page_without_one_its_rows(
    console: tuple[Any, StaffHandlers], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, handlers = console
    monkeypatch.setattr(staff_module, "PAGE", 2)
    _fill(app.store, "eeedddd")
    english, german = ChatState(ui_language="en"), ChatState(ui_language="de")
    listed_en = _list(handlers, english, language="en")
    listed_de = _list(handlers, german, language="de")
    # in the viewer's language, its numbers grouped as it writes them
    assert "Angezeigt werden die neuesten 2 von 4 passenden Gesprächen" in listed_de["list_notice"]["value"]
    assert "„Alle aufgelisteten exportieren“" in listed_de["list_notice"]["value"]
    assert len(_exported(handlers, english, listed_en)[1]) == 3
    assert len(_exported(handlers, german, listed_de)[1]) == 4

    # a page that drew no list (a program naming none): the rows it names, or the notice
    fresh = ChatState(ui_language="en")
    assert _exported(handlers, fresh, listed_en)[1] == listed_en["listed_ids"]
    with pytest.raises(gr.Error, match="No conversations listed"):
        _exported(handlers, fresh, {"listed_ids": []})


def test_an_export_stops_at_its_upper_bound_and_both_notices_say_so(
    console: tuple[Any, StaffHandlers], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, handlers = console
    monkeypatch.setattr(staff_module, "PAGE", 2)
    monkeypatch.setattr(staff_module, "EXPORT_MAX", 5)  # stands for 10,000
    _fill(app.store, "eeeeeee")
    state = ChatState(ui_language="en")
    listed = _list(handlers, state)
    assert "Showing the newest 2 of 7 matching conversations" in listed["list_notice"]["value"]
    assert "exports the newest 5 at most" in listed["list_notice"]["value"]
    with pytest.warns(UserWarning, match="the newest 5 of 7 matching conversations"):
        name, exported = _exported(handlers, state, listed)
    assert name.startswith("transcripts-5-")
    assert exported == [s.id for s in app.store.list_conversations(limit=5)]  # the newest


def test_counts_are_written_as_the_viewers_language_writes_numbers() -> None:
    from console.ui.labels import labels

    written = {tag: staff_module._count(1_234_567, labels(tag)) for tag in ("en", "de", "fr", "ru", "ja")}
    assert written == {
        "en": "1,234,567",
        "de": "1.234.567",
        "fr": "1\u202f234\u202f567",
        "ru": "1\u00a0234\u00a0567",
        "ja": "1,234,567",
    }
    notice = staff_module._partial_notice(200, 2400, labels("ar"), "ar")
    assert notice["rtl"] is True and "2,400" in notice["value"]
