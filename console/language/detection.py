"""What to answer in: one text's analysis, the conversation's history, the reader's browser
and the default (:func:`detect`), and whether a reply drifted (:func:`reply_language_matches`)."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from console import i18n
from console.language import latin, tables
from console.language.engines import loaded_engines
from console.language.frequencies import WordFrequencies
from console.language.han import (
    HAN_AMBIGUOUS_CHARS,
    han_script,
    japanese_kanji_words,
    japanese_word,
    no_simplified_form,
)
from console.language.sample import MAX_SAMPLE_CHARS, clean
from console.language.scripts import dominant_script, script_counts
from console.language.tables import LATIN_LANGUAGES, SCRIPT_LANGUAGE, SERVED_LANGUAGES
from console.text import served

#: earlier messages looked at, newest first
_HISTORY_DEPTH = 8

#: a message of at most this many words whose words are all this common (hundredths of a
#: decade below 1: 600 = frequency 10^-6) in the conversation's language keeps that language
_COMMON_MAX_WORDS = 2
_COMMON_CB = 600


@dataclass(frozen=True)
class Detection:
    """The language to answer in, and why it was chosen."""

    language: str
    script: str | None
    confidence: float
    reason: str

    @property
    def tag(self) -> str:
        """``zh-Hant``/``zh-Hans`` for Chinese, else the language code (persona file names)."""
        return f"{self.language}-{self.script}" if self.script else self.language


@dataclass(frozen=True)
class _Analysis:
    """What one text says on its own, before history and defaults."""

    language: str | None  # None: nothing in the text tells a language
    script: str | None
    probs: tuple[tuple[str, float], ...]  # Latin path: posterior per language, best first
    reason: str  # "script" or "detector" when language is set
    # False for a few words with no telling letter or single-language lexicon word
    # ("no", "hallo", an unknown word): the conversation's language wins over them
    decisive: bool
    # Latin path, up to _COMMON_MAX_WORDS words: the languages in which every word is a common
    # word (wordfreq, frequency >= 10^-6); a conversation in one of them keeps its language
    common_in: frozenset[str] = frozenset()


_NEUTRAL = _Analysis(None, None, (), "default", False)


def _analyse(text: str) -> _Analysis:
    # cache on the sample, never on a huge text (the cache would keep it alive)
    return _analyse_sample(text[:MAX_SAMPLE_CHARS])


@functools.lru_cache(maxsize=2048)
def _analyse_sample(sample: str) -> _Analysis:
    cleaned = clean(sample)
    counts = script_counts(cleaned)
    script, share = dominant_script(counts)
    if script is None:
        return _NEUTRAL
    if script == "cjk":
        han, kana = counts["han"], counts["kana"]
        if kana and kana >= 0.1 * (han + kana):
            return _Analysis("ja", None, (("ja", share),), "script", True)
        # Kanji-only Japanese: a Japanese-only character form (Chinese writes 収 as 收/收,
        # so "領収書" is Japanese although 領 and 書 are also Traditional Chinese), or a short
        # message made of Japanese support words that Chinese does not use ("返金").
        ja_only = sum(1 for ch in cleaned if ch in tables.TABLES.ja_only_kanji)
        simplified = sum(1 for ch in cleaned if ch in tables.TABLES.zh_simplified)
        if ja_only and ja_only >= simplified:
            return _Analysis("ja", None, (("ja", share * 0.8),), "script", True)
        if japanese_kanji_words(cleaned) or japanese_word(cleaned, han):
            # a guess: a Chinese conversation keeps its language
            return _Analysis("ja", None, (("ja", share * 0.8),), "script", False)
        zh_script = han_script(cleaned)
        # A few kanji ("合計", "自体", "会員") are Japanese as well as Chinese, whatever their
        # form (Japanese shares many Traditional and some Simplified forms): a Japanese
        # conversation keeps its language on them.
        return _Analysis("zh", zh_script, (("zh", share),), "script", han > HAN_AMBIGUOUS_CHARS)
    if script in SCRIPT_LANGUAGE:
        lang = SCRIPT_LANGUAGE[script]
        return _Analysis(lang, None, ((lang, share),), "script", True)
    if script == "other":  # Greek, Hebrew, Devanagari ...: no served language is written so
        return _NEUTRAL
    tokens = latin.tokens(cleaned)
    meaningful = [t for t in tokens if t not in tables.TABLES.neutral_words]
    if not meaningful:
        return _NEUTRAL
    sample_text = " ".join(meaningful)
    # langdetect is the slowest source (~0.5-1 ms a call): it is asked only where its weight
    # is not nil (sentences) and the cheap sources leave the question open
    evidence = latin.evidence(meaningful, with_langdetect=False, source=cleaned)
    probs = latin.softmax(latin.latin_scores(evidence))
    if (
        latin.WEIGHTS.langdetect[latin.WEIGHTS.bucket(len(meaningful))] > 0
        and probs[0][1] < latin.WEIGHTS.langdetect_below
    ):
        found = loaded_engines().langdetect.log_probabilities(sample_text)
        evidence = dataclasses.replace(evidence, langdetect=found)
        probs = latin.softmax(latin.latin_scores(evidence))
    best = probs[0][0]
    decisive = (
        len(meaningful) > 3
        or any(tables.TABLES.letter_langs.get(ch) == (best,) for ch in latin.telling_letters(cleaned))
        or any(list(latin.lexicon_hits(token)) == [best] for token in meaningful)
    )
    common_in: frozenset[str] = frozenset()
    if len(meaningful) <= _COMMON_MAX_WORDS and all(evidence.frequency):
        limit = _COMMON_CB // WordFrequencies.STEP
        common_in = frozenset(
            lang
            for column, lang in enumerate(LATIN_LANGUAGES)
            if all(row[column] <= limit for row in evidence.frequency)
        )
    return _Analysis(best, None, probs, "detector", decisive, common_in)


def _tables_reloaded(_data: i18n.LanguageData) -> None:
    # console.language.tables rebuilt its tables first (it registered when imported, before
    # this module): the analyses cached under the old ones are stale
    _analyse_sample.cache_clear()


i18n.on_reload(_tables_reloaded)


def _history_language(
    history: Sequence[str] | None, *, tentative_ok: bool = False
) -> tuple[str, str | None] | None:
    """The language (and Chinese script) of the customer's latest confident message; with
    ``tentative_ok``, else the latest message's best guess."""
    if not history:
        return None
    zh_script: str | None = None
    found: str | None = None
    tentative: str | None = None  # the latest message's best guess when none was confident
    for message in list(history)[-_HISTORY_DEPTH:][::-1]:
        if not isinstance(message, str):
            continue
        analysis = _analyse(message)
        if analysis.language is None:
            continue
        tentative = tentative or analysis.language
        if found is None and (analysis.decisive or analysis.reason == "script"):
            found = analysis.language
        if found == "zh" and analysis.language == "zh" and analysis.script:
            zh_script = analysis.script
            break
        if found is not None and found != "zh":
            break
    if found is None:
        # a guess from the conversation beats the console's default language
        return None if tentative is None or not tentative_ok else (tentative, None)
    return found, zh_script


