"""The support team's handlers: the queue, the conversation list, one conversation, taking
it, replying as a person, handing back, resolving, status, erasure, exports, prompts.

Every method checks the caller's role on the server first (:meth:`StaffHandlers._staff`):
a hidden tab is not a control. Texts are rendered in the viewer's language.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import gradio as gr

from console import canned, export, transcripts, zones
from console.access import username_of
from console.context import ConsoleContext
from console.errors import ConflictError, ConsoleError, InputError
from console.pipeline import validate_text
from console.store.records import ConversationRecord, ConversationSummary
from console.store.repository import NotFoundError
from console.text import data_key, show_direction_controls
from console.translation import Translator, same_language
from console.ui import files
from console.ui.choices import status_choices
from console.ui.errors import notice, page_error, show_info, show_warning
from console.ui.labels import labels, language_names
from console.ui.state import ChatState
from console.ui_labels import right_to_left

log = logging.getLogger(__name__)

#: conversations shown in the queue and the list
PAGE = 200
#: the most conversations one "Export all listed" writes (the newest; the list's notice and
#: the export's say so when more match): ~a month of a busy team, a file of tens of MB and
#: a minute of writing at most, while narrowing the dates exports the rest
EXPORT_MAX = 10_000


#: the button (its label key) behind each change an operator makes, named in the notice
#: when a colleague answers the conversation
_BUTTONS = {"taken": "take", "handed_back": "hand_back", "resolved": "resolve", "status": "set_status"}


class StaffHandlers:
    def __init__(self, ctx: ConsoleContext) -> None:
        self.ctx = ctx
        self.pipeline = ctx.pipeline
        self.translator = Translator(ctx.pipeline.backend, max_input_chars=ctx.pipeline.max_input_chars)
        # customer messages being translated now, or whose translation failed: the 1 s
        # watch timer must neither start a second translation nor retry a broken one
        # every second (a later open of the conversation tries again)
        self._translating: set[tuple[str, str]] = set()
        self._failed: set[tuple[str, str]] = set()
        self._translation_lock = threading.Lock()

    # ------------------------------------------------------------ helpers

    def _staff(self, request: gr.Request | None) -> str:
        """The operator's name, or a refusal for everyone else (AccessError → gr.Error)."""
        try:
            return self.ctx.access.require_staff(username_of(request))
        except ConsoleError as exc:
            raise page_error(exc) from exc

    @property
    def store(self) -> Any:
        if self.ctx.store is None:
            raise page_error(notice("store_off"))  # in the viewer's language (their request's)
        return self.ctx.store

    def _do(self, action: Any) -> Any:
        try:
            return action()
        except ConsoleError as exc:
            raise page_error(exc) from exc

    # ------------------------------------------------------------ reading

    def note_presence(self, state: ChatState, request: gr.Request) -> None:
        """This staff page is open (its queue timer, every 3 s; written at most every
        PRESENCE_EVERY_S): a waiting customer is told whether anyone of the team is online.
        Only the page's own timer calls it: a program polling the queue API is not a person
        who will answer. Best effort, like the customer's."""
        store = self.ctx.store
        if store is not None:
            user = username_of(request) or ""
            state.staff_noted = transcripts.note_presence(state.staff_noted, lambda: store.staff_seen(user))

    def queue(self, state: ChatState, request: gr.Request) -> dict[str, Any]:
        """Conversations waiting for a person or owned by one, longest waiting first."""
        self._staff(request)
        t = labels(state.ui_language)
        waiting: list[ConversationSummary] = self._do(
            lambda: self.store.list_conversations(status="escalated", limit=PAGE)
        )
        waiting.sort(key=lambda s: s.escalated_at or s.updated_at)
        now = datetime.now(UTC)
        rows = [
            [
                _presence_mark(s, now) + _waited(now, s.escalated_at or s.updated_at, t),
                s.language,
                self.pipeline.personas.display_name(s.business_line, state.ui_language),
                reason_text(s.escalation_reason, t),
                transcripts.owner_label(s.handler, s.assignee, t),
                _cell(s.preview),
                s.id,
            ]
            for s in waiting
        ]
        # customers waiting for someone to take them, on the tab's label and (the page's
        # script) in the window title, so an operator on another tab or window sees them
        unanswered = sum(1 for s in waiting if s.handler == "queue")
        return {
            "queue_table": {"headers": queue_headers(t), "data": rows},
            "queue_ids": [s.id for s in waiting],
            "transcripts_tab": gr.update(
                label=f"{t['transcripts_tab']} ({unanswered})" if unanswered else t["transcripts_tab"]
            ),
            "waiting": unanswered,
            **self._without_erased(state),
        }

    def _without_erased(self, state: ChatState) -> dict[str, Any]:
        """The list without the rows of conversations erased since it was drawn (by a
        colleague: the list kept showing the erased conversation's first message until
        Refresh), on the queue's 3 s timer; nothing when none was."""
        if state.listed is None:
            return {}
        table, ids = state.listed
        try:
            kept = self.store.existing_ids(ids)
        except ConsoleError:
            return {}  # the store is down: the next tick looks again
        if len(kept) == len(ids):
            return {}
        rows = [row for row, listed in zip(table["data"], ids, strict=True) if listed in kept]
        table = {**table, "data": rows}
        state.listed = (table, [i for i in ids if i in kept])
        return {"table": table, "listed_ids": state.listed[1]}

    def listing(
        self,
        state: ChatState,
        language: str,
        line: str,
        status: str,
        since: str,
        until: str,
        search: str,
        tag: str | None,
        request: gr.Request,
    ) -> dict[str, Any]:
        self._staff(request)
        t = labels(state.ui_language)
        where = state.zone
        filters = self._do(
            lambda: transcripts.parse_filters(
                language=language,
                business_line=line,
                status=status,
                since=since,
                until=until,
                search=search,
                tag=tag,
                where=where,
            )
        )
        summaries: list[ConversationSummary] = self._do(
            lambda: self.store.list_conversations(**filters.as_kwargs(), limit=PAGE)
        )
        # a full page may be part of many more: count them (one SQL COUNT), so the list says
        # so; it stopped at 200 without a word, and "Export all listed" exported those 200
        total = len(summaries)
        if total >= PAGE:
            total = max(total, self._do(lambda: self.store.count_conversations(**filters.as_kwargs())))
        # "Export all listed" exports what this list says matches (export_listed)
        state.listed_filters = filters
        rows = [
            [
                zones.local(s.updated_at, where),
                zones.local(s.created_at, where),
                s.language,
                self.pipeline.personas.display_name(s.business_line, state.ui_language),
                transcripts.status_label(s.status, s.handler, t),
                transcripts.owner_label(s.handler, s.assignee, t),
                str(s.message_count),
                _cell(", ".join(s.tags)),
                _cell(s.preview),
                s.id,
            ]
            for s in summaries
        ]
        tags = self._do(self.store.all_tags)
        # the zone in the time columns' names once a page has said it (a program's names stay)
        offset = zones.offset(datetime.now(UTC), where) if state.time_zone else None
        table = {"headers": list_headers(t, offset), "data": rows}
        state.listed = (table, [s.id for s in summaries])
        return {
            "table": table,
            "listed_ids": [s.id for s in summaries],
            "f_tag": gr.update(choices=[(t["all"], "all"), *[(x, x) for x in tags]]),
            "list_notice": _partial_notice(len(summaries), total, t, state.ui_language),
        }

    def open(
        self,
        state: ChatState,
        ids: list[str],
        translate: bool,
        previous: str,
        text: str,
        translated: str,
        event: gr.SelectData,
        request: gr.Request,
    ) -> dict[str, Any]:
        """Show a conversation, and fill the operator's tools for it (tags, note, canned
        replies). The reply boxes hold a draft per conversation: what was written for the
        one open before is kept for it, and this one's comes back. (Before, opening another
        conversation to check something emptied the boxes: the half-written reply was gone.)"""
        self._staff(request)
        row = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
        if not isinstance(row, int) or not 0 <= row < len(ids):
            # nothing opens: what the page took out of the boxes at the click goes back
            return {"agent_text": text, "agent_translated": translated} if text or translated else {}
        # The page emptied the boxes at the click (scripts._OPEN_JS) and sent what they held:
        # the draft of the conversation open before, kept first, whatever happens below.
        state.keep_draft(previous, text, translated)
        before, state.viewing = state.viewing, ids[row]  # a watch of the previous one draws nothing
        try:
            record = self._record(state, ids[row], translate)
        except Exception:
            state.viewing = before  # still on the screen
            raise
        draft = state.drafts.pop(record.id, None)
        t = labels(state.ui_language)
        # what the customer will read, in the customer's language and direction
        boxes: dict[str, Any] = {
            "label": t["reply_translated"].format(language=_name(record.language)),
            "rtl": right_to_left(record.language),
        }
        replies: dict[str, Any] = {}
        if draft is not None:
            # this one's draft comes back
            replies["agent_text"], boxes["value"] = draft
        # Otherwise the boxes are left as they are: empty at the click, so what is in them
        # now was typed while this conversation opened (a translation can take seconds). It
        # is for this one, and stays. (Emptied here, the keys typed meanwhile were lost, 2
        # of 29 quick switches: an outside tester.)
        return {
            **self._view(state, record, translate),
            **replies,
            "confirm_erase": False,  # the tick was for the conversation open before
            "tags_box": ", ".join(record.tags),
            "note_box": record.note or "",
            "agent_translated": gr.update(**boxes),
            "canned": gr.update(
                **self._canned_list(state, record.business_line, record.language, ""),
                value=None,
                label=t["canned_replies"],
            ),
        }

    def _show(self, state: ChatState, conversation_id: str) -> dict[str, Any]:
        """The view after an action (Take, Resolve, a reply, tags...): translated or not as
        the page's switch last said. (Take, Resolve and a reply drew it translated under an
        unticked box, saving tags or a note untranslated under a ticked one.)

        Nothing when the operator has opened another conversation since she acted: a reply
        sent from one conversation on a slow store drew that one back over the one she had
        opened meanwhile, and what she typed there next went to the first customer."""
        if _moved_on(state, conversation_id):
            return {}
        translate = state.translate
        return self._view(state, self._record(state, conversation_id, translate), translate)

    def _record(
        self,
        state: ChatState,
        conversation_id: str,
        translate: bool,
        record: ConversationRecord | None = None,
    ) -> ConversationRecord:
        """The conversation (``record`` when the caller has just read it), with the customer
        messages the operator cannot read translated first when ``translate``."""
        if record is None:
            record = self._do(lambda: self.store.get_conversation(conversation_id))
        if translate and self._translate_missing(record, _viewer(state)):
            record = self._do(lambda: self.store.get_conversation(conversation_id))
        return record

    def _view(self, state: ChatState, record: ConversationRecord, translate: bool) -> dict[str, Any]:
        viewer = _viewer(state)
        t = labels(state.ui_language)
        line = self.pipeline.personas.display_name(record.business_line, state.ui_language)
        return {
            "viewer": transcripts.render_conversation_markdown(
                record,
                t,
                translated_for=viewer if translate else None,
                language_names=language_names(),
                presence=transcripts.presence_text(record, t, where=state.zone),
                right_to_left=right_to_left(state.ui_language),
                business_line_name=line,
                where=state.zone,
            ),
            "current_id": record.id,
            # not "confirm_erase": the live refresh draws this view every time the conversation
            # changes (each second while the model writes), and unticked the box between an
            # operator's tick and their Delete; opening another conversation unticks it
            "viewed": _fingerprint(record, translate),
            **self._ownership(state, record),
        }

    def _ownership(self, state: ChatState, record: ConversationRecord) -> dict[str, Any]:
        """Who answers the conversation, its status menu and the buttons that change them."""
        t = labels(state.ui_language)
        taken = transcripts.with_a_person(record.status, record.handler)
        return {
            "new_status": gr.update(value=record.status, choices=status_choices(t, False, taken=taken)),
            "owner_info": transcripts.owner_label(record.handler, record.assignee, t),
            **_buttons(record),
        }

    def _translate_missing(self, record: ConversationRecord, target: str) -> int:
        """Translate the customer messages the operator cannot read yet; returns how many.

        A translation is made once per message and language and kept in the store, so every
        later view (and every operator reading that language) shows it at once."""
        made = 0
        for message in record.messages:
            source = message.language or record.language
            key = (message.id, target)
            if (
                message.role != "user"
                or same_language(source, target)
                or message.translation_language == target
                or not message.content.strip()
            ):
                continue
            with self._translation_lock:
                if key in self._translating or key in self._failed:
                    continue
                self._translating.add(key)
            try:
                done = self.translator.translate(message.content, source, target)
                self.store.set_translation(message.id, done.text, target)
                made += 1
            except ConsoleError as exc:  # the original stays on screen; no text in the log
                log.warning("translation %s -> %s failed: %s", source, target, type(exc).__name__)
                with self._translation_lock:
                    self._failed.add(key)
            finally:
                with self._translation_lock:
                    self._translating.discard(key)
        return made

    def watch(
        self, state: ChatState, conversation_id: str, seen: str, translate: bool, request: gr.Request
    ) -> Iterator[dict[str, Any]]:
        """The open conversation, re-rendered within a second of any change (1 s timer).
        Not when another one was opened meanwhile: a watch that started before the opening
        and answered after it drew the previous conversation back over the new one (seen
        with two waiting customers: the second one's view flipped back to the first)."""
        if not conversation_id or not self.ctx.access.is_staff_request(request):
            yield {}
            return
        if _moved_on(state, conversation_id):
            yield {}
            return
        try:
            record = self.store.get_conversation(conversation_id)
        except NotFoundError:
            # a colleague erased it: the view lets go of it rather than show what is gone
            # (and offer Take and Send on it), and so do the boxes: a reply half written to
            # that customer, its tags and note held the erased conversation's words on
            # (an outside tester found the draft with the text erased everywhere else)
            t = labels(state.ui_language)
            state.drafts.pop(conversation_id, None)
            yield {
                "viewer": f"_{t['done_erased']}_",
                "current_id": "",
                "viewed": "",
                "owner_info": "",
                **_buttons(None),
                **dict.fromkeys(("agent_text", "agent_translated", "tags_box", "note_box"), ""),
            }
            return
        except ConsoleError:
            yield {}
            return
        if _fingerprint(record, translate) == seen:
            yield {}
            return
        # who answers first: translating the new customer messages for the view can take the
        # model seconds, and an operator whose conversation a colleague had taken over went on
        # seeing herself as its owner, Hand back and Resolve enabled, until it was done
        yield self._ownership(state, record)
        view = self._view(state, self._record(state, conversation_id, translate, record), translate)
        # checked again last: an opening that began while this one read would otherwise
        # still be overdrawn (its answer goes out after this one's on the page's stream)
        yield {} if _moved_on(state, conversation_id) else view

    def toggle_translations(
        self, state: ChatState, conversation_id: str, translate: bool, request: gr.Request
    ) -> dict[str, Any]:
        self._staff(request)
        if not conversation_id:
            return {}
        state.translate = translate
        with self._translation_lock:  # switching on again is also how to retry a failed one
            self._failed = {key for key in self._failed if not translate}
        return self._show(state, conversation_id)

    # ------------------------------------------------------------ operator tools

    @staticmethod
    def _canned_list(state: ChatState, line: str, language: str, query: str) -> dict[str, Any]:
        """The canned-reply box's list for ``query`` (the dropdown's ``choices`` and
        ``num_choices_shown``): the replies it finds, best first, then a "—" that inserts
        nothing (no reply id), then the line's other replies. Only the found ones are listed
        (the others are carried, unlisted, to keep the length: see below); a search that finds
        nothing lists the "—" alone. Titles are in the operator's language when the line has
        it (the same ids exist in every language of a line), else the conversation's.

        Why the list always holds every reply of the line: gradio's dropdown (6.31), when its
        choices change while its list is open, draws the items it lists (indices into the
        choices) from the *new* choices before it recomputes the indices. A result shorter
        than what was listed failed in the page ("Cannot read properties of undefined") and
        left the old replies listed. Cutting the list in one update and replacing the choices
        in the next still lost that race when the page applied both in one pass (clean-clone
        CI at fc02016). A list whose length is the same for every search of a conversation
        cannot be indexed past its end, in whatever order the page applies it
        (tests/test_canned_browser.py)."""
        viewer = _viewer(state)
        try:
            found, shown_in = canned.search(line, viewer, query), viewer
            if not found and (theirs := canned.search(line, language, query)):
                found, shown_in = theirs, language
            everything = canned.current().replies(line, shown_in)
        except InputError:  # a line since removed from prompts/ (retired, renamed) has none
            return {"choices": [], "num_choices_shown": None}
        if not everything:
            return {"choices": [], "num_choices_shown": None}
        ids = {reply.id for reply in found}
        rest = [reply for reply in everything if reply.id not in ids]
        choices = [(reply.title, reply.id) for reply in found] + [("—", "")]
        choices += [(reply.title, reply.id) for reply in rest]
        return {"choices": choices, "num_choices_shown": len(found) or 1}

    def canned_search(
        self, state: ChatState, conversation_id: str, typed: str | None, request: gr.Request
    ) -> dict[str, Any]:
        """Typing in the canned-reply box searches titles and texts (accents and case folded).
        ``typed``: the box's text as the page sent the search (read there when it is sent, not
        taken from the key's event data, which gradio repeats stale: events.py)."""
        self._staff(request)
        if not conversation_id:
            return {}
        line, language = self._do(lambda: self.store.line_and_language(conversation_id))
        query = typed if isinstance(typed, str) else ""
        return {"canned": gr.update(**self._canned_list(state, line, language, query))}

    def canned_insert(
        self, state: ChatState, conversation_id: str, reply_id: str | None, request: gr.Request
    ) -> dict[str, Any]:
        """Put the chosen reply in the boxes, the customer's name and order number filled in
        where the conversation gave them. When the operator reads another language than the
        customer, the reply box gets the operator's version and the customer's box the
        customer's (written by people, not machine-translated: same id in both files)."""
        self._staff(request)
        if not conversation_id:
            return {}
        if not reply_id:  # the "—" of a search that found nothing: the box empties again
            return {"canned": gr.update(value=None)}
        record = self._do(lambda: self.store.get_conversation(conversation_id))
        known = canned.known_facts([m.content for m in record.messages if m.role == "user"], record.language)
        viewer = _viewer(state)

        def text_in(language: str) -> str | None:
            try:
                replies = canned.current().replies(record.business_line, language)
            except InputError:  # a line since removed from prompts/: nothing to insert
                return None
            for reply in replies:
                if reply.id == reply_id:
                    return canned.fill(reply.text, known)
            return None

        customer = text_in(record.language)
        if customer is None or _moved_on(state, conversation_id):
            return {}
        own = text_in(viewer) if not same_language(record.language, viewer) else None
        if own is None:
            return {"agent_text": customer, "agent_translated": "", "canned": gr.update(value=None)}
        return {"agent_text": own, "agent_translated": customer, "canned": gr.update(value=None)}

    def translate_reply(
        self, state: ChatState, conversation_id: str, text: str, request: gr.Request
    ) -> dict[str, Any]:
        """The operator's draft in the customer's language, to check (and edit) before sending."""
        self._staff(request)
        t = labels(state.ui_language)
        _require_open(state, conversation_id)
        record = self._do(lambda: self.store.get_conversation(conversation_id))
        viewer = _viewer(state)
        if not text.strip():
            show_warning(t["translation_failed"], state.ui_language)
            return {}
        if same_language(viewer, record.language):
            return {"agent_translated": ""}  # nothing to translate: the reply goes as written
        try:
            done = self.translator.translate(text, viewer, record.language)
        except ConsoleError as exc:
            log.warning("reply translation failed: %s", type(exc).__name__)
            show_warning(t["translation_failed"], state.ui_language)
            return {}
        if _moved_on(state, conversation_id):
            # another conversation is open now: its box must not get this customer's text
            state.keep_translation(conversation_id, text, done.text)
            return {}
        return {"agent_translated": done.text}

    def save_tags(
        self, state: ChatState, conversation_id: str, text: str, request: gr.Request
    ) -> dict[str, Any]:
        self._staff(request)
        t = labels(state.ui_language)
        _require_open(state, conversation_id)
        try:
            tags = self.store.set_tags(conversation_id, text or "")
        except InputError:
            show_warning(t["tag_invalid"], state.ui_language)  # a notice: the box keeps what was typed
            return {}
        except ConsoleError as exc:
            raise page_error(exc) from exc
        show_info(t["done_tags"], state.ui_language)
        if _moved_on(state, conversation_id):
            return {}  # the box holds the tags of the conversation open now
        return {**self._show(state, conversation_id), "tags_box": ", ".join(tags)}

    def save_note(
        self, state: ChatState, conversation_id: str, text: str, request: gr.Request
    ) -> dict[str, Any]:
        name = self._staff(request)
        t = labels(state.ui_language)
        _require_open(state, conversation_id)
        note = text if isinstance(text, str) else ""
        if note.strip():
            # a reply's checks (length, binary): a crafted call stored a 2 MB note with NUL and
            # terminal escapes (an outside tester), drawn into every view and export after
            self._do(lambda: validate_text(note, self.pipeline.max_input_chars))
        self._do(lambda: self.store.set_note(conversation_id, note, author=name))
        show_info(t["done_note"], state.ui_language)
        return self._show(state, conversation_id)

    # ------------------------------------------------------------ changing

    def _transition(
        self,
        state: ChatState,
        conversation_id: str,
        kind: str,
        request: gr.Request,
        *,
        status: str | None = None,
    ) -> dict[str, Any]:
        """``kind`` done by this operator. When a colleague answers the conversation it is not
        done: the notice names them, and pressing the same button again on the same
        conversation does it (the event records from whom), as for Take. A press on a stale
        view handed a colleague's customer back to the assistant mid-conversation before."""
        name = self._staff(request)
        _require_open(state, conversation_id)
        t = labels(state.ui_language)
        change = (kind, conversation_id, status)
        # the holding the last refusal of this very change named (another status, another
        # conversation, or a holder who has since changed or taken it again: asked anew)
        refused = state.take_over
        confirmed = refused[1] if refused is not None and refused[0] == change else None
        try:
            self.store.transition(conversation_id, kind, actor=name, status=status, confirmed=confirmed)
        except ConflictError as exc:
            state.take_over = (change, (exc.holder, exc.since))
            if kind == "taken":
                show_warning(t["taken_by_other"].format(name=exc.holder), state.ui_language)
            else:
                told = t["answered_by_other"].format(name=exc.holder, action=t[_BUTTONS[kind]])
                show_warning(told, state.ui_language)
            return self._show(state, conversation_id)
        except ConsoleError as exc:
            raise page_error(exc) from exc
        state.take_over = None
        show_info(t[f"done_{kind}"], state.ui_language)
        return self._show(state, conversation_id)

    def take(self, state: ChatState, conversation_id: str, request: gr.Request) -> dict[str, Any]:
        """Answer the conversation from now on (a colleague's only after a second press)."""
        shown = self._transition(state, conversation_id, "taken", request)
        if state.take_over is None:
            # a reply the model is still writing stops: the person has the conversation now
            self.ctx.pipeline.cancel_conversation(conversation_id)
        return shown

    def hand_back(self, state: ChatState, conversation_id: str, request: gr.Request) -> dict[str, Any]:
        return self._transition(state, conversation_id, "handed_back", request)

    def resolve(self, state: ChatState, conversation_id: str, request: gr.Request) -> dict[str, Any]:
        return self._transition(state, conversation_id, "resolved", request)

    def set_status(
        self, state: ChatState, conversation_id: str, status: str, request: gr.Request
    ) -> dict[str, Any]:
        self._staff(request)
        _require_open(state, conversation_id)
        current, handler, _assignee = self._do(lambda: self.store.ownership(conversation_id))
        if status == current and transcripts.with_a_person(current, handler):
            # the menu showed "a person is answering" and it was pressed unchanged: setting
            # "escalated" again would have put the conversation back in the queue, taking it
            # from the person answering it
            return self._show(state, conversation_id)
        return self._transition(state, conversation_id, "status", request, status=status)

    def reply(
        self, state: ChatState, conversation_id: str, text: str, translated: str | None, request: gr.Request
    ) -> dict[str, Any]:
        """Answer as a person; the customer sees it within a second, under the operator's name.

        With a translation in the second box, the customer gets the translation and the
        transcript keeps what the operator wrote beside it. A canned reply's placeholder
        left unfilled stops the reply (the boxes keep their text).

        The boxes are not emptied here: the operator may have typed on after pressing Send,
        and an empty box from the server wiped that. ``agent_sent`` says what went, and the
        page takes just that out of them (scripts._SENT_JS); None when nothing went."""
        name = self._staff(request)
        t = labels(state.ui_language)
        _require_open(state, conversation_id)
        sent, original = (translated, text) if translated and translated.strip() else (text, None)
        missing = canned.unfilled(sent) + (canned.unfilled(original) if original else [])
        if missing:  # a notice, not an error overlay: the boxes stay reachable to fill it in
            unfilled = t["canned_unfilled"].format(names=", ".join(dict.fromkeys(missing)))
            show_warning(unfilled, state.ui_language)
            return {"agent_sent": None}
        viewer = _viewer(state)
        try:
            self.pipeline.agent_reply(
                conversation_id,
                sent,
                author=name,
                original=original if original and original.strip() else None,
                original_language=viewer,
            )
        except ConflictError as exc:
            # not sent, and the boxes keep what was written: a colleague answers it
            show_warning(t["reply_taken_by_other"].format(name=exc.holder), state.ui_language)
            return {**self._show(state, conversation_id), "agent_sent": None}
        except ConsoleError as exc:
            raise page_error(exc) from exc
        state.note_sent(conversation_id, text, translated or "")
        if _moved_on(state, conversation_id):
            # the boxes hold another conversation's text now; what they held at Send was
            # kept as this one's draft, and note_sent took the reply out of it
            return {"agent_sent": None}
        sent_now = {"text": text, "translated": translated or ""}
        return {**self._show(state, conversation_id), "agent_sent": sent_now}

    def erase(
        self, state: ChatState, conversation_id: str, confirmed: bool, request: gr.Request
    ) -> dict[str, Any]:
        self._staff(request)
        t = labels(state.ui_language)
        _require_open(state, conversation_id)
        if not confirmed:
            # a notice, not an error overlay: the checkbox it asks for stays reachable
            show_warning(t["confirm_first"], state.ui_language)
            return {}
        self._do(lambda: self.store.delete_conversation(conversation_id))
        # and what the process holds of it; a customer's open page clears at its next poll
        self.pipeline.forget(conversation_id)
        state.drafts.pop(conversation_id, None)
        # and every export of it on disk (the team's, listed or one, and the customer's
        # download), whichever console process on this data folder wrote it: erased means
        # gone, not gone in five minutes
        cache = self.ctx.private_dir / "cache"
        self._do(lambda: files.erase_exports(cache, conversation_id, self.ctx.exports))
        show_info(t["done_erased"], state.ui_language)
        if _moved_on(state, conversation_id):
            return {}  # the view shows the conversation opened since
        return {
            "viewer": "",
            "current_id": "",
            "confirm_erase": False,
            "viewed": "",
            "owner_info": "",
            **_buttons(None),
        }

    # ------------------------------------------------------------ exports & prompts

    def export_current(self, state: ChatState, conversation_id: str, fmt: str, request: gr.Request) -> str:
        self._staff(request)
        _require_open(state, conversation_id)
        record = self._do(lambda: self.store.get_conversation(conversation_id))
        return self._export([record], fmt, export.export_filename(record, fmt), request, holds=[record.id])

    def export_listed(self, state: ChatState, ids: list[str], fmt: str, request: gr.Request) -> str:
        """Every conversation the list's filters match, not only the rows it draws (it drew
        200 and the export held those 200 of 2,400, named transcripts-200-...): at most
        EXPORT_MAX, the newest, with a notice when there are more. The ids are taken first
        (one column); the records are read a page at a time as the file is written."""
        self._staff(request)
        t = labels(state.ui_language)
        filters = state.listed_filters
        if filters is None:
            # no list drawn on this page (a program that named none): the rows it holds
            chosen, total = list(ids), len(ids)
        else:
            kwargs = filters.as_kwargs()
            chosen = self._do(lambda: self.store.conversation_ids(**kwargs, limit=EXPORT_MAX))
            total = len(chosen)
            if total >= EXPORT_MAX:
                total = max(total, self._do(lambda: self.store.count_conversations(**kwargs)))
        if not chosen:
            raise page_error(t["nothing_listed"])
        # the name states what the file holds (a conversation erased while it is written is
        # left out of it, and only then is the name one too high)
        name = export.export_filename(len(chosen), fmt)
        path = self._export(_Records(self.store, chosen), fmt, name, request, holds=list(chosen))
        if total > len(chosen):
            capped = t["export_capped"].format(limit=_count(len(chosen), t), total=_count(total, t))
            show_warning(capped, state.ui_language)
        return path

    def _export(
        self, records: Any, fmt: str, name: str, request: gr.Request, holds: list[str] | None = None
    ) -> str:
        """``records`` written as ``fmt`` for the operator who asked; ``holds``: the ids of the
        conversations in it, when known (an erasure deletes the exports that hold its
        conversation; None: it may hold any, see files.erase_exports)."""
        cache = self.ctx.private_dir / "cache"
        owner = username_of(request)
        try:
            with files.new_export(cache, name, "the export", self.ctx.exports, owner, holds=holds) as path:
                export.export_conversations(records, fmt, path)
                path.chmod(0o600)
        except ConsoleError as exc:
            raise page_error(exc) from exc
        return str(path)

    def system_prompt(self, line: str, lang: str, request: gr.Request) -> Any:
        """The persona the sidebar shows, when the business line or the language changes. The
        language menu is the customer's too: their change shows nothing and says nothing."""
        if not self.ctx.access.is_staff_request(request):
            return gr.skip()
        return self._system_prompt(line, lang)

    def _system_prompt(self, line: str, lang: str) -> str:
        tag = self.ctx.config.default_language if lang in (None, "", "auto") else lang
        return str(self._do(lambda: self.pipeline.personas.system_prompt(line, tag).text))

    def reload_prompts(self, state: ChatState, line: str, lang: str, request: gr.Request) -> str:
        self._staff(request)
        try:
            self.pipeline.reload_data()
        except ConsoleError as exc:
            raise page_error(exc) from exc
        show_info(labels(state.ui_language)["done_reload"], state.ui_language)
        return self._system_prompt(line, lang)


