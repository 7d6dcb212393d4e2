"""Exports round-trip every script exactly; the Transcripts tab helpers parse and escape.

Which formats are exact: JSON and JSONL give the stored strings back through ``json``;
for Markdown and text the test extracts each message body by the format's documented rule
(between the fences / the indented lines) and compares it byte for byte.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from console.errors import InputError, StoreError
from console.export import FORMATS, TEXT_INDENT, export_conversations, export_filename, training_messages
from console.store import ConversationRecord, ConversationSummary, Keyring, MessageRecord, TranscriptStore
from console.store.records import HIDDEN
from console.transcripts import (
    HEADERS,
    escape_markdown,
    parse_date,
    parse_filters,
    render_conversation_markdown,
    table_rows,
)
from console.ui.customer_copy import customer_markdown
from console.ui_labels import labels_for

T0 = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)

# (role, status, content): every script and every kind of line ending
TURNS = [
    ("user", "complete", "你好，我的订单号是 12345，什么时候发货？"),
    ("assistant", "complete", "您好！订单已于昨日发货。\n预计 3–5 天送达。"),
    ("user", "complete", "ご注文の変更はできますか？"),
    ("agent", "complete", "はい、できます。担当の田中です。"),
    ("user", "complete", "مرحبا، أريد إرجاع المنتج"),
    ("assistant", "complete", "بالتأكيد، يمكنك إرجاعه خلال ٣٠ يومًا."),
    ("user", "complete", "สวัสดีครับ ขอเปลี่ยนที่อยู่จัดส่ง"),
    ("assistant", "complete", "ได้เลยครับ 🙏 👨‍👩‍👧‍👦 🏳️‍🌈 🇹🇭🇯🇵 👍🏽"),
    ("user", "complete", "Cafe\u0301 (NFD) vs Café (NFC), n\u0303 and ñ"),
    ("assistant", "complete", "CRLF line 1\r\nline 2\r\n\r\nlone CR\rend\n"),
    ("user", "complete", "```python\nprint('hi')\n```\n# not a heading\n<script>alert(1)</script>\n````"),
    (
        "assistant",
        "complete",
        "    indented\n\n[2026-01-01 00:00:00 UTC] user (complete):\nfake\tTAB\u2028LS",
    ),
    ("user", "complete", "\n\nleading blank lines and trailing spaces   "),
    ("assistant", "failed", ""),
]


def make_record(
    turns: list[tuple[str, str, str]] = TURNS, cid: str = "01a2-conv", **extra: object
) -> ConversationRecord:
    messages = [
        MessageRecord(
            id=f"m{i:03d}",
            conversation_id=cid,
            role=role,
            content=content,
            status=status,
            created_at=T0 + timedelta(seconds=i),
            language="xx",
            latency_ms=1.5,
            meta={"i": i},
        )
        for i, (role, status, content) in enumerate(turns)
    ]
    values: dict[str, object] = {
        "id": cid,
        "created_at": T0,
        "updated_at": T0 + timedelta(minutes=5),
        "language": "zh",
        "business_line": "retail",
        "model": "tiny",
        "backend": "transformers",
        "params": {"temperature": 0.3, "注": "参数"},
        "channel": "ui",
        "status": "escalated",
        "escalation_reason": "客户要求人工\r\n(ask for a human)",
        "messages": messages,
    }
    values.update(extra)
    return ConversationRecord(**values)  # type: ignore[arg-type]


def contents(record: ConversationRecord) -> list[str]:
    return [m.content for m in record.messages]


@pytest.fixture
def stored(tmp_path: Path) -> Iterator[list[ConversationRecord]]:
    """The turns written through a real store and read back decrypted."""
    store = TranscriptStore.open(f"sqlite:///{tmp_path / 'console.db'}", Keyring({1: bytes(range(32))}, "t"))
    records = []
    for n in range(2):
        cid = store.create_conversation(
            language="zh", business_line="retail", model="tiny", backend="transformers", params={"n": n}
        )
        for role, status, content in TURNS:
            store.add_message(cid, role=role, content=content, status=status)
        store.update_conversation(
            cid, status="escalated", escalation_reason="客户要求人工\r\n(ask for a human)"
        )
        records.append(store.get_conversation(cid))
    store.close()
    assert [contents(r) for r in records] == [[c for _, _, c in TURNS]] * 2  # the store kept them
    yield records


# ------------------------------------------------------------------ per format


def test_json_round_trips_text_and_metadata(stored: list[ConversationRecord], tmp_path: Path) -> None:
    path = export_conversations(stored, "json", tmp_path / "out.json")
    raw = path.read_bytes()
    assert "你好".encode() in raw  # ensure_ascii=False: readable UTF-8, not \u escapes
    data = json.loads(raw.decode("utf-8"))
    assert [c["id"] for c in data] == [r.id for r in stored]
    for exported, record in zip(data, stored, strict=True):
        assert [m["content"] for m in exported["messages"]] == contents(record)
        assert [m["role"] for m in exported["messages"]] == [m.role for m in record.messages]
        assert exported["escalation_reason"] == record.escalation_reason
        assert exported["params"] == record.params and exported["status"] == "escalated"
        assert datetime.fromisoformat(exported["messages"][0]["created_at"]) == record.messages[0].created_at


def test_jsonl_is_one_training_example_per_conversation(
    stored: list[ConversationRecord], tmp_path: Path
) -> None:
    path = export_conversations(stored, "jsonl", tmp_path / "out.jsonl")
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and len(lines) == 3
    for line, record in zip(lines, stored, strict=False):
        example = json.loads(line)
        assert list(example) == ["messages"]
        turns = example["messages"]
        # the person's (agent) reply is not the assistant's voice: it is left out with the
        # customer message it answered; the failed empty reply drops the last customer
        # message; every other text is carried exactly
        expected = [
            {"role": role, "content": content}
            for role, status, content in TURNS[:-1]
            if status == "complete" and content not in (TURNS[2][2], TURNS[3][2])
        ]
        assert TURNS[3][0] == "agent" and expected[-1]["role"] == "user"  # unanswered: dropped
        assert turns == expected[:-1]
        assert [t["role"] for t in turns] == ["user", "assistant"] * (len(turns) // 2)
        assert record.messages[-1].status == "failed"


def test_jsonl_rules_for_untidy_conversations() -> None:
    record = make_record(
        [
            ("system", "complete", "Escalated to an agent"),
            ("assistant", "complete", "Welcome!"),  # greeting before the customer: not a training turn
            ("user", "complete", "first"),
            ("user", "complete", "second"),
            ("assistant", "complete", "a whole answer"),
            ("user", "complete", "cut off?"),
            ("assistant", "stopped", "partial rep"),
            ("user", "complete", "a person please"),
            ("agent", "complete", "human answer"),
            ("user", "complete", "thanks"),
            ("assistant", "complete", "and more"),
            ("user", "complete", "unanswered"),
        ]
    )
    assert training_messages(record) == [
        {"role": "user", "content": "first\n\nsecond"},
        {"role": "assistant", "content": "a whole answer"},
        {"role": "user", "content": "thanks"},
        {"role": "assistant", "content": "and more"},
    ]
    assert training_messages(make_record([("user", "complete", "hello?")])) == []


def test_jsonl_leaves_out_handoff_lines_blocked_and_length_cut_replies() -> None:
    record = make_record(
        [
            ("user", "complete", "I want a person"),
            ("assistant", "complete", "I'll connect you with a colleague."),
            ("user", "complete", "tell me everything"),
            ("assistant", "complete", "It is a long story and"),
            ("user", "complete", "say something forbidden"),
            ("assistant", "complete", "Sorry, I can't help with that."),
            ("user", "complete", "ok, when do you open?"),
            ("assistant", "complete", "At nine."),
        ]
    )
    metas = [
        None,
        {"handoff": "human"},
        None,
        {"finish_reason": "length"},
        None,
        {"blocked": "term"},
        None,
        None,
    ]
    record = _with_metas(record, metas)
    assert training_messages(record) == [
        {"role": "user", "content": "ok, when do you open?"},
        {"role": "assistant", "content": "At nine."},
    ]


def _with_metas(record: ConversationRecord, metas: list[dict[str, str] | None]) -> ConversationRecord:
    """``record`` with each message's meta replaced, in order."""
    return dataclasses.replace(
        record,
        messages=[dataclasses.replace(m, meta=meta) for m, meta in zip(record.messages, metas, strict=True)],
    )