def detect(
    text: str,
    history: Sequence[str] | None = None,
    *,
    override: str | None = None,
    reader: str | None = None,
    default: str = "en",
) -> Detection:
    """The language to answer ``text`` in. Never raises on a ``str``.

    ``history`` is the customer's earlier messages, oldest first. ``override`` is a
    language the user chose ("auto" or None: detect); ``"zh-Hant"``/``"zh-Hans"`` choose
    the Chinese script too. ``reader`` is the language the reader's browser asks for
    ("zh-TW"; None when unknown): it decides only what neither the text nor the
    conversation can, before the console's ``default``: which Chinese script a string both
    scripts write alike is in ("上次登入"), whether a few kanji Chinese and Japanese share
    are either ("企業"), a first message of words common in several languages
    ("reembolso", "ok"), and the language of a first message that names none ("12345"). An
    unknown override, reader or default is ignored.
    """
    if override is not None:
        chosen = served(override, SERVED_LANGUAGES)
        if chosen is not None:
            return Detection(chosen[0], chosen[1], 1.0, "override")
    fallback = served(default, SERVED_LANGUAGES) or ("en", None)
    analysis = _analyse(text if isinstance(text, str) else "")
    remembered = _history_language(history)
    # the reader's browser speaks only where the conversation has not
    reads = served(reader, SERVED_LANGUAGES) if reader and remembered is None else None

    if analysis.language is None:
        # nothing in the message says a language: even an unsure guess from the
        # conversation beats the reader's browser, which beats the console's default
        remembered = remembered or _history_language(history, tentative_ok=True)
        if remembered is not None:
            lang, script = remembered
            return Detection(lang, _zh_script(lang, script), 0.6, "history")
        if reads is not None:
            return Detection(reads[0], reads[1], 0.3, "reader")
        return Detection(fallback[0], _zh_script(*fallback), 0.0, "default")

    if analysis.reason == "script":
        lang = analysis.language
        script = analysis.script
        if not analysis.decisive and remembered is not None and {lang, remembered[0]} == {"zh", "ja"}:
            return Detection(remembered[0], _zh_script(*remembered), 0.6, "history")
        reason, confidence = "script", round(analysis.probs[0][1], 4)
        if reads is not None and not analysis.decisive and {lang, reads[0]} == {"zh", "ja"}:
            lang, reason, confidence = reads[0], "reader", 0.5
        if lang == "zh" and script is None:
            if remembered is not None and remembered[0] == "zh":
                script = remembered[1]
            elif reads is not None and reads[0] == "zh" and no_simplified_form(text):
                # (a character that may be a Simplified form keeps the Simplified default)
                script, reason = reads[1], "reader"
        return Detection(lang, _zh_script(lang, script), confidence, reason)

    best, confidence = analysis.probs[0]
    if (
        remembered is not None
        and remembered[0] != best
        and (not analysis.decisive or remembered[0] in analysis.common_in)
    ):
        # A French customer's "no" or "hallo" is still French: only a telling word or
        # letter, or a real sentence, switches the conversation's language, and not even
        # those when the words are common words of the conversation's language (an Italian
        # customer's "preciso" is Italian although Portuguese support vocabulary lists it).
        lang, script = remembered
        return Detection(lang, _zh_script(lang, script), 0.6, "history")
    if reads is not None and reads[0] != best and reads[0] in analysis.common_in:
        # A first message of common words of the reader's language is in it: a Brazilian
        # reader's "reembolso" (Spanish as much as Portuguese) or "ok" is Portuguese. Weaker
        # than a conversation's language, which also takes any word no telling evidence
        # places: a browser's language is not always the one typed, and that rule for the
        # browser cost 45 points on held-out single words read in another language's browser
        # (this one: 1.5; +2.9 when the browser is the message's language; bench.language).
        return Detection(reads[0], reads[1], 0.5, "reader")
    return Detection(best, None, round(confidence, 4), "detector")


