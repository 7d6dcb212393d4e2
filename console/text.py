"""Language tags and text folding: the one place that answers "which language is this tag"
and "do these two spellings match", for every module above it.

Bottom layer: imports only the standard library, so the detector, the personas, the guard,
the knowledge base, the store and the UI can all use it without import cycles.

**Tags.** Browsers, the detector, persona file names and operators write the same language
in many ways ("pt-BR", "pt_br", "zh-TW", "zh-Hant-HK", "ZH-hans"). :func:`subtags` splits any of
them the same way; :func:`primary` gives the language ("zh"), :func:`chinese_script` the
Chinese writing system a tag implies ("Hant" for Taiwan, Hong Kong and Macau, "Hans" for the
mainland and Singapore), and :func:`data_key` the key used by the language data files
(``prompts/_i18n/``): the primary language, except "zh-Hant" for Traditional Chinese.

**Folding.** Customers type without their keyboard's accents ("reclamacion", "dziekuje"),
phones send curly apostrophes, and Arabic has interchangeable letter forms. :func:`fold`
NFKC-normalises and case-folds, maps those variants, and (with ``accents``) drops the
combining accents that follow Latin and Arabic letters. Marks on other scripts (Japanese
dakuten, Thai vowels, Devanagari) carry meaning and are kept. Vietnamese callers pass
``accents=False``: its diacritics tell words apart ("du" and "đụ"). Text that *starts* with a
combining mark, Zalgo text, half-width kana marks and lone surrogates all fold without error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

#: subtags that mean Traditional Chinese (script, or a region that writes it)
HANT_SUBTAGS = frozenset({"hant", "tw", "hk", "mo"})
#: subtags that mean Simplified Chinese
HANS_SUBTAGS = frozenset({"hans", "cn", "sg"})
#: longest tags registered in BCP 47 practice; longer input (from browsers, API clients) is cut
MAX_TAG_CHARS = 35

# Variants that NFKC leaves apart but people use interchangeably.
_CHAR_MAP = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark, typed by phones for the apostrophe
        "\u2018": "'",
        "\u02bc": "'",
        "\u0649": "\u064a",  # Arabic alef maksura -> yeh
        "\u0629": "\u0647",  # Arabic teh marbuta -> heh
        "\u0640": None,  # Arabic tatweel (elongation) carries no meaning
    }
)
# Applied only with accent folding: letters that are "an accented letter" to a reader but do
# not decompose in Unicode (casefold already turns ß into ss).
_ACCENT_MAP = str.maketrans({"\u0131": "i", "\u0111": "d", "\u0142": "l", "\u00f8": "o"})


# --------------------------------------------------------------------------- tags


def subtags(tag: str) -> list[str]:
    """Lower-case subtags of ``tag``: "zh_Hant-TW" -> ["zh", "hant", "tw"]; [] for blank."""
    return [part for part in tag[:MAX_TAG_CHARS].strip().replace("_", "-").lower().split("-") if part]


def primary(tag: str) -> str:
    """The primary language subtag, lower-case: "zh-Hans" -> "zh", "pt-BR" -> "pt", "" -> ""."""
    parts = subtags(tag)
    return parts[0] if parts else ""


def chinese_script(tag: str) -> str | None:
    """ "Hant" or "Hans" when ``tag`` is Chinese and names a script or region, else None."""
    parts = subtags(tag)
    if not parts or parts[0] != "zh":
        return None
    rest = set(parts[1:])
    if rest & HANT_SUBTAGS:
        return "Hant"
    if rest & HANS_SUBTAGS:
        return "Hans"
    return None


def served(tag: str, languages: frozenset[str] | tuple[str, ...]) -> tuple[str, str | None] | None:
    """``(language, Chinese script)`` for a tag of one of ``languages``; None for "auto"/unknown.

    Chinese always gets a script (persona files are per script): Simplified unless the tag
    says Traditional.
    """
    base = primary(tag)
    if base not in languages:
        return None
    if base == "zh":
        return "zh", chinese_script(tag) or "Hans"
    return base, None


def accepted_language(accept_language: str | None, languages: Collection[str]) -> str | None:
    """The reader's first language of ``languages`` in an HTTP ``Accept-Language`` header,
    by preference order, as its :func:`data_key` ("zh-TW" -> "zh-Hant"); None when the header
    is missing or names none of them (so a caller can tell "no header" from "English").

    ``languages`` holds data keys or primary languages ("zh" admits "zh-TW" too). Parsed
    here: the header is a comma list of tags with optional ``;q=`` weights; werkzeug parses
    it but is not installed, and babel (a test-only dependency) negotiates a ranked list
    without reading the header.
    """
    if not accept_language:
        return None
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language[:1000].split(",")):
        pieces = part.strip().split(";")
        tag = pieces[0].strip()
        weight = 1.0
        for piece in pieces[1:]:
            name, _, value = piece.strip().partition("=")
            if name == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if tag and tag != "*" and weight > 0:
            ranked.append((-weight, position, tag))
    for _, _, tag in sorted(ranked):
        key = data_key(tag)
        if key in languages or primary(tag) in languages:
            return key
    return None


def data_key(tag: str) -> str:
    """The key of ``tag`` in the language data files: "zh-Hant" for Traditional Chinese,
    else the primary language ("zh-CN" -> "zh", "pt-BR" -> "pt")."""
    if chinese_script(tag) == "Hant":
        return "zh-Hant"
    return primary(tag)


# --------------------------------------------------------------------------- folding


def _foldable_base(ch: str) -> bool:
    """Is ``ch`` a Latin or Arabic letter, whose following accents are dropped?"""
    if len(ch) != 1:  # no base yet: the text starts with a combining mark
        return False
    code = ord(ch)
    return (code < 0x250 and ch.isalpha()) or 0x1E00 <= code < 0x1F00 or 0x600 <= code < 0x700


def fold(text: str, *, accents: bool = True) -> str:
    """Case-folded NFKC text, with accents dropped on Latin/Arabic letters when ``accents``."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_CHAR_MAP)
    if not accents:
        return folded
    out: list[str] = []
    base = ""
    for ch in unicodedata.normalize("NFD", folded):
        if unicodedata.combining(ch):
            if _foldable_base(base):
                continue
        else:
            base = ch
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)).translate(_ACCENT_MAP)