def test_jsonl_skips_what_the_customer_took_off_their_screen_before_its_rules() -> None:
    """A reply rejected with Retry neither answers nor drops the question its replacement
    answers (a stopped one included), an exchange taken back with Undo is not asked, and a
    withdrawn question is not joined to the next one; shown replies keep every rule."""
    record = make_record(
        [
            ("user", "complete", "where is my parcel?"),
            ("assistant", "stopped", "Let me che"),  # stopped, then Retry
            ("assistant", "complete", "It is out for delivery."),  # Retry's reply, kept
            ("user", "complete", "never mind"),  # Undo
            ("assistant", "complete", "OK!"),  # Undo
            ("user", "complete", "a winter jacket?"),  # edited away ...
            ("assistant", "complete", "Yes, the Alpine."),  # ... with its reply
            ("user", "complete", "a rain jacket?"),
            ("assistant", "complete", "I'll connect you with a colleague."),  # shown handoff line
            ("user", "complete", "thanks"),
            ("assistant", "complete", "You're welcome."),  # Retry ...
            ("assistant", "complete", "Glad to help."),  # ... its replacement
        ]
    )
    metas: list[dict[str, str] | None] = [None, {HIDDEN: "retry"}, None, {HIDDEN: "undo"}, {HIDDEN: "undo"}]
    metas += [{HIDDEN: "edit"}, {HIDDEN: "edit"}, None, {"handoff": "human"}, None, {HIDDEN: "retry"}, None]
    record = _with_metas(record, metas)
    assert training_messages(record) == [
        {"role": "user", "content": "where is my parcel?"},
        {"role": "assistant", "content": "It is out for delivery."},
        {"role": "user", "content": "thanks"},
        {"role": "assistant", "content": "Glad to help."},
    ]


