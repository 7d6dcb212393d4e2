"""One conversation turn, end to end. The only place that knows the order of the steps.

    validate ─► detect language ─► limits ─► persona prompt ─► mask personal data
      ─► store the customer message ─► escalation trigger? ─► (handoff line, no model)
      ─► knowledge snippets ─► stream from the backend (cancellable)
            ├─ output checks on every chunk (blocked terms, system-prompt leak)
            ├─ language-drift guard (regenerate once; twice: the handoff line)
            ├─ loop guard (stop the model, keep the first copy)
            └─ save the reply as it forms (a crash leaves an "interrupted" reply)
      ─► nothing to read? ask once more, then the handoff line
      ─► model gave up? escalate ─► final status

The UI and the HTTP API both call :meth:`Pipeline.stream_turn`; neither repeats a step.
Each yielded :class:`TurnUpdate` carries the reply so far (personal data restored), so a
consumer may render every update or only the last.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Literal

from console import canned, i18n
from console import language as lang
from console.backends.base import Backend, ChatMessage, Usage
from console.errors import BackendError, ConflictError, InputError, LimitError, StoreError
from console.guard import (
    BlockedTerms,
    EscalationRules,
    Limits,
    OutputChecker,
    PiiVault,
    length_message,
    limit_message,
    repetition,
)
from console.guard.pii import unescape
from console.knowledge import CLOSE_TAG as KNOWLEDGE_CLOSE
from console.knowledge import OPEN_TAG as KNOWLEDGE_OPEN
from console.options import GenerationOptions
from console.personas import (
    CUSTOMER_CLOSE,
    CUSTOMER_OPEN,
    PersonaLibrary,
    SystemPrompt,
    wrap_customer_message,
)
from console.store.records import PAGE_CLOSED, UNANSWERED
from console.store.repository import NotFoundError

if TYPE_CHECKING:
    from console.knowledge import Hit, KnowledgeBase
    from console.metrics import Metrics
    from console.store.repository import TranscriptStore

log = logging.getLogger(__name__)

TurnStatus = Literal["streaming", "complete", "stopped", "interrupted", "failed"]
PersonalData = Literal["masked", "original"]

#: seconds between saves of a reply that is still streaming, so a crash loses at most this
_SAVE_INTERVAL_S = 1.0
#: the most often a streaming reply is checked and handed to the consumer (UI, API)
_YIELD_INTERVAL_S = 0.025
#: characters of new reply between two checks of its language
_DRIFT_CHECK_EVERY = 40
#: a reply's text shows once its language is confirmed (nothing in another language shows,
#: so nothing has to vanish when it is asked again); a reply whose language cannot be
#: judged yet (code, numbers, a product list) shows anyway from this many characters
_SHOW_UNJUDGED_AFTER = 200
#: a final save that failed is retried in the background this many times, each waiting up
#: to _FINISH_WAIT_S for the database (about 5 minutes in all)
_FINISH_ATTEMPTS, _FINISH_WAIT_S = 10, 30.0
#: conversations whose personal-data vault is kept in memory (oldest forgotten first)
_VAULTS = 10_000


@dataclass(frozen=True)
class TurnRequest:
    text: str
    options: GenerationOptions
    history: Sequence[ChatMessage] = ()  # earlier user/assistant messages, oldest first
    business_line: str = "general"
    language: str | None = None  # a user's override; None or "auto" detects
    conversation_id: str | None = None
    channel: str = "ui"
    session: str = "default"  # key for cancel() and the per-session rate limit
    client: str = "local"  # key for the per-client rate limit (IP address, API key)
    regenerate: bool = False  # Retry: ``text`` is the last user message, already stored
    #: who may continue the conversation: "ui", "api:<key digest>", "api:anonymous". A
    #: conversation id created by another owner is treated as unknown (never read or written).
    owner: str | None = None
    #: the limits were already counted for this message (see Pipeline.admit)
    admitted: bool = False
    #: the reader's language from their browser or HTTP client (Accept-Language), None when
    #: it names no served one: decides only what the text cannot (see language.detect)
    reader_language: str | None = None
    #: False: store the message (and hand over if it asks for a person) but call no model:
    #: a message still waiting its turn when the customer's page closed (console/ui/chat.py)
    answer: bool = True


@dataclass(frozen=True)
class TurnUpdate:
    conversation_id: str | None
    reply: str
    detection: lang.Detection
    system_prompt: SystemPrompt
    status: TurnStatus
    error: str | None = None
    language_retry: bool = False  # the reply drifted from the customer's language and was redone
    usage: Usage = field(default_factory=Usage)
    knowledge: tuple[str, ...] = ()  # "id: title" of the snippets put in the prompt
    escalated: str | None = None  # reason, when this turn handed the conversation to a person
    blocked: str | None = None  # why the model's reply was replaced by the refusal line
    #: "queue" or "person" when a person owns the conversation: the message was stored for
    #: them and the model was not called (``reply`` is empty)
    held_for: str | None = None
    #: the error's kind (``backend_error``, ``store_error``, ``database_busy``...) with ``error``
    error_kind: str | None = None
    #: the stored row of the reply being written (its thumbs can be stored while it streams)
    reply_id: str | None = None

    @property
    def done(self) -> bool:
        return self.status != "streaming"


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def validate_text(text: object, max_chars: int | None) -> str:
    """The customer's message as the model will see it, or an :class:`InputError`.

    Markup, mixed scripts and injection attempts are accepted as text (they are rendered
    safely and delimited downstream); what is refused is what no person types: empty,
    over the limit, or binary data.
    """
    if not isinstance(text, str):
        raise InputError("The message must be text.", field="text", notice="message_not_text")
    if not text.strip():
        raise InputError("The message is empty.", field="text", notice="message_empty")
    if max_chars is not None and len(text) > max_chars:
        raise InputError(
            f"The message is too long ({len(text):,} characters; the limit is {max_chars:,}). "
            "Please shorten it or split it into several messages.",
            field="text",
            notice="too_long",
            values={"n": len(text), "limit": max_chars},
        )
    control = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")
    if "\x00" in text or control > max(2, len(text) // 100):
        raise InputError(
            "The message looks like binary data, not text.", field="text", notice="message_binary"
        )
    if _SURROGATE_RE.search(text):
        # half of a UTF-16 pair (JSON "\ud800"): no character, and it cannot be encrypted
        raise InputError(
            "The message contains an invalid character (a lone UTF-16 surrogate).",
            field="text",
            notice="message_invalid_character",
        )
    # Returned unchanged: the transcript keeps exactly what was sent, spaces included.
    return text


@dataclass
class Guardrails:
    """The support workflow's rules; each part optional so tests can switch one on alone."""

    escalation: EscalationRules | None = None
    blocked: BlockedTerms | None = None
    limits: Limits | None = None
    knowledge: KnowledgeBase | None = None
    personal_data: PersonalData = "masked"  # what the transcript keeps

    @classmethod
    def default(cls, knowledge: KnowledgeBase | None = None, limits: Limits | None = None) -> Guardrails:
        return cls(EscalationRules.load(), BlockedTerms.load(), limits, knowledge)