# ---------------------------------------------------------------- texts


def queue_headers(t: dict[str, str]) -> list[str]:
    return [
        t["col_waiting"],
        t["language"],
        t["business_line"],
        t["col_reason"],
        t["col_owner"],
        t["col_preview"],
        "ID",
    ]


def list_headers(t: dict[str, str], offset: str | None = None) -> list[str]:
    """The Transcripts list's column names; ``offset``: the viewer's zone ("UTC+9"), beside the
    two time columns once the page has said which it is."""
    zone = f" ({offset})" if offset else ""
    return [
        t["col_last_activity"] + zone,
        t["col_started"] + zone,
        t["language"],
        t["business_line"],
        t["status"],
        t["col_owner"],
        t["col_messages"],
        t["col_tags"],
        t["col_preview"],
        "ID",
    ]


def _cell(text: str) -> str:
    """A table cell holding what a customer or the model wrote (the first message) or the
    team typed (tags), as the conversation view shows it: a direction control written out
    ("⟨U+202E⟩"). Raw, an override showed "Refund for order ⟨U+202E⟩0021 ROF DEVORPPA" as
    "Refund for order APPROVED FOR 1200" in the queue. The other cells are the console's own
    words, codes (language, line, reason) and staff names."""
    return show_direction_controls(text)


