"""Attention caches of token prefixes, kept between requests (in-process transformers).

Every conversation of a business line and language starts with the same persona prompt
(1,150–3,250 tokens), and each turn's prompt extends the previous turn's. Prompt
processing is most of a CPU's time to first token, so the key/value tensors of what was
already processed are kept and only the new tokens go through the model.

Entries are keyed by their exact token ids, and a request reuses the **longest common
prefix** with any entry: a changed prompt file, a reload or a different knowledge block
simply matches fewer tokens, so a stale cache is never used. Two kinds of entry:

* a conversation's continuation: the whole processed sequence (prompt + reply) after a
  turn; the next turn of that conversation extends it and replaces it;
* a shared prefix: where a new request diverges from an entry (a new conversation on the
  same persona), that common part is copied out as its own entry, so it outlives the
  conversations it came from.

Memory is bounded in bytes; the least recently used entries go first. Stored tensors are
never written to again (transformers' ``DynamicLayer`` grows by ``torch.cat``, which makes
new tensors), so a hit hands out views without copying, and concurrent requests can share
them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

#: key and value tensors of every layer, each ``[batch=1, kv_heads, seq, head_dim]``
Layers = list[tuple[Any, Any]]
Tokens = np.ndarray[Any, np.dtype[np.int64]]


@dataclass
class _Entry:
    tokens: Tokens
    layers: Layers
    nbytes: int
    shared: bool  # a common prefix: never dropped because a longer entry covers it


@dataclass(frozen=True)
class CacheHit:
    length: int  # tokens of the request covered by ``layers``
    layers: Layers | None
    #: the cache's epoch at the lookup: what this request processes is stored under it
    #: only if no clear() came between (see PrefixCache.store)
    epoch: int = 0


@dataclass
class CacheStats:
    lookups: int = 0
    hit_tokens: int = 0
    requested_tokens: int = 0
    evictions: int = 0


def _common_prefix(a: Tokens, b: Tokens) -> int:
    n = min(len(a), len(b))
    if n == 0:
        return 0
    same = a[:n] == b[:n]
    return n if bool(same.all()) else int(same.argmin())


def _nbytes(layers: Layers) -> int:
    return sum(int(k.numel() * k.element_size() + v.numel() * v.element_size()) for k, v in layers)


def _slice(layers: Layers, length: int, *, copy: bool = False) -> Layers:
    if copy:
        return [(k[:, :, :length].clone(), v[:, :, :length].clone()) for k, v in layers]
    return [(k[:, :, :length], v[:, :, :length]) for k, v in layers]


class PrefixCache:
    """A bounded, least-recently-used store of attention caches keyed by token prefixes."""

    def __init__(self, max_bytes: int, min_tokens: int = 32) -> None:
        self.max_bytes = max_bytes
        #: shorter common prefixes are not worth an entry (the chat template's header)
        self.min_tokens = min_tokens
        self._entries: OrderedDict[int, _Entry] = OrderedDict()
        self._next_id = 0
        self._bytes = 0
        #: bumped by clear(): a request that looked up before a clear stores nothing after it
        self.epoch = 0
        self._lock = threading.Lock()
        self.stats = CacheStats()

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def nbytes(self) -> int:
        return self._bytes

    def lookup(self, ids: Sequence[int]) -> CacheHit:
        """The longest cached prefix of ``ids``, at most ``len(ids) - 1`` tokens (the last
        token is always run through the model: its logits give the first reply token)."""
        tokens = np.asarray(ids, dtype=np.int64)
        limit = len(tokens) - 1
        with self._lock:
            self.stats.lookups += 1
            self.stats.requested_tokens += len(tokens)
            best_key, best_len = -1, 0
            for key, entry in self._entries.items():
                common = _common_prefix(entry.tokens, tokens)
                if common > best_len or (common == best_len and common and entry.shared):
                    best_key, best_len = key, common
            if best_len < self.min_tokens:
                return CacheHit(0, None, self.epoch)
            entry = self._entries[best_key]
            self._entries.move_to_end(best_key)
            if best_len < len(entry.tokens) and best_len < len(tokens):
                # The request leaves this entry mid-way (typically: the same persona,
                # another conversation): keep the common part as an entry of its own.
                self._add(tokens[:best_len].copy(), _slice(entry.layers, best_len, copy=True), shared=True)
            best_len = min(best_len, limit)
            self.stats.hit_tokens += best_len
            return CacheHit(best_len, _slice(entry.layers, best_len), self.epoch)

    def store(self, ids: Sequence[int], layers: Layers, *, epoch: int) -> None:
        """Keep the cache of ``ids`` (a finished turn: prompt and reply). Entries it
        extends are dropped, shared prefixes excepted.

        ``epoch``: the one its request's lookup saw (``CacheHit.epoch``). A clear() since
        then (an erased conversation) means this request may hold what was erased: its
        stream was cancelled, or it ran beside the erasure; it is not kept."""
        tokens = np.asarray(ids, dtype=np.int64)
        if len(tokens) < self.min_tokens or not layers or int(layers[0][0].shape[2]) != len(tokens):
            return
        with self._lock:
            if epoch != self.epoch:
                return
            for key, entry in list(self._entries.items()):
                if entry.shared or len(entry.tokens) > len(tokens):
                    continue
                if _common_prefix(entry.tokens, tokens) == len(entry.tokens):
                    self._drop(key)
            self._add(tokens, layers, shared=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
            self.epoch += 1

    # ------------------------------------------------------------------ internals

    def _add(self, tokens: Tokens, layers: Layers, *, shared: bool) -> None:
        nbytes = _nbytes(layers)
        if nbytes > self.max_bytes:
            return
        for key, entry in self._entries.items():
            if len(entry.tokens) == len(tokens) and bool((entry.tokens == tokens).all()):
                self._entries.move_to_end(key)
                return
        while self._entries and self._bytes + nbytes > self.max_bytes:
            oldest = next(iter(self._entries))
            self._drop(oldest)
            self.stats.evictions += 1
        self._entries[self._next_id] = _Entry(tokens, layers, nbytes, shared)
        self._next_id += 1
        self._bytes += nbytes

    def _drop(self, key: int) -> None:
        entry = self._entries.pop(key)
        self._bytes -= entry.nbytes