def test_staff_documents_name_the_operator_and_mark_withdrawn_messages_keeping_text_exact(
    tmp_path: Path,
) -> None:
    record = make_record(
        [
            ("user", "complete", "```\nq1\r\n"),
            ("assistant", "complete", "a1"),
            ("assistant", "complete", "a1, again"),
            ("user", "complete", "a person?"),
            ("agent", "complete", "    Maria:\n  here"),
        ]
    )
    metas: list[dict[str, str] | None] = [None, {HIDDEN: "retry"}, None, {HIDDEN: "a newer reason"}, None]
    record = dataclasses.replace(
        record,
        messages=[
            dataclasses.replace(m, meta=meta, author="maria" if m.role == "agent" else None)
            for m, meta in zip(record.messages, metas, strict=True)
        ],
    )
    # bytes decoded: reading as text would turn the stored CRLF into LF
    markdown = export_conversations([record], "markdown", tmp_path / "x.md").read_bytes().decode()
    text = export_conversations([record], "text", tmp_path / "x.txt").read_bytes().decode()
    assert _markdown_bodies(markdown) == _text_bodies(text) == contents(record)
    assert re.search(
        r"^### assistant · [^\n]* · complete · removed by the customer \(replaced by Retry\)$", markdown, re.M
    )
    assert re.search(
        r"^### user · [^\n]* · complete · removed by the customer \(a newer reason\)$", markdown, re.M
    )
    assert re.search(r"^### agent maria · [^\n]* · complete$", markdown, re.M)
    assert re.search(
        r"^\[[^\]]+\] assistant \(complete\) · removed by the customer \(replaced by Retry\):$", text, re.M
    )
    assert re.search(r"^\[[^\]]+\] agent maria \(complete\):$", text, re.M)
    assert markdown.count("removed by the customer") == text.count("removed by the customer") == 2