@dataclass
class _Draft:
    """One turn's reply as the model writes it, shared by the turn's tries (a redo starts it
    again) and the updates its consumer gets."""

    text: str = ""
    shown: int = 0  # how much of ``text`` the output checks confirmed (see OutputChecker)
    usage: Usage = field(default_factory=Usage)
    first_token_at: float | None = None  # perf_counter time of the first chunk of any try
    blocked: str | None = None  # why the persona's refusal line replaced the reply
    looped: bool = False  # stopped in a loop (console/guard/repetition.py)
    language_retry: bool = False  # redone after drifting from the customer's language
    empty_retry: bool = False  # asked again after a try with nothing to read
    handed_over: bool = False  # nothing, or another language, twice: the persona's hand-over line
    #: the try's sentences counted as they come (console/guard/repetition.py)
    sentences: repetition.SentenceCount = field(default_factory=repetition.SentenceCount)

    @property
    def says_nothing(self) -> bool:
        """Nothing a customer can read: empty, blank, or only echoed delimiters."""
        return not without_delimiters(self.text).strip()

    def restart(self) -> None:
        self.text, self.shown, self.usage = "", 0, Usage()
        self.sentences = repetition.SentenceCount()

    def meta(self, knowledge: tuple[str, ...], started: float) -> dict[str, object] | None:
        """What the stored reply's metadata says of how it was written (None: nothing)."""
        meta: dict[str, object] = {}
        if self.language_retry:
            # "handed_over": the second try drifted too, and a person took the conversation
            meta["language_retry"] = "handed_over" if self.handed_over else True
        if self.looped:
            meta["repetition"] = True
        if self.empty_retry:
            # asked again after no answer; "handed_over": the second gave none either
            meta["no_answer"] = "handed_over" if self.handed_over else "retried"
        if self.blocked:
            meta["blocked"] = self.blocked
        if knowledge:
            meta["knowledge"] = list(knowledge)
        if self.usage.finish_reason == "length":  # cut by the token limit (exports leave it out)
            meta["finish_reason"] = "length"
        if self.first_token_at is not None:  # the store keeps it as a column for the insights
            meta["ttft_ms"] = round((self.first_token_at - started) * 1000, 1)
        return meta or None


@dataclass(frozen=True)
class _Watch:
    """What one try at a reply is streamed against (Pipeline._stream_attempt)."""

    request: TurnRequest
    detection: lang.Detection
    checker: OutputChecker | None
    cancel: threading.Event
    reply_id: str | None
    vault: PiiVault
    scope: str


