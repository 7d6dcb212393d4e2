"""Many conversations share one in-process model through batched decoding.

One scheduler thread owns the model. A stream joins by submitting its prompt; between two
decode steps the scheduler processes the new prompt (reusing the prefix cache), then adds
the stream's row to the running batch. Every decode step runs one forward pass for all
rows at once, which on a CPU or GPU costs little more than one row (DESIGN.md: batched
decoding gave 5.5x the aggregate rate at 8 streams). A stream that ends (end of turn,
token limit, Stop, a closed browser) leaves the batch at the next step, freeing its slot.

Rows have different lengths: the batch's key/value tensors are left-padded to a common
length, an attention mask hides the padding and each row gets its own positions, so a row
computes exactly what it would alone (greedy output is the same token for token).
Sampling is per row: temperature, top_p, the token limit and a seed (a per-stream
generator, so two seeded streams cannot disturb each other). Tokens go to each stream
through a non-blocking hand-off, so a slow reader never holds up the others.

Why not transformers' continuous batching (``generate_batch`` with paged attention): on
the CPU it ran 26 tok/s for 8 streams where plain batched forward passes ran 2,339
(DESIGN.md, measured with this tiny model); it is worth measuring again on a GPU.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
import weakref
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from console.backends.prefix_cache import PrefixCache
from console.errors import BackendError
from console.options import GenerationOptions

log = logging.getLogger(__name__)

#: running schedulers, stopped at interpreter exit: a thread still inside torch when the
#: interpreter tears down aborts the process ("terminate called without an active exception")
_RUNNING: weakref.WeakSet[BatchScheduler] = weakref.WeakSet()


@atexit.register
def _stop_all() -> None:
    for scheduler in list(_RUNNING):
        scheduler.close()


@dataclass
class Request:
    """One stream's place in the scheduler; read by the stream, written by the scheduler."""

    prompt: list[int]
    options: GenerationOptions
    cancel: threading.Event  # the caller's (Stop button)
    closed: threading.Event = field(default_factory=threading.Event)  # the stream's consumer left
    ids: list[int] = field(default_factory=list)  # generated so far (stop token excluded)
    cached_tokens: int = 0
    finish_reason: str | None = None
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)
    wake: threading.Condition = field(default_factory=threading.Condition)
    queued_ahead: int = 0  # streams that must finish before this one gets a slot
    #: wake the reader at most this often (the first token and the end at once): a thread
    #: switch per token costs ~20% of a small model's throughput, and nobody reads faster
    interval: float = 0.005
    _last_wake: float = 0.0

    def cancelled(self) -> bool:
        return self.cancel.is_set() or self.closed.is_set()

    def push(self, token: int) -> None:
        with self.wake:
            self.ids.append(token)
            now = time.monotonic()
            if len(self.ids) == 1 or now - self._last_wake >= self.interval:
                self._last_wake = now
                self.wake.notify()

    def take(self, seen: int, timeout: float) -> tuple[list[int], bool]:
        """Ids after the first ``seen``, and whether the stream has ended."""
        deadline = time.monotonic() + timeout
        with self.wake:
            while len(self.ids) == seen and not self.done.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise BackendError("The model stopped producing tokens (timed out).")
                self.wake.wait(min(remaining, self.interval * 2))
            return self.ids[seen:], self.done.is_set()

    def finish(self, reason: str, error: BaseException | None = None) -> None:
        with self.wake:
            self.finish_reason, self.error = reason, error
            self.done.set()
            self.wake.notify()


@dataclass
class _Row:
    request: Request
    length: int  # real tokens in the cache for this row
    last: int  # the token to feed next
    seen: Any  # prompt + generated ids (repetition penalty), a 1-D tensor
    generator: Any