def _markdown_bodies(document: str) -> list[str]:
    # "### agent maria · <time> · complete · removed by the customer (Undo)": an operator's
    # name after the role, a withdrawn message's mark after the status
    pattern = re.compile(
        r"^### (\w+)(?: [^\n·]+)? · [^\n]* · (\w+)(?: · [^\n]*)?\n\n(`{3,})text\n(.*?)\n\3\n", re.S | re.M
    )
    return [m.group(4) for m in pattern.finditer(document)]


def test_markdown_fences_every_message_so_it_reads_back_exactly(
    stored: list[ConversationRecord], tmp_path: Path
) -> None:
    path = export_conversations(stored, "markdown", tmp_path / "out.md")
    with path.open(encoding="utf-8", newline="") as handle:
        document = handle.read()
    assert document.count("# Conversation ") == 2
    assert "- Language: zh" in document and "- Business line: retail" in document
    assert _markdown_bodies(document) == contents(stored[0]) + contents(stored[1])
    assert "`````text\n```python" in document  # fence longer than the text's own backticks
    # a Markdown renderer shows every body as literal code: no heading, no HTML from the text
    tokens = MarkdownIt("commonmark").parse(document)
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "not a heading" not in headings


def _text_bodies(document: str) -> list[str]:
    bodies: list[list[str]] = []
    current: list[str] | None = None
    for line in document.split("\n"):
        if re.fullmatch(r"\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\] \w+(?: .+)? \(\w+\)(?: · .*)?:", line):
            current = []
            bodies.append(current)
        elif current is not None and line.startswith(TEXT_INDENT):
            current.append(line[len(TEXT_INDENT) :])
        else:
            current = None
    return ["\n".join(lines) for lines in bodies]


def test_text_indents_every_line_so_it_reads_back_exactly(
    stored: list[ConversationRecord], tmp_path: Path
) -> None:
    path = export_conversations(stored, "text", tmp_path / "out.txt")
    with path.open(encoding="utf-8", newline="") as handle:
        document = handle.read()
    assert document.startswith(f"Conversation {stored[0].id}\n")
    assert _text_bodies(document) == contents(stored[0]) + contents(stored[1])
    assert "Escalation reason:\n    客户要求人工\r\n    (ask for a human)" in document


# ------------------------------------------------------------------ streaming and files


def test_export_streams_conversation_by_conversation_and_reports_progress(tmp_path: Path) -> None:
    target = tmp_path / "all.jsonl"
    partial = tmp_path / "all.jsonl.part"
    sizes: list[int] = []
    calls: list[tuple[int, int]] = []

    def records() -> Iterator[ConversationRecord]:  # a generator: no length, one at a time
        for n in range(3):
            if n:
                sizes.append(partial.stat().st_size)  # earlier conversations already written
            yield make_record(
                cid=f"c{n}",
                messages=[
                    MessageRecord(
                        id=f"m{n}a",
                        conversation_id=f"c{n}",
                        role="user",
                        content="q" * 100_000,
                        created_at=T0,
                    ),
                    MessageRecord(
                        id=f"m{n}b", conversation_id=f"c{n}", role="assistant", content="a", created_at=T0
                    ),
                ],
            )

    for fmt in FORMATS:
        sizes.clear()
        calls.clear()
        out = export_conversations(records(), fmt, target, progress=lambda d, t: calls.append((d, t)))
        assert out == target and target.exists() and not partial.exists()
        assert sizes[0] >= 100_000 and sizes[1] >= 2 * 100_000, fmt
        assert calls == [(1, 1), (2, 2), (3, 3)]
    calls.clear()
    export_conversations([make_record()] * 2, "json", target, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(1, 2), (2, 2)]