class Pipeline:
    def __init__(
        self,
        backend: Backend,
        personas: PersonaLibrary,
        store: TranscriptStore | None = None,
        *,
        guard: Guardrails | None = None,
        default_language: str = "en",
        max_input_chars: int = 4000,
        metrics: Metrics | None = None,
    ) -> None:
        self.backend = backend
        self.personas = personas
        self.store = store
        self.guard = guard if guard is not None else Guardrails.default()
        self.default_language = default_language
        self.max_input_chars = max_input_chars
        self.metrics = metrics
        self._running: dict[str, threading.Event] = {}
        self._interrupted: set[str] = set()
        #: the session whose turn is writing a reply in each conversation (cancel_conversation)
        self._writing: dict[str, str] = {}
        self._vaults: OrderedDict[str, PiiVault] = OrderedDict()
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ control

    def cancel(self, session: str, *, interrupted: bool = False) -> bool:
        """Stop the turn running for ``session``; True if there was one.

        ``interrupted``: the customer did not ask to stop (an API client disconnected), so
        the reply is stored as interrupted rather than stopped.
        """
        with self._lock:
            event = self._running.get(session)
            if event is not None and interrupted:
                self._interrupted.add(session)
        if event is None:
            return False
        event.set()
        return True

    def cancel_conversation(self, conversation_id: str, *, interrupted: bool = True) -> bool:
        """Stop the model's reply being written in ``conversation_id``, whichever session
        asked for it; True if there was one. A person taking the conversation (or answering
        it) calls this: the reply stopped mid-sentence is kept, marked interrupted, and the
        model says nothing after the person's first word. ``interrupted=False``: the
        customer asked (Stop), kept as stopped."""
        with self._lock:
            session = self._writing.get(conversation_id)
        return session is not None and self.cancel(session, interrupted=interrupted)

    def writing_in(self, conversation_id: str) -> bool:
        """Whether a reply is being written in ``conversation_id`` by this process now."""
        with self._lock:
            return conversation_id in self._writing

    def forget(self, conversation_id: str) -> None:
        """What this process still holds of an erased conversation, dropped: a reply the
        model is writing there stops (its final save finds no row and is let go), the
        personal-data vault goes, and so do the model's reused prompt caches (keyed by
        tokens, not conversations, so all of them: erasure is rare, and the next prompts
        are processed in full once)."""
        self.cancel_conversation(conversation_id)
        with self._lock:
            self._vaults.pop(conversation_id, None)
        self.backend.forget_prompts()

    def reload_data(self) -> None:
        """Re-read persona prompts, knowledge snippets and the guard's phrase lists from
        disk, without a restart. Each part swaps in whole or not at all: a bad file raises
        ConfigError naming it, and that part keeps serving what it had."""
        i18n.reload()  # labels, limit messages and the detector's lexicon
        self.personas.reload()
        canned.reload()  # the operators' canned replies (prompts/<line>/canned/)
        if self.guard.knowledge is not None:
            self.guard.knowledge.reload()
        if self.guard.escalation is not None:
            self.guard.escalation = EscalationRules.load()
        if self.guard.blocked is not None:
            self.guard.blocked = BlockedTerms.load()

    @property
    def active_streams(self) -> int:
        with self._lock:
            return len(self._running)

    # --------------------------------------------------------------- the steps

    def prepare(self, request: TurnRequest) -> tuple[str, lang.Detection, SystemPrompt]:
        """Validate, detect the language, apply limits, pick the persona.

        Raises InputError or LimitError (its message in the customer's language); nothing
        has been stored or sent to the model yet, so the caller keeps the text.
        """
        text, detection = self.check_message(request)
        if not request.regenerate and not request.admitted:
            self._count(request, detection)
        prompt = self.personas.system_prompt(request.business_line, detection.tag)
        return text, detection, prompt

    def admit(self, request: TurnRequest) -> TurnRequest:
        """Every check a new message must pass before it is accepted (the message checks and
        the rate and turn limits, counted once), without storing anything or calling the
        model; returns the request marked admitted so :meth:`stream_turn` does not count it
        again. The UI admits a message before it takes it out of the text box, so a refused
        message stays there with the reason, in the customer's language."""
        _, detection = self.check_message(request)
        self._count(request, detection)
        return replace(request, admitted=True)

    def _count(self, request: TurnRequest, detection: lang.Detection, *, turns: bool = True) -> None:
        """Count one message against the rate limits (and, with ``turns``, the
        conversation's message limit); LimitError in the customer's language."""
        limits = self.guard.limits
        if limits is None:
            return
        earlier = [m["content"] for m in request.history if m["role"] == "user"]
        if turns:
            self._limited(detection, lambda: limits.check(request.session, request.client, len(earlier)))
        else:
            self._limited(detection, lambda: limits.check_rate(request.session, request.client))

    def _limited(self, detection: lang.Detection, check: Callable[[], None]) -> None:
        """``check`` (one of the guard's limits), its LimitError counted and retold in the
        customer's language."""
        try:
            check()
        except LimitError as exc:
            if self.metrics is not None:
                self.metrics.errors.labels("rate_limit").inc()
            told = limit_message(exc, detection.language)
            raise type(exc)(told, exc.retry_after, localized=True) from exc

    def check_message(self, request: TurnRequest) -> tuple[str, lang.Detection]:
        """The checks a message must pass before it is accepted at all (empty, binary, too
        long), with its detected language; no limits are counted and nothing is stored.
        The UI calls this before it takes a message out of the text box, so a refused
        message stays there with the reason, in the customer's language."""
        text = validate_text(request.text, None)
        earlier = [m["content"] for m in request.history if m["role"] == "user"]
        detection = self._detect(text, earlier, request)
        if len(request.text) > self.max_input_chars:  # said in the customer's language
            told = length_message(detection.tag, len(request.text), self.max_input_chars)
            raise InputError(told, field="text", localized=True)
        return text, detection

    def _detect(self, text: str, earlier: list[str], request: TurnRequest) -> lang.Detection:
        """The language of ``text`` given the customer's earlier messages, the UI's language
        choice (None, "" or "auto" detect) and the reader's browser language."""
        choice = request.language
        override = None if choice in (None, "", "auto") else choice
        return lang.detect(
            text, earlier, override=override, reader=request.reader_language, default=self.default_language
        )

    def stream_turn(self, request: TurnRequest) -> Iterator[TurnUpdate]:
        request = self._owned(request)
        text, detection, prompt = self.prepare(request)
        vault = self._vault(request.conversation_id)
        masked_text = vault.mask(text)
        conversation_id, request = self._record_user(request, text, masked_text, detection)
        if conversation_id is not None:
            self._keep_vault(conversation_id, vault)
        base = TurnUpdate(conversation_id, "", detection, prompt, "streaming")

        try:
            handler = self._handler(conversation_id)
            if handler != "bot":
                # A person owns the conversation (or it waits for one): the message is theirs
                # to answer and the model stays silent, a regenerate included (it made the
                # model answer in a conversation a person had taken).
                yield replace(base, status="complete", held_for=handler)
                return

            trigger = None
            if self.guard.escalation is not None and not request.regenerate:
                trigger = self.guard.escalation.check(text, detection.language)
            if trigger is not None and self._handoff_allowed(request, detection):
                yield self._handoff(base, trigger.reason)
                return
            if not request.answer:
                yield replace(base, status="complete")
                return

            hits = self._knowledge(request.business_line, masked_text, detection.tag)
            history = [
                {**m, "content": vault.mask(m["content"])} if m["role"] == "user" else m
                for m in request.history
            ]

            def prompted(snippets: Sequence[Hit]) -> tuple[list[ChatMessage], tuple[str, ...]]:
                text, used = self._pack(snippets)
                system = prompt.text + (f"\n\n{text}" if text else "")
                return build_messages(system, history, masked_text), used  # type: ignore[arg-type]

            messages, used = prompted(hits)
            # The retry after a drift, with the reminder and only the snippets written in
            # the customer's language: a small model copies a snippet's language (the
            # bundled SmolLM2, asked in English, answered in the Spanish of the
            # damaged-item policy, and again when reminded).
            # built only if a retry happens: most turns never need it
            own = [h for h in hits if h.entry.written_in == detection.language]
            retry = partial(prompted, own) if len(own) < len(hits) else None
            base = replace(base, knowledge=used)
            # Restore only what the customer sent in this input (see PiiVault.only).
            shown = vault.only(*(m["content"] for m in messages if m["role"] == "user"))
        except Exception:
            # The customer's message is stored: never leave it without a reply row
            self._record_failed_reply(conversation_id, detection)
            raise
        yield from self._generate(request, base, messages, shown, retry)

    def _generate(
        self,
        request: TurnRequest,
        base: TurnUpdate,
        messages: list[ChatMessage],
        vault: PiiVault,
        retry: Callable[[], tuple[list[ChatMessage], tuple[str, ...]]] | None = None,
    ) -> Iterator[TurnUpdate]:
        """Stream the model's reply with the checks, saves and status bookkeeping.
        ``retry`` builds the messages for a second try after a drift (the reminder is added
        here) and names the snippets they hold; None: ``messages``, the same snippets."""
        detection, prompt, persona = base.detection, base.system_prompt, base.system_prompt.persona
        cancel = self._register(request.session, base.conversation_id)
        checker = None
        if self.guard.blocked is not None:
            checker = OutputChecker(
                self.guard.blocked,
                prompt.text,
                allowed=(persona.escalation, persona.refusal, persona.disclosure, persona.greeting),
            )
        try:
            reply_id = self._start_reply(base.conversation_id, detection)
        except StoreError:
            # the customer's message is stored but its reply row could not be: the client
            # gets the error, and the failed row is written once the database takes it
            threading.Thread(
                target=self._record_failed_reply,
                args=(base.conversation_id, detection, _FINISH_ATTEMPTS),
                name="record-failed-turn",
                daemon=True,
            ).start()
            raise
        base = replace(base, reply_id=reply_id)
        started = time.perf_counter()
        draft = _Draft()
        status: TurnStatus = "interrupted"
        error: str | None = None
        error_kind: str | None = None

        def update(status: TurnStatus, **changes: object) -> TurnUpdate:
            fields = {
                # while streaming, only text the output checks confirmed (OutputChecker.confirmed)
                "reply": vault.unmask(
                    without_delimiters(draft.text[: draft.shown], streaming=True)
                    if status == "streaming"
                    else without_delimiters(draft.text)
                ),
                "status": status,
                "usage": draft.usage,
                "language_retry": draft.language_retry,
                "blocked": draft.blocked,
                **changes,
            }
            return replace(base, **fields)  # type: ignore[arg-type]

        try:
            # At once, before the model's prompt processing (seconds for a long message on
            # a CPU): the customer's message is stored and the consumer can show it.
            yield update("streaming")
            # the conversation is the prompt cache's scope in a shared engine (Backend.stream)
            scope = base.conversation_id or f"session:{request.session}"
            for attempt in range(2):
                draft.restart()
                if checker is not None:
                    checker.reset()
                if attempt == 0:
                    attempt_messages = messages
                elif draft.language_retry and retry is not None:
                    again, knowledge = retry()
                    attempt_messages = _with_language_reminder(again, detection)
                    base = replace(base, knowledge=knowledge)  # what the kept reply was given
                else:
                    attempt_messages = _with_language_reminder(messages, detection)
                drifted = yield from self._stream_attempt(
                    draft,
                    attempt_messages,
                    _Watch(request, detection, checker, cancel, reply_id, vault, scope),
                    update,
                )
                if (
                    draft.blocked is None and checker is not None
                ):  # also after Stop: all text shown is checked
                    hit = checker.check(draft.text, detection.language, request.business_line, final=True)
                    draft.blocked = hit.reason if hit is not None else None
                if draft.blocked is not None:
                    # A blocked term or the system prompt's text: the customer gets the
                    # persona's refusal line instead, and the event is recorded.
                    log.info(
                        "reply blocked (%s) in %s/%s", draft.blocked, request.business_line, detection.tag
                    )
                    # A claim to be a person gets the persona's AI disclosure instead.
                    draft.text = persona.disclosure if draft.blocked == "human_claim" else persona.refusal
                    if self.metrics is not None:
                        self.metrics.errors.labels(f"blocked_{draft.blocked}").inc()
                    break
                if not drifted and not cancel.is_set():
                    drifted = lang.reply_language_matches(detection, draft.text) is False
                said_nothing = not cancel.is_set() and draft.says_nothing
                if attempt == 1 and drifted and not said_nothing and not cancel.is_set():
                    # Twice in another language (the reminder did not help): the customer
                    # never gets a reply they may not read. The persona's hand-over line, in
                    # their language, and a person takes the conversation. Measured before
                    # choosing this (bench.drift): the drift test called 1 of 3,389
                    # five-sentence replies of outside text in the 17 languages a drift,
                    # tested as they stream, so a reply in the right language is all but
                    # never handed over (that takes two false alarms in a row).
                    draft.text, draft.handed_over = persona.escalation, True
                    log.info("reply language drifted from %s twice; handing over", detection.tag)
                if attempt == 1 or cancel.is_set() or not (drifted or said_nothing):
                    break
                if said_nothing:
                    # Nothing a customer can read: small models answer some messages with
                    # only the prompt's delimiters (the bundled SmolLM2 did so to 2 of 3
                    # refund questions at temperature 0.2, "<customer_message>" three times,
                    # which the loop guard stops). Ask once more.
                    draft.empty_retry = True
                    log.info("the model gave no answer (%s); asking once more", detection.tag)
                else:
                    # Qwen models are known to drift into another language (often Chinese)
                    # in long replies: redo the reply once with an explicit reminder.
                    draft.language_retry = True
                    log.info("reply language drifted from %s; regenerating once", detection.tag)
                draft.restart()
                yield update("streaming")
            if draft.blocked is None and not cancel.is_set() and draft.says_nothing:
                # Twice nothing: never an empty bubble. The persona's hand-over line, and a
                # person takes the conversation (as when the model says that line itself).
                draft.text, draft.handed_over = persona.escalation, True
                log.info("the model gave no answer twice (%s); handing over", detection.tag)
            status = self._stop_status(request.session) if cancel.is_set() else "complete"
        except BackendError as exc:
            # Part of a reply is kept as interrupted (the engine died mid-stream); a reply
            # that never started is a failure.
            status, error, error_kind = ("interrupted" if draft.text else "failed"), exc.message, exc.kind
        except GeneratorExit:
            # The consumer went away without pressing Stop (browser closed, client
            # disconnected): keep what was generated, marked as interrupted.
            status = self._stop_status(request.session) if cancel.is_set() else "interrupted"
            raise
        finally:
            meta = draft.meta(base.knowledge, started)
            try:
                if reply_id is not None:
                    self._save_reply(
                        reply_id,
                        draft.text,
                        vault,
                        status,
                        (time.perf_counter() - started) * 1000,
                        draft.usage,
                        meta,
                    )
            except NotFoundError:
                # erased while it was written (Pipeline.forget): nothing to keep, and
                # nothing to tell the customer beyond what the page says of the erasure
                log.info("reply not saved: its conversation was erased")
            except StoreError as exc:
                error, error_kind = error or exc.message, error_kind or exc.kind
                assert reply_id is not None
                self._finish_later(reply_id, draft.text, vault, status, draft.usage, meta)
            finally:
                # after the final save: a page waiting for this reply (writing_in) reads it whole
                self._unregister(request.session, cancel, base.conversation_id)
            if self.metrics is not None:
                self.metrics.observe_turn(
                    channel=request.channel,
                    status=status,
                    ttft_s=None if draft.first_token_at is None else draft.first_token_at - started,
                    duration_s=time.perf_counter() - started,
                    tokens=draft.usage.completion_tokens,
                    error_kind=error_kind,
                    language_retry=draft.language_retry,
                )
        escalated = None
        if status == "complete" and (
            draft.handed_over
            or (
                draft.blocked is None
                and self.guard.escalation is not None
                and self.guard.escalation.model_gave_up(draft.text, persona.escalation)
            )
        ):
            escalated = "model_unsure"
            self._escalate(base.conversation_id, escalated)
        yield update(status, error=error, escalated=escalated, error_kind=error_kind)

    def _stream_attempt(
        self,
        draft: _Draft,
        messages: list[ChatMessage],
        watch: _Watch,
        update: Callable[[TurnStatus], TurnUpdate],
    ) -> Generator[TurnUpdate, None, bool]:
        """One try at the reply, streamed into ``draft`` (empty at the start): yields an
        update at most every _YIELD_INTERVAL_S and saves the reply every _SAVE_INTERVAL_S.
        Ends early on a blocked term (``draft.blocked``) or a loop (``draft.looped``, the
        reply cut after its first copy); returns True when the reply drifted from the
        customer's language (looked at every _DRIFT_CHECK_EVERY characters)."""
        request, detection, checker = watch.request, watch.detection, watch.checker
        chunks = self.backend.stream(messages, request.options, watch.cancel, draft.usage, scope=watch.scope)
        checked_at, skipped, last_save = 0, 0, time.monotonic()  # skipped: saves in a row (_save_progress)
        judged = False  # the reply's language was confirmed (or cannot be judged): it may show
        first_chunk, last_check, yielded = 0.0, 0.0, False
        for chunk in _closing(chunks):
            if draft.first_token_at is None:
                draft.first_token_at = time.perf_counter()
            draft.text += chunk
            # Coalesce: checks and updates run at most every _YIELD_INTERVAL_S. A browser
            # cannot show 700 updates a second, and text is only ever shown after it has been
            # checked. In the first interval, until text shows, every chunk is checked: the
            # first chunk is often an unfinished word that cannot be shown yet, and waiting
            # out the interval after it held the first text back ~25 ms (first chunk at 8
            # ms, first text at 35). Only that first interval: a reply held back longer (a
            # tail of prompt words) must not be checked on every token.
            now = time.monotonic()
            first_chunk = first_chunk or now
            eager = not draft.shown and now - first_chunk < _YIELD_INTERVAL_S
            if not eager and now - last_check < _YIELD_INTERVAL_S:
                continue
            last_check = now
            if checker is not None:
                hit = checker.check(draft.text, detection.language, request.business_line)
                if hit is not None:
                    draft.blocked = hit.reason
                    return False
                confirmed = checker.confirmed(draft.text)
            else:
                confirmed = len(draft.text)
            # the loop test before the text of this check shows: a loop found now ends where
            # it should, not after what would have shown with it ("Step 24 of" of a count)
            cut = repetition.loop_cut(draft.text, draft.shown, draft.sentences)
            if cut is not None:
                # the model is writing one sentence over and over: stop it, keep the first
                # copy (or what was shown already, never less)
                draft.text, draft.looped = draft.text[:cut].rstrip(), True
                draft.shown = len(draft.text)
                log.info("reply stopped: the model repeated itself (%s)", detection.tag)
                return False
            # The language first, then what shows: until the reply's language is confirmed
            # (about 20 letters) it is tested at every check and nothing shows, so a reply in
            # another language never reaches the screen to vanish from it when it is asked
            # again (the customer saw 40+ characters of it, then an empty bubble); after
            # that every _DRIFT_CHECK_EVERY characters. A drift is called from
            # _DRIFT_CHECK_EVERY characters on, as before: a shorter start only waits
            # (bench.drift: calling it at every word from 20 letters on raised the false
            # alarms from 2 to 29 in 3,389 replies; "Para utilizar estas" read as Spanish).
            if not judged or len(draft.text) - checked_at >= _DRIFT_CHECK_EVERY:
                matches = lang.reply_language_matches(detection, draft.text)
                if matches is False and len(draft.text) >= _DRIFT_CHECK_EVERY:
                    return True
                if matches is not False or judged:
                    checked_at = len(draft.text)
                judged = judged or matches is True or len(draft.text) >= _SHOW_UNJUDGED_AFTER
            if judged:
                # text repeating what came just before it waits (a loop's second copy is
                # never shown); what was shown stays shown
                showable = repetition.showable(draft.text, draft.sentences)
                draft.shown = max(draft.shown, min(confirmed, showable))
            if watch.reply_id is not None and time.monotonic() - last_save >= _SAVE_INTERVAL_S:
                # skipped while the database is busy, but not more than twice in a row. Only
                # what the output checks confirmed, as the stream shows it: a page that came
                # back (a reload, another tab) shows this row while it grows, and a killed
                # process leaves it as the reply; the raw tail may be a drift or a leak the
                # checks would have held back
                saved = self._save_progress(
                    watch.reply_id, draft.text[: draft.shown], watch.vault, draft.usage, wait=skipped >= 2
                )
                skipped = 0 if saved else skipped + 1
                last_save = time.monotonic()
            if not draft.shown and yielded:
                continue  # still nothing to show: no update
            yielded = True
            yield update("streaming")
        return False

    # ------------------------------------------------------------ handoff

    def _handoff(self, base: TurnUpdate, reason: str) -> TurnUpdate:
        """Hand the conversation to a person: status escalated, the persona's handoff line."""
        line = base.system_prompt.persona.escalation
        self._escalate(base.conversation_id, reason)
        if self.store is not None and base.conversation_id is not None:
            self.store.add_message(
                base.conversation_id,
                role="assistant",
                content=line,
                language=base.detection.tag,
                meta={"handoff": reason},
            )
        log.info("conversation escalated (%s)", reason)
        return replace(base, reply=line, status="complete", escalated=reason)

    def request_human(self, request: TurnRequest) -> TurnUpdate:
        """The customer pressed "Talk to a human".

        Each press costs what a message does from the rate limits (not the message limit):
        each may open a conversation in the staff queue, and unlimited presses from fresh
        sessions let one anonymous caller bury real customers under empty escalations.

        A conversation that a person already answers, or that waits for one, is left as it
        is (``held_for`` says who has it): pressing again took it from the person back to
        the queue and wrote the assistant's handoff line into the person's conversation."""
        request = self._owned(request)
        earlier = [m["content"] for m in request.history if m["role"] == "user"]
        detection = self._detect(earlier[-1] if earlier else "", earlier[:-1], request)
        self._count(request, detection, turns=False)
        prompt = self.personas.system_prompt(request.business_line, detection.tag)
        conversation_id = request.conversation_id
        try:
            handler = self._handler(conversation_id)
        except NotFoundError:  # erased meanwhile: a new conversation takes the request
            conversation_id, handler = None, "bot"
        base = TurnUpdate(conversation_id, "", detection, prompt, "streaming")
        if handler != "bot":
            return replace(base, status="complete", held_for=handler)
        # into the staff queue: counted per client before anything is stored, so a refused
        # press leaves no empty conversation behind
        self._count_handoff(request, detection)
        if self.store is not None and conversation_id is None:
            base = replace(base, conversation_id=self._new_conversation(request, detection))
        elif conversation_id is not None:
            # pressed while the model writes: it stopped talking only when a person took the
            # conversation, and wrote on over the customer's request (an outside tester's
            # long reply ran to its end before the handoff line); kept, marked interrupted
            self.cancel_conversation(conversation_id)
        return self._handoff(base, "customer_request")

    def _count_handoff(self, request: TurnRequest, detection: lang.Detection) -> None:
        """One more conversation from this client into the staff queue, or LimitError in the
        customer's language (the rate-limit sentence: "wait N seconds")."""
        limits = self.guard.limits
        if limits is not None:
            self._limited(detection, lambda: limits.check_handoff(request.client))

    def _handoff_allowed(self, request: TurnRequest, detection: lang.Detection) -> bool:
        """Whether a typed request for a person may go to the staff queue: past the client's
        handoff limit (a script writing "agent" from fresh sessions) the assistant answers
        it instead, and the log says so; the message itself was admitted and is stored."""
        try:
            self._count_handoff(request, detection)
        except LimitError:
            log.warning("a typed request for a person was over this client's handoff limit")
            return False
        return True

    def _escalate(self, conversation_id: str | None, reason: str) -> None:
        if self.metrics is not None:
            self.metrics.escalations.labels(reason).inc()
        if self.store is not None and conversation_id is not None:
            actor = "bot" if reason == "model_unsure" else "customer"
            self.store.transition(conversation_id, "escalated", actor=actor, reason=reason)

    def _handler(self, conversation_id: str | None) -> str:
        """Who answers ``conversation_id`` now ("bot" without a store). A resolved
        conversation the customer writes to again is reopened for the assistant."""
        if self.store is None or conversation_id is None:
            return "bot"
        status, handler, _ = self.store.ownership(conversation_id)
        if status == "resolved":
            self.store.transition(conversation_id, "reopened", actor="customer")
        return handler

    def agent_reply(
        self,
        conversation_id: str,
        text: str,
        author: str = "Support",
        *,
        original: str | None = None,
        original_language: str | None = None,
    ) -> str:
        """An operator answers in the conversation as a person (role ``agent``). Answering a
        conversation that waits in the queue (or is the assistant's) takes it: from now on
        the model stays silent until the operator hands it back or resolves it. A
        conversation another person answers is refused (:class:`ConflictError`).

        ``text`` is what the customer sees; ``original`` is what the operator wrote in
        ``original_language`` when ``text`` is its translation (both are kept)."""
        if self.store is None:
            raise StoreError("Agent replies need the transcript store.", notice="store_off")
        body = validate_text(text, self.max_input_chars)
        source = validate_text(original, self.max_input_chars) if original is not None else None
        _, handler, assignee = self.store.ownership(conversation_id)
        if handler == "person" and assignee != author:
            # another person answers it: two people would talk over each other (taking
            # it over is a deliberate step of its own: transition(take_over=True))
            raise ConflictError(assignee or "")
        self.cancel_conversation(conversation_id)
        if handler != "person":
            self.store.transition(conversation_id, "taken", actor=author)  # ConflictError if beaten to it
        return self.store.add_message(
            conversation_id,
            role="agent",
            content=body,
            author=author,
            translation=source,
            translation_language=original_language if source is not None else None,
        )

    # ------------------------------------------------------- knowledge & data

    def _knowledge(self, business_line: str, query: str, language: str) -> list[Hit]:
        kb = self.guard.knowledge
        if kb is None:
            return []
        try:
            # the message's language is known: no second detection inside the search
            return kb.search(business_line, query, language=language)
        except InputError:  # a business line with prompts but no knowledge folder
            return []

    def _pack(self, hits: Sequence[Hit]) -> tuple[str, tuple[str, ...]]:
        """The knowledge block for the prompt and the "id: title" of what it holds."""
        if self.guard.knowledge is None or not hits:
            return "", ()
        packed = self.guard.knowledge.pack(hits)
        return packed.text, tuple(f"{h.entry.id}: {h.entry.title}" for h in packed.used)

    def _vault(self, conversation_id: str | None) -> PiiVault:
        with self._lock:
            if conversation_id is not None and conversation_id in self._vaults:
                self._vaults.move_to_end(conversation_id)
                return self._vaults[conversation_id]
        return PiiVault()

    def _keep_vault(self, conversation_id: str, vault: PiiVault) -> None:
        # In memory only: the placeholders' originals are needed while the conversation
        # is live, and never written to disk beside the masked transcript.
        with self._lock:
            self._vaults[conversation_id] = vault
            self._vaults.move_to_end(conversation_id)
            while len(self._vaults) > _VAULTS:
                self._vaults.popitem(last=False)

    def _register(self, session: str, conversation_id: str | None) -> threading.Event:
        cancel = threading.Event()
        with self._lock:
            previous = self._running.get(session)
            if previous is not None:  # a new turn in the same session supersedes the old one
                previous.set()
            self._running[session] = cancel
            if conversation_id is not None:
                self._writing[conversation_id] = session
        return cancel

    def _stop_status(self, session: str) -> TurnStatus:
        """A cancelled turn: "stopped" when the customer asked, "interrupted" when the
        client went away (see cancel)."""
        with self._lock:
            return "interrupted" if session in self._interrupted else "stopped"

    def _unregister(self, session: str, cancel: threading.Event, conversation_id: str | None) -> None:
        cancel.set()
        with self._lock:
            if self._running.get(session) is cancel:
                del self._running[session]
            self._interrupted.discard(session)
            if conversation_id is not None and self._writing.get(conversation_id) == session:
                del self._writing[conversation_id]

    # ------------------------------------------------------------------ storage

    def _owned(self, request: TurnRequest) -> TurnRequest:
        """``request`` with its conversation id dropped when another caller owns it.

        Another caller's conversation is treated exactly like an id that does not exist (a
        new conversation starts), so ids cannot be probed and the other conversation is
        never read, written, or its personal-data vault used.
        """
        if self.store is None or request.conversation_id is None or request.owner is None:
            return request
        try:
            owner = self.store.owner_of(request.conversation_id)
        except NotFoundError:
            return _after_erasure(request)
        if owner == request.owner:
            return request
        log.warning("a %s caller named a conversation it does not own; starting a new one", request.channel)
        return replace(request, conversation_id=None, regenerate=False, history=())

    def _record_user(
        self, request: TurnRequest, text: str, masked: str, detection: lang.Detection
    ) -> tuple[str | None, TurnRequest]:
        """Store the customer's message; its conversation id, and the request as the rest of
        the turn must see it (without the erased history when the conversation was erased)."""
        if self.store is None:
            return request.conversation_id, request
        conversation_id = request.conversation_id
        if conversation_id is not None:
            try:
                self.store.update_conversation(
                    conversation_id, language=detection.tag, business_line=request.business_line
                )
            except NotFoundError:
                # An operator erased this conversation while the chat was open (since
                # _owned looked): carry on in a new one rather than fail the message.
                request = _after_erasure(request)
                conversation_id = None
        if conversation_id is None:
            conversation_id = self._new_conversation(request, detection)
        if not request.regenerate:
            self.store.add_message(
                conversation_id,
                role="user",
                content=self._stored_user(text, masked),
                language=detection.tag,
                meta={
                    "detection_reason": detection.reason,
                    "confidence": round(detection.confidence, 3),
                    "masked": unescape(masked) != text,
                    **({} if request.answer else {UNANSWERED: PAGE_CLOSED}),
                },
            )
        return conversation_id, request

    def _new_conversation(self, request: TurnRequest, detection: lang.Detection) -> str:
        assert self.store is not None
        info = self.backend.info
        return self.store.create_conversation(
            language=detection.tag,
            business_line=request.business_line,
            model=info.model,
            backend=info.backend,
            params=request.options.as_dict(),
            channel=request.channel,
            owner=request.owner,
        )

    def _stored_user(self, text: str, masked: str) -> str:
        # the model saw look-alikes escaped; the transcript keeps what the customer typed
        return text if self.guard.personal_data == "original" else unescape(masked)

    def _record_failed_reply(
        self, conversation_id: str | None, detection: lang.Detection, attempts: int = 1
    ) -> None:
        if self.store is None or conversation_id is None:
            return
        for attempt in range(attempts):
            try:
                with self.store.patience(_FINISH_WAIT_S if attempts > 1 else self.store.lock_wait_s):
                    self.store.add_message(
                        conversation_id, role="assistant", content="", status="failed", language=detection.tag
                    )
                return
            except StoreError as exc:
                if attempt == attempts - 1:
                    log.error("could not record the failed turn (%s)", exc.kind)
                else:
                    time.sleep(1)

    def _start_reply(self, conversation_id: str | None, detection: lang.Detection) -> str | None:
        if self.store is None or conversation_id is None:
            return None
        return self.store.add_message(
            conversation_id, role="assistant", content="", status="streaming", language=detection.tag
        )

    def _save_progress(
        self, reply_id: str, reply: str, vault: PiiVault, usage: Usage, *, wait: bool = False
    ) -> bool:
        """Save a streaming reply's text so far; True when saved. Without ``wait`` it does
        not hold up the stream: one try, and a busy database skips this save. With it (after
        skips) it waits like any write, so a crash never loses more than a few seconds."""
        assert self.store is not None
        try:
            if wait:
                self._save_reply(reply_id, reply, vault, "streaming", None, usage)
            else:
                with self.store.patience(0):
                    self._save_reply(reply_id, reply, vault, "streaming", None, usage)
        except StoreError as exc:
            log.warning("progress save skipped (%s)", exc.kind)
            return False
        return True

    def _finish_later(
        self,
        reply_id: str,
        reply: str,
        vault: PiiVault,
        status: TurnStatus,
        usage: Usage,
        meta: dict[str, object] | None,
    ) -> None:
        """The final save failed after its bounded wait (the client was told): keep trying
        in the background, so the row still ends in its final status and not ``streaming``."""

        def retry() -> None:
            assert self.store is not None
            for _ in range(_FINISH_ATTEMPTS):
                try:
                    with self.store.patience(_FINISH_WAIT_S):
                        self._save_reply(reply_id, reply, vault, status, None, usage, meta)
                    log.info("reply saved with status %s after the database recovered", status)
                    return
                except StoreError:
                    time.sleep(1)
            log.error("reply left unsaved; it is marked interrupted at the next start")

        threading.Thread(target=retry, name="finish-reply", daemon=True).start()

    def _save_reply(
        self,
        reply_id: str,
        reply: str,
        vault: PiiVault,
        status: TurnStatus,
        latency_ms: float | None,
        usage: Usage,
        meta: dict[str, object] | None = None,
    ) -> None:
        assert self.store is not None
        reply = without_delimiters(reply, streaming=status == "streaming")
        content = vault.unmask(reply) if self.guard.personal_data == "original" else unescape(reply)
        self.store.update_message(
            reply_id,
            content=content,
            status=status,
            latency_ms=latency_ms,
            completion_tokens=usage.completion_tokens,
            meta=meta,
        )


