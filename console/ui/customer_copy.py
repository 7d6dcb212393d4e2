"""The customer's own download of their conversation: what their screen showed, in their
language, and nothing of the team's.

The staff exports (``console/export.py``) are records for the team: English field names,
the model and engine, generation parameters, status codes, the handoff reason ("complaint",
"legal"), tags, the internal note and translations. A customer's copy carries none of
those. It holds the messages the chat shows them (not those they took off the screen with
Retry, Undo or an edit, nor system messages), each with its time in their browser's time
zone, its offset beside it ("2026-12-05 21:06 UTC+9"), and who wrote it as
the chat names them: "You", the assistant, a person of the team by name. Each message is
fenced as text, so the file reads back exactly in a plain editor and a Markdown viewer
alike, and a link or image in a reply stays inert (the chat shows them inert too).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, tzinfo
from pathlib import Path

from console.export import code_fence
from console.guard.pii import has_placeholder
from console.store.records import HIDDEN, ConversationRecord, MessageRecord, shown_to_customer
from console.text import isolate, show_direction_controls
from console.zones import stamp

__all__ = ["HIDDEN", "customer_markdown", "shown_to_customer", "write_customer_markdown"]


def customer_markdown(
    record: ConversationRecord, t: dict[str, str], *, right_to_left: bool = False, where: tzinfo = UTC
) -> str:
    """The conversation as Markdown for its customer, labelled in their language (``t``),
    times in their zone (``where``).
    ``right_to_left``: that language is written right to left; the times and names on the
    label lines are isolated in their own direction (console.text.isolate). The fenced
    messages are not: each of their lines takes its direction from its own first letter."""

    def v(value: str) -> str:
        return isolate(value) if right_to_left else value

    messages = [m for m in record.messages if shown_to_customer(m)]
    out = [
        f"# {t['download_heading']}",
        "",
        f"{t['col_started']}: {v(stamp(record.created_at, where))} · "
        f"{t['col_last_activity']}: {v(stamp(record.updated_at, where))}",
    ]
    if any(has_placeholder(m.content) for m in messages):  # masked as stored
        out += ["", f"_{t['download_masked']}_"]
    for message in messages:
        who, written, note = _who(message, t, v), v(stamp(message.created_at, where)), _note(message, t)
        out += ["", "---", "", f"**{who}** · {written}{note}"]
        # direction controls written out, as the chat shows them: raw, a U+202E reversed
        # the rest of its line in whatever showed the file (an outside tester)
        body = show_direction_controls(message.content)
        fence = code_fence(body)
        out += ["", f"{fence}text", body, fence]
    return "\n".join(out) + "\n"


def write_customer_markdown(
    record: ConversationRecord,
    t: dict[str, str],
    path: Path,
    *,
    right_to_left: bool = False,
    where: tzinfo = UTC,
) -> Path:
    """Write :func:`customer_markdown` to ``path`` (created 0600 by ``files.new_export``,
    which removes it if this fails); newline="" keeps each message's line breaks exactly as
    stored."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(customer_markdown(record, t, right_to_left=right_to_left, where=where))
    return path


def _who(message: MessageRecord, t: dict[str, str], v: Callable[[str], str]) -> str:
    if message.role == "user":
        return t["you"]
    if message.role == "agent":
        # as the chat's bubble names them; a person's name is what they chose to show
        name = show_direction_controls(message.author or t["support_team"])
        return f"🧑\u200d💼 {v(_inline(name))} · {t['support_team']}"
    return t["role_assistant"]


def _note(message: MessageRecord, t: dict[str, str]) -> str:
    """A reply that did not finish, said as the chat says it; "streaming" is a reply still
    being written as the customer downloads (a console that was killed mid-reply marks its
    replies interrupted when it starts again: TranscriptStore.recover_interrupted)."""
    if message.role != "assistant" or message.status == "complete":
        return ""
    status = "writing" if message.status == "streaming" else message.status
    return f" · _{t[f'note_{status}']}_" if f"note_{status}" in t else ""


def _inline(text: str) -> str:
    """A name on the heading line: Markdown's own characters escaped, one line. Backslashes,
    not transcripts.escape_markdown's HTML entities: the file is read raw as often as
    rendered, and "&lt;" would show in a plain editor."""
    return re.sub(r"([\\`*_{}\[\]<>#|~!])", r"\\\1", " ".join(text.split()))
