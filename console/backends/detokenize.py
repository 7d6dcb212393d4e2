"""Incremental detokenization: token ids in, complete text deltas out.

Why not ``transformers.TextIteratorStreamer``: it releases text only up to the last space
(or after a CJK character), so a Thai, Lao or Japanese-kana reply, which has no spaces,
would arrive in one lump at the end instead of streaming. This uses the prefix/read-offset
scheme of text-generation-inference and vLLM instead: decode a small window of recent ids,
and release the new text as soon as it no longer ends in an incomplete UTF-8 sequence
(which byte-level BPE tokenizers decode to U+FFFD). The concatenated deltas always equal
``tokenizer.decode(all_ids, skip_special_tokens=True)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

_REPLACEMENT = "\ufffd"


class _Decoder(Protocol):
    def decode(self, token_ids: Sequence[int], **kwargs: Any) -> str: ...


class IncrementalDetokenizer:
    def __init__(self, tokenizer: _Decoder, skip_special_tokens: bool = True) -> None:
        self._tokenizer = tokenizer
        # A transformers "fast" tokenizer wraps a Rust `tokenizers.Tokenizer`; calling it
        # directly skips the Python-side wrapper, which costs more than the decode itself
        # for the few ids decoded per step (it matters for small, fast models).
        backend = getattr(tokenizer, "backend_tokenizer", None)
        self._rust = backend if backend is not None and hasattr(backend, "decode") else None
        self._skip = skip_special_tokens
        self._ids: list[int] = []
        self._prefix_offset = 0
        self._read_offset = 0
        self._prefix_text = ""  # decode of ids[prefix_offset:read_offset], kept between steps
        self.emitted = ""  # everything released so far, for the final flush

    def _decode(self, ids: Sequence[int]) -> str:
        if self._rust is not None:
            return str(self._rust.decode(list(ids), skip_special_tokens=self._skip))
        return self._tokenizer.decode(ids, skip_special_tokens=self._skip)

    def push(self, token_ids: Sequence[int]) -> str:
        """Add generated ids; return the text that became complete (may be "")."""
        self._ids.extend(int(t) for t in token_ids)
        new_text = self._decode(self._ids[self._prefix_offset :])
        if len(new_text) > len(self._prefix_text) and not new_text.endswith(_REPLACEMENT):
            delta = new_text[len(self._prefix_text) :]
            self._prefix_offset = self._read_offset
            self._read_offset = len(self._ids)
            self._prefix_text = self._decode(self._ids[self._prefix_offset : self._read_offset])
            self.emitted += delta
            return delta
        return ""

    def flush(self) -> str:
        """Release whatever is left at the end of generation (a dangling partial
        character decodes to U+FFFD, exactly as a one-shot decode would show it)."""
        full = self._decode(self._ids)
        rest = full[len(self.emitted) :] if full.startswith(self.emitted) else ""
        self.emitted += rest
        return rest

    @property
    def token_count(self) -> int:
        return len(self._ids)
