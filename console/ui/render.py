"""Text as the chat shows it: exactly what was typed or generated, nothing executed, nothing
loaded from another host.

The chatbot renders Markdown (gradio's ``marked``), and its HTML sanitizer lets through
forms, inline styles, ``<svg><image href>`` and links, so text is made inert *before*
rendering. Code is the one place where text must stay as written (the renderer escapes it
itself, and a backslash or an entity there would show), so everything hangs on telling code
from text exactly as the renderer will. An outside tester showed the pattern-based version
wrong both ways: an unclosed ```` ``` ```` mid-line or a backtick span across a blank line
was "code" here and text to the renderer, which then drew raw HTML, outside images and a
card-number form; a second round, against marked itself, found seven more (mermaid, ``~``,
emphasis across a double-backtick span, addresses mid-word, e-mails, Gradio's re-indenting),
and a third, fuzzing ~190,000 inputs against marked, four more causes (escaped backticks
pairing with spans, a fence on the last line, indented fences, a blank first line). Now:

* **Code** is only what every renderer must read as code: a fence at the margin (not the
  last line: marked takes a fence after text only before a newline; its info a plain word)
  up to the first line marked *or* CommonMark would take as its closer; and an inline span
  of single backticks on one line, with no backtick or ``|`` in it (marked's emphasis skips
  only such spans; a table row splits its cells first). An indented fence is text: it may
  belong to a list item that ends under it, or not, and the two parsers would disagree
  where it ends. When in doubt it is text: text in code only shows an entity, code read as
  text would run. Gradio's mermaid extension would take a ```` ```mermaid ```` block and
  write it into the page unescaped: it is shown as plain code. The message is first put
  through ``inspect.cleandoc`` (until it changes nothing) as Gradio's chatbot does: it
  re-indented lines after this escaping.
* **Text** has ``<``, ``>``, ``&`` and ``\\``, ``[``, ``]``, ``~`` and every backtick not
  opening or closing a span as entities (not backslash escapes: marked masks what looks like
  a code span before it reads escapes, so an escaped backtick paired with a span's), so no
  tag, link, image, reference, strikethrough or stray code span can start in it; Markdown
  images and links become their text and their address as code, and a word joiner follows
  every address's scheme, ``www.`` and ``@`` (marked links them mid-word, e-mails too).
  Emphasis, lists and headings still render, as a support answer needs.
* **A second opinion**: the result is parsed with markdown-it-py (CommonMark); if it finds
  any HTML, link or image, the message is shown fully escaped instead (and a log line says
  so, without the text). It is CommonMark, not marked: it saw none of the second round,
  which is why tests/test_markup_browser.py renders every known attack with marked itself.

:func:`typed_text` inverts :func:`display_text` for the chat's edit box.
"""

from __future__ import annotations

import html
import inspect
import itertools
import logging
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from console.text import show_direction_controls
from console.transcripts import escape_markdown
from console.ui.state import WRITING, ChatState, Turn

log = logging.getLogger(__name__)

