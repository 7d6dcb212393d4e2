"""Text as the chat shows it: exactly what was typed or generated, nothing executed, nothing
loaded from another host.

The chatbot renders Markdown, and its HTML sanitizer deletes anything that looks like a tag,
``<john.doe>`` included. So text is escaped *before* rendering: ``<``, ``>`` and ``&`` become
entities outside code (Markdown shows them as the characters; in code spans and fences the
renderer escapes them itself). Markdown images and links would fetch or point to outside
hosts (a tracking or exfiltration channel): images become their alt text and address as
inert text, links show their address as code. Emphasis, lists and code still render, as a
support answer needs.
"""

from __future__ import annotations

import html
import re
from typing import Any

from console.text import show_direction_controls
from console.ui.state import ChatState, Turn

# fenced blocks, then inline code spans (any run of backticks, closed by the same run)
_CODE = re.compile(r"(```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)|(`+)[^`\n][\s\S]*?\2)")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE_DEF = re.compile(r"^( {0,3})\[([^\]\n]+)\]:", re.MULTILINE)
_AUTOLINK = re.compile(r"\b((?:https?|ftp)://|www\.)", re.IGNORECASE)


def _inert(part: str) -> str:
    part = _IMAGE.sub(lambda m: f"🖼 {m.group(1)} `{m.group(2)}`" if m.group(2) else m.group(1), part)
    part = _LINK.sub(lambda m: f"{m.group(1)} (`{m.group(2)}`)" if m.group(2) else m.group(1), part)
    part = _REFERENCE_DEF.sub(lambda m: f"{m.group(1)}\\[{m.group(2)}\\]:", part)
    out: list[str] = []
    last = 0
    for code in _CODE.finditer(part):  # the addresses just put in code spans stay as they are
        out.append(_plain_text(part[last : code.start()]))
        out.append(code.group(0))
        last = code.end()
    out.append(_plain_text(part[last:]))
    return "".join(out)


def _plain_text(part: str) -> str:
    # a bare address would be auto-linked: a word joiner after the scheme stops that without
    # changing what the customer reads
    return html.escape(_AUTOLINK.sub(lambda m: m.group(1) + "\u2060", part), quote=False)


def display_text(text: str) -> str:
    """``text`` for the Markdown chatbot: shown as written, inert (direction controls
    written out, console.text.show_direction_controls)."""
    text = show_direction_controls(text)
    out: list[str] = []
    last = 0
    for match in _CODE.finditer(text):
        out.append(_inert(text[last : match.start()]))
        out.append(match.group(0))  # the renderer escapes code itself
        last = match.end()
    out.append(_inert(text[last:]))
    return "".join(out)


def render_chat(state: ChatState, labels: dict[str, str]) -> list[dict[str, Any]]:
    """The chatbot's messages: one per turn, in order, then the reply still streaming."""
    with state.lock:
        turns = list(state.turns)
        streaming = state.streaming
    shown = [_bubble(turn, labels) for turn in turns]
    if streaming is not None:
        # the reply being written belongs to the message it answers, before any message
        # still waiting in the queue
        at = next((i for i, turn in enumerate(turns) if turn.queued), len(turns))
        shown.insert(at, {"role": "assistant", "content": display_text(streaming) or "…"})
    return shown


def _bubble(turn: Turn, labels: dict[str, str]) -> dict[str, Any]:
    body = display_text(turn.text)
    if turn.role == "user":
        extra = []
        if turn.tag:
            extra.append(f"`🌐 {turn.tag}`")
        if turn.queued:
            extra.append(f"_⏳ {labels['queued']}_")
        elif turn.place:  # waiting for the assistant: its place in the console's one line
            extra.append(f"_⏳ {labels['queue_place'].format(n=turn.place)}_")
        if turn.note == "failed":  # not answered: the reason was shown; it can be edited and resent
            extra.append(f"_⚠️ {labels['note_failed']}_")
        return {"role": "user", "content": body + ("\n\n" + " ".join(extra) if extra else "")}
    if turn.role == "agent":
        name = html.escape(turn.author or labels["support_team"], quote=False)
        return {"role": "assistant", "content": f"**🧑‍💼 {name}** · _{labels['support_team']}_\n\n{body}"}
    note = {
        "stopped": f"⏹ _{labels['note_stopped']}_",
        "interrupted": f"⚠️ _{labels['note_interrupted']}_",
        "failed": f"⚠️ _{labels['note_failed']}_",
    }.get(turn.note, "")
    return {"role": "assistant", "content": body + (f"\n\n{note}" if note else "")}