def _after_erasure(request: TurnRequest) -> TurnRequest:
    """``request`` for a conversation erased while its chat was open: the message starts a
    new conversation. From the chat page, without the erased turns as history: they are the
    page's copy of what was erased, and would reach the model (and, answered, show through
    the new conversation's replies). An API client sends its own history and keeps it."""
    history = () if request.channel == "ui" else request.history
    return replace(request, conversation_id=None, regenerate=False, history=history)


def build_messages(system: str, history: Sequence[ChatMessage], text: str) -> list[ChatMessage]:
    """The model's input: system prompt, earlier turns, the new message.

    When the persona tells the model that customer text arrives between delimiters (all
    shipped personas do), every customer message is wrapped in them, so "ignore previous
    instructions" stays data. A custom persona that does not mention them gets plain text.
    """
    delimit = CUSTOMER_OPEN in system

    def customer(content: str) -> str:
        return wrap_customer_message(content) if delimit else content

    messages: list[ChatMessage] = [{"role": "system", "content": system}]
    for m in history:
        role = "assistant" if m["role"] == "agent" else m["role"]  # type: ignore[comparison-overlap]
        content = customer(m["content"]) if role == "user" else m["content"]
        messages.append({"role": role, "content": content})
    messages.append({"role": "user", "content": customer(text)})
    return messages


