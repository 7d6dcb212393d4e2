"""View-model helpers for the operator's Transcripts tab (plain functions; no gradio here).

``console/ui.py`` calls these and only moves their results into components, so the tab's
logic is tested without a browser: filter parsing with clear errors, table rows, and a
Markdown rendering of a conversation in which no customer or model text can become HTML.
"""

from __future__ import annotations

import html
import json
import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from console import zones
from console.errors import ConsoleError, InputError
from console.store.models import CONVERSATION_STATUSES
from console.store.records import HIDDEN, ConversationRecord, ConversationSummary
from console.tags import normalize_tag
from console.text import isolate, show_direction_controls
from console.ui_labels import labels_for

HEADERS = ("Last activity", "Started", "Language", "Business line", "Status", "Messages", "Preview", "ID")
ALL = "all"
STATUS_CHOICES = (ALL, *CONVERSATION_STATUSES)
#: how often an open page notes that it is open: a customer's chat page for its
#: conversation (ChatHandlers.poll), a staff page for its user (StaffHandlers.note_presence)
PRESENCE_EVERY_S = 10.0
#: a page (customer's or staff) is taken as open while it said so this recently. A browser
#: slows the timers of a hidden tab to one a minute (Chrome's intensive throttling), and a
#: hidden tab is still open.
HERE_S = 90.0

log = logging.getLogger(__name__)
_DATE_HELP = "expected a date like 2026-11-26 (or 2026-11-26 14:30), or 'all'"

# Markdown punctuation that could start emphasis, links, lists, headings, tables, code...
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>:])")


@dataclass(frozen=True)
class Filters:
    """Keyword arguments for ``TranscriptStore.list_conversations``."""

    language: str | None = None
    business_line: str | None = None
    status: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    search: str | None = None
    tag: str | None = None

    def as_kwargs(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "business_line": self.business_line,
            "status": self.status,
            "since": self.since,
            "until": self.until,
            "search": self.search,
            "tag": self.tag,
        }


def _blank(value: str | None) -> bool:
    return value is None or not value.strip() or value.strip().lower() == ALL


def parse_date(
    value: str | None, *, end: bool = False, field: str = "date", where: tzinfo = UTC
) -> datetime | None:
    """``"2026-11-26"`` -> that midnight in ``where`` (the viewer's zone: the list shows
    their clock), as UTC; ``"all"``/empty -> None. A time with an offset keeps it.

    With ``end=True`` a bare date means the *end* of that day (the next midnight), so an
    "until 2026-11-26" filter includes the whole 26th; a time is taken as given.
    """
    if value is None or _blank(value):
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(f"{field}: {_DATE_HELP}, got {text!r}", field=field) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=where)
    bare_date = len(text) == 10
    if end and bare_date:
        parsed += timedelta(days=1)
    return parsed.astimezone(UTC)


def parse_filters(
    *,
    language: str | None = None,
    business_line: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    search: str | None = None,
    tag: str | None = None,
    where: tzinfo = UTC,
) -> Filters:
    """The tab's raw inputs -> Filters; raises InputError naming the bad field. ``where``:
    the zone a date or time without an offset is read in (the viewer's; the API's is UTC)."""
    if not _blank(status) and status is not None and status.strip() not in CONVERSATION_STATUSES:
        raise InputError(
            f"status: must be one of {', '.join(STATUS_CHOICES)}, got {status!r}", field="status"
        )
    start = parse_date(since, field="since", where=where)
    stop = parse_date(until, end=True, field="until", where=where)
    if start is not None and stop is not None and start >= stop:
        raise InputError("since: must be before 'until'", field="since")
    return Filters(
        language=None if _blank(language) else (language or "").strip(),
        business_line=None if _blank(business_line) else (business_line or "").strip(),
        status=None if _blank(status) else (status or "").strip(),
        since=start,
        until=stop,
        search=(search or "").strip() or None,
        tag=None if _blank(tag) else normalize_tag(tag or ""),
    )


def when(moment: datetime) -> str:
    """A time in UTC, for the team's records (exports, the API's tables)."""
    return zones.local(moment)


