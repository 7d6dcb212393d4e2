"""Han-script text: kanji-only Japanese, and Traditional vs Simplified Chinese."""

from __future__ import annotations

import functools

from console.language import tables
from console.language.engines import loaded_engines
from console.language.frequencies import WordFrequencies
from console.language.sample import MAX_SAMPLE_CHARS
from console.language.scripts import SCRIPT_RES

#: Han-only text this short may be Japanese as well as Chinese
HAN_AMBIGUOUS_CHARS = 6
#: a kanji-only message of at most this many Japanese kanji words is Japanese
_JA_MAX_WORDS = 3


def japanese_kanji_words(text: str) -> bool:
    """Is the Han text exactly 1-3 words of the data's ``japanese_kanji_words`` ("返金", "注文番号")?

    The whole text must be covered, so a Chinese message that merely contains such a
    pair of characters across a word boundary ("关注文章" holds 注文) stays Chinese.
    """
    data = tables.TABLES  # one read: a reload mid-call cannot mix two tables
    han = "".join(ch for ch in text if SCRIPT_RES["han"].match(ch))
    if not han or len(han) > _JA_MAX_WORDS * max(data.ja_word_lengths):
        return False
    # fewest words covering han[:i]; a tiny dynamic programme over at most ~12 characters
    best: list[int | None] = [0] + [None] * len(han)
    for end in range(1, len(han) + 1):
        for size in data.ja_word_lengths:
            start = end - size
            before = best[start] if start >= 0 else None
            if before is None or han[start:end] not in data.ja_kanji_words:
                continue
            count = before + 1
            current = best[end]
            if current is None or count < current:
                best[end] = count
    words = best[len(han)]
    return words is not None and words <= _JA_MAX_WORDS


def japanese_word(text: str, han_count: int) -> bool:
    """Is the Han text a word, or a few run together, that Japanese writes more often than
    Chinese ("合計", "自体", "欧州連合")?"""
    if han_count > HAN_AMBIGUOUS_CHARS:
        return False
    han = "".join(ch for ch in text if SCRIPT_RES["han"].match(ch))
    return len(han) == han_count and loaded_engines().frequencies.japanese_more_than_chinese(han)


def han_script(text: str) -> str | None:
    """The script, "Hant" or "Hans"; None when no character tells (the conversation's holds).

    Traditional: the data's pairs, and every character wordfreq's Traditional-to-Simplified
    table changes (3,275: the hand-written pairs alone missed 語, 亞, 須 ..., and tagged 37 %
    of Django's Traditional catalog and 76 % of CLDR's Traditional names Simplified; with the
    table 20 % and 30 %, the rest having no telling character; Simplified text unchanged).
    """
    traditional_chars = loaded_engines().frequencies.traditional
    simplified = sum(1 for ch in text if ch in tables.TABLES.zh_simplified)
    traditional = sum(1 for ch in text if ch in tables.TABLES.zh_traditional or ch in traditional_chars)
    if traditional > simplified:
        return "Hant"
    if simplified > traditional:
        return "Hans"
    return None


@functools.cache
def _simplified_forms() -> frozenset[str]:
    """Every character that is the Simplified form of another (萬 -> 万: 万), from wordfreq's
    Traditional-to-Simplified table. Not all tell Simplified: 后, 台, 里, 面 are Traditional
    characters too, so this only says where the reader's browser may *not* pick the script
    (a Taiwanese reader's 语音信息 stays Simplified)."""
    import gzip

    import msgpack

    with gzip.open(WordFrequencies._folder() / "_chinese_mapping.msgpack.gz") as handle:
        to_simplified: dict[int, str] = msgpack.load(handle, raw=False, strict_map_key=False)
    changed = {chr(code) for code in to_simplified}
    return frozenset(ch for value in to_simplified.values() for ch in value) - changed


def no_simplified_form(text: str) -> bool:
    return not _simplified_forms().intersection(text[:MAX_SAMPLE_CHARS])