def _zh_script(lang: str, script: str | None) -> str | None:
    """Chinese always gets a script (persona files are per script); Simplified if unknown."""
    if lang != "zh":
        return None
    return script or "Hans"


# --------------------------------------------------------------------------- drift guard

_MARKDOWN = re.compile(r"[*_~#>|\[\]()!-]+")
_MIN_REPLY_WEIGHT = 20.0
#: a short quotation: a button, header or product name cited as written, not the reply's
#: language ('태그나 "Referrer-Policy: no-referrer" 헤더를', a Korean reply, was called a
#: drift at 40 characters by bench.drift). Only closed quotes of up to 60 characters: a
#: paragraph in quotes is the reply's text.
_QUOTED = re.compile(
    r'"[^"\n]{1,60}"|“[^”\n]{1,60}”|«[^»\n]{1,60}»|„[^“”\n]{1,60}[“”]|「[^」\n]{1,60}」|『[^』\n]{1,60}』'
)
#: a quotation still being written at the end of a streamed reply ('Klicken Sie auf „Sign in
#: with' is German citing English): set aside like a closed one, from its opening mark on
_OPEN_QUOTE = re.compile(r'(?:"|“|«|„|「|『)[^"”»“„「」『』\n]{0,60}$')


def reply_language_matches(expected: Detection, reply_text: str) -> bool | None:
    """Is a (possibly partial, streamed) reply in the expected language?

    ``None`` while there is too little text to judge (about 20 letters; a CJK character
    counts as two). Code, URLs, numbers, Markdown and short quotations are ignored, product
    names weigh too little to flip the answer, kanji in Japanese is expected, and Traditional vs
    Simplified Chinese is not a drift (the language is the same).
    """
    if not isinstance(reply_text, str):
        return None
    unquoted = _OPEN_QUOTE.sub(" ", _QUOTED.sub(" ", reply_text[:MAX_SAMPLE_CHARS]))
    cleaned = _MARKDOWN.sub(" ", clean(unquoted))
    counts = script_counts(cleaned)
    weight = sum(counts.values()) + counts["han"] + counts["kana"] + counts["hangul"]
    if weight < _MIN_REPLY_WEIGHT:
        return None
    analysis = _analyse(cleaned)
    if analysis.language is None:
        return None
    if analysis.language == expected.language:
        return True
    if expected.language == "ja" and counts["kana"] > 0:
        return True
    if analysis.reason == "detector" and expected.language in LATIN_LANGUAGES:
        # close calls between neighbours (pt/es, id vs. a foreign name) are not drift
        return dict(analysis.probs).get(expected.language, 0.0) >= 0.15
    return False
