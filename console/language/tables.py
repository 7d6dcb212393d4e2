"""What the detector derives from the language data (``prompts/_i18n``, read by :mod:`console.i18n`).

The served set and its names are fixed for the process's life. :data:`TABLES` (the Han
tables, telling letters, lexicon and neutral words) is rebuilt and *replaced* on every
:func:`console.i18n.reload`: read it as ``tables.TABLES`` at the time of use, never bind it
with ``from console.language.tables import TABLES`` (that copy would keep the old tables).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from console import i18n
from console.text import fold

_DATA = i18n.current()
# The served set is fixed for the process's life (i18n.reload refuses to change it).
SERVED_LANGUAGES: tuple[str, ...] = _DATA.codes
LANGUAGE_NAMES: dict[str, str] = {language.code: language.name for language in _DATA.languages}
RTL_LANGUAGES: frozenset[str] = frozenset(
    language.code for language in _DATA.languages if language.right_to_left
)
#: the served languages written in Latin script: the only ones the statistical engines are asked about
LATIN_LANGUAGES: tuple[str, ...] = _DATA.latin

# scripts that name one served language on their own (Hangul -> ko, Thai -> th ...)
SCRIPT_LANGUAGE: dict[str, str] = {
    language.script: language.code
    for language in _DATA.languages
    if language.script in ("hangul", "thai", "arabic", "cyrillic")
}

_FOLDED_WEIGHT = 0.75  # the same word typed without its diacritics is slightly weaker


def _normal_word(raw: str) -> str:
    return unicodedata.normalize("NFC", raw.lower().replace("’", "'")).strip("!?.,")


def _build_lexicon(*sources: dict[str, tuple[str, ...]]) -> dict[str, dict[str, float]]:
    """word -> {language: weight}; a spelling listed under several languages is split.

    A word typed without its diacritics ("dziekuje", "sifre") also matches, at a lower weight.
    """
    exact: dict[str, set[str]] = {}
    folded: dict[str, set[str]] = {}
    for lang, words in (item for lists in sources for item in lists.items()):
        for raw in words:
            word = _normal_word(raw)
            if not word:
                continue
            exact.setdefault(word, set()).add(lang)
            plain = fold(word)
            if plain != word:
                folded.setdefault(plain, set()).add(lang)
    lexicon: dict[str, dict[str, float]] = {}
    for word, langs in folded.items():
        if word not in exact:
            lexicon[word] = {lang: _FOLDED_WEIGHT / len(langs) for lang in sorted(langs)}
    for word, langs in exact.items():
        lexicon[word] = {lang: 1.0 / len(langs) for lang in sorted(langs)}
    return lexicon


@dataclass(frozen=True)
class Tables:
    """What the detector derives from the language data (prompts/_i18n), rebuilt on reload."""

    zh_simplified: frozenset[str]
    zh_traditional: frozenset[str]
    ja_only_kanji: frozenset[str]
    ja_kanji_words: frozenset[str]
    ja_word_lengths: tuple[int, ...]
    letter_langs: dict[str, tuple[str, ...]]
    lexicon: dict[str, dict[str, float]]
    neutral_words: frozenset[str]

    @classmethod
    def build(cls, data: i18n.LanguageData) -> Tables:
        return cls(
            zh_simplified=frozenset(pair[0] for pair in data.zh_pairs),
            zh_traditional=frozenset(pair[1] for pair in data.zh_pairs) | data.traditional_only,
            ja_only_kanji=data.japanese_only_kanji,
            ja_kanji_words=data.japanese_kanji_words,
            ja_word_lengths=tuple(sorted({len(word) for word in data.japanese_kanji_words}, reverse=True)),
            letter_langs=dict(data.telling_letters),
            # the short everyday words plus the concept-by-concept support vocabulary
            lexicon=_build_lexicon(dict(data.everyday_words), data.support_words()),
            neutral_words=data.neutral_words,
        )


TABLES = Tables.build(_DATA)


def _reloaded(data: i18n.LanguageData) -> None:
    # console.language.detection registers its own listener after this one, which clears
    # the analyses cached under the old tables
    global TABLES
    TABLES = Tables.build(data)


i18n.on_reload(_reloaded)