#: the prompt's own tags, which a small model echoes: the customer's message and the
#: knowledge block (the bundled SmolLM2 began replies with "<knowledge>" and went on with
#: what it made of the block's preamble)
_DELIMITERS = (CUSTOMER_CLOSE, CUSTOMER_OPEN, KNOWLEDGE_CLOSE, KNOWLEDGE_OPEN)
#: their names, and the echo in any bracket a model may rewrite them into, bold or as code
#: included: "[customer_message]" in bold reached a Portuguese customer's screen after a
#: Retry (an outside tester, the bundled SmolLM2), and wrap_customer_message's defused
#: "< customer_message>" is one too
_DELIMITER_NAMES = tuple(dict.fromkeys(d.strip("</>") for d in _DELIMITERS))
_DELIMITER_RE = re.compile(
    r"(?:\*\*|__|`)?[<\[{]\s*/?\s*(?:"
    + "|".join(re.escape(name) for name in _DELIMITER_NAMES)
    + r")\s*[>\]}](?:\*\*|__|`)?"
)
_MARK_TAIL = re.compile(r"(?:\*\*?|__?|`)\Z")
#: every bracketed spelling a streaming tail is compared with (see without_delimiters)
_ECHO_FORMS = tuple(
    f"{open_}{slash}{name}{close}"
    for name in _DELIMITER_NAMES
    for open_, close in (("<", ">"), ("[", "]"), ("{", "}"))
    for slash in ("", "/")
)


