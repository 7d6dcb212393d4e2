"""The backend interface: messages and options in, text chunks out.

A backend is anything with ``info`` and ``stream``. ``stream`` is a generator so that
cancelling is ordinary Python: the caller stops iterating and calls ``close()`` (or sets the
``cancel`` event from another thread, which is what the Stop button does); the backend's
``finally`` block then stops the model and frees the worker.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypedDict, runtime_checkable

from console.options import GenerationOptions

Role = Literal["system", "user", "assistant"]


class ChatMessage(TypedDict):
    role: Role
    content: str


@dataclass(frozen=True)
class BackendInfo:
    """What the UI shows and the store records about the model answering."""

    backend: str  # "transformers" | "openai" | a test double's name
    model: str  # model id or path as given
    device: str  # "cuda:0", "cpu", or the engine's base URL
    quantization: str | None = None  # "gptq-int4", "gguf-q4_1", None for full precision
    defaults: GenerationOptions = field(default_factory=GenerationOptions)
    context_length: int | None = None


@dataclass
class Usage:
    """Filled in by a backend while it streams, read by the pipeline when it ends.

    A separate object rather than a generator return value so a consumer that stops
    early (Stop button) still sees the counts so far.
    """

    prompt_tokens: int | None = None
    #: of prompt_tokens, how many came from a cache of an earlier request (not processed again)
    cached_tokens: int = 0
    completion_tokens: int = 0
    #: "stop" (EOS), "length" (max_new_tokens), "cancelled"
    finish_reason: str | None = None


@runtime_checkable
class Backend(Protocol):
    @property
    def info(self) -> BackendInfo: ...

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: threading.Event | None = None,
        usage: Usage | None = None,
        *,
        scope: str | None = None,
    ) -> Iterator[str]:
        """Yield the reply as text chunks (never empty strings, never split characters).

        Ends when the model emits EOS, reaches ``options.max_new_tokens``, or ``cancel`` is
        set. Raises :class:`console.errors.BackendError` subclasses on failure.

        ``scope``: the conversation the prompt belongs to. An engine shared by many
        customers (vLLM) reuses a cached prompt prefix only within one scope, so nobody can
        time their own requests to learn what another conversation said; None: no scope.
        """
        ...

    def ping(self) -> None:
        """Raise a BackendError unless the backend can answer now (readiness checks)."""
        ...

    def forget_prompts(self) -> None:
        """Drop every prompt state kept for reuse (attention caches of earlier prompts).

        Called when a conversation is erased: the caches are keyed by tokens, not by
        conversation, so all go; the next prompts are processed again in full. A backend
        that keeps nothing between requests does nothing."""
        ...

    def close(self) -> None:
        """Free the model / connections. Safe to call twice."""
        ...
