"""What the customer took off their screen (an earlier message edited, Retry), in the team's
documents: the fine-tuning export leaves it out, the staff exports and the operator's view
keep it marked. The conversation is played through the chat's own handlers over a real
app and store, so the marks are the ones the console writes.

Found by a tester: after "winter jacket" was edited to "rain jacket" and the new reply
retried, the JSONL example trained on the edited-away turns and the reply the customer
rejected, and left out the one they kept; the Markdown and text exports and the operator's
view showed the withdrawn messages like any other.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from console.backends.base import ChatMessage
from console.export import TEXT_INDENT, export_conversations, training_messages
from console.service import create_app
from console.store.records import HIDDEN, ConversationRecord
from console.transcripts import render_conversation_markdown
from console.ui.chat import ChatHandlers
from console.ui.state import ChatState
from console.ui_labels import labels_for
from tests.fakes import ScriptedBackend

Q1 = "Do you have a winter jacket in blue?"
Q2 = "Which sizes?"
Q1_EDITED = "Do you have a rain jacket in blue?"
A1 = "Yes, the Alpine winter jacket."
A2 = "From S to XXL."
A1_REJECTED = "The Drizzle rain jacket, in navy only?"  # the customer pressed Retry on it
A1_KEPT = "Yes: the Drizzle rain jacket comes in sky blue."
PERSON = "Maria here: it is back in stock on Monday."


class _Request:
    """What the chat handlers read of gradio's request."""

    username = None
    session_hash = "s"
    headers: dict[str, str] = {}  # noqa: RUF012 - read only
    client = None


@dataclass
class _Edit:
    """What gradio's edit event carries: the message's index on the screen and its new text."""

    index: int
    value: str


@pytest.fixture
def edited_and_retried(make_config: Callable[..., Any]) -> Iterator[ConversationRecord]:
    """Q1, A1, Q2, A2; Q1 edited and sent again (A1'); Retry (A1'' replaces A1'); then a
    person takes the conversation, answers and hands it back. Read back from the store."""
    replies = iter([A1, A2, A1_REJECTED, A1_KEPT])

    def reply(messages: Sequence[ChatMessage]) -> str:
        return next(replies)

    app = create_app(make_config(), backend=ScriptedBackend(reply=reply))
    try:
        assert app.context is not None and app.store is not None
        chat, request, state = ChatHandlers(app.context), _Request(), ChatState()

        def answer() -> None:
            list(chat.drain(state, 0.7, 1.0, 64, "general", "auto", request))  # type: ignore[arg-type]

        for question in (Q1, Q2):
            state.enqueue(question, admitted=True)
            answer()
        chat.edit(state, _Edit(0, Q1_EDITED), request)  # type: ignore[arg-type]
        answer()
        chat.retry(state)
        answer()
        assert [t.text for t in state.turns] == [Q1_EDITED, A1_KEPT]  # the customer's screen
        cid = state.conversation_id or ""
        app.pipeline.agent_reply(cid, PERSON, author="maria")
        app.store.transition(cid, "handed_back", actor="maria")
        # the list previews the first question the customer still shows, not the one edited away
        assert Q1_EDITED.startswith(app.store.list_conversations()[0].preview.rstrip("…"))
        yield app.store.get_conversation(cid)
    finally:
        app.close()


STORED = [Q1, A1, Q2, A2, Q1_EDITED, A1_REJECTED, A1_KEPT, PERSON]
HOW = {Q1: "edit", A1: "edit", Q2: "edit", A2: "edit", A1_REJECTED: "retry"}


def test_the_store_keeps_every_message_and_marks_the_withdrawn_ones(
    edited_and_retried: ConversationRecord,
) -> None:
    record = edited_and_retried
    assert [m.content for m in record.messages] == STORED
    assert {m.content: (m.meta or {}).get(HIDDEN) for m in record.messages} == {
        text: HOW.get(text) for text in STORED
    }


def test_the_training_example_is_the_conversation_the_customer_finally_had(
    edited_and_retried: ConversationRecord, tmp_path: Path
) -> None:
    expected = [{"role": "user", "content": Q1_EDITED}, {"role": "assistant", "content": A1_KEPT}]
    assert training_messages(edited_and_retried) == expected
    path = export_conversations([edited_and_retried], "jsonl", tmp_path / "out.jsonl")
    assert path.read_text(encoding="utf-8") == json.dumps({"messages": expected}, ensure_ascii=False) + "\n"


