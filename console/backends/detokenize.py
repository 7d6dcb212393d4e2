"""Incremental detokenization: token ids in, complete text deltas out.

Why not ``transformers.TextIteratorStreamer``: it releases text only up to the last space
(or after a CJK character), so a Thai, Lao or Japanese-kana reply, which has no spaces,
would arrive in one lump at the end instead of streaming. This uses the prefix/read-offset
scheme of text-generation-inference and vLLM instead: decode a small window of recent ids,
and release the new text as soon as it no longer ends in an incomplete UTF-8 sequence
(which byte-level BPE tokenizers decode to U+FFFD). The concatenated deltas equal
``tokenizer.decode(all_ids, skip_special_tokens=True)``, except at the very end: a reply cut
by the token limit in the middle of a multi-byte character ends before that character
instead of with U+FFFD (half a character is nothing a customer can read).
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

_REPLACEMENT = "\ufffd"


class _Decoder(Protocol):
    def decode(self, token_ids: Sequence[int], **kwargs: Any) -> str: ...


@lru_cache(maxsize=1)
def _byte_decoder() -> dict[str, int]:
    """GPT-2's byte-to-printable-character map, inverted (the ByteLevel alphabet).

    Written out because neither tokenizers nor transformers exposes the mapping itself
    (``ByteLevel.alphabet()`` gives the characters, not which byte each stands for).
    """
    printable = [
        *range(ord("!"), ord("~") + 1),
        *range(ord("¡"), ord("¬") + 1),
        *range(ord("®"), ord("ÿ") + 1),
    ]
    codes = printable[:]
    extra = 0
    for byte in range(256):
        if byte not in printable:
            printable.append(byte)
            codes.append(256 + extra)
            extra += 1
    return {chr(code): byte for byte, code in zip(printable, codes, strict=True)}


def byte_table(tokenizer: Any, skip_special_tokens: bool = True) -> list[bytes | None] | None:
    """Each token id's bytes, for byte-level BPE tokenizers (Qwen, GPT-2, SmolLM2...).

    With it, streaming is one table lookup and an incremental UTF-8 decode per token
    instead of decoding a window of ids twice. The table is checked against the
    tokenizer's own ``decode`` for every id and None is returned when any differs (or the
    tokenizer is not byte-level), so callers fall back to decoding windows.
    """
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is None or type(getattr(backend, "decoder", None)).__name__ != "ByteLevel":
        return None
    mapping = _byte_decoder()
    vocab: dict[str, int] = backend.get_vocab(with_added_tokens=False)
    size = max([*vocab.values(), *getattr(tokenizer, "added_tokens_decoder", {}).keys(), -1]) + 1
    table: list[bytes | None] = [None] * size
    for token, index in vocab.items():
        if not all(ch in mapping for ch in token):
            return None
        table[index] = bytes(mapping[ch] for ch in token)
    for index, added in getattr(tokenizer, "added_tokens_decoder", {}).items():
        table[index] = b"" if (added.special and skip_special_tokens) else added.content.encode("utf-8")
    for index, data in enumerate(table):
        if data is None:
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # a piece of a character: only decodable together with its neighbours
        if backend.decode([index], skip_special_tokens=skip_special_tokens) != text:
            return None
    return table


class IncrementalDetokenizer:
    def __init__(
        self, tokenizer: _Decoder, skip_special_tokens: bool = True, table: list[bytes | None] | None = None
    ) -> None:
        self._tokenizer = tokenizer
        # fast path: the byte table (see byte_table) and an incremental UTF-8 decoder
        self._table = table
        self._utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
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
        if self._table is not None:
            return self._push_bytes(token_ids)
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

    def _push_bytes(self, token_ids: Sequence[int]) -> str:
        assert self._table is not None
        parts: list[bytes] = []
        for raw in token_ids:
            index = int(raw)
            self._ids.append(index)
            data = self._table[index] if 0 <= index < len(self._table) else None
            if data is None:  # not in the table: ask the tokenizer for this one id
                data = self._decode([index]).encode("utf-8")
            parts.append(data)
        delta = self._utf8.decode(b"".join(parts))
        self.emitted += delta
        return delta

    def flush(self) -> str:
        """Release whatever is left at the end of generation. The bytes of a character
        the generation stopped in the middle of are dropped, never shown as U+FFFD."""
        if self._table is not None:
            self._utf8.reset()  # forgets the incomplete tail; everything before it is out
            return ""
        full = self._decode(self._ids)
        rest = full[len(self.emitted) :] if full.startswith(self.emitted) else ""
        # push() released everything up to the last complete character; what is left
        # ending in U+FFFD is that incomplete tail
        rest = rest.rstrip(_REPLACEMENT)
        self.emitted += rest
        return rest

    @property
    def token_count(self) -> int:
        return len(self._ids)