def table_rows(summaries: list[ConversationSummary]) -> list[list[str]]:
    """One row per conversation, in :data:`HEADERS` order (all strings, for a Dataframe)."""
    return [
        [
            when(s.updated_at),
            when(s.created_at),
            s.language,
            s.business_line,
            s.status,
            str(s.message_count),
            s.preview,
            s.id,
        ]
        for s in summaries
    ]


def _quoted(markdown: str) -> list[str]:
    """``markdown`` as a block quote, every line of it (a second line would leave the quote)."""
    return [f"> {line}" for line in markdown.split("\n")]


def escape_markdown(text: str) -> str:
    """Show ``text`` literally in Markdown: no HTML, links, emphasis or headings from it.

    HTML-escaping makes ``<``, ``>`` and ``&`` inert (so ``<script>``/``<img onerror>``
    render as text); backslash-escaping Markdown punctuation keeps ``[x](javascript:...)``,
    ``# heading`` and ``**bold**`` literal. Line breaks are kept as hard breaks, and direction
    controls are written out (console.text.show_direction_controls).
    """
    lines = show_direction_controls(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    escaped = [_MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(line, quote=False)) for line in lines]
    # leading spaces would start an (inert, but odd-looking) code block
    escaped = [line.lstrip(" \t") if line.startswith(("    ", "\t")) else line for line in escaped]
    return "  \n".join(escaped)


def note_presence(last: float, write: Callable[[], object]) -> float:
    """``write`` (a page noting that it is open) when PRESENCE_EVERY_S have passed since
    ``last`` (monotonic seconds); returns when it last ran. Best effort and never in the
    page's way: a store error (a busy database) is logged, and the note is tried again
    PRESENCE_EVERY_S later."""
    now = time.monotonic()
    if now - last < PRESENCE_EVERY_S:
        return last
    try:
        write()
    except ConsoleError as exc:
        log.debug("presence not noted (%s)", exc.kind)
    return now