class BatchScheduler:
    """Runs the model for every active stream, one batched forward pass per step."""

    def __init__(
        self,
        model: Any,
        stop_ids: list[int],
        prefix_cache: PrefixCache | None,
        *,
        max_batch: int = 16,
        repetition_penalty: float = 1.0,
        top_k: int | None = None,
    ) -> None:
        self._model = model
        self._stop = set(stop_ids)
        self._cache = prefix_cache
        self.max_batch = max_batch
        self._penalty = repetition_penalty
        self._top_k = top_k or None
        self._waiting: deque[Request] = deque()
        self._rows: list[_Row] = []
        self._keys: list[Any] = []  # per layer [B, kv_heads, T, head_dim], left-padded
        self._values: list[Any] = []
        self._mask: Any = None  # [B, T]: 1 real token, 0 padding
        self._past: Any = None  # a DynamicCache over _keys/_values, kept between steps
        self._lock = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._loop, name="batch-scheduler", daemon=True)
        self._thread.start()
        _RUNNING.add(self)

    # ----------------------------------------------------------- stream side

    def submit(self, prompt: list[int], options: GenerationOptions, cancel: threading.Event) -> Request:
        request = Request(prompt, options, cancel)
        with self._lock:
            if self._closed:
                raise BackendError("The model has been unloaded.")
            request.queued_ahead = max(0, len(self._waiting) + len(self._rows) - self.max_batch + 1)
            self._waiting.append(request)
            self._lock.notify()
        return request

    def wake(self) -> None:
        """A stream was cancelled: let the scheduler drop it now even if it is idle."""
        with self._lock:
            self._lock.notify()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._lock.notify()
        self._thread.join(timeout=30)

    @property
    def active(self) -> int:
        return len(self._rows)

    # -------------------------------------------------------- scheduler side

    def _loop(self) -> None:
        import torch

        with torch.inference_mode():
            while True:
                with self._lock:
                    while not self._closed and not self._waiting and not self._rows:
                        self._lock.wait()
                    if self._closed:
                        break
                    joining: list[Request] = []
                    while self._waiting and len(self._rows) + len(joining) < self.max_batch:
                        joining.append(self._waiting.popleft())
                try:
                    for request in joining:
                        self._admit(request)
                    self._drop_finished()
                    if self._rows:
                        self._step()
                        self._drop_finished()
                except BaseException as exc:  # the model failed: every stream learns it
                    log.exception("batched decoding failed")
                    for row in self._rows:
                        row.request.finish("error", exc)
                    self._rows, self._keys, self._values, self._mask = [], [], [], None
                    self._past = None
        for row in self._rows:
            row.request.finish("cancelled")
        for request in self._waiting:
            request.finish("cancelled")

    def _admit(self, request: Request) -> None:
        """Process the prompt (reusing cached prefixes), sample the first token, join."""
        import torch
        from transformers import DynamicCache

        if request.cancelled():
            request.finish("cancelled")
            return
        device = self._model.device
        past = DynamicCache(config=self._model.config)
        start = 0
        if self._cache is not None:
            hit = self._cache.lookup(request.prompt)
            if hit.layers is not None:
                layers: list[Any] = list(past.layers)
                for layer, (keys, values) in zip(layers, hit.layers, strict=True):
                    layer.update(keys.to(device), values.to(device))
                start = hit.length
        request.cached_tokens = start
        new = torch.tensor([request.prompt[start:]], dtype=torch.long, device=device)
        out = self._model(input_ids=new, past_key_values=past, use_cache=True, logits_to_keep=1)
        generator = None
        if request.options.seed is not None:
            generator = torch.Generator(device=device).manual_seed(request.options.seed)
        row = _Row(
            request,
            len(request.prompt),
            0,
            torch.tensor(request.prompt, dtype=torch.long, device=device),
            generator,
        )
        token = self._sample(out.logits[:, -1, :], [row])[0]
        filled: list[Any] = list(past.layers)
        layer_kv = [(layer.keys, layer.values) for layer in filled]
        if self._cache is not None:
            self._cache.store(request.prompt, layer_kv)  # the persona outlives this stream
        # join before the token is handed out: a stream that sees its first token is already a
        # row of the running batch (a finished one leaves again in the loop's _drop_finished)
        self._join(row, layer_kv)
        self._emit(row, token)

    def _join(self, row: _Row, layer_kv: list[tuple[Any, Any]]) -> None:
        import torch

        self._past = None

        length = row.length
        device = self._model.device
        if not self._rows:
            self._keys = [k for k, _ in layer_kv]
            self._values = [v for _, v in layer_kv]
            self._mask = torch.ones((1, length), dtype=torch.long, device=device)
            self._rows = [row]
            return
        width = self._mask.shape[1]
        if length > width:  # widen the batch: more left padding for everyone else
            grow = length - width
            self._keys = [_pad_left(k, grow) for k in self._keys]
            self._values = [_pad_left(v, grow) for v in self._values]
            self._mask = torch.nn.functional.pad(self._mask, (grow, 0))
            width = length
        pad = width - length
        self._keys = [
            torch.cat([k, _pad_left(n, pad)]) for k, (n, _) in zip(self._keys, layer_kv, strict=True)
        ]
        self._values = [
            torch.cat([v, _pad_left(n, pad)]) for v, (_, n) in zip(self._values, layer_kv, strict=True)
        ]
        row_mask = torch.cat(
            [
                torch.zeros((1, pad), dtype=torch.long, device=device),
                torch.ones((1, length), dtype=torch.long, device=device),
            ],
            dim=1,
        )
        self._mask = torch.cat([self._mask, row_mask])
        self._rows.append(row)

    def _step(self) -> None:
        import torch
        from transformers import DynamicCache

        device = self._model.device
        if self._past is None:  # rebuilt only when rows joined or left
            self._past = DynamicCache(config=self._model.config)
            fresh: list[Any] = list(self._past.layers)
            for layer, keys, values in zip(fresh, self._keys, self._values, strict=True):
                layer.keys, layer.values = keys, values
                layer.dtype, layer.device, layer.is_initialized = keys.dtype, keys.device, True
        past = self._past
        layers: list[Any] = list(past.layers)
        ids = torch.tensor([[row.last] for row in self._rows], dtype=torch.long, device=device)
        positions = torch.tensor([[row.length] for row in self._rows], dtype=torch.long, device=device)
        mask = torch.nn.functional.pad(self._mask, (0, 1), value=1)
        out = self._model(
            input_ids=ids, attention_mask=mask, position_ids=positions, past_key_values=past, use_cache=True
        )
        self._keys = [layer.keys for layer in layers]
        self._values = [layer.values for layer in layers]
        self._mask = mask
        for row in self._rows:
            row.length += 1
        tokens = self._sample(out.logits[:, -1, :], self._rows)
        for row, token in zip(list(self._rows), tokens, strict=True):
            self._emit(row, token)

    def _emit(self, row: _Row, token: int) -> bool:
        """Hand the token to its stream; False when the stream is finished."""
        import torch

        request = row.request
        if request.cancelled():
            request.finish("cancelled")
            return False
        if token in self._stop:
            request.finish("stop")
            return False
        request.push(token)
        row.last = token
        if self._penalty != 1.0:
            row.seen = torch.cat([row.seen, torch.tensor([token], device=row.seen.device)])
        if len(request.ids) >= request.options.max_new_tokens:
            request.finish("length")
            return False
        return True

    def _drop_finished(self) -> None:
        """Rows whose stream ended (or was cancelled) leave the batch at once; their
        cache is kept for the conversation's next turn."""
        import torch

        keep = []
        for index, row in enumerate(self._rows):
            request = row.request
            if request.cancelled() and not request.done.is_set():
                request.finish("cancelled")
            if request.done.is_set():
                self._remember(index, row)
            else:
                keep.append(index)
        if len(keep) == len(self._rows):
            return
        self._past = None
        if not keep:
            self._rows, self._keys, self._values, self._mask = [], [], [], None
            return
        select = torch.tensor(keep, device=self._mask.device)
        self._rows = [self._rows[i] for i in keep]
        self._mask = self._mask.index_select(0, select)
        # columns that are padding in every remaining row go too
        lead = int((self._mask.cumsum(dim=1) == 0).all(dim=0).sum())
        self._mask = self._mask[:, lead:]
        self._keys = [k.index_select(0, select)[:, :, lead:] for k in self._keys]
        self._values = [v.index_select(0, select)[:, :, lead:] for v in self._values]

    def _remember(self, index: int, row: _Row) -> None:
        if self._cache is None or self._mask is None:
            return
        width = self._mask.shape[1]
        real = int(self._mask[index].sum())
        pad = width - real
        ids = (row.request.prompt + row.request.ids)[:real]
        if len(ids) != real:
            return
        layers = [
            (k[index : index + 1, :, pad:].clone(), v[index : index + 1, :, pad:].clone())
            for k, v in zip(self._keys, self._values, strict=True)
        ]
        self._cache.store(ids, layers)

    def _sample(self, logits: Any, rows: list[_Row]) -> list[int]:
        import torch

        logits = logits.float()
        if self._penalty != 1.0:
            for i, row in enumerate(rows):
                picked = logits[i].gather(0, row.seen)
                picked = torch.where(picked < 0, picked * self._penalty, picked / self._penalty)
                logits[i].scatter_(0, row.seen, picked)
        # one argmax, softmax and sort for the whole batch: per-row tensor calls cost more
        # than the arithmetic for small models
        tokens: list[int] = logits.argmax(dim=-1).tolist()
        sampled = [i for i, row in enumerate(rows) if not row.request.options.greedy]
        if not sampled:
            return tokens
        index = torch.tensor(sampled, device=logits.device)
        temperature = torch.tensor(
            [rows[i].request.options.temperature for i in sampled], device=logits.device
        ).unsqueeze(1)
        scores = logits.index_select(0, index) / temperature
        if self._top_k is not None:
            kth = torch.topk(scores, min(self._top_k, scores.shape[-1]), dim=-1).values[:, -1:]
            scores = scores.masked_fill(scores < kth, float("-inf"))
        probs = torch.softmax(scores, dim=-1)
        top_p = torch.tensor([rows[i].request.options.top_p for i in sampled], device=logits.device)
        if bool((top_p < 1.0).any()):
            sorted_probs, order = probs.sort(dim=-1, descending=True)
            # keep the smallest set whose mass reaches top_p (at least the most likely token)
            drop = sorted_probs.cumsum(dim=-1) - sorted_probs > top_p.clamp(min=1e-6).unsqueeze(1)
            drop &= (top_p < 1.0).unsqueeze(1)
            probs = torch.zeros_like(probs).scatter_(1, order, sorted_probs.masked_fill(drop, 0.0))
        shared = [j for j, i in enumerate(sampled) if rows[i].generator is None]
        if shared:
            draws = torch.multinomial(probs[shared], 1).squeeze(1).tolist()
            for j, token in zip(shared, draws, strict=True):
                tokens[sampled[j]] = int(token)
        for j, i in enumerate(sampled):
            if rows[i].generator is not None:  # a seeded stream draws from its own generator
                tokens[i] = int(torch.multinomial(probs[j], 1, generator=rows[i].generator))
        return tokens


def _pad_left(tensor: Any, count: int) -> Any:
    import torch

    if count == 0:
        return tensor
    return torch.nn.functional.pad(tensor, (0, 0, count, 0))