def reason_text(reason: str | None, t: dict[str, str]) -> str:
    if not reason:
        return ""
    return t.get(f"reason_{reason}", reason)


def _count(n: int, t: dict[str, str]) -> str:
    """``n`` with its thousands grouped as the viewer's language writes them ("2,400",
    "2.400", "2 400"): the label ``number_grouping`` is how it writes 12345, and what stands
    between its "12" and "345" is the separator (none: digits alone)."""
    separator = t["number_grouping"].strip()[2:-3]
    return f"{n:,}".replace(",", separator)


def _partial_notice(shown: int, total: int, t: dict[str, str], language: str) -> Any:
    """The line under the list when it shows only part of what matches its filters (hidden
    otherwise): how many of how many, and what "Export all listed" will write."""
    if total <= shown:
        return gr.update(value="", visible=False)
    key = "list_partial" if total <= EXPORT_MAX else "list_partial_capped"
    text = t[key].format(
        shown=_count(shown, t),
        total=_count(total, t),
        limit=_count(EXPORT_MAX, t),
        button=t["export_listed"],
    )
    return gr.update(value=f"ℹ️ {text}", visible=True, rtl=right_to_left(language))


class _Records:
    """The conversations an export writes, by id: sized (the writer reports progress against
    it), and read from the store a page at a time as the file is written, so a large export
    never holds every transcript in memory."""

    def __init__(self, store: Any, ids: list[str]) -> None:
        self.store = store
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[ConversationRecord]:
        return iter(self.store.iter_records(self.ids))