MARKS = {
    "edit": "removed by the customer (after an edit)",
    "retry": "removed by the customer (replaced by Retry)",
}


def test_the_staff_markdown_keeps_every_message_and_marks_the_withdrawn_ones(
    edited_and_retried: ConversationRecord, tmp_path: Path
) -> None:
    path = export_conversations([edited_and_retried], "markdown", tmp_path / "out.md")
    document = path.read_text(encoding="utf-8")
    bodies = re.findall(r"^### [^\n]*\n\n(`{3,})text\n(.*?)\n\1\n", document, re.S | re.M)
    assert [body for _, body in bodies] == STORED  # the team's full record, exactly
    headers = re.findall(r"^### [^\n]*$", document, re.M)
    for text, header in zip(STORED, headers, strict=True):
        how = HOW.get(text)
        assert header.endswith(f" · complete · {MARKS[how]}" if how else " · complete"), (text, header)
    # the person who wrote the operator's reply is named, as the JSON names them
    assert headers[-1].startswith("### agent maria · ")
    assert headers[0].startswith("### user · ") and headers[1].startswith("### assistant · ")
    # who took the conversation and handed it back, and when
    events = re.findall(r"^- (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC) · (\w+) · (\w+)", document, re.M)
    assert [(actor, kind) for _, actor, kind in events] == [("maria", "taken"), ("maria", "handed_back")]
    assert document.index("Events:") < document.index("### user")


def test_the_staff_text_keeps_every_message_and_marks_the_withdrawn_ones(
    edited_and_retried: ConversationRecord, tmp_path: Path
) -> None:
    path = export_conversations([edited_and_retried], "text", tmp_path / "out.txt")
    document = path.read_text(encoding="utf-8")
    headers = re.findall(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\] [^\n]*:$", document, re.M)
    assert len(headers) == len(STORED)
    for text, header in zip(STORED, headers, strict=True):
        how = HOW.get(text)
        assert header.endswith(f" (complete) · {MARKS[how]}:" if how else " (complete):"), (text, header)
        # the body follows its header, every line indented: removing the indent gives it back
        assert f"{header}\n{TEXT_INDENT}{text}\n" in document
    assert "] agent maria (complete):" in headers[-1]
    assert re.search(
        r"^Events:\n    \S[^\n]* · maria · taken\n    \S[^\n]* · maria · handed_back\n", document, re.M
    )


def test_json_carries_the_mark_and_csv_counts_from_the_record(
    edited_and_retried: ConversationRecord, tmp_path: Path
) -> None:
    data = json.loads(
        export_conversations([edited_and_retried], "json", tmp_path / "o.json").read_text("utf-8")
    )
    assert [(m["meta"] or {}).get(HIDDEN) for m in data[0]["messages"]] == [HOW.get(t) for t in STORED]
    assert data[0]["messages"][-1]["author"] == "maria"
    # the spreadsheet has no message text: one row per conversation, the stored count
    with export_conversations([edited_and_retried], "csv", tmp_path / "o.csv").open(
        encoding="utf-8-sig"
    ) as f:
        header, row = list(csv.reader(f))
    assert not {Q1, Q2} & set(row) and row[header.index("messages")] == str(len(STORED))


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_operators_view_strikes_the_withdrawn_messages_and_says_how(
    edited_and_retried: ConversationRecord, language: str
) -> None:
    """The view showed the rain-jacket question followed by two Assistant answers in a row,
    and the withdrawn winter-jacket exchange as if the customer still asked it."""
    t = labels_for(language)
    view = render_conversation_markdown(edited_and_retried, t, right_to_left=language == "ar")
    html = MarkdownIt("commonmark").enable("strikethrough").render(view)
    struck = [re.sub("[\u2068\u2069]", "", s) for s in re.findall(r"<s>(.*?)</s>", html)]
    assert struck == [Q1, A1, Q2, A2, A1_REJECTED]  # readable, and read as withdrawn
    blocks = view.split("\n---\n")[1:]
    assert len(blocks) == len(STORED)
    for text, block in zip(STORED, blocks, strict=True):
        header = block.strip().splitlines()[0]
        how = HOW.get(text)
        if how == "retry":
            assert f"↻ {t['retry']}" in header.replace("\u2068", "").replace("\u2069", "")
        elif how == "edit":
            assert "_✎_" in header
        else:
            assert "✎" not in header and "↻" not in header
    assert "<script" not in html and "<a " not in html