def customer_presence(
    record: ConversationRecord | ConversationSummary, now: datetime | None = None
) -> tuple[str, int] | None:
    """Whether the customer's chat page is open: ("here", 0), ("left", whole minutes ago,
    at least 1) within the hour, ("gone", 0) after it; None for API conversations and
    pages that never said (no page polls them)."""
    seen = record.customer_seen_at
    if record.channel != "ui" or seen is None:
        return None
    age = ((now or datetime.now(UTC)) - seen).total_seconds()
    if age < HERE_S:
        return ("here", 0)
    if age < 3600:
        return ("left", max(1, int(age // 60)))
    return ("gone", 0)


def waited(seconds: float, t: Mapping[str, str]) -> str:
    """How long a customer has waited, to the minute, in at most two units of the viewer's
    language: "22 min", "2 h 5 min", "29 d 4 h" (a month in the queue read "41804 min")."""
    minutes = max(0, int(seconds // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        parts = [t["days"].format(n=days)] + ([t["hours"].format(n=hours)] if hours else [])
    elif hours:
        parts = [t["hours"].format(n=hours)] + ([t["minutes"].format(n=minutes)] if minutes else [])
    else:
        parts = [t["minutes"].format(n=minutes)]
    return " ".join(parts)


def presence_text(
    record: ConversationRecord, t: Mapping[str, str], now: datetime | None = None, where: tzinfo = UTC
) -> str | None:
    """The presence line of the operator's view, in the viewer's language (``t``) and time
    zone (``where``)."""
    presence = customer_presence(record, now)
    if presence is None:
        return None
    kind, minutes = presence
    if kind == "here":
        return f"🟢 {t['customer_here']}"
    if kind == "left":
        return f"⚪ {t['customer_left'].format(ago=t['minutes'].format(n=minutes))}"
    assert record.customer_seen_at is not None
    return f"⚪ {t['customer_left_at'].format(when=zones.stamp(record.customer_seen_at, where))}"


def with_a_person(status: str, handler: str) -> bool:
    """Handed over and taken: a person answers. Stored as "escalated" like a conversation
    that still waits in the queue; the list, the view and the Set status menu tell them apart."""
    return status == "escalated" and handler == "person"


def status_label(status: str, handler: str, t: Mapping[str, str]) -> str:
    """A conversation's status as the team reads it ("waiting for a person" beside an
    owner's name misled: :func:`with_a_person`)."""
    if with_a_person(status, handler):
        return t["status_with_person"]
    return t.get(f"status_{status}", status)  # a status a newer console wrote: its code


def owner_label(handler: str, assignee: str | None, t: Mapping[str, str]) -> str:
    """Who answers: the person by name (the team's name when none is recorded), else the
    assistant or the queue."""
    if handler == "person":
        return f"🧑‍💼 {assignee or t['support_team']}"
    return t.get(f"handler_{handler}", handler)


def struck(markdown: str) -> str:
    """Rendered Markdown text (:func:`escape_markdown`'s lines, maybe isolated) struck
    through line by line: a message the customer took off their screen stays readable for
    the team and reads as withdrawn.

    Line by line because a strikethrough does not cross a blank line. A line with nothing to
    show is left alone (``~~ ~~`` shows the tildes), and the tildes go outside a line's
    isolation marks: after a final "?" the closing pair must be followed by a space, a
    punctuation mark or the line's end to close, and an isolation mark is none of them.
    The text's own ``~`` is escaped, so it can never close the strikethrough early."""
    return "  \n".join(
        f"~~{line.strip()}~~" if line.strip(" \t\u2068\u2069") else line for line in markdown.split("  \n")
    )


#: the customer's control behind a hidden message (meta ``HIDDEN``): the label key of its
#: button, or None for an edit (the chat's pencil has no label of its own)
_HIDDEN_SIGNS = {"edit": ("✎", None), "retry": ("↻", "retry"), "undo": ("↺", "undo")}


def render_conversation_markdown(
    record: ConversationRecord,
    t: dict[str, str] | None = None,
    *,
    translated_for: str | None = None,
    language_names: Mapping[str, str] | None = None,
    presence: str | None = None,
    right_to_left: bool = False,
    business_line_name: str | None = None,
    where: tzinfo = UTC,
) -> str:
    """The conversation for a ``gr.Markdown`` in the viewer's language (``t``: UI labels);
    every stored string is escaped.

    With ``translated_for`` (the operator's language), a customer message that has a
    machine translation into that language shows the translation, marked as one, instead
    of the original (the "show translations" switch brings the original back). An agent
    reply that was sent translated always shows both: what the customer got and what the
    operator wrote. The team's tags and internal note head the view; they are never in
    anything the customer sees. ``presence``: whether the customer's page is open
    (:func:`presence_text`), under who answers. ``right_to_left``: the viewer reads a
    right-to-left language (the Markdown is laid out so): every value is isolated.
    ``business_line_name``: the line's name in the viewer's language, as the list shows it
    (the stored code, "ecommerce", otherwise). ``where``: the viewer's time zone; each time
    is written in it with its offset ("2026-12-05 21:06 UTC+9").

    A message the customer took off their screen (an earlier message edited, Retry, Undo)
    stays, struck through and marked with the control that removed it ("✎", "↻ Retry",
    "↺ Undo", the buttons' own words): unmarked, the operator read a question the customer
    had withdrawn, and a retried reply looked like two answers in a row."""
    e = escape_markdown
    t = t or labels_for("en")
    language_name = dict(language_names or {})

    def label(key: str) -> str:
        return e(t[key])

    def v(text: str) -> str:
        """A value, in its own direction when the view is right to left (console.text.isolate).
        Line by line: a hard break ("  " before the newline) must stay at the line's end."""
        if not right_to_left:
            return text
        return "  \n".join(isolate(line) for line in text.split("  \n"))

    def at(moment: datetime) -> str:
        return v(zones.stamp(moment, where))

    # who acted or wrote, in the viewer's language. Two maps, not one: an event's actor is
    # "customer", "bot" or a staff login, so an operator who signs in as "assistant" or "user"
    # must keep that name in the events; a message's role is never a login.
    actors = {"customer": t["role_customer"], "bot": t["role_assistant"]}
    roles = {"user": t["role_customer"], "assistant": t["role_assistant"]}

    params = json.dumps(record.params, ensure_ascii=False, sort_keys=True)
    status = status_label(record.status, record.handler, t)
    owner = owner_label(record.handler, record.assignee, t)
    out = [
        f"### {label('conversation')} `{record.id}`",
        "",
        f"**{label('col_started')}** {at(record.created_at)} · "
        f"**{label('col_last_activity')}** {at(record.updated_at)}  ",
        f"**{label('language')}** {v(e(record.language))} · "
        f"**{label('business_line')}** {v(e(business_line_name or record.business_line))} · "
        f"**{label('status')}** {v(e(status))} · **{label('col_owner')}** {v(e(owner))}  ",
        f"**{label('model')}** {v(e(record.model) + ' (' + e(record.backend) + ')')} · "
        f"{v(e(record.channel))} · {v(e(params))}",
    ]
    if presence:
        out[-1] += "  "
        out.append(f"**{e(presence)}**")
    if record.escalation_reason is not None:
        reason = t.get(f"reason_{record.escalation_reason}", record.escalation_reason)
        out += ["", f"**{label('col_reason')}:** {v(e(reason))}"]
    if record.tags:  # revision 0005: the team's own labels and note
        out += ["", f"**{label('tags')}** " + v(" ".join(f"`{tag}`" for tag in record.tags))]
    if record.note:
        signed = f" ({v(e(record.note_by or ''))}, {at(record.note_at)})" if record.note_at else ""
        out += ["", f"📝 **{label('internal_note')}**{signed}", "", f"> {v(e(record.note))}"]
    if record.rating is not None:  # the customer's satisfaction rating (revision 0004)
        stars = "★" * record.rating + "☆" * (5 - record.rating)
        out += [
            "",
            f"**{stars}** {v(f'{record.rating}/5')}"
            + (f" · {at(record.rated_at)}" if record.rated_at else ""),
        ]
        if record.rating_comment:
            out += ["", f"> {v(e(record.rating_comment))}"]
    if record.events:
        out += [""] + [
            f"- {at(ev.at)} · {v(e(actors.get(ev.actor, ev.actor)))} · "
            f"{e(t.get('event_' + ev.kind, ev.kind))}"
            + (
                f" ({v(e(str(t.get('reason_' + str(ev.detail['reason']), ev.detail['reason']))))})"
                if ev.detail and ev.detail.get("reason")
                else ""
            )
            for ev in record.events
        ]
    for message in record.messages:
        # stopped / interrupted as the chat names them; the other statuses are rare codes
        shown_status = (
            t.get(f"note_{message.status}", message.status) if message.status != "failed" else "failed"
        )
        state = "" if message.status == "complete" else f" · _{v(e(shown_status))}_"
        who = (
            message.author
            if message.role == "agent" and message.author
            else roles.get(message.role, message.role)
        )
        thumbs = {1: " · 👍", -1: " · 👎"}.get(message.feedback or 0, "")
        hidden = (message.meta or {}).get(HIDDEN)
        if hidden:
            sign, key = _HIDDEN_SIGNS.get(str(hidden), ("✕", None))
            state += f" · _{sign}_" if key is None else f" · _{sign} {v(e(t[key]))}_"
        mark = struck if hidden else str
        out += ["", "---", "", f"**{v(e(who))}** · {at(message.created_at)}{state}{thumbs}", ""]
        shown = message.translation is not None and message.translation_language is not None
        target = translated_for or ""
        if message.role == "user" and shown and target and message.translation_language == target:
            source = message.language or record.language
            marker = t["translation_marker"].format(
                source=language_name.get(source, source), target=language_name.get(target, target)
            )
            out += [f"🌐 _{e(marker)}_  ", mark(v(e(message.translation or "")))]
            # the customer's own words always beside it: a small model's translation of "oi"
            # was three sentences the customer never wrote, under "Customer" (an outside tester)
            out += ["", f"> _{e(t['original'])}:_  ", *_quoted(mark(v(e(message.content or ""))))]
        else:
            out.append(mark(v(e(message.content))) if message.content else "_(…)_")
        if message.role == "agent" and shown:  # sent translated: what the operator wrote
            language = message.translation_language or ""
            written = t["agent_original"].format(language=language_name.get(language, language))
            out += ["", f"> ✍️ _{e(written)}:_  ", *_quoted(v(e(message.translation or "")))]
        if message.feedback_reason:
            out += ["", f"> 👎 {v(e(message.feedback_reason))}"]
    if not record.messages:
        out += ["", "_…_"]
    return "\n".join(out) + "\n"