#: a tag alone on the reply's first or last line, which small models wrap a reply in, of
#: their own invention ("<response_text>", "<service>", "</returns-refunds>"; the bundled
#: SmolLM2). The chat escapes every tag (console/ui/render.py), so the customer would read it
#: as written. Only the first and last line: a tag alone on a line inside a reply may be part
#: of an HTML example (and fenced code is never touched: the first or last line is then the fence)
_WRAPPER_OPEN = re.compile(r"\A[ \t]*<[A-Za-z][\w.:-]*>[ \t]*(?:\n|\Z)")
_WRAPPER_CLOSE = re.compile(r"(?:\A|\n)[ \t]*</[A-Za-z][\w.:-]*>\s*\Z")
#: while streaming, a first line that may still become such a tag, and a last line that may
#: still become a closing one, wait (a few characters): shown text never vanishes
_MAY_OPEN = re.compile(r"\A[ \t]*<(?:[A-Za-z][\w.:-]*>?)?[ \t]*\Z")
_MAY_CLOSE = re.compile(r"(?:\A|\n)[ \t]*<(?:/(?:[A-Za-z][\w.:-]*>?)?|[A-Za-z][\w.:-]*)?[ \t]*\Z")
#: a plumbing tag alone on a line anywhere in a reply ("<custom_message>" between two
#: paragraphs, an outside tester with the bundled SmolLM2): lower-case words joined by
#: underscores and ending in what a message or a reply is called, as the persona's own
#: delimiters are named. HTML never names a tag so; a placeholder ("<ORDER_ID>") or an XML
#: example's "<config_file>" alone on a line stays, and fenced code is never touched.
#: (anchored per line: one search tells whether a reply has any, before it is split in lines)
_TAG_LINE = re.compile(
    r"^[ \t]*</?[a-z][a-z0-9]*(?:_[a-z0-9]+)*"
    r"_(?:message|text|reply|response|answer|output|content|query|question|turn)>[ \t\r]*$",
    re.MULTILINE,
)
#: a code fence's opening line, however indented (a fence in a list item is code too: in
#: doubt a line counts as code, and code is left as written)
_FENCE_OPEN = re.compile(r"[ \t]*(`{3,}|~{3,})")


