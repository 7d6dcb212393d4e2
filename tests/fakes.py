"""A scripted backend for tests that need exact text, used through the real interface.

It honours everything the real backends do that callers depend on: options, the cancel
event, closing the generator, usage counts, and errors as BackendError.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from console.backends.base import BackendInfo, ChatMessage, Usage
from console.errors import EngineError
from console.options import GenerationOptions


def split_words(text: str) -> list[str]:
    """Chunks the way a model streams: a word (with its leading space) at a time."""
    chunks: list[str] = []
    current = ""
    for ch in text:
        if ch == " " and current:
            chunks.append(current)
            current = ""
        current += ch
    if current:
        chunks.append(current)
    return chunks


def prose(words: int, word: str = "word") -> str:
    """A long scripted reply that is not a loop: "word1 word2 … wordN". The console stops a
    reply that repeats itself (console/guard/repetition.py), so "word word word" would end
    after three; count these with ``text.count(word)`` or ``len(text.split())``."""
    return " ".join(f"{word}{n}" for n in range(1, words + 1))


@dataclass
class ScriptedBackend:
    """Replies with ``reply(messages)``, one word per chunk, ``delay`` seconds apart.

    ``max_new_tokens`` counts chunks, so a slider that lowers it visibly cuts the reply.
    ``fail_after`` raises an EngineError after that many chunks (engine dying mid-stream).
    """

    reply: Callable[[Sequence[ChatMessage]], str] = lambda messages: "Hello! How can I help you today?"
    delay: float = 0.0
    fail_after: int | None = None
    name: str = "scripted"
    calls: list[tuple[list[ChatMessage], GenerationOptions]] = field(default_factory=list)
    closed_streams: int = 0
    active: int = 0
    max_active: int = 0  # most streams seen running at the same moment
    forgotten: int = 0  # forget_prompts calls (an erasure)
    scopes: list[str | None] = field(default_factory=list)  # each call's ``scope``, in order
    #: keep every call's messages in ``calls`` (tests read them). A long run turns it off:
    #: a conversation of n turns sends n histories, so the copies grow with n squared (the
    #: soak's 20 customers for 60 s kept ~85 MB of them, most of its "server RSS growth")
    record: bool = True
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def info(self) -> BackendInfo:
        return BackendInfo(backend=self.name, model="scripted-test-model", device="cpu")

    @property
    def answers(self) -> list[tuple[list[ChatMessage], GenerationOptions]]:
        """The calls that answered a customer: all but the operators' translations
        (console/translation.py, its instruction in prompts/_i18n/translation.yaml)."""
        return [call for call in self.calls if not is_translation(call[0])]

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: threading.Event | None = None,
        usage: Usage | None = None,
        *,
        scope: str | None = None,
    ) -> Iterator[str]:
        usage = usage if usage is not None else Usage()
        with self._lock:
            if self.record:
                self.calls.append(([dict(m) for m in messages], options))  # type: ignore[misc]
                self.scopes.append(scope)
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        usage.prompt_tokens = sum(len(m["content"].split()) for m in messages)
        chunks = split_words(self.reply(messages))
        try:
            for index, chunk in enumerate(chunks):
                if index >= options.max_new_tokens:
                    usage.finish_reason = "length"
                    return
                if cancel is not None and cancel.is_set():
                    usage.finish_reason = "cancelled"
                    return
                if self.fail_after is not None and index >= self.fail_after:
                    raise EngineError("Cannot reach the model engine at test. Please try again in a moment.")
                if self.delay:
                    time.sleep(self.delay)
                usage.completion_tokens += 1
                yield chunk
            usage.finish_reason = "stop"
        finally:
            with self._lock:
                self.closed_streams += 1
                self.active -= 1

    def forget_prompts(self) -> None:
        self.forgotten += 1

    def ping(self) -> None:
        pass

    def close(self) -> None:
        pass

    @property
    def last_messages(self) -> list[ChatMessage]:
        return self.calls[-1][0]


def is_translation(messages: Sequence[ChatMessage]) -> bool:
    """A call made to translate for an operator, not to answer a customer."""
    return (
        bool(messages)
        and messages[0]["role"] == "system"
        and "professional translator" in messages[0]["content"]
    )


@dataclass
class HeldBackend(ScriptedBackend):
    """A stream whose last message contains a key of ``gates`` stops after ``after`` chunks
    until that gate opens, so the test sees each place in line for as long as it needs,
    however slow the machine (with fixed reply lengths a place showed for a few seconds at
    most, and a loaded CI missed one). Keyed by the customer's text, not by call order: a
    reply judged to be in the wrong language is generated again, as a second call."""

    gates: dict[str, threading.Event] = field(default_factory=dict)
    after: int = 3

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: threading.Event | None = None,
        usage: Usage | None = None,
        *,
        scope: str | None = None,
    ) -> Iterator[str]:
        last = messages[-1]["content"] if messages else ""
        gate = next((g for key, g in self.gates.items() if key in last), None)
        for i, chunk in enumerate(super().stream(messages, options, cancel, usage, scope=scope)):
            if gate is not None and i == self.after:
                gate.wait(120)
            yield chunk