# a fence: up to three spaces, then ``` (no backtick after it on the line) or ~~~
# a fence: at the margin (an indented one may belong to a list item that ends under it, or
# not: marked and this would disagree where it ends), ``` or ~~~, and a plain info word
# (the info string is not code: were marked not to take the line as a fence, it is text)
_FENCE_OPEN = re.compile(r"^(`{3,}|~{3,})[\w+#. \t-]*$")
_RUN = re.compile(r"`+")
# an image or a link whose address has no backtick, pipe, tag or entity (it is shown as code);
# an address may hold balanced parentheses, as CommonMark's do ("wiki/Foo_(bar)": cut at the
# first ")", it was shown rearranged and copied wrong, an outside tester)
_IMAGE_OR_LINK = re.compile(
    r"(!?)\[([^\]\n]*)\]\(\s*<?((?:[^()\s<>`|&]|\([^()\s<>`|&]*\))*)>?"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
# marked links an address anywhere, mid-word too ("xhttps://...", "1www.x"), and an e-mail
_AUTOLINK = re.compile(r"((?:https?|ftp)://|www\.|@(?=[A-Za-z0-9_-]))", re.IGNORECASE)
# ~ too: marked's GFM text rule swallows a backtick after one ("~`<img>`" drew the image)
# and its strikethrough runs across code spans
# as entities, not backslashes: marked finds its emphasis's closing "*" after masking what
# looks like a code span or a link *before* it reads escapes, so an escaped backtick in text
# paired with a span's and "*a \\`b* <img>`" drew the image; an entity is no backtick to it
_ENTITIES = {"\\": "&#92;", "[": "&#91;", "]": "&#93;", "`": "&#96;", "~": "&#126;"}
_TEXT_SPECIAL = re.compile(r"[\\\[\]`~]")
# Gradio's mermaid extension takes a "```mermaid" line before marked's fences and writes
# what follows unescaped into the page, up to the first ``` anywhere
_MERMAID = re.compile(r"^(`{3,})(\s*mermaid)", re.IGNORECASE)
_LIVE = frozenset({"html_block", "html_inline", "image", "link_open"})
_CHECKER = MarkdownIt("commonmark", {"html": True}).enable("table")


def _closes(line: str, run: str) -> bool:
    """Whether ``line`` closes a fence opened by ``run``: CommonMark's closer (the same
    character, at least as many, then spaces) or marked's (the run, then any of ` and ~)."""
    return re.match(r" {0,3}" + re.escape(run) + r"[`~]*[ \t]*$", line) is not None


def _blocks(lines: list[str]) -> Iterator[tuple[bool, list[str]]]:
    """The lines in order, as (is code, lines) runs: fenced blocks and the rest."""
    text: list[str] = []
    i = 0
    while i < len(lines):
        # the last line opens nothing: marked takes a fence after text only before a newline
        opened = _FENCE_OPEN.match(lines[i]) if i + 1 < len(lines) else None
        if opened is None:
            text.append(lines[i])
            i += 1
            continue
        if text:
            yield False, text
            text = []
        run = opened.group(1)
        end = i + 1
        while end < len(lines) and not _closes(lines[end], run):
            end += 1
        closed = end < len(lines) and _closes(lines[end], run)
        yield True, lines[i : end + 1 if closed else end]
        i = end + 1 if closed else end
    if text:
        yield False, text


def _spans(line: str) -> list[tuple[int, int]]:
    """The inline code spans of one line: a single backtick to the next, no backtick and
    no ``|`` between. marked's emphasis skips only such spans when it looks for its closing
    ``*`` ("*a ``x* <img> y``" closed inside a double-backtick span and drew the image),
    and a table row splits its cells first; anything else is text."""
    runs = list(_RUN.finditer(line))
    spans: list[tuple[int, int]] = []
    for opener, closer in itertools.pairwise(runs):
        if spans and spans[-1][1] > opener.start():
            continue  # this opener closed the span before
        if len(opener.group()) == len(closer.group()) == 1 and "|" not in line[opener.end() : closer.start()]:
            spans.append((opener.start(), closer.end()))
    return spans


def _escape(text: str) -> str:
    # a bare address would be auto-linked: a word joiner after the scheme stops that without
    # changing what the customer reads
    joined = _AUTOLINK.sub(lambda m: m.group(1) + "\u2060", text)
    return _TEXT_SPECIAL.sub(lambda m: _ENTITIES[m.group()], html.escape(joined, quote=False))


def _inert(text: str) -> str:
    """Text outside code: images and links as their words and address, the rest escaped."""
    out: list[str] = []
    last = 0
    for m in _IMAGE_OR_LINK.finditer(text):
        out.append(_escape(text[last : m.start()]))
        image, words, address = m.group(1), m.group(2), m.group(3)
        words = _escape(words)
        if not address:
            out.append(words)
        elif image:
            out.append(f"🖼 {words} `{address}`")
        else:
            out.append(f"{words} (`{address}`)")
        last = m.end()
    out.append(_escape(text[last:]))
    return "".join(out)


def _line(line: str) -> str:
    return _text_around(line, _spans(line), _inert)


def _text_around(line: str, spans: list[tuple[int, int]], text: Callable[[str], str]) -> str:
    """``line`` with ``text`` applied to what lies outside its code ``spans`` (the spans as
    they are: the renderer escapes code itself)."""
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.append(text(line[last:start]))
        out.append(line[start:end])
        last = end
    out.append(text(line[last:]))
    return "".join(out)


def _live(tokens: list[Token]) -> bool:
    return any(t.type in _LIVE or (t.children is not None and _live(t.children)) for t in tokens)


@lru_cache(maxsize=4096)  # every turn is drawn again on every update of the chat
def display_text(text: str) -> str:
    """``text`` for the Markdown chatbot: shown as written, inert (direction controls
    written out, console.text.show_direction_controls)."""
    # Gradio's chatbot runs inspect.cleandoc on every message (tabs expanded, the lines
    # after the first dedented): a line that is no fence here became one there and let the
    # lines after it out of "code". Done here first, it changes nothing there: the bubble's
    # other lines (badges, the person's name) sit at the margin.
    lines = _cleandoc(show_direction_controls(text).replace("\r\n", "\n").replace("\r", "\n"))
    shown: list[str] = []
    for code, block in _blocks(lines.split("\n")):
        if code:
            shown.append(_MERMAID.sub(r"\1 \2", block[0]))  # a plain code block, not a diagram
            shown.extend(block[1:])
        else:
            shown.extend(_line(line) for line in block)
    result = "\n".join(shown)
    if _live(_CHECKER.parse(result)):
        log.warning("a message's Markdown still had HTML, a link or an image: shown fully escaped")
        return escape_markdown(text)
    return result


def typed_text(shown: str) -> str:
    """What :func:`display_text` was given, from what it returned (the chat's edit box
    holds the displayed value): escapes, entities and joiners taken off text, code as is.
    An image or a link comes back as its words and address."""
    out: list[str] = []
    for code, block in _blocks(shown.split("\n")):
        out.extend(block if code else [_typed_line(line) for line in block])
    return "\n".join(out)


def _typed_line(line: str) -> str:
    return _text_around(line, _spans_shown(line), _untext)


def _spans_shown(line: str) -> list[tuple[int, int]]:
    """The code spans of a displayed line: its backticks in pairs (text's are entities)."""
    runs = [m.start() for m in _RUN.finditer(line)]
    return [(runs[k], runs[k + 1] + 1) for k in range(0, len(runs) - 1, 2)]


def _untext(text: str) -> str:
    return html.unescape(text).replace("\u2060", "")


def _cleandoc(text: str) -> str:
    """``inspect.cleandoc`` until it changes nothing: once is not always enough (a blank
    first line goes, and the next, indented, becomes the first: Gradio's pass would then
    strip it, and "  ```mermaid" became a diagram)."""
    for _ in range(4):
        cleaned = inspect.cleandoc(text)
        if cleaned == text:
            break
        text = cleaned
    return text


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
        name = _escape(turn.author or labels["support_team"])
        return {"role": "assistant", "content": f"**🧑‍💼 {name}** · _{labels['support_team']}_\n\n{body}"}
    if turn.note == WRITING:  # still being written elsewhere: as this page's own stream shows it
        return {"role": "assistant", "content": body or "…"}
    note = {
        "stopped": f"⏹ _{labels['note_stopped']}_",
        "interrupted": f"⚠️ _{labels['note_interrupted']}_",
        "failed": f"⚠️ _{labels['note_failed']}_",
    }.get(turn.note, "")
    return {"role": "assistant", "content": body + (f"\n\n{note}" if note else "")}