def _in_code(lines: list[str]) -> list[bool]:
    """For each of ``lines``, whether it is fenced code (its fences included; an unclosed
    fence runs to the end)."""
    flags: list[bool] = []
    fence = ""  # the open fence's marker, "" outside code
    for line in lines:
        if fence:
            stripped = line.strip()  # a closer may have spaces, a tab or "\r" around it
            if len(stripped) >= len(fence) and set(stripped) == {fence[0]}:
                fence = ""
        elif (marker := _FENCE_OPEN.match(line)) is not None:
            fence = marker.group(1)
        else:
            flags.append(False)
            continue
        flags.append(True)
    return flags


def _without_tag_lines(reply: str) -> str:
    """``reply`` without plumbing tags alone on a line (:data:`_TAG_LINE`) outside fenced
    code, each with at most one blank line beside it (it sat between two paragraphs); the
    rest of the reply, blank lines and code included, stays exactly as written, so a
    streaming reply only ever grows on screen. A line that may still become such a tag
    waits in :func:`without_delimiters` (:data:`_MAY_CLOSE`)."""
    if _TAG_LINE.search(reply) is None:  # most replies, on every streamed chunk
        return reply
    lines = reply.split("\n")
    kept: list[str] = []
    skip_blank = trailing = False  # trailing: nothing but blank lines kept after a removal
    for line, code in zip(lines, _in_code(lines), strict=True):
        if not code and _TAG_LINE.fullmatch(line):
            skip_blank = not kept or not kept[-1].strip()
            trailing = True
            continue
        if skip_blank and not line.strip():
            skip_blank = False
            continue
        skip_blank = False
        trailing = trailing and not line.strip()
        kept.append(line)
    if len(kept) == len(lines):
        return reply
    cleaned = "\n".join(kept)
    return cleaned.rstrip() if trailing else cleaned


