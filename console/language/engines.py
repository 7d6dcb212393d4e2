"""The statistical engines (langdetect, py3langid, word frequencies, word shapes), loaded once."""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.language.frequencies import WordFrequencies
from console.language.shapes import WordShapes
from console.language.tables import LATIN_LANGUAGES

#: langdetect converges long before this; more text only costs time
_ENGINE_CHARS = 300
_ENGINE_TRIALS = 1  # beside four other sources one random walk is enough (same tuning accuracy as 3)
_ENGINE_ITERATIONS = 150
_ENGINE_FLOOR = 1e-4


class Langdetect:
    """langdetect restricted to the Latin-script served languages, seeded, loaded once."""

    def __init__(self) -> None:
        from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

        factory = DetectorFactory()
        # Seeded per detector: the same text gives the same answer in every process.
        factory.set_seed(0)
        profiles = [(Path(PROFILES_DIRECTORY) / lang).read_text(encoding="utf-8") for lang in LATIN_LANGUAGES]
        factory.load_json_profile(profiles)
        self._factory = factory

    def log_probabilities(self, text: str) -> dict[str, float]:
        """Per-language log probability; empty when langdetect finds no feature in the text."""
        from langdetect.lang_detect_exception import LangDetectException

        detector: Any = self._factory.create()
        detector.set_max_text_length(_ENGINE_CHARS)
        # Fewer, shorter random walks than langdetect's 7 x 1000: one- and two-word inputs
        # never reach its convergence threshold, so the limit is what every call paid
        # (p95 ~2 ms), and more draws from a dozen n-grams change nothing measurable.
        detector.n_trial = _ENGINE_TRIALS
        detector.ITERATION_LIMIT = _ENGINE_ITERATIONS
        try:
            detector.append(text)
            found = {item.lang: float(item.prob) for item in detector.get_probabilities()}
        except LangDetectException:
            return {}
        return {lang: math.log(max(found.get(lang, 0.0), _ENGINE_FLOOR)) for lang in LATIN_LANGUAGES}


class NaiveBayes:
    """py3langid's naive Bayes over byte n-grams, restricted to the Latin-script served languages.

    Why a second engine: on one or two words it is right far more often than langdetect
    (its features include word boundaries, so "merci" and "mercy" differ), and it answers in
    about 0.05 ms. Its model ships in the wheel; only the 11 languages' columns are kept and
    the output table is packed, so it holds ~45 MiB instead of ~75.
    """

    def __init__(self) -> None:
        from array import array

        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        identifier: Any = LanguageIdentifier.from_model_file(MODEL_FILE)
        identifier.set_languages(list(LATIN_LANGUAGES))
        # drop the 97 other languages' columns and pack the per-state output list (104k ints)
        identifier._full_model = (identifier.nb_ptc, identifier.nb_pc, identifier.nb_classes)
        identifier.tk_output = array("i", identifier.tk_output)
        identifier._rowbase = array("q", identifier._rowbase)  # 104k Python ints: ~4 MiB
        self._identifier = identifier
        self._classes: list[str] = list(identifier.nb_classes)

    def log_probabilities(self, text: str) -> dict[str, float]:
        """Per-language log posterior, the likelihood tempered by the square root of the byte
        count as py3langid itself does; empty when the text has no known n-gram."""
        encoded = self._identifier._encode(text)
        scores = self._identifier._raw_score(encoded)
        if not len(encoded):
            return {}
        values = [float(v) / math.sqrt(len(encoded)) for v in scores.tolist()]
        top = max(values)
        total = math.log(sum(math.exp(v - top) for v in values)) + top
        return {lang: value - total for lang, value in zip(self._classes, values, strict=True)}


@dataclass(frozen=True)
class Engines:
    """The four statistical sources of the Latin-script scores (see :mod:`console.language.latin`)."""

    langdetect: Langdetect
    naive_bayes: NaiveBayes
    frequencies: WordFrequencies
    shapes: WordShapes


_ENGINES: Engines | None = None
_ENGINE_LOCK = threading.Lock()


def loaded_engines() -> Engines:
    """The engines, loaded on first use (once per process, whichever thread asks first)."""
    global _ENGINES
    if _ENGINES is None:
        with _ENGINE_LOCK:
            if _ENGINES is None:
                _ENGINES = Engines(Langdetect(), NaiveBayes(), WordFrequencies(), WordShapes())
    return _ENGINES


def warm_up() -> None:
    """Load the engines and tables now (~0.5 s; ~15 s the first time on a machine, when the
    wordfreq tables are built and cached), not on the first customer message."""
    loaded_engines()
