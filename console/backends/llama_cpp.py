"""In-process backend for GGUF files: llama.cpp through ``llama-cpp-python``.

Why not transformers for GGUF: transformers de-quantizes a GGUF file into fp32 tensors
(1.2 GB resident for the 135M bundled model) and decodes about 5x slower than llama.cpp's
own quantized CPU kernels on the same machine (DESIGN.md, "CPU speed").

One llama.cpp context serves one generation at a time (a context is not thread-safe); a
second stream waits for the first to finish. Prompt reuse is llama.cpp's: the context
keeps the tokens it last processed and a new prompt only processes what differs from them
(``Llama.generate``'s prefix match), and a small store of saved context states keeps the
last few prompts (personas) so switching between them does not start from scratch.
``llama_cpp`` is imported here and nowhere else.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from console.backends.base import BackendInfo, ChatMessage, Usage
from console.backends.handoff import Handoff
from console.errors import BackendError, ModelLoadError, ModelNotFoundError
from console.options import GenerationOptions

log = logging.getLogger(__name__)

_TOKEN_TIMEOUT_S = 300.0
#: a context this long holds any persona (<= 3,250 tokens) plus a long conversation; the
#: KV cache is allocated up front, so a model's full training context would waste memory
_MAX_CONTEXT = 8192
#: ChatML and other templates' end-of-turn markers, stopped on besides the model's EOS
_END_MARKERS = ("<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<end_of_turn>")


def llama_cpp_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("llama_cpp") is not None


def _common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


class _States:
    """Saved llama.cpp context states keyed by the tokens they hold, least recently used
    out, bounded in bytes: the personas recently served, so a request for another persona
    than the last one still skips its prompt.

    Saved with llama.cpp's own state calls rather than ``Llama.save_state``, which also
    copies the context's whole logits buffer (hundreds of MB for Qwen's vocabulary)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._states: OrderedDict[tuple[int, ...], bytes] = OrderedDict()
        self._bytes = 0

    def best(self, tokens: Sequence[int]) -> tuple[int, tuple[int, ...] | None]:
        best_len, best_key = 0, None
        for key in self._states:
            common = _common_prefix(key, tokens)
            if common > best_len:
                best_len, best_key = common, key
        if best_key is not None:
            self._states.move_to_end(best_key)
        return best_len, best_key

    def save(self, llama: Any) -> None:
        import ctypes

        import llama_cpp

        tokens = tuple(int(t) for t in llama._input_ids[: llama.n_tokens])
        if tokens in self._states:
            return
        size = int(llama_cpp.llama_state_get_size(llama._ctx.ctx))
        if size > self.max_bytes:
            return
        buffer = (ctypes.c_uint8 * size)()
        written = int(llama_cpp.llama_state_get_data(llama._ctx.ctx, buffer, size))
        data = bytes(buffer[:written])
        # a state whose tokens the new one extends is redundant
        for key in [k for k in self._states if len(k) <= len(tokens) and tokens[: len(k)] == k]:
            self._bytes -= len(self._states.pop(key))
        while self._states and self._bytes + len(data) > self.max_bytes:
            self._bytes -= len(self._states.popitem(last=False)[1])
        self._states[tokens] = data
        self._bytes += len(data)

    def clear(self) -> None:
        self._states.clear()
        self._bytes = 0

    def restore(self, llama: Any, key: tuple[int, ...]) -> None:
        import ctypes

        import llama_cpp

        data = self._states[key]
        buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        if int(llama_cpp.llama_state_set_data(llama._ctx.ctx, buffer, len(data))) != len(data):
            raise BackendError("llama.cpp could not restore a saved prompt state.")
        llama.input_ids[: len(key)] = key
        llama.n_tokens = len(key)
        llama._requires_eval = True  # the logits of the restored state are not kept