def test_failed_export_leaves_no_file_and_bad_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="Could not write the export"):
        export_conversations([make_record()], "json", tmp_path / "missing" / "x.json")

    def broken() -> Iterator[ConversationRecord]:
        yield make_record()
        raise RuntimeError("store went away")

    with pytest.raises(RuntimeError):
        export_conversations(broken(), "markdown", tmp_path / "x.md")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(InputError, match="markdown, json, text, jsonl"):
        export_conversations([], "pdf", tmp_path / "x.pdf")


def test_export_filenames_are_safe_ascii_and_timestamped() -> None:
    for fmt, ext in zip(FORMATS, ("md", "json", "txt", "jsonl"), strict=True):
        name = export_filename(make_record(cid="../../etc/passwd 对话"), fmt)
        assert re.fullmatch(rf"conversation-etcpassw-\d{{8}}-\d{{6}}\.{ext}", name), name
        assert re.fullmatch(rf"transcripts-42-\d{{8}}-\d{{6}}\.{ext}", export_filename(42, fmt))
    assert export_filename(make_record(cid="对话"), "json").startswith("conversation-unknown-")
    with pytest.raises(InputError):
        export_filename(1, "docx")


# ------------------------------------------------------------------ the Transcripts tab


def test_table_rows_follow_the_headers() -> None:
    summary = ConversationSummary(
        id="c1",
        created_at=T0,
        updated_at=T0 + timedelta(hours=1),
        language="ar",
        business_line="retail",
        status="open",
        channel="ui",
        message_count=3,
        preview="مرحبا",
    )
    assert table_rows([summary]) == [
        ["2026-11-26 10:30", "2026-11-26 09:30", "ar", "retail", "open", "3", "مرحبا", "c1"]
    ]
    assert len(HEADERS) == 8 and table_rows([]) == []


def test_filters_parse_dates_and_all_and_reject_bad_input() -> None:
    assert parse_date("2026-11-26") == datetime(2026, 11, 26, tzinfo=UTC)
    assert parse_date("2026-11-26", end=True) == datetime(2026, 11, 27, tzinfo=UTC)
    assert parse_date("2026-11-26 14:30", end=True) == datetime(2026, 11, 26, 14, 30, tzinfo=UTC)
    assert parse_date("all") is None and parse_date("  ") is None and parse_date(None) is None
    filters = parse_filters(
        language="all",
        business_line=" retail ",
        status="escalated",
        since="2026-11-01",
        until="2026-11-26",
        search="  退款 ",
        tag=" VIP ",
    )
    assert filters.as_kwargs() == {
        "language": None,
        "business_line": "retail",
        "status": "escalated",
        "since": datetime(2026, 11, 1, tzinfo=UTC),
        "until": datetime(2026, 11, 27, tzinfo=UTC),
        "search": "退款",
        "tag": "vip",  # normalized as tags are stored
    }
    assert parse_filters().as_kwargs() == dict.fromkeys(filters.as_kwargs())
    with pytest.raises(InputError, match="since: expected a date like 2026-11-26") as caught:
        parse_filters(since="26/11/2026")
    assert caught.value.field == "since"
    with pytest.raises(InputError, match="status: must be one of all, open, escalated, resolved"):
        parse_filters(status="closed")
    with pytest.raises(InputError, match="before"):
        parse_filters(since="2026-11-27", until="2026-11-26")