def _moved_on(state: ChatState, conversation_id: str) -> bool:
    """Whether the operator has opened another conversation on this page since an action on
    ``conversation_id`` began: its answer must not draw on the screen (StaffHandlers._show)."""
    return bool(state.viewing) and state.viewing != conversation_id


def _viewer(state: ChatState) -> str:
    """The operator's language as the data files key it ("en", "zh", "zh-Hant")."""
    return data_key(state.ui_language or "en")


def _name(tag: str) -> str:
    return language_names().get(data_key(tag), tag)


def _waited(now: datetime, since: datetime, t: dict[str, str]) -> str:
    return transcripts.waited((now - since).total_seconds(), t)


def _presence_mark(summary: ConversationSummary, now: datetime) -> str:
    """🟢 before the wait while the customer's page is open, ⚪ once it closed (the view
    says since when); nothing for API conversations. The queue refreshes every 3 s."""
    presence = transcripts.customer_presence(summary, now)
    if presence is None:
        return ""
    return "🟢 " if presence[0] == "here" else "⚪ "


def _fingerprint(record: ConversationRecord, translate: bool) -> str:
    """Changes whenever the conversation does (new message, text, status, owner) or the
    customer's presence line would (arrived, left, another minute gone), and with the
    translation switch: a view drawn for the other position is drawn again. (Unticked while
    a slow opening translated, the opening's answer came last and the view stayed translated
    under an unticked box.)"""
    last = record.messages[-1] if record.messages else None
    return "|".join(
        str(x)
        for x in (
            len(record.messages),
            last.id if last else "",
            len(last.content) if last else 0,
            last.status if last else "",
            record.status,
            record.handler,
            record.assignee,
            len(record.events),
            sum(m.translation is not None for m in record.messages),
            ",".join(record.tags),
            record.note_at,
            transcripts.customer_presence(record),  # on the page, or left N minutes ago
            translate,
        )
    )


def _require_open(state: ChatState, conversation_id: str) -> None:
    """A staff action pressed with no conversation open: the "open a conversation first"
    notice, in the viewer's language."""
    if not conversation_id:
        raise page_error(labels(state.ui_language)["open_first"])


def _buttons(record: ConversationRecord | None) -> dict[str, Any]:
    """Hand back and Resolve only where they change something: a conversation the assistant
    answers cannot be handed back to it, a resolved one cannot be resolved again (both said
    "done" before, changing nothing), and with none open neither does anything."""
    return {
        "hand_back": gr.update(interactive=record is not None and record.handler != "bot"),
        "resolve": gr.update(interactive=record is not None and record.status != "resolved"),
    }