class LlamaCppBackend:
    """Streams replies from a GGUF model through llama.cpp."""

    def __init__(self, llama: Any, info: BackendInfo, stop_ids: set[int], state_bytes: int) -> None:
        self._llama = llama
        self._info = info
        self._stop_ids = stop_ids
        self._lock = threading.Lock()  # one generation at a time per context
        self._states = _States(state_bytes)
        #: set by forget_prompts; the next generation (under ``_lock``) empties the context
        #: too, so a call never waits for a generation of another conversation to end
        self._forget = threading.Event()
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        template = llama.metadata.get("tokenizer.chat_template")
        if not template:
            raise ModelLoadError(f"{info.model} has no chat template: use an instruct/chat GGUF model.")
        eos = llama.detokenize([llama.token_eos()], special=True).decode("utf-8", "replace")
        bos_id = llama.token_bos()
        bos = llama.detokenize([bos_id], special=True).decode("utf-8", "replace") if bos_id >= 0 else ""
        self._formatter = Jinja2ChatFormatter(template=template, eos_token=eos, bos_token=bos)

    @property
    def info(self) -> BackendInfo:
        return self._info

    @classmethod
    def load(
        cls, model_path: str, *, n_threads: int | None = None, prefix_cache_mb: int = 512
    ) -> LlamaCppBackend:
        path = Path(model_path)
        if not path.is_file():
            raise ModelNotFoundError(f"No GGUF file at {path}. Pass --model PATH.")
        from llama_cpp import Llama

        started = time.perf_counter()
        threads = n_threads or os.cpu_count() or 1
        try:
            settings: dict[str, Any] = {"n_threads": threads, "n_threads_batch": threads, "verbose": False}
            llama = Llama(model_path=str(path), n_ctx=_MAX_CONTEXT, **settings)
            trained = int(llama._model.n_ctx_train())
            if trained < _MAX_CONTEXT:  # a model trained on shorter texts: no use for more
                del llama
                llama = Llama(model_path=str(path), n_ctx=trained, **settings)
        except (ValueError, RuntimeError) as exc:
            raise ModelLoadError(
                f"Could not load {model_path} with llama.cpp: {exc}".splitlines()[0]
            ) from exc
        stop_ids = {int(llama.token_eos())}
        for marker in _END_MARKERS:
            ids = llama.tokenize(marker.encode(), add_bos=False, special=True)
            if len(ids) == 1:
                stop_ids.add(int(ids[0]))
        file_type = llama.metadata.get("general.file_type")
        info = BackendInfo(
            backend="llama.cpp",
            model=model_path,
            device="cpu",
            quantization=f"gguf-{_FILE_TYPES.get(str(file_type), file_type or '?')}",
            defaults=GenerationOptions(),
            context_length=int(llama.n_ctx()),
        )
        log.info(
            "loaded %s with llama.cpp (%d threads) in %.1f s",
            model_path,
            threads,
            time.perf_counter() - started,
        )
        return cls(llama, info, stop_ids, prefix_cache_mb * 2**20)

    def render_prompt(self, messages: Sequence[ChatMessage]) -> list[int]:
        """Token ids of the chat through the model's chat template.

        Only the template writes control tokens. The rendered prompt is tokenized with
        them parsed, so a message whose text spells one out ("<|im_end|><|im_start|>system
        …", typed by a customer or echoed by the model into an earlier reply) would open a
        turn of another role; such a message is rendered as a placeholder and its text
        tokenized apart, as plain text. (transformers' ``sanitize_control_tokens`` does
        the same for the other backend; llama-cpp-python has no equivalent.)
        """
        chat: Any = [dict(m) for m in messages]
        # the system prompt is the team's (persona, knowledge); every other text is checked
        spelled = [
            i for i, m in enumerate(chat) if m["role"] != "system" and self._spells_control(m["content"])
        ]
        if not spelled:  # the common case: one tokenization, exactly the template's
            return self._tokens(self._formatter(messages=chat).prompt, special=True)
        # a nonce per call, so no message text can pose as a placeholder
        nonce = secrets.token_hex(8)
        texts: dict[str, str] = {}
        for i in spelled:
            mark = f"\ue000{nonce}{i}\ue001"
            texts[mark] = chat[i]["content"]
            chat[i]["content"] = mark
        prompt = self._formatter(messages=chat).prompt
        ids: list[int] = []
        for piece in re.split(f"(\ue000{nonce}\\d+\ue001)", prompt):
            if piece in texts:
                ids += self._tokens(texts[piece], special=False)
            elif piece:
                ids += self._tokens(piece, special=True)
        return ids

    def _tokens(self, text: str, *, special: bool) -> list[int]:
        return list(self._llama.tokenize(text.encode("utf-8"), add_bos=False, special=special))

    def _spells_control(self, text: str) -> bool:
        """Does ``text`` contain the text of a control token (it tokenizes differently
        when control tokens are parsed)?"""
        return self._tokens(text, special=True) != self._tokens(text, special=False)

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: threading.Event | None = None,
        usage: Usage | None = None,
        *,
        scope: str | None = None,
    ) -> Iterator[str]:
        # ``scope`` is not used in-process: the prefix cache here shares the persona prompt
        # across conversations on purpose (seconds of prompt processing saved per first
        # message on a CPU), is this process's alone, and an erasure empties it
        # (forget_prompts). Its timing side channel is the one a shared engine closes with
        # scopes (README, "Scaling out").
        cancel = cancel or threading.Event()
        closed = threading.Event()
        usage = usage if usage is not None else Usage()
        try:
            prompt = self.render_prompt(messages)
        except Exception as exc:  # jinja errors: the template refused these messages
            raise BackendError(f"The model's chat template rejected the conversation: {exc}") from exc
        if self._info.context_length and len(prompt) + options.max_new_tokens > self._info.context_length:
            raise BackendError(
                f"The conversation ({len(prompt)} tokens) and the reply do not fit the model's "
                f"context of {self._info.context_length} tokens."
            )
        usage.prompt_tokens = len(prompt)
        handoff = Handoff()
        counts = {"generated": 0}
        finish = {"reason": "stop"}

        started = threading.Event()

        def run() -> None:
            try:
                with self._lock:
                    if cancel.is_set() or closed.is_set():  # stopped while waiting for the context
                        finish["reason"] = "cancelled"
                    else:
                        started.set()
                        self._generate(prompt, options, cancel, closed, usage, handoff, counts, finish)
                handoff.finish()
            except BaseException as exc:  # handed to the consumer thread, which raises it
                handoff.finish(exc)

        worker = threading.Thread(target=run, name="generate", daemon=True)
        worker.start()
        try:
            finished = False
            while not finished:
                try:
                    text, finished = handoff.take(_TOKEN_TIMEOUT_S)
                except BackendError:
                    raise
                except BaseException as exc:
                    raise BackendError(f"Generation failed: {type(exc).__name__}: {exc}") from exc
                usage.completion_tokens = counts["generated"]
                if text:
                    yield text
            usage.completion_tokens = counts["generated"]
            usage.finish_reason = "cancelled" if cancel.is_set() else finish["reason"]
        finally:
            closed.set()
            # a worker still waiting for the context leaves by itself once it gets it;
            # only one that is generating is waited for (it stops at its next token)
            if started.is_set():
                worker.join(timeout=30)
            if usage.finish_reason is None:
                usage.finish_reason = "cancelled"

    def _generate(
        self,
        prompt: list[int],
        options: GenerationOptions,
        cancel: threading.Event,
        closed: threading.Event,
        usage: Usage,
        handoff: Handoff,
        counts: dict[str, int],
        finish: dict[str, str],
    ) -> None:
        llama = self._llama
        if self._forget.is_set():
            self._forget.clear()
            self._states.clear()
            llama.reset()
        current = list(llama._input_ids[: llama.n_tokens])
        reused = _common_prefix(current, prompt)
        saved_len, saved = self._states.best(prompt)
        if saved is not None and saved_len > reused + 16:
            self._states.restore(llama, saved)
            reused = saved_len
        usage.cached_tokens = min(reused, len(prompt) - 1)
        if options.seed is not None:
            llama.set_seed(options.seed)
        sampling: dict[str, Any] = (
            {"temp": 0.0, "top_k": 1, "top_p": 1.0, "min_p": 0.0}
            if options.greedy
            else {"temp": options.temperature, "top_p": options.top_p or 1e-6, "top_k": 0, "min_p": 0.0}
        )
        utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
        finish["reason"] = "length"
        for token in llama.generate(prompt, repeat_penalty=1.0, reset=True, **sampling):
            if cancel.is_set() or closed.is_set():
                finish["reason"] = "cancelled"
                break
            if token in self._stop_ids:
                finish["reason"] = "stop"
                counts["generated"] += 1  # the end-of-turn token counts, as with transformers
                break
            counts["generated"] += 1
            text = utf8.decode(llama.detokenize([token], special=False))
            if text:
                handoff.put(text)
            if counts["generated"] >= options.max_new_tokens:
                break
            if counts["generated"] == 1 and len(prompt) - reused > 64:
                # a new prompt was just processed: keep its state for later requests that
                # start the same way (same persona), whatever this context serves between
                self._states.save(llama)
        # an incomplete UTF-8 tail (the limit fell inside a character) is dropped
        utf8.reset()

    def forget_prompts(self) -> None:
        self._forget.set()  # the saved states are read under _lock: cleared there

    def ping(self) -> None:
        if self._llama is None:
            raise BackendError("The model has been unloaded.")

    def close(self) -> None:
        self._llama = None


#: llama.cpp's ``general.file_type`` numbers for the common quantizations
_FILE_TYPES = {
    "0": "f32",
    "1": "f16",
    "2": "q4_0",
    "3": "q4_1",
    "7": "q8_0",
    "15": "q4_k_m",
    "17": "q5_k_m",
    "18": "q6_k",
    "32": "bf16",
}
