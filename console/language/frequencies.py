"""Word frequencies per Latin-script language, and of kanji words in Japanese and Chinese (wordfreq)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from console.language.cache import cached_arrays
from console.language.tables import LATIN_LANGUAGES


class WordFrequencies:
    """How common each word is in each Latin-script language, from wordfreq's lists.

    Why: one or two words carry too few n-grams for either engine, but whether a word *is* a
    word of a language, and how common, decides most of them ("either", "weeks", "later").
    wordfreq (installed with the console) ships frequency lists per language built from
    Wikipedia, subtitles, news, books and web text; every listed word is kept (2.1M spellings
    over 11 languages: the "large" lists go down to 10^-8, the "small" ones, vi/id/tr, to
    10^-6, so a word one of those lacks counts as less rare, see :attr:`ends`). The words
    between 10^-8 and 10^-7 added 1.8 points on tuning two-word messages.

    Memory: a sorted array of 32-bit hashes (64-bit FNV-1a, folded; an unlisted word matches
    a listed one's hash about once in 2,000) of the spellings and one byte per language per
    spelling, its frequency bucket (``-log10 f`` in units of 0.04; 255 = not listed): ~32 MiB.
    Hashing the lists takes a few seconds, so the table is built once and kept in the user's
    cache folder (keyed by wordfreq's version); later starts load it in ~50 ms.
    """

    CUT = 800  # wordfreq buckets (hundredths of a decade) kept: frequency >= 10^-8 (all of them)
    STEP = 4  # hundredths of a decade per stored unit, so that 800 fits in a byte
    JA_MARGIN = 8  # units: a factor of 10^0.32 ~ 2
    #: Traditional characters are written by about a tenth of Chinese writers (Taiwan, Hong
    #: Kong, Macau: ~30M of ~1.3B readers, over-represented online): 25 units = one decade
    TRADITIONAL_UNITS = 25
    HAN_WORD_CHARS = 6  # the longest listed kanji word tried when splitting a run
    _MAX_BYTES = 48  # longer spellings are not words a customer types
    _OFFSET = 0xCBF29CE484222325
    _PRIME = 0x100000001B3

    def __init__(self) -> None:
        import numpy as np

        if self.CUT // self.STEP >= 255:
            raise ValueError("CUT / STEP must stay below 255: 255 marks a word a list lacks")
        self._np = np
        arrays = self._cached()
        self._keys, self._table = arrays["keys"], arrays["table"]
        #: per language, the unit where its list ends: wordfreq's "small" lists (vi, id, tr)
        #: stop at 10^-6, the "large" ones at 10^-8, so "not listed" means less in a small one
        self.ends: tuple[int, ...] = tuple(int(v) for v in arrays["ends"].tolist())
        self._han_keys, self._han_table = arrays["han_keys"], arrays["han_table"]
        #: the characters Simplified Chinese writes otherwise (wordfreq's table: 萬 -> 万)
        self.traditional = frozenset(chr(int(c)) for c in arrays["traditional"].tolist())

    # ------------------------------------------------------------------ building

    def _cached(self) -> dict[str, Any]:
        import importlib.metadata

        version = importlib.metadata.version("wordfreq")
        name = f"wordfreq-{version}-{self.CUT}-{self.STEP}-k32e-{'-'.join(LATIN_LANGUAGES)}-ja-zh2.npz"
        return cached_arrays(name, self._build)

    @staticmethod
    def _folder() -> Path:
        import importlib.util

        spec = importlib.util.find_spec("wordfreq")
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("wordfreq is not installed")
        return Path(next(iter(spec.submodule_search_locations))) / "data"

    @staticmethod
    def _lists(path: Path, cut: int) -> list[list[str]]:
        import gzip

        import msgpack

        with gzip.open(path) as handle:
            lists: list[list[str]] = msgpack.load(handle, raw=False)[1 : cut + 1]
        return lists

    def _build(self) -> dict[str, Any]:
        import numpy as np

        folder = self._folder()
        hashes: list[Any] = []
        columns: list[Any] = []
        buckets: list[Any] = []
        ends: list[int] = []
        for column, lang in enumerate(LATIN_LANGUAGES):
            path = folder / f"large_{lang}.msgpack.gz"
            if not path.exists():
                path = folder / f"small_{lang}.msgpack.gz"
            lists = self._lists(path, self.CUT)
            ends.append(len(lists) // self.STEP)
            words = [word for bucket in lists for word in bucket]
            sizes = np.array([len(bucket) for bucket in lists], dtype=np.int64)
            hashes.append(self._hash_many(words))
            columns.append(np.full(len(words), column, dtype=np.int64))
            units = np.arange(len(lists), dtype=np.int64) // self.STEP
            buckets.append(np.repeat(units, sizes).astype(np.uint8))
        keys, rows = np.unique(np.concatenate(hashes), return_inverse=True)
        table = np.full((len(keys), len(LATIN_LANGUAGES)), 255, dtype=np.uint8)
        # reversed, so that the more frequent entry wins when a list repeats a spelling
        table[rows[::-1], np.concatenate(columns)[::-1]] = np.concatenate(buckets)[::-1]
        han_keys, han_table, traditional = self._build_han()
        return {
            "keys": keys,
            "table": table,
            "han_keys": han_keys,
            "han_table": han_table,
            "traditional": traditional,
            "ends": np.array(ends, dtype=np.int64),
        }

    def _build_han(self) -> tuple[Any, Any, Any]:
        """Kanji-only Japanese words, with their frequency in Japanese and in Chinese.

        "合計", "自体", "叔父" are words of both languages; which one writes it more often is
        the best guess for a message made of one of them. Chinese lists are Simplified, so a
        Traditional spelling is looked up through wordfreq's own mapping.
        """
        import gzip

        import msgpack
        import numpy as np

        folder = self._folder()
        han = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
        japanese: dict[str, int] = {}
        for bucket, words in enumerate(self._lists(folder / "large_ja.msgpack.gz", self.CUT)):
            for word in words:
                if han.fullmatch(word):
                    japanese.setdefault(word, bucket)
        with gzip.open(folder / "_chinese_mapping.msgpack.gz") as handle:
            to_simplified = msgpack.load(handle, raw=False, strict_map_key=False)
        # several Japanese spellings can share one Simplified form (台北 and 臺北 -> 台北; 問題
        # and the list's stray 问题 -> 问题): each of them gets the Chinese frequency
        wanted: dict[str, list[str]] = {}
        for word in japanese:
            wanted.setdefault(word.translate(to_simplified), []).append(word)
        chinese: dict[str, int] = {}
        for bucket, words in enumerate(self._lists(folder / "large_zh.msgpack.gz", self.CUT)):
            for word in words:
                for spelling in wanted.get(word, ()):
                    chinese.setdefault(spelling, bucket)
        words = sorted(japanese)
        hashes = self._hash_many(words) if words else np.zeros(0, dtype=np.uint32)
        rows = np.array(
            [[japanese[w] // self.STEP, chinese.get(w, 255 * self.STEP) // self.STEP] for w in words],
            dtype=np.int64,
        ).reshape(-1, 2)
        order = np.argsort(hashes)
        # the characters Simplified Chinese writes otherwise (萬 -> 万): a spelling with one of
        # them is a Traditional one, which only a minority of Chinese writers use
        traditional = np.array(sorted(int(k) for k in to_simplified), dtype=np.int64)
        return hashes[order], np.minimum(rows[order], 255).astype(np.uint8), traditional

    @classmethod
    def _hash_many(cls, words: list[str]) -> Any:
        """FNV-1a of every word's UTF-8 bytes, vectorized over words (one pass per byte position)."""
        import numpy as np

        data = np.frombuffer(("\n".join(words) + "\n").encode("utf-8"), dtype=np.uint8)
        ends = np.flatnonzero(data == 10)
        starts = np.concatenate(([0], ends[:-1] + 1))
        lengths = np.minimum(ends - starts, cls._MAX_BYTES)
        hashes = np.full(len(starts), cls._OFFSET, dtype=np.uint64)
        prime = np.uint64(cls._PRIME)
        with np.errstate(over="ignore"):
            for position in range(int(lengths.max(initial=0))):
                live = np.flatnonzero(lengths > position)
                hashes[live] = (hashes[live] ^ data[starts[live] + position].astype(np.uint64)) * prime
        return ((hashes >> np.uint64(32)) ^ hashes).astype(np.uint32)

    @classmethod
    def _hash(cls, word: str) -> int:
        value = cls._OFFSET
        for byte in word.encode("utf-8")[: cls._MAX_BYTES]:
            value = ((value ^ byte) * cls._PRIME) & 0xFFFFFFFFFFFFFFFF
        return ((value >> 32) ^ value) & 0xFFFFFFFF

    # ------------------------------------------------------------------ lookup

    def _han_units(self, word: str) -> tuple[int, int] | None:
        """(Japanese, Chinese) frequency units of a kanji-only Japanese word; None if unlisted."""
        if not len(self._han_keys):
            return None
        wanted = self._hash(word)
        index = min(
            int(self._np.searchsorted(self._han_keys, self._np.uint32(wanted))), len(self._han_keys) - 1
        )
        if int(self._han_keys[index]) != wanted:
            return None
        japanese, chinese = (int(v) for v in self._han_table[index])
        return japanese, chinese

    def japanese_more_than_chinese(self, text: str) -> bool:
        """Is this short kanji-only ``text`` clearly more frequent in Japanese than in Chinese?

        ``text`` is one word or a few run together ("欧州連合", "手話文字"): each language's
        cost is its cheapest split into listed words (the sum of their units, a unigram model
        in each language), so a compound Japanese writes and Chinese does not is Japanese.
        """
        size = len(text)
        unsplit = 1 << 30
        # cheapest split of text[:end] into listed words, per language (units; unsplit: none)
        japanese = [0] + [unsplit] * size
        chinese = [0] + [unsplit] * size
        for end in range(1, size + 1):
            for start in range(max(0, end - self.HAN_WORD_CHARS), end):
                # a lone kanji is a "word" to Japanese tokenizers, rarely to Chinese ones: as a
                # part it would make any Chinese text a run of Japanese words ("羅+馬+尼+亞")
                whole = start == 0 and end == size
                if japanese[start] >= unsplit or (end - start < 2 and not whole):
                    continue
                units = self._han_units(text[start:end])
                if units is not None:
                    japanese[end] = min(japanese[end], japanese[start] + units[0])
                    chinese[end] = min(chinese[end], chinese[start] + units[1])
        ja_total, zh_total = japanese[size], chinese[size]
        if ja_total >= unsplit:
            return False
        if any(ch in self.traditional for ch in text):
            # a Traditional spelling ("部隊", "確認"): of the Chinese who write the word, only
            # the Traditional minority writes it so
            zh_total += self.TRADITIONAL_UNITS
        # at least twice as frequent in Japanese: words both write about as often ("配送",
        # "商品") stay Chinese, the more common customer language for a lone kanji word
        return ja_total + self.JA_MARGIN < zh_total

    def buckets(self, words: Sequence[str]) -> list[bytes]:
        """Per word, one frequency unit per Latin-script language (255: not listed; b"": in none)."""
        np = self._np
        wanted = np.array([self._hash(word) for word in words], dtype=np.uint32)
        index = np.minimum(np.searchsorted(self._keys, wanted), len(self._keys) - 1)
        found = (self._keys[index] == wanted).tolist()
        return [self._table[i].tobytes() if ok else b"" for i, ok in zip(index.tolist(), found, strict=True)]