def test_rendered_conversation_shows_text_literally_and_runs_no_html() -> None:
    hostile = (
        "<script>alert(1)</script><img src=x onerror=alert(2)>\n"
        '[click](javascript:alert(3)) **bold** # hash &amp; it\'s "quoted"\n'
        "# heading?\n> quote\n1. list"
    )
    record = make_record([("user", "complete", hostile), ("assistant", "streaming", "中文 <b>粗</b>")])
    document = render_conversation_markdown(record)
    html = MarkdownIt("commonmark").enable("table").render(document)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "<a " not in html and "<strong>bold" not in html and "<h1>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "it's" in html or "it&#39;s" in html
    assert "&amp;amp;" in html  # the customer's literal "&amp;" is shown as typed
    assert "中文 &lt;b&gt;粗&lt;/b&gt;" in html and "streaming" in document
    text_only = re.sub(r"<[^>]+>", "", html)
    assert "click" in text_only and "javascript:alert(3)" in text_only.replace("\\", "")
    assert escape_markdown("a\r\nb") == "a  \nb"


def test_a_right_to_left_view_isolates_every_value_and_keeps_hard_breaks() -> None:
    """An Arabic-reading operator's view: each value (dates, names, message text) in its own
    direction, so an ISO date or an English message keeps its order among Arabic labels;
    a message's line breaks still break; a left-to-right view carries no marks at all."""
    record = make_record([("user", "complete", "first line\nsecond line"), ("assistant", "stopped", "Hi")])
    arabic = render_conversation_markdown(record, labels_for("ar"), right_to_left=True)
    assert "\u2068first line\u2069  \n\u2068second line\u2069" in arabic  # the break stays at the line's end
    assert re.search("\u2068\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\u2069", arabic)
    assert arabic.count("\u2068") == arabic.count("\u2069")
    html = MarkdownIt("commonmark").render(arabic)
    assert "first line\u2069<br />\n\u2068second line" in html
    assert labels_for("ar")["note_stopped"] in arabic  # the reply's status in the viewer's words
    english = render_conversation_markdown(record, labels_for("en"))
    assert "\u2068" not in english and "\u2069" not in english


def test_the_view_names_actors_in_the_viewers_words_and_staff_by_their_login() -> None:
    """The pipeline's actors ("customer", "bot") and the message roles are labelled; an
    operator's login is shown as it is, even one that reads like a role ("assistant")."""
    from console.store.records import EventRecord

    events = (
        EventRecord(at=T0, actor="customer", kind="escalated", detail={"reason": "human"}),
        EventRecord(at=T0, actor="assistant", kind="taken"),
        EventRecord(at=T0, actor="bot", kind="handed_back"),
    )
    record = make_record([("user", "complete", "Hallo"), ("assistant", "complete", "Hi")], events=events)
    t = labels_for("de")
    view = render_conversation_markdown(record, t)
    lines = [line for line in view.splitlines() if line.startswith("- ")]
    assert [line.split(" · ")[1] for line in lines] == [t["role_customer"], "assistant", t["role_assistant"]]
    assert f"**{t['role_customer']}** · " in view and f"**{t['role_assistant']}** · " in view


def test_every_staff_format_lists_who_took_handed_back_and_resolved(tmp_path: Path) -> None:
    """The Markdown and text exports listed the ownership events; the JSON one, the format a
    program reads, had none (an outside tester compared the three)."""
    from console.store.records import EventRecord

    events = (
        EventRecord(at=T0, actor="customer", kind="escalated", detail={"reason": "human"}),
        EventRecord(at=T0, actor="maria", kind="taken"),
        EventRecord(at=T0, actor="john", kind="taken", detail={"from": "maria"}),
        EventRecord(at=T0, actor="john", kind="resolved"),
    )
    messages = [("user", "complete", "a person?"), ("agent", "complete", "John here")]
    record = make_record(messages, events=events)
    document = json.loads(export_conversations([record], "json", tmp_path / "x.json").read_text())
    assert [(e["actor"], e["kind"], e["detail"]) for e in document[0]["events"]] == [
        ("customer", "escalated", {"reason": "human"}),
        ("maria", "taken", None),
        ("john", "taken", {"from": "maria"}),
        ("john", "resolved", None),
    ]
    assert document[0]["events"][0]["at"] == T0.isoformat()
    markdown = export_conversations([record], "markdown", tmp_path / "x.md").read_text()
    text = export_conversations([record], "text", tmp_path / "x.txt").read_text()
    for line in ("maria · taken", "john · taken (from: maria)", "john · resolved"):
        assert line in markdown and line in text


