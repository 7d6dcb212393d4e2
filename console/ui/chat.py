"""The customer chat's handlers: plain methods over a :class:`ConsoleContext`, callable from
tests without a server. The event listeners (``events.py``) wire them to components.

A message is taken in two steps, so nothing typed is ever dropped: :meth:`ChatHandlers.take`
runs at once (no concurrency limit) and only validates and queues the message; then
:meth:`ChatHandlers.drain` answers queued messages one after another. A message sent while
a reply streams joins the queue, shows as queued, and is answered next.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import gradio as gr

from console import export, transcripts
from console.access import username_of
from console.admission import Ticket
from console.context import ConsoleContext
from console.errors import ConsoleError, OwnerBusyError
from console.loading import LoadingBackend
from console.options import GenerationOptions
from console.pipeline import TurnRequest, TurnUpdate
from console.resume import FORGOTTEN
from console.store.records import UNANSWERED, ConversationRecord, MessageRecord
from console.store.repository import NotFoundError
from console.text import hide_direction_controls
from console.ui import files
from console.ui.customer_copy import HIDDEN, shown_to_customer, write_customer_markdown
from console.ui.errors import kind_text, notice_text, page_error, show_info, show_warning
from console.ui.labels import answer_language, labels, request_accepted, request_language
from console.ui.render import render_chat, typed_text
from console.ui.state import WRITING, ChatState, Turn
from console.ui_labels import right_to_left

log = logging.getLogger(__name__)


#: a drain parked at a yield this long has lost its reader (gradio pulls every few ms)
ABANDONED_S = 15.0
#: how long a returning page holds the answer to a message its last page left unanswered
#: (ChatHandlers.come_back): until the reply's first row is stored, when generation starts,
#: so as long as a busy console may make a turn wait for a slot. The answer is the first
#: thing its drain does, so only a page that went before its drain started leaves the
#: message to a page loaded this long after.
CLAIM_S = 120.0
#: how long a message waits for the request of one pressed before it (ChatState.in_press_order)
PRESS_ORDER_WAIT_S = 5.0
#: at most one update of a streaming reply per this many seconds goes to the browser. The
#: chatbot re-renders the whole reply's markdown on every update: at the pipeline's pace (up
#: to 40 a second) a 500-word reply kept chromium's main thread so busy that input waited
#: 0.7-1 s (median) and a click on Stop landed after 12-16 s, once the reply had ended; at
#: 10 a second input waits 9-14 ms and Stop lands in 0.2-0.6 s (``python -m bench.browser``,
#: 2 cores; BENCHMARKS.md), and the text still flows.
UI_FRAME_S = 0.1
#: the longest a message waits for a reply another page is writing in its conversation
#: (ChatHandlers._after_replies_elsewhere); a remote engine's own timeout ends one sooner
ELSEWHERE_WAIT_S = 300.0
#: what a page hands back of an earlier page's unsent messages (ChatHandlers.unsent_back):
#: the page keeps the last 20; a longer list, or more text than 20 very long messages, is
#: not something the page wrote, and is ignored
MAX_UNSENT = 20
MAX_UNSENT_CHARS = 20 * 20_000
#: how long the answer to "is anyone of the team online?" is reused (one read for every
#: waiting customer's poll in that time)
TEAM_CACHE_S = 5.0


def session_key(request: gr.Request | None) -> str:
    return getattr(request, "session_hash", None) or "default"


def client_key(request: gr.Request | None) -> str:
    client = getattr(request, "client", None)
    return str(getattr(client, "host", None) or "unknown")


class ChatHandlers:
    def __init__(self, ctx: ConsoleContext) -> None:
        self.ctx = ctx
        self.pipeline = ctx.pipeline
        self.store = ctx.store
        #: (monotonic time, answer) of the last "is anyone of the team online?" read
        self._team: tuple[float, bool] | None = None

    # ------------------------------------------------------------ helpers

    def _request(
        self,
        state: ChatState,
        text: str,
        request: gr.Request | None,
        *,
        options: GenerationOptions | None = None,
        business_line: str | None = None,
        language: str | None = None,
        regenerate: bool = False,
        admitted: bool = False,
        history: list[Any] | None = None,
    ) -> TurnRequest:
        return TurnRequest(
            text=text,
            options=options or GenerationOptions(),
            history=state.history() if history is None else history,
            business_line=business_line or self.ctx.config.business_line,
            language=language,
            conversation_id=state.conversation_id,
            session=session_key(request),
            client=client_key(request),
            regenerate=regenerate,
            admitted=admitted,
            owner="ui",
            reader_language=request_accepted(request),
        )

    def _settings(
        self,
        request: gr.Request | None,
        temperature: float,
        top_p: float,
        max_tokens: float,
        line: str,
        lang: str,
    ) -> tuple[GenerationOptions | None, str | None, str | None]:
        """Generation settings from the staff sidebar; a customer's request gets the
        console's defaults whatever a crafted call sends (they cannot see the sliders), except
        the answer language, which the customer picks too (an unknown one means detect)."""
        if not self.ctx.access.is_staff_request(request):
            return None, None, _auto(answer_language(lang))
        try:
            options = GenerationOptions(temperature=temperature, top_p=top_p, max_new_tokens=int(max_tokens))
        except ConsoleError as exc:
            raise page_error(exc) from exc
        return options, line, lang

    def chat(self, state: ChatState) -> list[dict[str, Any]]:
        return render_chat(state, labels(state.ui_language))

    # ------------------------------------------------------------ events

    def refusal(self, text: str, state: ChatState, lang: str, request: gr.Request | None) -> str | None:
        """Why ``text`` cannot be taken now (in the customer's language), or None; when None,
        its rate and turn limits have been counted (Pipeline.admit)."""
        try:
            self.pipeline.admit(self._request(state, text, request, language=_auto(lang)))
        except ConsoleError as exc:
            return notice_text(exc, state.ui_language)
        return None

    def take(
        self, text: str, state: ChatState, lang: str, press: str | None, request: gr.Request
    ) -> dict[str, Any]:
        """Validate and queue a message, in the order the customer pressed Send (``press``:
        the page's number for it); the text box empties only when it is accepted."""
        # The page's load event sets the viewer's language too, but on a busy server a
        # message can be taken before that has run: its notes ("place 2 in the queue") came
        # out in English to a German page (CI). The request carries the same header.
        state.ui_language = request_language(request)
        with state.in_press_order(_press_number(press), PRESS_ORDER_WAIT_S):
            refused = self.refusal(text, state, lang, request)
            if refused is not None:
                if not (text or "").strip():
                    raise page_error(refused, state.ui_language)
                # refused: the text goes back into the box (the browser emptied it as it
                # left), whole, with the reason beside it
                show_warning(refused, state.ui_language)
                return {"message": text, "taken": press or ""}
            state.erased = False  # the notice has been read: the customer writes on
            state.enqueue(text, admitted=True)
            # "taken": the page keeps a message until the server names its press
            # (scripts._OUTBOX_JS), so a reload before that loses nothing. Here when a reload
            # comes back to the message's conversation (the browser holds its token, or
            # there are no tokens); else with the token (keep_token): a reload a moment after
            # a conversation's first message came back to an empty page, and the message
            # was on no screen (an outside tester, 5 of 5 reloads at 0.15-0.3 s)
            held = self.ctx.resume is None or (
                state.conversation_id is not None and state.conversation_id == state.resume_for
            )
            if press and not held:
                state.unacked.append(press)
                press = None
        return {"state": state, "chat": self.chat(state), "taken": press or ""}

    def unsent_back(self, state: ChatState, unsent: object) -> str:
        """What an earlier page of this tab sent and never heard was taken (a reload, or a
        dropped connection and a reload, just after Send), less what this page's
        conversation holds (taken after all: the answer to the press was what got lost), as
        the JSON list the page puts back into the box. Before, such a message was gone: it
        had left the box, and never reached the server. It comes from the browser: anything
        but a short list of strings is ignored."""
        raw = unsent if isinstance(unsent, str) and len(unsent) <= MAX_UNSENT_CHARS else ""
        try:
            texts = json.loads(raw or "[]")
        except (ValueError, RecursionError):  # RecursionError: "[[[[..." nested past the limit
            return ""
        if not isinstance(texts, list) or len(texts) > MAX_UNSENT:
            return ""
        with state.lock:
            held = Counter(t.text.strip() for t in state.turns if t.role == "user")
        back: list[str] = []
        for text in texts:
            if not isinstance(text, str) or not text.strip():
                continue
            if held[text.strip()]:
                held[text.strip()] -= 1
            else:
                back.append(text)
        return json.dumps(back, ensure_ascii=False) if back else ""

    def drain(
        self,
        state: ChatState,
        temperature: float,
        top_p: float,
        max_tokens: float,
        line: str,
        lang: str,
        request: gr.Request,
    ) -> Iterator[dict[str, Any]]:
        """Answer every queued message in order; returns at once if another drain runs.

        A drain whose reader went away without closing it (a client that timed out) stays
        parked at a ``yield`` forever; one parked longer than :data:`ABANDONED_S` is taken
        over, so the session never stops answering."""
        me = object()
        with state.lock:
            parked = state.parked_since
            another = state.busy and not (parked is not None and time.monotonic() - parked > ABANDONED_S)
            if not another:
                state.busy, state.drainer, state.parked_since = True, me, None
        if another:
            # Every way out yields once: gradio gives the outputs of an event generator that
            # ends without a yield the value None, and the chat showed nothing at all (a
            # Retry under a person's message, which changes nothing, blanked the screen).
            # {} is "leave every output as it is" (Wiring._convert).
            yield {}
            return
        options, business_line, language = self._settings(request, temperature, top_p, max_tokens, line, lang)
        try:
            while True:
                yield from self._after_replies_elsewhere(state)
                with state.lock:
                    if state.drainer is not me:  # taken over (see above): this one is finished
                        return
                    turn = state.next_queued()
                    if turn is None:
                        # let go here, under the lock that found the queue empty: a message
                        # taken a moment later is the next drain's, never a leftover of this
                        # one (the finally below stored such a message unanswered and the
                        # page showed it queued for good: CI)
                        state.stop_draining()
                        break
                    history = state.history()
                    turn.queued = False
                    regenerate = turn.message_id is not None
                turn_request = self._request(
                    state,
                    turn.text,
                    request,
                    options=options,
                    business_line=business_line,
                    language=language,
                    regenerate=regenerate,
                    admitted=turn.admitted,
                    history=history,
                )
                for update in self._parked(state, turn, turn_request):
                    # the browser keeps the conversation's token from its first stored
                    # message on, so a reload at any moment comes back to it
                    yield {**update, **self.keep_token(state, request)}
            # The last update is "leave everything": gradio ends a generator's event by
            # sending its last update again, whole, and a chat drawn before a message taken
            # since (the customer pressed Send as the reply ended) wiped that message off
            # the screen until the next drain drew it back (CI). Also the one yield when
            # nothing was queued (see above).
            yield {}
        finally:
            leftover: list[Turn] = []
            with state.lock:
                if state.drainer is me:
                    state.stop_draining()
                    # Messages still waiting when the drain ends early: the page was closed
                    # or reloaded mid-reply (gradio closes the generator), and they lived only
                    # in this session. Stored now, unanswered, so neither the customer (a
                    # reload answers them) nor the team loses what was typed.
                    leftover = [t for t in state.turns if t.queued and t.message_id is None]
                    for turn in leftover:
                        turn.queued = False
            if leftover:
                self._keep_unanswered(state, leftover, request, business_line, language)

    def _after_replies_elsewhere(self, state: ChatState) -> Iterator[dict[str, Any]]:
        """Before the next message is answered: while a reply is being written in this
        conversation by another page (another tab, or the page this one replaced, whose reply
        goes on: _finish_unread), wait, the message shown queued and the reply shown as it
        grows (redrawn once a second, as the store has it); then take that reply onto this
        screen whole, before the message, as the store has it, so the answer has it as
        history. Before, a message sent after a reload mid-reply was answered at once,
        beside the reply, and this screen showed the two answers in the other order for good
        (an outside tester, 2 of 2). Bounded by :data:`ELSEWHERE_WAIT_S`: a reply never ends
        on a stuck engine only after its own timeout."""
        conversation_id = state.conversation_id
        if conversation_id is None or not self.pipeline.writing_in(conversation_id):
            return
        deadline = time.monotonic() + ELSEWHERE_WAIT_S
        said = time.monotonic()
        while self.pipeline.writing_in(conversation_id) and time.monotonic() < deadline:
            time.sleep(0.1)
            if time.monotonic() - said >= 1.0:
                # once a second, not per check (each is a message to the browser): a page that
                # goes meanwhile leaves its message queued, stored unanswered
                said = time.monotonic()
                yield {"chat": self.chat(state)} if self._take_replies_elsewhere(state) else {}
        if self._take_replies_elsewhere(state):
            yield {"chat": self.chat(state)}

    def _take_replies_elsewhere(self, state: ChatState) -> bool:
        """:meth:`_read_replies_elsewhere`; True when the screen is behind this page's turns
        (``state.unshown``), changed by that read or by the poll's meanwhile, and to be drawn
        now. The poll redraws a reply growing elsewhere on the turns but leaves the screen to
        a running drain (its render could overtake the drain's); the drain counted only its
        own changes, saw none, and the reply froze on the screen for up to 17 s after a
        follow-up (an outside tester, 5 of 6 runs)."""
        self._read_replies_elsewhere(state)
        with state.lock:
            behind, state.unshown = state.unshown, False
        return behind

    def _read_replies_elsewhere(self, state: ChatState) -> None:
        """The replies and a person's messages stored since this page's last poll onto this
        page's turns where the store has them (the poll leaves them while a drain runs), a
        reply still being written as far as it is; a change marks the turns unshown."""
        if self.store is None or state.conversation_id is None:
            return
        try:
            stored = self.store.messages_after(state.conversation_id, state.polled_to)
        except ConsoleError:
            return  # the poll shows them later
        with state.lock:
            known = state.known_ids() | state.dropped
            live = _written_elsewhere(state)
            for m in stored:
                if m.id in live:
                    _refresh(state, live[m.id], m)
                elif m.id not in known and m.role in ("agent", "assistant") and shown_to_customer(m):
                    _show_stored(state, m, known)

    def answer_on_return(
        self,
        state: ChatState,
        temperature: float,
        top_p: float,
        max_tokens: float,
        line: str,
        lang: str,
        request: gr.Request,
    ) -> Iterator[dict[str, Any]]:
        """After the page load: :meth:`drain` when :meth:`come_back` queued a stored message
        the customer's last page left unanswered (a turn with an id), else nothing at all, so
        an ordinary page load starts no drain beside the first message's own."""
        with state.lock:
            waiting = any(t.queued and t.message_id is not None for t in state.turns)
        if not waiting:
            yield {}
            return
        yield from self.drain(state, temperature, top_p, max_tokens, line, lang, request)

    def _keep_unanswered(
        self,
        state: ChatState,
        turns: list[Turn],
        request: gr.Request,
        business_line: str | None,
        language: str | None,
    ) -> None:
        """Store ``turns`` without calling the model (a request for a person among them still
        hands over); they keep their order, and the stored ones are marked unanswered."""
        for turn in turns:
            turn_request = replace(
                self._request(
                    state, turn.text, request, business_line=business_line, language=language, admitted=True
                ),
                answer=False,
            )
            try:
                for update in self.pipeline.stream_turn(turn_request):
                    with state.lock:
                        state.conversation_id = update.conversation_id or state.conversation_id
            except ConsoleError as exc:  # the store is down: said in the log, nowhere else to say it
                log.warning("a message waiting for its answer could not be kept: %s", exc.kind)

    def _parked(self, state: ChatState, turn: Turn, request: TurnRequest) -> Iterator[dict[str, Any]]:
        """``_answer``, noting when it waits at a ``yield`` for its reader to pull."""
        for update in self._answer(state, turn, request):
            state.parked_since = time.monotonic()
            yield update
            state.parked_since = None

    def _waiting(self, state: ChatState) -> bool:
        """Whether this turn needs a generation slot: not while a person owns the
        conversation (the message is only stored for them)."""
        if self.store is None or state.conversation_id is None:
            return True
        try:
            return self.store.ownership(state.conversation_id)[1] == "bot"
        except ConsoleError:
            return True  # the turn itself reports the store's problem

    def _answer(self, state: ChatState, turn: Turn, request: TurnRequest) -> Iterator[dict[str, Any]]:
        # One line for the whole console (console/admission.py, shared with the API): while
        # every slot is busy the customer sees their place, in their language, as it moves.
        # One address holds at most --client-concurrency places in it: a waiting turn holds
        # a server thread, and fresh sessions from one address cost nothing.
        try:
            ticket = self.ctx.admission.join(owner=_owner(request)) if self._waiting(state) else None
        except OwnerBusyError as exc:
            log.warning(
                "refused a chat turn: its client address already has %d in the generation line "
                "(--client-concurrency)",
                exc.limit,
            )
            yield self._failed(state, turn, exc)
            return
        slot = _Slot(ticket)
        try:
            while ticket is not None and not ticket.wait(0 if turn.place == 0 else 0.5):
                place = ticket.position
                if place and place != turn.place:
                    with state.lock:
                        turn.place = place
                    yield {"chat": self.chat(state), "state": state}
            if turn.place:
                with state.lock:
                    turn.place = 0
            yield from self._generate(state, turn, request, slot)
        finally:
            slot.release()  # nothing, when a reply the page left holds it (_finish_unread)

    def _generate(
        self, state: ChatState, turn: Turn, request: TurnRequest, slot: _Slot | None = None
    ) -> Iterator[dict[str, Any]]:
        last: TurnUpdate | None = None
        shown_at: float | None = None  # when the browser was last sent text of this reply
        updates = self.pipeline.stream_turn(request)
        try:
            for update in updates:
                last = update
                with state.lock:
                    if None not in (state.conversation_id, update.conversation_id) and (
                        update.conversation_id != state.conversation_id
                    ):
                        # the team erased the conversation before the poll showed it (the
                        # page's owner is "ui", so nothing else makes the pipeline start
                        # another): the page lets go of the erased turns here
                        state.let_go(keep=turn)
                    state.conversation_id = update.conversation_id
                    turn.tag = update.detection.tag
                    state.streaming = None if update.held_for else update.reply
                    state.streaming_id = None if update.held_for else update.reply_id
                now = time.monotonic()
                # A skipped update is not lost: the next one carries the whole reply so far,
                # and the last one is always sent (below, after the loop). Only updates after
                # text has shown are paced: the first text goes out the moment it exists (the
                # update before it, the message stored and its language, carries no text).
                if shown_at is not None and not update.done and now - shown_at < UI_FRAME_S:
                    continue
                if update.reply:
                    shown_at = now
                yield {"chat": self.chat(state), "state": state, "update": update}
        except ConsoleError as exc:
            # the customer reads it in their words; the operator's English is the log's
            log.warning("a turn failed (%s): %s", exc.kind, exc.message)
            yield self._failed(state, turn, exc)
            return
        except GeneratorExit:
            # the page went away mid-reply (a reload, a closed tab): Gradio closes its event
            _finish_unread(updates, slot, last.conversation_id if last is not None else None)
            raise
        with state.lock:
            state.streaming = state.streaming_id = None
            if last is not None and not last.held_for:
                # right after the message it answers (messages queued meanwhile come after)
                at = next((i + 1 for i, t in enumerate(state.turns) if t is turn), len(state.turns))
                note = "" if last.status == "complete" else last.status
                state.turns.insert(at, Turn(role="assistant", text=last.reply, note=note))
            if last is not None and last.error:
                # the customer's words for it; the English one (an engine's error) is the log's
                log.warning("a reply failed (%s): %s", last.error_kind, last.error)
                show_warning(kind_text(last.error_kind, state.ui_language), state.ui_language)
        self._learn_ids(state)
        yield {"chat": self.chat(state), "state": state, "update": last}

    def _failed(self, state: ChatState, turn: Turn, exc: ConsoleError) -> dict[str, Any]:
        """Nothing is lost: the message stays in the chat, marked, and can be edited and
        sent again; the reason is told in a notice, in the customer's language."""
        with state.lock:
            turn.note = "failed"
            state.streaming = state.streaming_id = None
        show_warning(notice_text(exc, state.ui_language), state.ui_language)
        return {"chat": self.chat(state), "state": state}

    def _learn_ids(self, state: ChatState) -> None:
        """Attach stored message ids to the turns just answered (for feedback, live updates)."""
        if self.store is None or state.conversation_id is None:
            return
        try:
            stored = self.store.messages_after(state.conversation_id, state.last_id())
        except ConsoleError:
            return
        with state.lock:
            # not the ones this page took off its screen: after Retry the old reply came first
            # and the new one took its id (a thumbs on it was stored on the old reply)
            known = state.known_ids() | state.dropped
            fresh = [m for m in stored if m.id not in known and m.role in ("user", "assistant")]
            for turn in state.turns:
                if turn.message_id is None and not turn.queued and turn.role in ("user", "assistant"):
                    # the same text first: another tab of this browser may have written in
                    # the same conversation meanwhile (masked personal data differs: then
                    # the first of the role, the order this page wrote them in)
                    same = [m for m in fresh if m.role == turn.role]
                    match = next((m for m in same if m.content == turn.text), same[0] if same else None)
                    if match is not None:
                        turn.message_id = match.id
                        fresh.remove(match)

    def stop(self, state: ChatState, request: gr.Request) -> None:
        """Stop the reply this page is being sent, or, on a page that came back, the one
        its predecessor left (_finish_unread): Stop there did nothing before, and the reply
        went on to its end unseen (an outside tester)."""
        if not self.pipeline.cancel(session_key(request)):
            self._stop_unread(state)

    def _stop_unread(self, state: ChatState) -> None:
        """The reply a page that went away left in this page's conversation, stopped (kept,
        marked stopped); not a reply another open tab is being sent."""
        conversation_id = state.conversation_id
        if conversation_id is not None and conversation_id in unread_replies():
            self.pipeline.cancel_conversation(conversation_id, interrupted=False)

    def new_conversation(self, state: ChatState, request: gr.Request) -> dict[str, Any]:
        """The New conversation button and the chatbot's trash icon do the same: the next
        message starts a new stored conversation; the old one stays in the transcripts.
        Through the API (no press number): at once, and the message box is emptied too."""
        return {**self.new_conversation_pressed(state, None, request), "message": ""}

    def new_conversation_pressed(
        self, state: ChatState, press: str | None, request: gr.Request
    ) -> dict[str, Any]:
        """The page's Clear and New conversation, in the order of the customer's presses
        (``press``: their number in the page's count of Send presses): every message sent
        before it is taken first, every message after it waits for the reset."""
        with state.in_press_order(_press_number(press), PRESS_ORDER_WAIT_S):
            self.pipeline.cancel(session_key(request))
            self._stop_unread(state)  # the reply a reload left goes with it too
            state.reset()
            state.resume_for = None
        # the browser forgets the old conversation at once: a reload shows the new one
        return {"chat": [], "state": state, "resume": FORGOTTEN}

    # ------------------------------------------------------------ reloads (console/resume.py)

    def come_back(self, state: ChatState, token: object, request: gr.Request | None) -> dict[str, Any]:
        """On page load: the conversation this browser's token names, shown again whole
        (the person's messages and who answers included), and continued by the next message.
        A token that opens nothing is forgotten; the page starts afresh."""
        resume = self.ctx.resume
        user = username_of(request)
        held = token not in (None, FORGOTTEN)
        record = resume.open(token, user) if resume is not None and held else None
        with state.lock:
            state.resume_checked = True
            if record is None or state.conversation_id is not None or state.turns:
                # nothing to come back to, or the customer already wrote on this page (a
                # message taken before the load ran): the timer gives the browser the
                # token of what is on the screen
                state.resume_for = None
                return {"resume": FORGOTTEN} if held else {}
            state.conversation_id = record.id
            state.turns = _turns_of(record)
            waiting = state.turns[-1] if record.handler == "bot" and _unanswered(record) else None
            state.polled_to = record.messages[-1].id if record.messages else None
            writing = _still_writing(record)
            if writing is not None:
                # a reply still being written (the page reloaded mid-reply: it goes on
                # without it, _finish_unread; or another tab is answering): shown as far as
                # it is written and redrawn by the poll as it grows, not as an "interrupted"
                # bubble that never filled (an outside tester), nor hidden until whole (a
                # reply on a CPU can take minutes: the customer saw their question and
                # nothing). What waited behind it is answered after it (the poll).
                for turn in state.turns:
                    if turn.message_id == writing.id:
                        turn.note = WRITING
                state.polled_to = _before(record, writing.id)
                waiting = None
            state.resume_for = record.id
            state.note_team(record.handler, (t.role for t in state.turns))
        if waiting is not None:
            # the page closed while this waited behind a reply (drain): answered now, with
            # any unanswered message before it as history, as one reply (answer_on_return)
            self._take_up(state, waiting)
        state.banner = state.banner or self.banner(
            state.ui_language,
            record.handler,
            record.assignee,
            status=record.status,
            team_was_here=state.team_was_here,
        )
        return {"chat": self.chat(state), "state": state, "banner": state.banner}

    def _take_up(self, state: ChatState, turn: Turn) -> bool:
        """Queue the customer's message ``turn``, stored unanswered, for this page to answer,
        once claimed in the store (Repository.claim_unanswered): another tab loading or
        polling at the same moment must not answer it too; that tab shows the reply when it
        comes, as it shows a person's. False when not claimed."""
        if self.store is None or turn.message_id is None:
            return False
        try:
            claimed = self.store.claim_unanswered(turn.message_id, for_s=CLAIM_S)
        except ConsoleError as exc:  # the store is down: the message stays marked for a later load
            log.warning("a message left unanswered could not be taken up: %s", exc.kind)
            return False
        if claimed:
            with state.lock:
                turn.queued = True
        return claimed

    def keep_token(self, state: ChatState, request: gr.Request | None) -> dict[str, Any]:
        """The browser's token for the conversation on the screen, when that changed (a first
        message stored, "Talk to a person", an erased conversation started afresh)."""
        resume = self.ctx.resume
        if resume is None or not state.resume_checked:
            return {}  # before the page load has read the browser's token, it must stay
        with state.lock:
            conversation_id = state.conversation_id
            if conversation_id == state.resume_for:
                return {}
            state.resume_for = conversation_id
            # the messages taken before the browser held this token are now safe from a
            # reload: the page stops keeping them (ChatHandlers.take)
            acked, state.unacked = ",".join(state.unacked), []
        user = username_of(request)
        token = resume.issue(conversation_id, user) if conversation_id is not None else None
        return {"resume": token or FORGOTTEN, **({"taken": acked} if acked else {})}

    def _refused_while_a_person_answers(self, state: ChatState) -> dict[str, Any] | None:
        """Regenerate, undo and edit rewrite the assistant's side of the conversation; while
        a person owns it (or it waits for one) they would make the model talk over them,
        or take the person's messages off the customer's screen. Refused: the screen as it
        was (an edit's new text goes back to what was sent) and a notice with the banner's
        words, who answers now. A notice, not an error: nothing went wrong (a red "Error"
        box saying "maria from our team is answering you" read as a fault)."""
        if self.store is None or state.conversation_id is None:
            return None
        try:
            _, handler, assignee = self.store.ownership(state.conversation_id)
        except ConsoleError as exc:
            raise page_error(exc) from exc
        if handler == "bot":
            return None
        show_info(self.banner(state.ui_language, handler, assignee), state.ui_language)
        return {"chat": self.chat(state), "state": state}

    def retry(self, state: ChatState) -> dict[str, Any]:
        """Regenerate the last reply: the customer's message is queued again as is."""
        if (refused := self._refused_while_a_person_answers(state)) is not None:
            return refused
        with state.lock:
            if state.busy or state.written_elsewhere():
                raise page_error(labels(state.ui_language)["wait_for_reply"])
            after_user = max((i + 1 for i, t in enumerate(state.turns) if t.role == "user"), default=0)
            if (kept := self._persons_message_stays(state, state.turns[after_user:])) is not None:
                return kept
            removed = state.truncate_at(after_user)
            if state.turns:
                state.turns[-1].queued = True
        self._hide(removed, "retry")
        return {"chat": self.chat(state), "state": state}

    def undo(self, state: ChatState) -> dict[str, Any]:
        if (refused := self._refused_while_a_person_answers(state)) is not None:
            return refused
        with state.lock:
            if state.busy or state.written_elsewhere():
                raise page_error(labels(state.ui_language)["wait_for_reply"])
            last_user = max((i for i, t in enumerate(state.turns) if t.role == "user"), default=0)
            removed = state.turns[last_user:]
            if (kept := self._persons_message_stays(state, removed)) is not None:
                return kept
            text = state.pop_last_exchange() or ""
        self._hide(removed, "undo")
        return {"chat": self.chat(state), "state": state, "message": text}

    def edit(self, state: ChatState, event: gr.EditData, request: gr.Request) -> dict[str, Any]:
        """An earlier message edited in place: the conversation continues from it."""
        index = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
        if (refused := self._refused_while_a_person_answers(state)) is not None:
            return refused
        with state.lock:
            if state.busy or state.written_elsewhere():
                raise page_error(labels(state.ui_language)["wait_for_reply"])
            if not isinstance(index, int) or not 0 <= index < len(state.turns):
                return {"chat": self.chat(state), "state": state}
            if state.turns[index].role != "user":
                return {"chat": self.chat(state), "state": state}
            if (kept := self._persons_message_stays(state, state.turns[index:])) is not None:
                return kept
            text = _plain(
                str(event.value if not isinstance(event.value, list) else event.value[0].get("text", ""))
            )
            try:
                self.pipeline.admit(self._request(state, text, request, history=state.history()[:index]))
            except ConsoleError as exc:
                raise page_error(exc) from exc
            removed = state.truncate_at(index)
            state.enqueue(text, admitted=True)
        self._hide(removed, "edit")
        return {"chat": self.chat(state), "state": state}

    def _persons_message_stays(self, state: ChatState, turns: list[Turn]) -> dict[str, Any] | None:
        """None when ``turns`` (what Retry, Undo or an edit would take off the screen) hold no
        person's message. Otherwise the screen stays as it is (after a person handed the
        conversation back, the person's words stay and the model never answers in their
        place), and a notice says why: the chatbot shows its Retry and Undo buttons under the
        last message whoever wrote it, and a button that silently did nothing looked broken."""
        person = next((turn for turn in reversed(turns) if turn.role == "agent"), None)
        if person is None:
            return None
        t = labels(state.ui_language)
        stays = t["persons_message_stays"].format(name=person.author or t["support_team"])
        show_info(stays, state.ui_language)
        return {"chat": self.chat(state), "state": state}

    def _hide(self, turns: list[Turn], why: str) -> None:
        """Messages the customer took off their screen (Retry, Undo, an earlier message
        edited) stay in the transcript for the team, marked, and a reloaded page does not
        show them again (``_turns_of``): it shows what the customer's screen showed."""
        if self.store is None:
            return
        for turn in turns:
            if turn.message_id is None:
                continue
            try:
                self.store.update_message(turn.message_id, meta={HIDDEN: why})
            except ConsoleError as exc:  # the screen is right; only a later reload shows it
                log.warning("a message taken off the customer's screen was not marked: %s", exc.kind)

    def like(self, state: ChatState, event: gr.LikeData) -> dict[str, Any]:
        """Thumbs on a reply, stored with it; a thumbs down asks for an optional reason."""
        index = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
        shown = state.shown_at(index) if isinstance(index, int) else None
        role, message_id = shown if shown is not None else ("user", None)
        if role == "user" or not message_id or self.store is None:
            return {"feedback_row": gr.update(visible=False), "feedback_target": ""}
        value = None if event.liked is None or event.liked == "" else (1 if event.liked is True else -1)
        try:
            self.store.set_feedback(message_id, value)
        except ConsoleError as exc:
            raise page_error(exc) from exc
        return {"feedback_row": gr.update(visible=value == -1), "feedback_target": message_id}

    def feedback_reason(self, state: ChatState, target: str, reason: str) -> dict[str, Any]:
        if self.store is None or not target:
            return {"feedback_row": gr.update(visible=False)}
        ids = state.known_ids()
        if target not in ids:  # only this session's own replies
            return {"feedback_row": gr.update(visible=False)}
        try:
            # a reason past MAX_FEEDBACK_CHARS (only a crafted call: the box stops there) is
            # refused by the store, told in the customer's language, and the box keeps it
            self.store.set_feedback(target, -1, reason)
        except ConsoleError as exc:
            raise page_error(exc, state.ui_language) from exc
        show_info(labels(state.ui_language)["feedback_thanks"], state.ui_language)
        return {"feedback_row": gr.update(visible=False), "feedback_text": ""}

    def talk_to_human(self, state: ChatState, line: str, lang: str, request: gr.Request) -> dict[str, Any]:
        _, business_line, language = self._settings(request, 0.7, 1.0, 256, line, lang)
        turn_request = self._request(state, "", request, business_line=business_line, language=language)
        try:
            update = self.pipeline.request_human(turn_request)
            if update.held_for is not None and self.store is not None and update.conversation_id:
                # a person has it already, or it waits for one: told again who answers,
                # nothing written into the conversation
                _, handler, assignee = self.store.ownership(update.conversation_id)
                show_info(self.banner(state.ui_language, handler, assignee), state.ui_language)
                return {}
        except ConsoleError as exc:
            raise page_error(exc) from exc
        with state.lock:
            state.conversation_id = update.conversation_id
            state.turns.append(Turn(role="assistant", text=update.reply))
        self._learn_ids(state)
        return {"chat": self.chat(state), "state": state, "update": update}

    def poll(self, state: ChatState) -> dict[str, Any] | None:
        """A person's messages and who answers now, pushed to the customer's screen within
        a second (a 1 s timer; a cheap indexed read, nothing when nothing changed)."""
        loading = self.loading_banner(state.ui_language)
        stored: list[Any] = []
        hidden: set[str] = set()
        status, handler, assignee = "open", "bot", None
        if self.store is not None and state.conversation_id is not None:
            try:
                stored = self.store.messages_after(state.conversation_id, state.polled_to)
                status, handler, assignee = self.store.ownership(state.conversation_id)
                if not state.busy and any(t.message_id for t in state.turns):
                    hidden = self.store.hidden_ids(state.conversation_id)
            except NotFoundError:
                return self._erased(state, state.conversation_id)
            except ConsoleError:
                return None
            # the operator's view says whether the customer is still there before they answer
            store, shown = self.store, state.conversation_id
            state.seen_noted = transcripts.note_presence(state.seen_noted, lambda: store.customer_seen(shown))
            state.note_team(handler, (m.role for m in stored))
        banner = loading or self.banner(
            state.ui_language,
            handler,
            assignee,
            erased=state.erased,
            status=status,
            team_was_here=state.team_was_here,
        )
        out: dict[str, Any] = {}
        with state.lock:
            # Retry, Undo or an edit in another tab of this customer's took these off their
            # screen: off this one too (it kept the undone message and both replies)
            gone = {id(t) for t in state.turns if t.message_id in hidden and t.role != "agent"}
            if gone and not state.busy:
                state.dropped.update(t.message_id for t in state.turns if id(t) in gone and t.message_id)
                state.turns = [t for t in state.turns if id(t) not in gone]
                state.unshown = True
            # this page's own, and the ones it took off its screen (or another tab did)
            known = state.known_ids() | state.dropped
            known.update(m.id for m in stored if (m.meta or {}).get(HIDDEN))
            # The customer's and the assistant's messages written elsewhere: another tab of
            # this browser came back to the same conversation (console/resume.py). Only while
            # every turn of this page has its stored id and none is being answered: a message
            # of this page's own not yet matched to its row would otherwise show twice.
            others = not state.busy and all(
                t.message_id for t in state.turns if t.role != "agent" and (t.role == "user" or t.text)
            )
            # ``polled_to`` only passes messages that are shown or never will be: one left
            # for later (a reply still being written, or a message while this page answers)
            # is read again next time, however many a person writes after it
            whole = True
            written = False  # a reply is still being written: what waits behind it waits on
            live = _written_elsewhere(state)
            for m in stored:
                growing, theirs = False, m.role in ("user", "assistant")
                if m.id in live:
                    growing = _refresh(state, live[m.id], m)
                elif m.id not in known and (m.role == "agent" or (others and theirs)):
                    growing = _show_stored(state, m, known).note == WRITING
                written = written or growing
                # a reply still growing is read again at the next poll
                whole = whole and not growing and (m.id in known or m.role == "system")
                if whole:
                    state.polled_to = m.id
            # The customer's message, last on this screen with no answer while the assistant
            # answers, may be stored unanswered (Repository.claim_unanswered says): stored
            # after this page came back by the drain of the page before it, closed or
            # reloaded with messages waiting behind a reply (an outside tester: 4 of 5
            # reloads); or written to a person who handed back without answering it
            # (Repository.transition). Answered here as come_back answers one, once claimed
            # (another tab may be taking it up); asked once per message, as the claim writes.
            last = state.turns[-1] if state.turns else None
            due = (
                last
                if last is not None
                and handler == "bot"
                and not state.busy
                and last.role == "user"
                and not last.queued
                and last.note != "failed"
                and last.message_id is not None
                and last.message_id != state.take_up_tried
                and not written
                else None
            )
            if due is not None:
                state.take_up_tried = due.message_id
            if banner != state.banner:
                state.banner = banner
                out["banner"] = banner
            # While a reply streams, its own updates show the new turns; a render from here
            # could arrive after the reply's last update and show a stale copy of it.
            if state.unshown and not state.busy:
                state.unshown = False
                out.update(chat=self.chat(state), state=state)
        if due is not None and self._take_up(state, due):
            with state.lock:
                state.answer_due += 1
            out.update(chat=self.chat(state), state=state, answer_due=state.answer_due)
        return out or None

    def loading_banner(self, language: str) -> str:
        """While the model loads (console/loading.py): how long so far, or that it failed."""
        backend = self.pipeline.backend
        status = backend.status() if isinstance(backend, LoadingBackend) else None
        if status is None:
            return ""
        what, seconds = status
        t = labels(language)
        if what == "loading":
            return f"⏳ {t['banner_loading'].format(seconds=int(seconds))}"
        return f"⚠️ {t['banner_load_failed']}"

    def banner(
        self,
        language: str,
        handler: str,
        assignee: str | None,
        *,
        erased: bool = False,
        status: str = "open",
        team_was_here: bool = False,
    ) -> str:
        """Who answers the customer now, in the customer's language. ``team_was_here``: a
        person had this conversation (it waited for one, or one answered), so once the
        assistant answers again the line says so: a person's bubbles carry their name and
        the assistant's none, and without it a customer took the assistant's answers for
        the person's (nothing changed on the screen when the person handed back)."""
        t = labels(language)
        if handler == "queue":
            if not self._team_online():
                # nobody to answer "shortly": say so, and that the answer will wait here
                # (a reload comes back to the conversation, console/resume.py)
                comes_back = self.ctx.resume is not None
                return f"🌙 {t['banner_waiting_offline' if comes_back else 'banner_waiting_offline_stay']}"
            return f"⏳ {t['banner_waiting']}"
        if handler == "person":
            return f"🧑‍💼 {t['banner_person'].format(name=assignee or t['support_team'])}"
        if erased:
            return f"🗑️ {t['banner_erased']}"
        if team_was_here:
            if status == "resolved":
                return f"✅ {t['banner_resolved'].format(button=t['talk_to_human'])}"
            return f"🤖 {t['banner_assistant_again'].format(button=t['talk_to_human'])}"
        return ""

    def _team_online(self) -> bool:
        """Whether anyone of the team had the console open in the last HERE_S seconds (a
        staff page notes it every PRESENCE_EVERY_S; the database shares it across replicas
        and with a console on 127.0.0.1). Unknown (no store, a database error): yes."""
        if self.store is None:
            return True
        now = time.monotonic()
        cached = self._team
        if cached is not None and now - cached[0] < TEAM_CACHE_S:
            return cached[1]
        try:
            seen = self.store.staff_last_seen()
        except ConsoleError:
            return True
        online = seen is not None and (datetime.now(UTC) - seen).total_seconds() < transcripts.HERE_S
        self._team = (now, online)
        return online

    def _erased(self, state: ChatState, conversation_id: str | None) -> dict[str, Any] | None:
        """The team erased the conversation on this page: the page lets go of it (its
        bubbles and the session's copy of them), says so, and the next message starts a new
        conversation without the erased turns as history. Not while a reply is being
        written: its last update would show the old turns again (the erasure stops it, and
        the next poll comes here)."""
        with state.lock:
            if state.conversation_id != conversation_id or state.busy:
                return None
            state.let_go()
            state.banner = self.banner(state.ui_language, "bot", None, erased=True)
        return {"chat": self.chat(state), "state": state, "banner": state.banner}

    def download(self, state: ChatState, request: gr.Request) -> str:
        """The customer's own conversation as Markdown (never anyone else's: the id lives in
        the server-side session state), served to the signed-in user who asked only."""
        if self.store is None or state.conversation_id is None:
            raise page_error(labels(state.ui_language)["nothing_to_export"])
        try:
            record = self.store.get_conversation(state.conversation_id)
            name = export.export_filename(record, "markdown")
            cache, owner = self.ctx.private_dir / "cache", username_of(request)
            holds = [record.id]  # an erasure of this conversation deletes it (files.erase_exports)
            with files.new_export(cache, name, "the download", self.ctx.exports, owner, holds=holds) as path:
                # the customer's copy: their screen in their words, nothing of the team's
                write_customer_markdown(
                    record,
                    labels(state.ui_language),
                    path,
                    right_to_left=right_to_left(state.ui_language),
                    where=state.zone,
                )
        except ConsoleError as exc:  # a full disk too: said on the page, nothing else touched
            raise page_error(exc) from exc
        return str(path)


def _turns_of(record: ConversationRecord) -> list[Turn]:
    """A stored conversation as the chat's turns, as the customer saw them (what the
    transcript keeps: personal data masked unless ``--personal-data original``; not the
    messages they took off the screen with Retry, Undo or an edit)."""
    return [_turn_of(m) for m in record.messages if shown_to_customer(m)]


class _Slot:
    """A turn's place in the generation line (console/admission.py), given back once: by
    the turn, or by the reply it hands to :func:`_finish_unread`."""

    def __init__(self, ticket: Ticket | None) -> None:
        self._ticket = ticket

    def hand_over(self) -> Ticket | None:
        ticket, self._ticket = self._ticket, None
        return ticket

    def release(self) -> None:
        ticket = self.hand_over()
        if ticket is not None:
            ticket.release()


#: conversations with a reply being finished for a page that went away (_finish_unread),
#: and how many: the page that comes back may stop it (ChatHandlers.stop)
_UNREAD: dict[str, int] = {}
_UNREAD_LOCK = threading.Lock()


def unread_replies() -> frozenset[str]:
    """The conversations in which a reply is being finished with no page reading it."""
    with _UNREAD_LOCK:
        return frozenset(_UNREAD)


def _finish_unread(updates: Iterator[TurnUpdate], slot: _Slot | None, conversation_id: str | None) -> None:
    """A reply whose page went away (a reload, a closed tab) is written to its end without
    it, in its generation slot, and stored whole; the page that comes back shows it as it
    grows and then whole (come_back, poll), then answers what waited behind it. Before, the reply was cut
    where the page left it and stored "interrupted", and a reload a moment after Send left
    the customer "Answer ⚠️ interrupted" (an outside tester, 3 of 3 reloads mid-reply). Stop
    or New conversation on the page that comes back, and a person's Take, still stop it."""
    ticket = slot.hand_over() if slot is not None else None
    if conversation_id is not None:
        with _UNREAD_LOCK:
            _UNREAD[conversation_id] = _UNREAD.get(conversation_id, 0) + 1

    def finish() -> None:
        try:
            for _update in updates:
                pass
        except ConsoleError as exc:  # stored by the pipeline as failed or interrupted
            log.warning("a reply its page left could not be finished (%s)", exc.kind)
        finally:
            if ticket is not None:
                ticket.release()
            if conversation_id is not None:
                with _UNREAD_LOCK:
                    _UNREAD[conversation_id] -= 1
                    if not _UNREAD[conversation_id]:
                        del _UNREAD[conversation_id]

    threading.Thread(target=finish, name="reply-without-page", daemon=True).start()


def _still_writing(record: ConversationRecord) -> MessageRecord | None:
    """The newest reply the customer's screen shows, if it is still being written (stored
    "streaming"): at the end, or before messages stored while it was (a page reloaded with
    messages waiting behind it)."""
    shown = [m for m in record.messages if shown_to_customer(m) and m.role != "user"]
    last = shown[-1] if shown else None
    return last if last is not None and last.role == "assistant" and last.status == "streaming" else None


def _written_elsewhere(state: ChatState) -> dict[str, Turn]:
    """The replies this page shows while another writes them, by stored id (lock held)."""
    return {t.message_id: t for t in state.turns if t.note == WRITING and t.message_id}


def _growing(state: ChatState, m: MessageRecord) -> bool:
    """Whether the stored reply ``m`` is still being written by a live writer (lock held):
    one with nothing new for WRITER_GONE_S (a replica that died) is not."""
    return m.role == "assistant" and m.status == "streaming" and not state.writer_gone(m.id, m.content)


def _refresh(state: ChatState, turn: Turn, m: MessageRecord) -> bool:
    """A reply written elsewhere, redrawn from its stored row ``m`` (lock held); True while
    it is still being written. Its writer gone or done, it shows as the store ends it:
    whole, stopped or interrupted."""
    growing = _growing(state, m)
    if growing:
        text, note = m.content, WRITING
    else:
        final = _turn_of(m)
        text, note = final.text, final.note
    if (turn.text, turn.note) != (text, note):
        turn.text, turn.note = text, note
        state.unshown = True
    return growing


def _before(record: ConversationRecord, message_id: str) -> str | None:
    """The id of the stored message before ``message_id`` (None: it is the first)."""
    ids = [m.id for m in record.messages]
    at = ids.index(message_id)
    return ids[at - 1] if at else None


def _unanswered(record: ConversationRecord) -> bool:
    """Whether the last message the customer's screen shows is theirs, stored unanswered."""
    shown = [m for m in record.messages if shown_to_customer(m)]
    return bool(shown) and shown[-1].role == "user" and bool((shown[-1].meta or {}).get(UNANSWERED))


def _show_stored(state: ChatState, m: MessageRecord, known: set[str]) -> Turn:
    """A message written elsewhere onto this page's turns, where the store has it (the caller
    holds ``state.lock``); the next render shows it. A reply still being written shows as far
    as it is (:data:`WRITING`), unless its writer is gone."""
    turn = _turn_of(m)
    if _growing(state, m):
        turn.note = WRITING
    state.turns.insert(_place_of(state.turns, m), turn)
    known.add(m.id)
    state.unshown = True
    return turn


def _place_of(turns: list[Turn], m: MessageRecord) -> int:
    """Where a message written elsewhere goes among this page's turns: a person's message
    before the customer's own messages stored after it or not stored yet (ids are uuid7,
    time-ordered), so the screen keeps the store's order. When the person's reply and the
    customer's message crossed, the customer's was drawn at once and the person's came with
    the next poll, below it; every other screen, the store and a reload showed the person's
    first (an outside tester)."""
    at = len(turns)
    if m.role in ("agent", "assistant"):
        # (an assistant's too: a reply finished after its page was reloaded comes before the
        # messages the customer wrote behind it, as in the store)
        while at and turns[at - 1].role == "user" and (turns[at - 1].message_id or "~") > m.id:
            at -= 1
    return at


def _turn_of(m: MessageRecord) -> Turn:
    if m.role == "user":
        return Turn(role="user", text=m.content, message_id=m.id, tag=m.language)
    if m.role == "agent":
        return Turn(role="agent", text=m.content, message_id=m.id, author=m.author)
    # "streaming" here: its writer was killed mid-reply; the chat says interrupted
    note = {"complete": "", "streaming": "interrupted"}.get(m.status, m.status)
    return Turn(role="assistant", text=m.content, message_id=m.id, note=note)


def _owner(request: TurnRequest) -> str | None:
    """Whose place in the generation line a chat turn takes: its client address. None (not
    capped) when the address is unknown: every such caller would share one small cap."""
    return None if request.client == "unknown" else request.client


def _press_number(press: str | float | None) -> int | None:
    """The page's number for a press of Send/Enter; None when absent or not a number (a
    caller that does not number its presses is taken at once)."""
    try:
        number = int(str(press))
    except ValueError:
        return None
    return number if number > 0 else None


def _auto(choice: str | None) -> str | None:
    return None if choice in (None, "", "auto") else choice


# the badges render.py adds after a customer's text: language, queued, not answered
_BADGE = re.compile(r"\n\n(?:`🌐 [^`]*`|_⏳[^_]*_|_⚠️[^_]*_)(?: (?:_⏳[^_]*_|_⚠️[^_]*_))*\s*$")


def _plain(text: str) -> str:
    """The text a customer meant, from the chatbot's edited (displayed) value: without the
    language badge, the escapes, entities and joiners that display_text added."""
    return hide_direction_controls(typed_text(_BADGE.sub("", text)))
