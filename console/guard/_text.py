"""Text folding and phrase matching shared by the escalation rules and the output checks.

Both compare a customer's or the model's free text with short phrases written in data
files, so both need the same answers to three questions:

* **Case and accents** (:func:`console.text.fold`). Text is NFKC-normalised (full-width
  forms, ligatures) and case-folded. Combining accents are dropped after Latin and Arabic
  letters, so "reclamacion" matches "réclamation" and the hamza/harakat variants of Arabic match each other.
  Vietnamese keeps its diacritics (``accents=False``): they carry meaning there ("du" and
  "đụ" are different words), so its data lists spell unaccented variants out where wanted.
  Marks on other scripts (Japanese dakuten, Thai vowels) are meaningful and kept.
* **Word boundaries.** A phrase written in a script that separates words with spaces
  (Latin, Cyrillic, Greek) must start and end on a word boundary, so "sue" does not fire
  on "issue" (an edge that is punctuation needs none: ", vite" after "opérateur"). A ``*``
  inside a phrase stands for any word characters ("complain*" covers complaint,
  complaints, complaining). Phrases in Chinese, Japanese, Thai, Korean and Arabic
  match as substrings: these write without spaces or glue particles and clitics to words
  (상담원에게, والمحامي), so a boundary rule would miss most real uses.
* **Separators.** Spaces and hyphens inside a phrase match any run of spaces/hyphens
  ("risk-free" = "risk free"); in substring phrases they are optional ("불만 없" = "불만없").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from console.text import fold, folds_accents, primary

# Letters and digits of the scripts that separate words with spaces: the characters that
# must not touch a word-mode phrase on either side.
WORD_CLASS = r"0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff"
# Scripts whose phrases match as substrings (see the module docstring).
_SUBSTRING_SCRIPT_RE = re.compile(
    r"[\u0600-\u06ff\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff"
    r"\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff]"
)
_SEPARATOR_RE = re.compile(r"[\s\-\u2010\u2011]+")
_WORD_START_RE = re.compile(rf"[{WORD_CLASS}*]")
_WORD_END_RE = re.compile(rf"[{WORD_CLASS}*]$")

# Case, accent and tag folding live in console.text (one place for every module); they are
# re-exported here for the escalation rules and output checks.
language_key = primary


def is_substring_phrase(phrase: str) -> bool:
    return _SUBSTRING_SCRIPT_RE.search(phrase) is not None


def phrase_pattern(phrase: str) -> str:
    """A regex source for an already folded ``phrase`` (see the module docstring)."""
    substring = is_substring_phrase(phrase)
    parts = [p for p in _SEPARATOR_RE.split(phrase.strip()) if p]
    if not parts:
        raise ValueError("empty phrase")
    wildcard = f"[{WORD_CLASS}]*"
    body = (r"\s*" if substring else r"[\s\-\u2010\u2011]+").join(
        wildcard.join(re.escape(piece) for piece in part.split("*")) for part in parts
    )
    if substring:
        return body
    # the boundary keeps a word from touching a word: a phrase that starts or ends with
    # punctuation (", vite": "un opérateur, vite") needs none on that side
    before = f"(?<![{WORD_CLASS}])" if _WORD_START_RE.match(parts[0]) else ""
    after = f"(?![{WORD_CLASS}])" if _WORD_END_RE.search(parts[-1]) else ""
    return f"{before}{body}{after}"


@dataclass(frozen=True)
class PhraseHit:
    label: str
    phrase: str  # as written in the data file, never the matched text
    start: int  # offsets in the folded text
    end: int


class PhraseMatcher:
    """Finds any of many (label, phrase) pairs in folded text with one compiled regex.

    With thousands of phrases (the escalation lists: ~3,700 across 17 languages) one regex of
    every phrase costs ~10 ms a message: Python's ``re`` tries each alternative at each
    position. A phrase can only match where its longest literal piece (between wildcards and
    separators) occurs, so a message is first screened for those pieces (substring tests in C)
    and only the phrases whose piece it contains are compiled into the regex it is searched
    with (cached per set of candidates). Same hits as the one big regex, in the same order: a
    phrase that cannot match changes nothing in an alternation. Why not Aho-Corasick: the
    screen is one ``in`` per phrase, ~0.2 ms for the largest list, and needs no dependency."""

    def __init__(self, entries: Iterable[tuple[str, str]], *, accents: bool = True) -> None:
        self.accents = accents
        self._entries: list[tuple[str, str]] = []
        self._sources: list[str] = []
        self._pieces: list[str] = []  # per phrase: a literal every match contains
        for label, phrase in entries:
            folded = fold(phrase, accents=accents)
            if not folded.strip(" *"):
                continue
            self._sources.append(f"(?P<p{len(self._entries)}>{phrase_pattern(folded)})")
            self._pieces.append(_longest_piece(folded))
            self._entries.append((label, phrase))
        self._regex_for = functools.lru_cache(maxsize=1024)(self._compile)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def _compile(self, candidates: tuple[int, ...]) -> re.Pattern[str]:
        return re.compile("|".join(self._sources[i] for i in candidates))

    def finditer(self, folded_text: str) -> Iterator[PhraseHit]:
        """Non-overlapping hits, leftmost first, in text already passed through :func:`fold`."""
        candidates = tuple(i for i, piece in enumerate(self._pieces) if piece in folded_text)
        if not candidates:
            return
        for match in self._regex_for(candidates).finditer(folded_text):
            assert match.lastgroup is not None
            label, phrase = self._entries[int(match.lastgroup[1:])]
            yield PhraseHit(label, phrase, match.start(), match.end())


def _longest_piece(folded_phrase: str) -> str:
    """The longest run of a phrase that any match holds verbatim: separators match runs of
    spaces or hyphens (or nothing), and ``*`` any word characters, so neither is in it."""
    pieces = [piece for part in _SEPARATOR_RE.split(folded_phrase) for piece in part.split("*")]
    return max(pieces, key=len)


__all__ = [
    "WORD_CLASS",
    "PhraseHit",
    "PhraseMatcher",
    "fold",
    "folds_accents",
    "is_substring_phrase",
    "language_key",
    "phrase_pattern",
]
