"""The customer chat's state: a list of turn records, one per bubble, plus a queue of
messages typed while a reply is still streaming.

One :class:`ChatState` lives per browser session (gradio keeps the object server-side and
hands the same object to every event of that session), so the handler that takes a new
message and the one that streams replies see each other's changes; ``lock`` orders them.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import TYPE_CHECKING, Any, Literal

from console import zones
from console.backends.base import ChatMessage

if TYPE_CHECKING:
    from console.transcripts import Filters

Role = Literal["user", "assistant", "agent"]

#: reply drafts a staff page keeps (one per conversation opened with text in the boxes)
MAX_DRAFTS = 50
#: a reply stored as being written whose text has not changed for this long is taken as
#: interrupted by the pages waiting for it (its writer saves every second while it lives;
#: a model's first token on a busy CPU can take several)
WRITER_GONE_S = 30.0
#: the note of a reply this page shows while another writes it: the page this one replaced
#: (a reload mid-reply: ChatHandlers._finish_unread goes on without it), another tab, or
#: another replica. The page redraws it from its stored row as that grows (every second)
WRITING = "writing"


@dataclass
class Turn:
    role: Role
    text: str
    #: the stored message's id, once the store has it (feedback, live updates)
    message_id: str | None = None
    #: customer messages: the detected language tag shown as a badge
    tag: str | None = None
    #: replies: "stopped" / "interrupted" / "failed" / "held" (a person will answer), or
    #: :data:`WRITING`: still being written elsewhere, refreshed from the store
    note: str = ""
    #: agent messages: the person's name
    author: str | None = None
    #: customer messages typed while a reply streamed, not yet answered
    queued: bool = False
    #: its rate and turn limits were counted when it was taken (Pipeline.admit)
    admitted: bool = False
    #: customer messages waiting for a free generation slot: their place in line (1 = next)
    place: int = 0


@dataclass
class ChatState:
    conversation_id: str | None = None
    turns: list[Turn] = field(default_factory=list)
    #: the viewer's language for labels and notices (from the browser, set on load)
    ui_language: str = "en"
    #: the browser's IANA time zone (set on load, checked: console.zones), for the times
    #: the page shows: lists, the conversation view, the customer's download. None: no page
    #: said (a program through gradio_client): UTC, and the list's headers as they were
    time_zone: str | None = None
    #: True while a reply streams for this session: new messages wait in the queue
    busy: bool = False
    #: the reply being streamed, shown after the turns, and its stored row
    streaming: str | None = None
    streaming_id: str | None = None
    #: the "who answers" line last shown, and whether turns arrived (a person's messages)
    #: that no render has shown yet
    banner: str = ""
    unshown: bool = False
    #: how many times the timer queued a stored message for an answer (the answer_due State)
    answer_due: int = 0
    #: the customer's message, last on the screen and unanswered, that the timer last asked
    #: the store about (ChatHandlers.poll: once per message, the claim is a write)
    take_up_tried: str | None = None
    #: the page numbers each press of Send/Enter (scripts._OUTBOX_JS); the highest press
    #: handled so far (later presses wait on ``presses``: see :meth:`in_press_order`)
    pressed: int = 0
    #: the conversation the browser's resume token names (console/resume.py), once the page
    #: load has read it (``resume_checked``): the timer writes a new token when they differ
    resume_for: str | None = None
    resume_checked: bool = False
    #: the presses (scripts._OUTBOX_JS) taken before the browser held a token for their
    #: conversation: the page keeps them until the token comes (ChatHandlers.keep_token), as
    #: a reload before it starts afresh and would lose them
    unacked: list[str] = field(default_factory=list)
    #: the newest stored message such that it and every one before it is on this page (or
    #: never shown): where the live poll reads on from (ChatHandlers.poll)
    polled_to: str | None = None
    #: staff: the change refused because a colleague answers the conversation (event kind,
    #: conversation, status asked for) and the holding the refusal named (holder, since); a
    #: second press of the same change does it while that holding lasts (StaffHandlers._transition)
    take_over: tuple[tuple[str, str, str | None], tuple[str, Any]] | None = None
    #: stored messages this page took off its screen (Retry, Undo, an edit): the live poll
    #: must not bring them back as if another tab had written them
    dropped: set[str] = field(default_factory=set)
    #: a reply stored as still being written that the live poll waits for: (its id, its
    #: text when last seen to change, when that was)
    writing_seen: tuple[str, str, float] | None = None
    #: the team erased the conversation this page showed: the page let go of it, and the
    #: banner says so until the customer writes again (ChatHandlers.poll)
    erased: bool = False
    #: a person of the team had this conversation (it waited for one, or one answered):
    #: once the assistant answers again, the banner says so (ChatHandlers.banner)
    team_was_here: bool = False
    #: when this page last told the store it shows its conversation (monotonic seconds;
    #: ChatHandlers.poll, every transcripts.PRESENCE_EVERY_S): operators see whether the customer is here
    seen_noted: float = 0.0
    #: staff pages: when this page last noted that its user has the console open
    staff_noted: float = 0.0
    #: staff pages: the reply boxes' drafts (reply, translation) of conversations opened
    #: before, by conversation id (StaffHandlers.open)
    drafts: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: staff pages: what a reply from this page last sent per conversation (reply,
    #: translation), until a draft of that conversation is kept: another conversation
    #: opened while the reply was on its way took the boxes' text, the sent reply in it,
    #: as the draft (keep_draft)
    sent: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: staff pages: the conversation last opened on this page (StaffHandlers.open); the
    #: view's 1 s watch of another one is stale and must not draw over it
    viewing: str = ""
    #: staff pages: the conversation list as last drawn (the table's value, and its ids), so
    #: the queue's timer can drop the rows of conversations a colleague erased
    listed: tuple[dict[str, Any], list[str]] | None = None
    #: and the filters it was drawn with: "Export all listed" exports what they match (the
    #: export's inputs stay the page's rows and the format: /export_listed's API contract)
    listed_filters: Filters | None = None
    #: staff pages: the "translate customer messages" switch as last switched (its own event
    #: sets it; an opening's copy of the box can be older than a switch made while it waited)
    translate: bool = True

    def __post_init__(self) -> None:
        # Plain attributes, not dataclass fields: gradio puts a State's initial value in the
        # page config with dataclasses.asdict, which deep-copies every field, and a lock
        # cannot be copied (the state is a value, not a factory: see layout, "state").
        #: the drain answering the queue now, and since when it waits for its reader to pull
        #: (None while it works): see ChatHandlers.drain
        self.drainer: object | None = None
        self.parked_since: float | None = None
        self.lock = threading.RLock()
        self.presses = threading.Condition()

    def __deepcopy__(self, memo: dict[int, object]) -> ChatState:
        # gradio deep-copies the initial value per session; a lock cannot be copied
        return ChatState(
            conversation_id=self.conversation_id,
            turns=copy.deepcopy(self.turns, memo),
            ui_language=self.ui_language,
            busy=self.busy,
            streaming=self.streaming,
            streaming_id=self.streaming_id,
            banner=self.banner,
            unshown=self.unshown,
            pressed=self.pressed,
            resume_for=self.resume_for,
            resume_checked=self.resume_checked,
            polled_to=self.polled_to,
            take_over=self.take_over,
            dropped=set(self.dropped),
            erased=self.erased,
            team_was_here=self.team_was_here,
            seen_noted=self.seen_noted,
            staff_noted=self.staff_noted,
            drafts=dict(self.drafts),
            sent=dict(self.sent),
            viewing=self.viewing,
            listed=copy.deepcopy(self.listed, memo),
            listed_filters=self.listed_filters,
            translate=self.translate,
        )

    # ------------------------------------------------------------ queries

    @property
    def zone(self) -> tzinfo:
        """The viewer's time zone (:attr:`time_zone`; UTC when no page said one)."""
        return zones.zone(self.time_zone)

    def history(self) -> list[ChatMessage]:
        """Answered turns as the pipeline's history (queued messages are not history yet)."""
        return [
            {"role": t.role, "content": t.text}  # type: ignore[typeddict-item]
            for t in self.turns
            if not t.queued and not (t.role != "user" and not t.text)
        ]

    def written_elsewhere(self) -> bool:
        """Whether a reply on this page is still being written elsewhere (:data:`WRITING`):
        Retry, Undo and an edit wait for it as for this page's own reply."""
        with self.lock:
            return any(t.note == WRITING for t in self.turns)

    def writer_gone(self, message_id: str, text: str) -> bool:
        """Whether a reply stored as still being written has not grown for WRITER_GONE_S
        since this page first saw it so (call with :attr:`lock` held): its writer (a
        replica that died) will not finish it, and the page shows it as interrupted. A
        live writer saves its text every second (pipeline._SAVE_INTERVAL_S)."""
        now = time.monotonic()
        seen = self.writing_seen
        if seen is None or seen[0] != message_id or seen[1] != text:
            self.writing_seen = (message_id, text, now)
            return False
        return now - seen[2] >= WRITER_GONE_S

    def known_ids(self) -> set[str]:
        """The stored rows of the messages on this page, the reply still streaming included."""
        return {t.message_id for t in self.turns if t.message_id} | (
            {self.streaming_id} if self.streaming_id else set()
        )

    def shown_at(self, index: int) -> tuple[str, str | None] | None:
        """The role and stored row of the chat's ``index``-th bubble, as render.render_chat
        draws them: the reply being written sits before the first message still queued.
        (A thumbs on it while it streamed was read as one on the message after it, and lost:
        an outside tester on a phone.)"""
        with self.lock:
            turns = self.turns
            if self.streaming is not None:
                at = next((i for i, turn in enumerate(turns) if turn.queued), len(turns))
                if index == at:
                    return "assistant", self.streaming_id
                index -= index > at
            if not 0 <= index < len(turns):
                return None
            return turns[index].role, turns[index].message_id

    def last_id(self) -> str | None:
        ids = [t.message_id for t in self.turns if t.message_id]
        return max(ids) if ids else None  # uuid7 strings sort by time

    # ------------------------------------------------------------ changes

    @contextmanager
    def in_press_order(self, press: int | None, timeout: float) -> Iterator[None]:
        """Run the block once every earlier press of this page has been handled.

        Each press is its own request, and requests sent a few milliseconds apart can reach
        the server in either order (seen with three presses in one browser task). Waiting
        gives up after ``timeout``: a press whose request never came must not hold back
        the ones after it. ``None`` (a caller that does not number presses) runs at once.
        """
        if press is not None:
            with self.presses:
                self.presses.wait_for(lambda: self.pressed >= press - 1, timeout)
        try:
            yield
        finally:
            if press is not None:
                with self.presses:
                    self.pressed = max(self.pressed, press)
                    self.presses.notify_all()

    def note_team(self, handler: str, roles: Iterable[str]) -> None:
        """Remember that a person of the team had this conversation: it is not the
        assistant's now (it waits for one, or one answers), or a person's message came."""
        if handler != "bot" or "agent" in roles:
            self.team_was_here = True

    def keep_draft(self, conversation_id: str, text: str, translated: str) -> None:
        """Keep what the reply boxes hold for ``conversation_id`` (an empty box forgets it),
        without a reply this page has sent from them since; at most MAX_DRAFTS, the oldest
        dropped first."""
        if not conversation_id:
            return
        with self.lock:
            sent = self.sent.pop(conversation_id, None)
            if sent is not None:
                text, translated = _without_sent(text or "", translated or "", sent)
            self.drafts.pop(conversation_id, None)  # re-inserted last: the newest
            if (text or "").strip() or (translated or "").strip():
                self.drafts[conversation_id] = (text or "", translated or "")
            while len(self.drafts) > MAX_DRAFTS:
                del self.drafts[next(iter(self.drafts))]

    def note_sent(self, conversation_id: str, text: str, translated: str) -> None:
        """A reply from the boxes went to ``conversation_id``: it leaves that conversation's
        draft, whether the draft was kept before the reply went (another conversation was
        opened while it was on its way) or is kept after (:meth:`keep_draft`). Opened again,
        the conversation offered the sent reply, to be sent twice (an outside tester)."""
        with self.lock:
            draft = self.drafts.pop(conversation_id, None)
            if draft is not None:
                rest = _without_sent(*draft, (text, translated))
                if rest[0].strip() or rest[1].strip():
                    self.drafts[conversation_id] = rest
                return
            self.sent.pop(conversation_id, None)
            self.sent[conversation_id] = (text, translated)
            while len(self.sent) > MAX_DRAFTS:  # a page that answers all day
                del self.sent[next(iter(self.sent))]

    def keep_translation(self, conversation_id: str, text: str, translated: str) -> None:
        """A translation of ``text`` that came after another conversation was opened: kept
        with that conversation's draft if the draft is still ``text``, else dropped."""
        with self.lock:
            if self.drafts.get(conversation_id, ("", ""))[0] == text:
                self.drafts[conversation_id] = (text, translated)

    def enqueue(self, text: str, *, admitted: bool = False) -> Turn:
        turn = Turn(role="user", text=text, queued=True, admitted=admitted)
        with self.lock:
            self.turns.append(turn)
        return turn

    def next_queued(self) -> Turn | None:
        with self.lock:
            return next((t for t in self.turns if t.queued), None)

    def pop_last_exchange(self) -> str | None:
        """Remove the last customer message and what followed; return its text."""
        with self.lock:
            start = max((i for i, t in enumerate(self.turns) if t.role == "user"), default=0)
            removed = self.truncate_at(start)
        return removed[0].text if removed and removed[0].role == "user" else None

    def truncate_at(self, index: int) -> list[Turn]:
        """Drop turn ``index`` and everything after it (Retry, Undo, an earlier message
        edited) and return them. Their stored ids go to ``dropped``: the live poll and the
        matching of ids to turns must not bring them back."""
        with self.lock:
            removed = self.turns[index:]
            del self.turns[index:]
            self.dropped.update(t.message_id for t in removed if t.message_id)
        return removed

    def stop_draining(self) -> None:
        """No drain answers the queue now (call with :attr:`lock` held): ChatHandlers.drain."""
        self.busy, self.drainer, self.parked_since = False, None, None
        self.streaming = self.streaming_id = None

    def reset(self) -> None:
        with self.lock:
            self.conversation_id = None
            self.polled_to = None
            self.dropped.clear()
            self.turns.clear()
            self.streaming = self.streaming_id = None
            self.erased = False
            self.team_was_here = False
            self.seen_noted = 0.0  # a new conversation's page says so at once

    def let_go(self, keep: Turn | None = None) -> None:
        """The conversation on this page was erased by the team: forget it and every turn
        of it (the page's copy of what was erased), keeping ``keep`` (the message that found
        it gone, answered in a new conversation) and messages still queued."""
        with self.lock:
            kept = [t for t in self.turns if t is keep or t.queued]
            self.reset()
            self.turns.extend(kept)
            self.erased = True


def _without_sent(text: str, translated: str, sent: tuple[str, str]) -> tuple[str, str]:
    """The boxes' text less a reply sent from them, as the page takes it out
    (scripts._SENT_JS): the sent text where the box starts with it, the translation where
    the box holds it whole."""
    sent_text, sent_translated = sent
    if sent_text and text.startswith(sent_text):
        text = text[len(sent_text) :].lstrip()
    if sent_translated and translated == sent_translated:
        translated = ""
    return text, translated