def without_delimiters(reply: str, *, streaming: bool = False) -> str:
    """``reply`` without echoes of the prompt's delimiters (the customer message, the
    knowledge block) and without a tag of the model's own wrapping it (a first line
    "<response_text>", a last line "</response_text>").

    Small models often start a reply by repeating ``<customer_message>``; the customer must
    never see the persona's plumbing, on screen or in the stored transcript. While the reply
    is still streaming, a tail that could be the start of a delimiter or of a wrapping tag is
    held back too, so "<custo" never flashes on screen before it is recognised.
    """
    cleaned = _DELIMITER_RE.sub("", reply)
    if cleaned != reply:  # the echo usually sits on a line of its own, which goes with it
        cleaned = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", cleaned)
        cleaned = cleaned.lstrip() if streaming else cleaned.strip()
    if streaming and _MAY_OPEN.match(cleaned) and cleaned.strip():
        return ""  # "<respo": the first line may become a wrapping tag
    unwrapped = _WRAPPER_OPEN.sub("", cleaned, count=1)
    if (
        not streaming
        and _WRAPPER_CLOSE.search(unwrapped) is not None
        and not _in_code(unwrapped.rstrip().split("\n"))[-1]
    ):
        # a closing tag on the last line of unclosed fenced code is code, as shown while streaming
        unwrapped = _WRAPPER_CLOSE.sub("", unwrapped)
    if unwrapped != cleaned:
        cleaned = unwrapped.lstrip() if streaming else unwrapped.strip()
    # a tail that may still become an echo waits, so "[custo" never shows and vanishes; in a
    # finished reply, one the token limit cut ("<customer_message" at max_tokens 4, seen
    # through the API) goes, when it is longer than a bracket and a letter or two
    cut = max(cleaned.rfind(bracket) for bracket in "<[{")
    tail = re.sub(r"\s+", "", cleaned[cut:]) if cut != -1 else ""
    if (streaming or len(tail) > 3) and tail and any(form.startswith(tail) for form in _ECHO_FORMS):
        cleaned = cleaned[:cut].rstrip() if not streaming else cleaned[:cut]
    if streaming:
        # and so does a trailing bold or code mark, which may open one ("**[customer_...")
        cleaned = _MARK_TAIL.sub("", cleaned)
        held = _MAY_CLOSE.search(cleaned)
        if held is not None:
            cleaned = cleaned[: held.start()]
    # last, so the steps above see where the text really ends ("[" before a tag line is not
    # the start of an echo while more text may follow)
    return _without_tag_lines(cleaned)


def _closing(chunks: Iterator[str]) -> Iterator[str]:
    """Iterate ``chunks`` and always close it, so a backend stopped early (drift guard,
    output check, consumer gone) frees its worker at once rather than when collected."""
    try:
        yield from chunks
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()


def _with_language_reminder(messages: list[ChatMessage], detection: lang.Detection) -> list[ChatMessage]:
    name = lang.LANGUAGE_NAMES.get(detection.language, detection.language)
    reminder = (
        f"Important: reply only in {name} ({detection.tag}), the customer's language. "
        "Do not switch to any other language."
    )
    system = messages[0]
    return [{"role": "system", "content": f"{system['content']}\n\n{reminder}"}, *messages[1:]]


__all__ = ["Guardrails", "Pipeline", "TurnRequest", "TurnUpdate", "build_messages", "validate_text"]
