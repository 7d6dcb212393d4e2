"""One conversation turn, end to end. The only place that knows the order of the steps.

    validate text ─► detect language ─► choose persona prompt ─► store user message
        ─► stream from the backend (cancellable) ─► language-drift guard
        ─► store the reply as it forms ─► final status

The UI and the HTTP API both call :meth:`Pipeline.stream_turn`; neither repeats a step.
Each yielded :class:`TurnUpdate` carries the reply so far, so a consumer may render every
update or only the last one.
"""

from __future__ import annotations

import logging
import threading
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from console import language as lang
from console.backends.base import Backend, ChatMessage, Usage
from console.errors import BackendError, ConsoleError, InputError, StoreError
from console.options import GenerationOptions
from console.personas import CUSTOMER_OPEN, PersonaLibrary, SystemPrompt, wrap_customer_message
from console.store.repository import NotFoundError

if TYPE_CHECKING:
    from console.metrics import Metrics
    from console.store.repository import TranscriptStore

log = logging.getLogger(__name__)

TurnStatus = Literal["streaming", "complete", "stopped", "interrupted", "failed"]

#: seconds between saves of a reply that is still streaming, so a crash loses at most this
_SAVE_INTERVAL_S = 1.0
#: characters of reply needed before the drift guard judges its language
_DRIFT_CHECK_EVERY = 40


@dataclass(frozen=True)
class TurnRequest:
    text: str
    options: GenerationOptions
    history: Sequence[ChatMessage] = ()  # earlier user/assistant messages, oldest first
    business_line: str = "general"
    language: str | None = None  # a user's override; None or "auto" detects
    conversation_id: str | None = None
    channel: str = "ui"
    session: str = "default"  # key for cancel(): one running turn per session
    regenerate: bool = False  # Retry: ``text`` is the last user message, already stored


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

    @property
    def done(self) -> bool:
        return self.status != "streaming"


