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
    cache_epoch: int = 0  # the prefix cache's epoch at this prompt's lookup (PrefixCache.store)
    finish_reason: str | None = None
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)
    wake: threading.Condition = field(default_factory=threading.Condition)
    queued_ahead: int = 0  # streams that must finish before this one gets a slot
    #: wake the reader at most this often (the first token and the end at once): a thread
    #: switch per token costs ~20% of a small model's throughput, and nobody reads faster.
    #: Tokens pushed without a wake-up are flushed by the scheduler once this has passed
    #: (``flush``), so the reader never polls.
    interval: float = 0.005
    _last_wake: float = 0.0
    _woken: int = 0  # ids the reader was last told about

    def cancelled(self) -> bool:
        return self.cancel.is_set() or self.closed.is_set()

    def push(self, token: int, now: float) -> None:
        ids = self.ids
        ids.append(token)
        if len(ids) == 1 or now - self._last_wake >= self.interval:
            self._notify(now)

    def flush(self, now: float) -> None:
        """Wake the reader for tokens it was not told about, once the interval has passed."""
        if self._woken != len(self.ids) and now - self._last_wake >= self.interval:
            self._notify(now)

    def _notify(self, now: float) -> None:
        with self.wake:
            self._last_wake, self._woken = now, len(self.ids)
            self.wake.notify()

    def take(self, seen: int, timeout: float) -> tuple[list[int], bool]:
        """Ids after the first ``seen``, and whether the stream has ended."""
        deadline = time.monotonic() + timeout
        with self.wake:
            while len(self.ids) == seen and not self.done.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise BackendError("The model stopped producing tokens (timed out).")
                # woken by push/flush/finish; the timeout is only a safety net
                self.wake.wait(min(remaining, 1.0))
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
    generator: Any
    greedy: bool


@dataclass
class _Admitted:
    """A prompt processed, its first token sampled, not yet a row of the batch."""

    row: _Row
    layers: list[tuple[Any, Any]]
    token: int
    seen: Any  # [1, vocab] bool: tokens of the prompt (repetition penalty), or None