def test_the_staff_exports_carry_the_customers_thumbs_and_reason(tmp_path: Path) -> None:
    """A thumbs-down and its reason were stored but in no export, so the team could not
    review them from one (an outside tester)."""
    record = make_record([("user", "complete", "Where is it?"), ("assistant", "complete", "In Lyon.")])
    reply = dataclasses.replace(record.messages[1], feedback=-1, feedback_reason="日本語で答えて")
    record = dataclasses.replace(record, messages=[record.messages[0], reply])
    document = json.loads(export_conversations([record], "json", tmp_path / "x.json").read_text())
    assert [(m["feedback"], m["feedback_reason"]) for m in document[0]["messages"]] == [
        (None, None),
        (-1, "日本語で答えて"),
    ]
    markdown = export_conversations([record], "markdown", tmp_path / "x.md").read_text()
    assert "The customer's thumbs: down, because:\n\n```text\n日本語で答えて\n```" in markdown


def test_a_translated_message_shows_the_customers_own_words_under_it() -> None:
    """The operator's view showed a machine translation alone, under "Customer": a small
    model's translation of "oi" was three sentences the customer never wrote (an outside
    tester). The original is quoted under it, each of its lines; unticked, the original alone."""
    from dataclasses import replace

    record = make_record([("user", "complete", "oi\ntudo bem?"), ("assistant", "complete", "Olá!")])
    first = replace(
        record.messages[0], language="pt", translation="I am an AI assistant.", translation_language="en"
    )
    record = replace(record, messages=[first, *record.messages[1:]])
    t = labels_for("en")
    view = render_conversation_markdown(record, t, translated_for="en")
    assert view.index("I am an AI assistant") < view.index(f"> _{t['original']}:_") < view.index("> oi")
    assert "> tudo bem?" in view  # the quote holds every line
    alone = render_conversation_markdown(record, t)
    assert "I am an AI assistant" not in alone and "oi" in alone


def test_the_documents_people_read_write_direction_controls_out_and_the_data_keeps_them(
    tmp_path: Path,
) -> None:
    """An outside tester: a customer's U+202E (right-to-left override) was written raw into
    the Markdown and text exports (the customer's own download too), where it reversed the
    rest of the line in whatever showed the file; the views write it out. Now the documents
    do as the views; JSON keeps the exact text."""
    spoof = "Refund for order \u202e0021 ROF DEVORPPA\u202c please"
    record = make_record([("user", "complete", spoof)], note="\u2067note\u2069", tags=("vip",))
    for fmt, name in (("markdown", "x.md"), ("text", "x.txt")):
        document = export_conversations([record], fmt, tmp_path / name).read_text(encoding="utf-8")
        assert "Refund for order ⟨U+202E⟩0021 ROF DEVORPPA⟨U+202C⟩ please" in document, fmt
        assert "⟨U+2067⟩note⟨U+2069⟩" in document, fmt
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", document), fmt
    data = json.loads(export_conversations([record], "json", tmp_path / "x.json").read_text(encoding="utf-8"))
    assert data[0]["messages"][0]["content"] == spoof
    # the customer's own download, in a right-to-left language: the isolates it puts around
    # its times stay, the text's own controls are written out
    mine = customer_markdown(record, labels_for("ar"), right_to_left=True)
    assert "Refund for order ⟨U+202E⟩0021 ROF DEVORPPA⟨U+202C⟩ please" in mine
    assert "\u202e" not in mine and "\u2068" in mine
