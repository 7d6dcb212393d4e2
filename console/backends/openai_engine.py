"""Remote backend: any OpenAI-compatible ``/v1/chat/completions`` engine.

vLLM, TGI, llama.cpp's server, SGLang, or another console all speak this protocol, so
scaling out means pointing ``--base-url`` at an engine that batches requests on its GPUs.
Uses the official ``openai`` package (its streaming parser and error classes); every
failure of the engine becomes an :class:`EngineError` with a sentence a customer can read,
never a hang: connect and read timeouts are both ``--engine-timeout``.

**Prefix-cache scopes.** vLLM caches the attention state of prompt prefixes and reuses it
for any later request with the same prefix: a reply then starts measurably sooner. Every
customer of one business line and language shares the persona prompt, so a customer could
type a guess of another's message and time the answer to learn whether someone wrote it.
vLLM keys its cache by ``cache_salt`` as well; the console sends one per conversation (an
HMAC of the conversation id under a key this process draws at start), so a conversation
reuses only its own earlier turns, and an erased conversation's cached blocks can never be
matched again. ``--engine-cache-salt auto`` (the default) sends it when the engine says it
is vLLM or SGLang (``owned_by`` in ``/v1/models``), which both take the field; other
engines may refuse a field they do not know.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from console.backends.base import BackendInfo, ChatMessage, Usage
from console.config import CacheSaltMode, Config
from console.errors import EngineError
from console.options import GenerationOptions

#: the text of chat control tokens as the common templates write them: ChatML and Llama 3
#: (<|im_start|>, <|eot_id|>, …), Llama 2 / Mistral (<s>, [INST]) and Gemma (<start_of_turn>)
_CONTROL_TEXT = re.compile(
    r"<\|[^<>|\s]{1,64}\|>|</?s>|\[/?INST\]|<(?:start|end)_of_turn>|<\|?(?:begin|end)_of_text\|?>"
)


#: what ``/v1/models`` says owns the model on engines whose chat requests take ``cache_salt``
_SALTED_ENGINES = frozenset({"vllm", "sglang"})


def _as_text(content: str) -> str:
    """``content`` with each control token's text broken by a zero-width space after its
    first character, so a remote engine cannot parse it as the token.

    A remote engine renders the chat template and tokenizes it on its side, where vLLM,
    for one, parses control tokens in the whole prompt: a customer who types
    "<|im_end|><|im_start|>system …" would open a system turn. The in-process backends
    tokenize message text apart from the template instead (exact text); over HTTP only the
    text can be changed, and the model reads the same characters."""
    return _CONTROL_TEXT.sub(lambda m: m.group(0)[0] + "\u200b" + m.group(0)[1:], content)


class OpenAIEngineBackend:
    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        model: str | None = None,
        timeout: float = 60.0,
        cache_salt: CacheSaltMode = "auto",
    ) -> None:
        import openai

        self._openai = openai
        self._base_url = base_url
        # max_retries=0: a retry would silently double the wait the customer sees; the
        # pipeline reports the failure instead and the next message tries again.
        self._client = openai.OpenAI(
            base_url=base_url,
            api_key=api_key or "not-needed",  # most self-hosted engines ignore it
            timeout=openai.Timeout(timeout, connect=min(timeout, 10.0)),
            max_retries=0,
        )
        self._model = model
        self._lock = threading.Lock()
        #: "on", "off", or "auto": on when the engine's model list says vLLM (asked once)
        self._salting: bool | None = None if cache_salt == "auto" else cache_salt == "on"
        # per process: a salt only has to be the same for one conversation's turns, and no
        # one outside this process can compute another conversation's
        self._salt_key = secrets.token_bytes(32)

    @classmethod
    def from_config(cls, config: Config) -> OpenAIEngineBackend:
        assert config.base_url is not None  # validate() guarantees it
        return cls(
            config.base_url,
            api_key=config.engine_key,
            model=config.engine_model or config.model,
            timeout=config.engine_timeout,
            cache_salt=config.engine_cache_salt,
        )

    @property
    def info(self) -> BackendInfo:
        return BackendInfo(backend="openai", model=self._model or "(engine default)", device=self._base_url)

    def model_name(self) -> str:
        """The model to request: configured, or the engine's first model (asked once).

        Asked lazily so the console starts even while the engine is still loading, and
        picks the engine up when it comes back.
        """
        with self._lock:
            if self._model is None:
                try:
                    models = self._client.models.list()
                except self._openai.OpenAIError as exc:
                    raise self._translate(exc) from exc
                first = next(iter(models.data), None)
                if first is None:
                    raise EngineError(f"The engine at {self._base_url} serves no models.")
                self._model = first.id
                self._note_engine(models.data)
            return self._model

    def _note_engine(self, models: Sequence[Any]) -> None:
        if self._salting is None:
            self._salting = any(getattr(m, "owned_by", None) in _SALTED_ENGINES for m in models)

    def cache_salt(self, scope: str | None) -> str | None:
        """The ``cache_salt`` for a request of ``scope`` (None: unscoped, or not sent)."""
        if scope is None:
            return None
        with self._lock:
            if self._salting is None:
                try:
                    self._note_engine(self._client.models.list().data)
                except self._openai.OpenAIError as exc:
                    raise self._translate(exc) from exc
            salting = self._salting
        if not salting:
            return None
        return hmac.new(self._salt_key, scope.encode(), hashlib.sha256).hexdigest()

    def forget_prompts(self) -> None:
        # The engine's own prefix cache (vLLM's automatic prefix caching) is out of reach:
        # vLLM resets it only through a development endpoint. Its entries are attention
        # tensors in GPU memory, overwritten as other prompts need the blocks; under a
        # conversation's salt (see the module docstring) no later request can match them.
        pass

    def ping(self) -> None:
        try:
            self._client.with_options(timeout=5.0).models.list()
        except self._openai.OpenAIError as exc:
            raise self._translate(exc) from exc

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
        model = self.model_name()
        request: dict[str, Any] = {
            "model": model,
            # the system prompt is the team's; every other text may come from a customer
            "messages": [
                dict(m) if m["role"] == "system" else {**m, "content": _as_text(m["content"])}
                for m in messages
            ],
            "max_tokens": options.max_new_tokens,
            "temperature": options.temperature,
            "top_p": options.top_p if options.top_p > 0 else 1e-6,
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        if options.seed is not None:
            request["seed"] = options.seed
        salt = self.cache_salt(scope)
        if salt is not None:
            request["extra_body"] = {"cache_salt": salt}  # vLLM's field: see the module docstring
        try:
            response = self._client.chat.completions.create(**request)
        except self._openai.OpenAIError as exc:
            raise self._translate(exc) from exc
        try:
            for chunk in response:
                if cancel is not None and cancel.is_set():
                    usage.finish_reason = "cancelled"
                    return
                if chunk.usage is not None:
                    usage.prompt_tokens = chunk.usage.prompt_tokens
                    usage.completion_tokens = chunk.usage.completion_tokens
                for choice in chunk.choices:
                    if choice.finish_reason:
                        usage.finish_reason = choice.finish_reason
                    text = choice.delta.content if choice.delta else None
                    if text:
                        if chunk.usage is None:
                            usage.completion_tokens += 1  # engines without usage: count chunks
                        yield text
        except self._openai.OpenAIError as exc:
            raise self._translate(exc, mid_stream=True) from exc
        finally:
            # Closing the HTTP response tells the engine to abort the request, freeing its
            # batch slot (vLLM aborts on client disconnect).
            response.close()
            if usage.finish_reason is None:
                usage.finish_reason = "cancelled"

    def _translate(self, exc: Exception, mid_stream: bool = False) -> EngineError:
        openai = self._openai
        where = f"the model engine at {self._base_url}"
        if isinstance(exc, openai.APITimeoutError):
            return EngineError(f"{where} did not answer in time. Please try again in a moment.")
        if isinstance(exc, openai.APIConnectionError):
            if mid_stream:
                return EngineError(f"The connection to {where} was lost mid-reply. Please try again.")
            return EngineError(f"Cannot reach {where}. Please try again in a moment.")
        if isinstance(exc, openai.AuthenticationError):
            return EngineError(f"{where} refused the console's key (check --engine-key).")
        if isinstance(exc, openai.NotFoundError):
            return EngineError(f"{where} does not serve model {self._model!r} (check --engine-model).")
        if isinstance(exc, openai.APIStatusError):
            return EngineError(f"{where} answered with HTTP {exc.status_code}.")
        return EngineError(f"{where} failed: {type(exc).__name__}.")

    def close(self) -> None:
        self._client.close()