class BatchScheduler:
    """Runs the model for every active stream, one batched forward pass per step.

    Per step the Python work is a handful of whole-batch tensor operations (the ids fed
    back, positions, the attention mask, repetition penalty, sampling) and a short loop
    handing each row its token; everything per row that does not change between steps
    (temperatures, top_p, which rows sample) is rebuilt only when rows join or leave.
    """

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
        #: each new stream's Request.interval: how often at most its reader is woken
        self.wake_interval = Request.interval
        self._penalty = repetition_penalty
        self._top_k = top_k or None
        self._waiting: deque[Request] = deque()
        self._rows: list[_Row] = []
        self._keys: list[Any] = []  # per layer [B, kv_heads, T, head_dim], left-padded
        self._values: list[Any] = []
        self._mask: Any = None  # [B, T]: 1 real token, 0 padding
        self._past: Any = None  # a DynamicCache over _keys/_values, kept between steps
        self._last: Any = None  # [B, 1]: the token each row feeds next
        self._positions: Any = None  # [B, 1]: the position of that token
        self._seen: Any = None  # [B, vocab] bool: tokens each row has seen (repetition penalty)
        self._params: _SamplingParams | None = None  # of the current rows
        self._padded = False  # whether any row has padding (rows differ in length)
        self._lock = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._loop, name="batch-scheduler", daemon=True)
        self._thread.start()
        _RUNNING.add(self)

    # ----------------------------------------------------------- stream side

    def submit(self, prompt: list[int], options: GenerationOptions, cancel: threading.Event) -> Request:
        request = Request(prompt, options, cancel, interval=self.wake_interval)
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
                    # every waiting prompt is processed before the next step; each stream
                    # gets its first token as soon as its own prompt is done
                    for request in joining:
                        admitted = self._admit(request)
                        if admitted is not None:
                            self._join([admitted])
                            self._emit(admitted.row, admitted.token, time.monotonic())
                    self._drop_finished()
                    # decode without taking the lock until a waiting stream can join (deque
                    # truthiness is atomic): a joining stream waits for one step at most
                    while self._rows and not self._closed:
                        self._step()
                        self._drop_finished()
                        if self._waiting and len(self._rows) < self.max_batch:
                            break
                except BaseException as exc:  # the model failed: every stream learns it
                    log.exception("batched decoding failed")
                    for row in self._rows:
                        row.request.finish("error", exc)
                    for request in joining:  # prompts that were being processed too
                        if not request.done.is_set():
                            request.finish("error", exc)
                    self._reset()
        for row in self._rows:
            row.request.finish("cancelled")
        for request in self._waiting:
            request.finish("cancelled")

    def _reset(self) -> None:
        self._rows, self._keys, self._values = [], [], []
        self._mask = self._past = self._last = self._positions = self._seen = self._params = None

    def _admit(self, request: Request) -> _Admitted | None:
        """Process the prompt (reusing cached prefixes) and sample the first token."""
        import torch
        from transformers import DynamicCache

        if request.cancelled():
            request.finish("cancelled")
            return None
        device = self._model.device
        past = DynamicCache(config=self._model.config)
        start = 0
        if self._cache is not None:
            hit = self._cache.lookup(request.prompt)
            request.cache_epoch = hit.epoch
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
        row = _Row(request, len(request.prompt), generator, request.options.greedy)
        logits = out.logits[:, -1, :]
        seen = None
        if self._penalty != 1.0:
            prompt = torch.tensor([request.prompt], dtype=torch.long, device=device)
            seen = torch.zeros(logits.shape, dtype=torch.bool, device=device).scatter_(1, prompt, True)
        token = self._sample(logits, [row], _SamplingParams.of([row], device), seen)[0]
        filled: list[Any] = list(past.layers)
        layer_kv = [(layer.keys, layer.values) for layer in filled]
        if self._cache is not None:
            # the persona outlives this stream
            self._cache.store(request.prompt, layer_kv, epoch=request.cache_epoch)
        return _Admitted(row, layer_kv, token, seen)

    def _join(self, admitted: list[_Admitted]) -> None:
        """New rows join the batch (one concatenation per layer for all of them). A stream
        that sees its first token is already a row of the running batch."""
        import torch

        if not admitted:
            return
        self._sync_kv()
        self._past, self._params = None, None
        device = self._model.device
        lengths = [item.row.length for item in admitted]
        old = 0 if self._mask is None else int(self._mask.shape[1])
        width = max(*lengths, old)
        # every row left-padded to the widest: the running rows, then the new ones
        keys: list[list[Any]] = [[_pad_left(k, width - old)] for k in self._keys] if old else []
        values: list[list[Any]] = [[_pad_left(v, width - old)] for v in self._values] if old else []
        masks = [torch.nn.functional.pad(self._mask, (width - old, 0))] if old else []
        if not old:
            keys = [[] for _ in admitted[0].layers]
            values = [[] for _ in admitted[0].layers]
        for item in admitted:
            pad = width - item.row.length
            for i, (k, v) in enumerate(item.layers):
                keys[i].append(_pad_left(k, pad))
                values[i].append(_pad_left(v, pad))
            row_mask = torch.ones((1, width), dtype=torch.long, device=device)
            row_mask[:, :pad] = 0
            masks.append(row_mask)
        self._keys = [torch.cat(parts) for parts in keys]
        self._values = [torch.cat(parts) for parts in values]
        self._mask = torch.cat(masks)
        new_last = torch.tensor([[a.token] for a in admitted], dtype=torch.long, device=device)
        new_positions = torch.tensor([[n] for n in lengths], dtype=torch.long, device=device)
        fresh = self._last is None
        self._last = new_last if fresh else torch.cat([self._last, new_last])
        self._positions = new_positions if fresh else torch.cat([self._positions, new_positions])
        if self._penalty != 1.0:
            seen = torch.cat([a.seen for a in admitted])
            seen.scatter_(1, new_last, True)
            self._seen = seen if fresh or self._seen is None else torch.cat([self._seen, seen])
        self._rows.extend(a.row for a in admitted)
        self._padded = any(row.length < width for row in self._rows)

    def _sync_kv(self) -> None:
        """The batch's key/value tensors from the cache the steps have been growing."""
        if self._past is not None:
            layers: list[Any] = list(self._past.layers)
            self._keys = [layer.keys for layer in layers]
            self._values = [layer.values for layer in layers]

    def _step(self) -> None:
        import torch
        from transformers import DynamicCache

        if self._past is None:  # rebuilt only when rows joined or left
            self._past = DynamicCache(config=self._model.config)
            fresh: list[Any] = list(self._past.layers)
            for layer, keys, values in zip(fresh, self._keys, self._values, strict=True):
                layer.keys, layer.values = keys, values
                layer.dtype, layer.device, layer.is_initialized = keys.dtype, keys.device, True
        if self._params is None:
            self._params = _SamplingParams.of(self._rows, self._model.device)
        mask = torch.nn.functional.pad(self._mask, (0, 1), value=1)
        # the mask as the model's attention takes it ([B, 1, query 1, keys], True to attend):
        # built here it costs one operation, built by transformers from [B, T] it cost ~10%
        # of a step at 8 rows; with no padding at all none is needed (as alone)
        attend = mask.bool()[:, None, None, :] if self._padded else None
        out = self._model(
            input_ids=self._last,
            attention_mask=attend,
            position_ids=self._positions,
            past_key_values=self._past,
            use_cache=True,
        )
        self._mask = mask
        self._positions = self._positions + 1
        rows = self._rows
        for row in rows:
            row.length += 1
        tokens = self._sample(out.logits[:, -1, :], rows, self._params, self._seen)
        self._last = torch.tensor(tokens, dtype=torch.long, device=self._mask.device).unsqueeze(1)
        if self._seen is not None:
            self._seen.scatter_(1, self._last, True)
        now = time.monotonic()
        for row, token in zip(rows, tokens, strict=True):
            self._emit(row, token, now)

    def _emit(self, row: _Row, token: int, now: float) -> None:
        """Hand the token to its stream, or end the stream."""
        request = row.request
        if request.cancel.is_set() or request.closed.is_set():
            request.finish("cancelled")
        elif token in self._stop:
            request.finish("stop")
        else:
            request.push(token, now)
            if len(request.ids) >= request.options.max_new_tokens:
                request.finish("length")

    def _drop_finished(self) -> None:
        """Rows whose stream ended (or was cancelled) leave the batch at once; their
        cache is kept for the conversation's next turn."""
        import torch

        keep = []
        now = time.monotonic()
        for index, row in enumerate(self._rows):
            request = row.request
            if request.done.is_set():
                keep.append(-1 - index)
            elif request.cancel.is_set() or request.closed.is_set():
                request.finish("cancelled")
                keep.append(-1 - index)
            else:
                request.flush(now)
                keep.append(index)
        if all(i >= 0 for i in keep):
            return
        self._sync_kv()
        for i in keep:
            if i < 0:
                self._remember(-1 - i, self._rows[-1 - i])
        keep = [i for i in keep if i >= 0]
        self._past, self._params = None, None
        if not keep:
            self._reset()
            return
        select = torch.tensor(keep, device=self._mask.device)
        self._rows = [self._rows[i] for i in keep]
        self._mask = self._mask.index_select(0, select)
        # columns that are padding in every remaining row go too
        lead = int((self._mask.cumsum(dim=1) == 0).all(dim=0).sum())
        self._mask = self._mask[:, lead:]
        self._padded = any(row.length < self._mask.shape[1] for row in self._rows)
        self._keys = [k.index_select(0, select)[:, :, lead:] for k in self._keys]
        self._values = [v.index_select(0, select)[:, :, lead:] for v in self._values]
        self._last = self._last.index_select(0, select)
        self._positions = self._positions.index_select(0, select)
        if self._seen is not None:
            self._seen = self._seen.index_select(0, select)

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
        self._cache.store(ids, layers, epoch=row.request.cache_epoch)

    def _sample(self, logits: Any, rows: list[_Row], params: _SamplingParams, seen: Any) -> list[int]:
        """The next token of every row: whole-batch tensor operations, one row at a time
        only for streams with a seed of their own."""
        import torch

        logits = logits.float()
        if seen is not None:  # repetition penalty on every token the row has seen
            penalized = torch.where(logits < 0, logits * self._penalty, logits / self._penalty)
            logits = torch.where(seen, penalized, logits)
        tokens: list[int] = logits.argmax(dim=-1).tolist()
        if params.index is None:
            return tokens
        sampled = params.sampled
        scores = logits.index_select(0, params.index) / params.temperature
        probs, order = None, None
        if self._top_k is not None and self._top_k < scores.shape[-1]:
            top, order = torch.topk(scores, self._top_k, dim=-1)
            if bool(((scores >= top[:, -1:]).sum(dim=-1) == self._top_k).all()):
                # no tie at the k-th score: the distribution lives on these k tokens, so
                # softmax, top_p and the draw need not touch the whole vocabulary
                probs = torch.softmax(top, dim=-1)
                if params.nucleus:
                    drop = probs.cumsum(dim=-1) - probs > params.top_p
                    drop &= params.narrowed
                    probs = probs.masked_fill(drop, 0.0)
            else:
                order = None
                kth = top[:, -1:]
                scores = scores.masked_fill(scores < kth, float("-inf"))
        if probs is None:
            probs = torch.softmax(scores, dim=-1)
            if params.nucleus:
                sorted_probs, by = probs.sort(dim=-1, descending=True)
                # keep the smallest set whose mass reaches top_p (at least the most likely token)
                drop = sorted_probs.cumsum(dim=-1) - sorted_probs > params.top_p
                drop &= params.narrowed
                probs = torch.zeros_like(probs).scatter_(1, by, sorted_probs.masked_fill(drop, 0.0))
        if params.shared:
            draws = torch.multinomial(probs[params.shared], 1)
            if order is not None:
                draws = order[params.shared].gather(1, draws)
            for j, token in zip(params.shared, draws.squeeze(1).tolist(), strict=True):
                tokens[sampled[j]] = int(token)
        for j in params.seeded:  # a seeded stream draws from its own generator
            draw = torch.multinomial(probs[j], 1, generator=rows[sampled[j]].generator)
            tokens[sampled[j]] = int(draw if order is None else order[j][draw])
        return tokens