def validate_text(text: object, max_chars: int) -> str:
    """The customer's message as the model will see it, or an :class:`InputError`.

    Markup, mixed scripts and injection attempts are accepted as text (they are rendered
    safely and delimited downstream); what is refused is what no person types: empty,
    over the limit, or binary data.
    """
    if not isinstance(text, str):
        raise InputError("The message must be text.", field="text")
    stripped = text.strip()
    if not stripped:
        raise InputError("The message is empty.", field="text")
    if len(text) > max_chars:
        raise InputError(
            f"The message is too long ({len(text):,} characters; the limit is {max_chars:,}). "
            "Please shorten it or split it into several messages.",
            field="text",
        )
    control = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t")
    if "\x00" in text or control > max(2, len(text) // 100):
        raise InputError("The message looks like binary data, not text.", field="text")
    return stripped


class Pipeline:
    def __init__(
        self,
        backend: Backend,
        personas: PersonaLibrary,
        store: TranscriptStore | None = None,
        *,
        default_language: str = "en",
        max_input_chars: int = 4000,
        metrics: Metrics | None = None,
    ) -> None:
        self.backend = backend
        self.personas = personas
        self.store = store
        self.default_language = default_language
        self.max_input_chars = max_input_chars
        self.metrics = metrics
        self._running: dict[str, threading.Event] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ control

    def cancel(self, session: str) -> bool:
        """Stop the turn running for ``session``; True if there was one."""
        with self._lock:
            event = self._running.get(session)
        if event is None:
            return False
        event.set()
        return True

    @property
    def active_streams(self) -> int:
        with self._lock:
            return len(self._running)

    # --------------------------------------------------------------------- turn

    def prepare(self, request: TurnRequest) -> tuple[str, lang.Detection, SystemPrompt]:
        """Validate, detect the language and pick the persona; raises InputError."""
        text = validate_text(request.text, self.max_input_chars)
        earlier = [m["content"] for m in request.history if m["role"] == "user"]
        override = None if request.language in (None, "", "auto") else request.language
        detection = lang.detect(text, earlier, override=override, default=self.default_language)
        prompt = self.personas.system_prompt(request.business_line, detection.tag)
        return text, detection, prompt

    def stream_turn(self, request: TurnRequest) -> Iterator[TurnUpdate]:
        text, detection, prompt = self.prepare(request)
        conversation_id = self._record_user(request, text, detection)
        messages = build_messages(prompt, request.history, text)

        cancel = threading.Event()
        with self._lock:
            previous = self._running.get(request.session)
            if previous is not None:  # a new turn in the same session supersedes the old one
                previous.set()
            self._running[request.session] = cancel

        def update(
            reply: str, status: TurnStatus, usage: Usage, error: str | None = None, retried: bool = False
        ) -> TurnUpdate:
            return TurnUpdate(conversation_id, reply, detection, prompt, status, error, retried, usage)

        reply_id = self._start_reply(conversation_id, detection)
        started = time.perf_counter()
        first_token_at: float | None = None
        usage = Usage()
        reply = ""
        retried = False
        status: TurnStatus = "interrupted"
        error: str | None = None
        error_kind: str | None = None
        try:
            for attempt in range(2):
                usage = Usage()
                reply = ""
                drifted = False
                last_save = time.monotonic()
                checked_at = 0
                attempt_messages = messages if attempt == 0 else _with_language_reminder(messages, detection)
                chunks = self.backend.stream(attempt_messages, request.options, cancel, usage)
                for chunk in _closing(chunks):
                    if first_token_at is None:
                        first_token_at = time.perf_counter()
                    reply += chunk
                    if attempt == 0 and len(reply) - checked_at >= _DRIFT_CHECK_EVERY:
                        checked_at = len(reply)
                        if lang.reply_language_matches(detection, reply) is False:
                            drifted = True
                            break
                    if reply_id is not None and time.monotonic() - last_save >= _SAVE_INTERVAL_S:
                        self._save_reply(reply_id, reply, "streaming", None, usage)
                        last_save = time.monotonic()
                    yield update(reply, "streaming", usage, retried=retried)
                if attempt == 0 and not drifted and not cancel.is_set():
                    verdict = lang.reply_language_matches(detection, reply)
                    drifted = verdict is False
                if not drifted or cancel.is_set():
                    break
                # Qwen models are known to drift into another language (often Chinese) in
                # long replies: redo the reply once with an explicit reminder, and record it.
                retried = True
                log.info("reply language drifted from %s; regenerating once", detection.tag)
                yield update("", "streaming", usage, retried=True)
            status = "stopped" if cancel.is_set() else "complete"
        except BackendError as exc:
            # Part of a reply is kept as interrupted (the engine died mid-stream); a reply
            # that never started is a failure.
            status, error = ("interrupted" if reply else "failed"), exc.message
            error_kind = exc.kind
        except GeneratorExit:
            # The consumer went away without pressing Stop (browser closed, client
            # disconnected): keep what was generated, marked as interrupted.
            status = "stopped" if cancel.is_set() else "interrupted"
            raise
        finally:
            cancel.set()
            with self._lock:
                if self._running.get(request.session) is cancel:
                    del self._running[request.session]
            latency_ms = (time.perf_counter() - started) * 1000
            if reply_id is not None:
                try:
                    self._save_reply(
                        reply_id,
                        reply,
                        status,
                        latency_ms,
                        usage,
                        {"language_retry": retried} if retried else None,
                    )
                except StoreError as exc:
                    error = error or exc.message
                    error_kind = error_kind or exc.kind
            if self.metrics is not None:
                self.metrics.observe_turn(
                    channel=request.channel, status=status,
                    ttft_s=None if first_token_at is None else first_token_at - started,
                    duration_s=time.perf_counter() - started, tokens=usage.completion_tokens,
                    error_kind=error_kind, language_retry=retried,
                )
        yield update(reply, status, usage, error, retried)

    # ------------------------------------------------------------------ storage

    def _record_user(self, request: TurnRequest, text: str, detection: lang.Detection) -> str | None:
        if self.store is None:
            return request.conversation_id
        conversation_id = request.conversation_id
        if conversation_id is None:
            info = self.backend.info
            conversation_id = self.store.create_conversation(
                language=detection.tag,
                business_line=request.business_line,
                model=info.model,
                backend=info.backend,
                params=request.options.as_dict(),
                channel=request.channel,
            )
        else:
            try:
                self.store.update_conversation(
                    conversation_id, language=detection.tag, business_line=request.business_line
                )
            except NotFoundError:
                # An operator erased this conversation while the chat was open: carry on
                # in a new one rather than fail the customer's message.
                return self._record_user(
                    TurnRequest(**{**request.__dict__, "conversation_id": None, "regenerate": False}),
                    text,
                    detection,
                )
        if not request.regenerate:
            self.store.add_message(
                conversation_id,
                role="user",
                content=text,
                language=detection.tag,
                meta={"detection_reason": detection.reason, "confidence": round(detection.confidence, 3)},
            )
        return conversation_id

    def _start_reply(self, conversation_id: str | None, detection: lang.Detection) -> str | None:
        if self.store is None or conversation_id is None:
            return None
        return self.store.add_message(
            conversation_id, role="assistant", content="", status="streaming", language=detection.tag
        )

    def _save_reply(
        self,
        reply_id: str,
        reply: str,
        status: TurnStatus,
        latency_ms: float | None,
        usage: Usage,
        meta: dict[str, object] | None = None,
    ) -> None:
        assert self.store is not None
        self.store.update_message(
            reply_id,
            content=reply,
            status=status,
            latency_ms=latency_ms,
            completion_tokens=usage.completion_tokens,
            meta=meta,
        )


def build_messages(prompt: SystemPrompt, history: Sequence[ChatMessage], text: str) -> list[ChatMessage]:
    """The model's input: persona prompt, earlier turns, the new message.

    When the persona tells the model that customer text arrives between delimiters (all
    shipped personas do), every customer message is wrapped in them, so "ignore previous
    instructions" stays data. A custom persona that does not mention them gets plain text.
    """
    delimit = CUSTOMER_OPEN in prompt.text

    def customer(content: str) -> str:
        return wrap_customer_message(content) if delimit else content

    messages: list[ChatMessage] = [{"role": "system", "content": prompt.text}]
    for m in history:
        content = customer(m["content"]) if m["role"] == "user" else m["content"]
        messages.append({"role": m["role"], "content": content})
    messages.append({"role": "user", "content": customer(text)})
    return messages


def _closing(chunks: Iterator[str]) -> Iterator[str]:
    """Iterate ``chunks`` and always close it, so a backend stopped early (drift guard,
    consumer gone) frees its worker at once rather than when garbage-collected."""
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


__all__ = ["ConsoleError", "Pipeline", "TurnRequest", "TurnUpdate", "validate_text"]
