"""What a word looks like in each Latin-script language: a character n-gram model of wordfreq's words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from console.language.cache import cached_arrays
from console.language.frequencies import WordFrequencies
from console.language.scripts import SCRIPT_RES
from console.language.tables import LATIN_LANGUAGES


class WordShapes:
    """What a word *looks like* in each Latin-script language: character 1-5-grams of the
    words in wordfreq's lists, each spelling counted once.

    Why: the other sources know common words (wordfreq) and running text (py3langid's byte
    n-grams, trained on documents, so dominated by frequent words). Names and rare terms
    ("toquelauano", "Krimtatarisch", "Hotanca") are in neither, but their endings and letter
    sequences follow their language's spelling; a model over word *types* sees those.

    Naive Bayes over hashed n-grams of ``\x02word\x03`` (2^19 buckets, additive smoothing
    0.1), log-probabilities stored as one byte per language and bucket (units of 0.1 nat):
    ~6 MiB, built from the same lists as :class:`WordFrequencies` in ~10 s, then cached. A
    spelling counts for the languages whose list has it within :attr:`SPREAD` of its most
    frequent use, so the English words that every list holds shape English only.
    Weighed on single words (tuning: +2.8 points on Latin-script words) and, beside other words,
    on the rare ones only (:attr:`Weights.shapes_rare`; tuning pairs +0.4).
    """

    BITS = 19
    MAX_N = 5
    ALPHA = 0.1
    UNIT = 0.1  # nats per stored unit
    SPREAD = 100  # wordfreq buckets (hundredths of a decade)
    _PRIME = 1000003
    _MIX = 0x9E3779B97F4A7C15
    _MASK = (1 << 64) - 1
    _WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")

    def __init__(self) -> None:
        import importlib.metadata

        import numpy as np

        self._np = np
        version = importlib.metadata.version("wordfreq")
        name = (
            f"shapes-{version}-{WordFrequencies.CUT}-{self.BITS}-{self.MAX_N}-{self.ALPHA}-{self.SPREAD}-"
            f"{'-'.join(LATIN_LANGUAGES)}.npz"
        )
        self._table = cached_arrays(name, self._build)["table"]

    def _build(self) -> dict[str, Any]:
        import numpy as np

        folder = WordFrequencies._folder()
        size = 1 << self.BITS
        ranks: list[dict[str, int]] = []
        for lang in LATIN_LANGUAGES:
            path = folder / f"large_{lang}.msgpack.gz"
            if not path.exists():
                path = folder / f"small_{lang}.msgpack.gz"
            found: dict[str, int] = {}
            for bucket, words in enumerate(WordFrequencies._lists(path, WordFrequencies.CUT)):
                for word in words:
                    if self._WORD.fullmatch(word) and SCRIPT_RES["latin"].match(word):
                        found.setdefault(word, bucket)
            ranks.append(found)
        best: dict[str, int] = {}
        for found in ranks:
            for word, bucket in found.items():
                best[word] = min(bucket, best.get(word, bucket))
        columns = []
        for found in ranks:
            # a spelling counts for the languages that use it within SPREAD of the most
            # frequent one: "the" or "online" in the Vietnamese list is English, not Vietnamese
            words = [word for word, bucket in found.items() if bucket <= best[word] + self.SPREAD]
            counts = np.bincount(self._indices_many(words), minlength=size).astype(np.float64)
            log_p = np.log((counts + self.ALPHA) / (counts.sum() + self.ALPHA * size))
            columns.append(np.clip(np.round(-log_p / self.UNIT), 0, 255).astype(np.uint8))
        return {"table": np.stack(columns, axis=1)}

    def _indices_many(self, words: list[str]) -> Any:
        """Every n-gram's bucket for every word, vectorized (the same as :meth:`_indices`)."""
        import numpy as np

        text = "".join(f"\x02{word}\x03\x00" for word in words)
        points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        out = []
        shift = np.uint64(64 - self.BITS)
        with np.errstate(over="ignore"):
            value: Any = np.zeros(0, dtype=np.uint64)
            broken: Any = np.zeros(0, dtype=bool)
            for n in range(1, self.MAX_N + 1):
                if n == 1:
                    value, broken = points + np.uint64(1), points == 0
                else:
                    value = value[:-1] * np.uint64(self._PRIME) + points[n - 1 :] + np.uint64(1)
                    broken = broken[:-1] | (points[n - 1 :] == 0)
                out.append((((value + np.uint64(n)) * np.uint64(self._MIX)) >> shift)[~broken])
        return np.concatenate(out)

    def _indices(self, word: str) -> list[int]:
        points = [ord(ch) for ch in f"\x02{word}\x03"]
        out = []
        shift = 64 - self.BITS
        for start in range(len(points)):
            value = 0
            for n in range(1, min(self.MAX_N, len(points) - start) + 1):
                value = (value * self._PRIME + points[start + n - 1] + 1) & self._MASK
                out.append((((value + n) * self._MIX) & self._MASK) >> shift)
        return out

    def log_likelihoods(self, words: Sequence[str]) -> list[float]:
        """Per Latin-script language, the summed log-probability of the words' n-grams."""
        indices = [index for word in words for index in self._indices(word)]
        if not indices:
            return [0.0] * len(LATIN_LANGUAGES)
        units = self._table[indices].sum(axis=0, dtype=self._np.int64)
        return [-self.UNIT * float(v) for v in units.tolist()]