@dataclass
class _SamplingParams:
    """Per-row sampling settings as tensors, for one composition of the batch."""

    sampled: list[int]  # rows that sample (the rest are greedy)
    index: Any  # those rows as a tensor, or None when every row is greedy
    temperature: Any  # [S, 1]
    top_p: Any  # [S, 1], clamped away from 0
    narrowed: Any  # [S, 1] bool: rows with top_p < 1
    nucleus: bool  # any row with top_p < 1
    shared: list[int]  # positions in ``sampled`` drawing from torch's global generator
    seeded: list[int]  # positions in ``sampled`` drawing from their own generator

    @classmethod
    def of(cls, rows: list[_Row], device: Any) -> _SamplingParams:
        import torch

        sampled = [i for i, row in enumerate(rows) if not row.greedy]
        if not sampled:
            return cls([], None, None, None, None, False, [], [])
        options = [rows[i].request.options for i in sampled]
        top_p = torch.tensor([[o.top_p] for o in options], device=device)
        return cls(
            sampled,
            torch.tensor(sampled, device=device),
            torch.tensor([[o.temperature] for o in options], device=device),
            top_p.clamp(min=1e-6),
            top_p < 1.0,
            any(o.top_p < 1.0 for o in options),
            [j for j, i in enumerate(sampled) if rows[i].generator is None],
            [j for j, i in enumerate(sampled) if rows[i].generator is not None],
        )


def _pad_left(tensor: Any, count: int) -> Any:
    import torch

    if count == 0:
        return tensor
    return torch.nn.functional.pad(tensor, (0, 0, count, 0))