def fold_case(text: str) -> str:
    """NFC and case folding only, accents kept: for search where "é" and "e" must differ."""
    return unicodedata.normalize("NFC", text).casefold()


def folds_accents(language: str) -> bool:
    """Whether matching in ``language`` ignores accents (all but Vietnamese, see above)."""
    return primary(language) != "vi"


#: Unicode's explicit direction controls: embeddings, overrides and isolates (LRE, RLE, PDF,
#: LRO, RLO; LRI, RLI, FSI, PDI). Not the marks (LRM, RLM), which only nudge neutrals.
_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SHOWN_CONTROL = re.compile("⟨U\\+(202[A-E]|206[6-9])⟩")


def show_direction_controls(text: str) -> str:
    """``text`` with each explicit direction control written out ("⟨U+202E⟩"), for views.

    An override reverses what follows it on screen: a customer's "RTLOVERRIDE" after U+202E
    showed in the operator's view as "ƎDIRREVOLTR", and a stray isolate closes the ones a
    right-to-left view puts around each value (found attacking the console with hostile
    text). Written out, the text reads in the order it was typed and still says it held
    one, as code review tools do. Views and the documents people read (the Markdown and
    text exports) only: the store and the data exports (JSON, JSONL, CSV) keep the text."""
    return _DIRECTION_CONTROLS.sub(lambda m: f"⟨U+{ord(m.group(0)):04X}⟩", text)


def hide_direction_controls(text: str) -> str:
    """:func:`show_direction_controls` undone: an edited message gets its controls back."""
    return _SHOWN_CONTROL.sub(lambda m: chr(int(m.group(1), 16)), text)


def isolate(text: str) -> str:
    """``text`` in its own direction inside a line of the other direction (Unicode first-strong
    isolate, FSI ... PDI). Beside Arabic words, "2026-12-05 07:06" otherwise shows as "07:06
    05-12-2026", and an English name's punctuation jumps to its other end. Invisible, and
    never stored: only views and documents for a right-to-left reader add it."""
    return f"\u2068{text}\u2069"
