"""Checks on the model's reply while it streams: blocked terms and system-prompt leaks.

The pipeline calls :meth:`OutputChecker.check` with the reply so far after every chunk
and stops the stream when it returns a :class:`CheckResult` (then shows the persona's
refusal line). One checker follows one reply: it remembers how far it has read and only
reads the new tail plus :data:`OVERLAP_CHARS` before it, so a term or a copied passage
that straddles two chunks is still seen and a 2,000-character reply costs the same per
chunk as a short one. Building a checker per turn is cheap: term lists are compiled once
per (language, line) in :class:`BlockedTerms`, and the prompt index is cached per prompt.

Leak rule: the reply reproduces the system prompt when it repeats :data:`LEAK_WORDS`
consecutive words of it, or :data:`LEAK_CHARS` consecutive Chinese/Japanese/Thai characters,
after folding case, accents, punctuation and spacing. The persona's own lines (escalation,
refusal, disclosure, greeting) appear in the prompt so that the model says them verbatim;
pass them as ``allowed`` and passages inside them never count as a leak.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from console.errors import ConfigError
from console.guard._text import WORD_CLASS, PhraseMatcher, fold, folds_accents, language_key
from console.guard.escalation import load_yaml_mapping

DEFAULT_BLOCKED_PATH = Path(__file__).resolve().parents[2] / "prompts" / "_guard" / "blocked.yaml"
ANY = "*"
LEAK_WORDS = 8
LEAK_CHARS = 20
#: characters re-read before the new tail: longer than any term and than 8 ordinary words
OVERLAP_CHARS = 256
#: how far back OutputChecker.confirmed looks for a tail to hold (characters; words are
#: looked for in four times as much): longer than LEAK_WORDS - 1 words or LEAK_CHARS - 1
#: CJK characters with their punctuation
HOLD_CHARS = 160

_CHAR_SCRIPT_RE = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD_RE = re.compile(r"[^\W_]+")
_TRAILING_WORD_RE = re.compile(f"[{WORD_CLASS}]+$")
_LEADING_WORD_RE = re.compile(f"^[{WORD_CLASS}]+")

Reason = Literal["blocked_term", "system_prompt_leak", "human_claim"]
DEFAULT_HUMAN_CLAIMS_PATH = DEFAULT_BLOCKED_PATH.with_name("human_claims.yaml")


@dataclass(frozen=True)
class CheckResult:
    reason: Reason
    term: str | None = None  # the blocked term as written in the data file; None for a leak


class BlockedTerms:
    """Blocked terms per business line and language, with ``*`` for "every"."""

    def __init__(
        self,
        terms: Mapping[str, Mapping[str, Sequence[str] | None]],
        *,
        source: Path | None = None,
        human_claims: Mapping[str, Sequence[str] | None] | None = None,
    ) -> None:
        path = str(source or "<blocked terms>")
        # First-person claims of being a person, per language: the assistant must never
        # make one (its reply is replaced by the persona's disclosure line).
        self._claims: dict[str, tuple[str, ...]] = {}
        for language, listed in (human_claims or {}).items():
            if listed is None:
                continue
            if not isinstance(listed, list) or not all(isinstance(t, str) and t.strip() for t in listed):
                raise ConfigError(
                    f"{path} (human claims)", f"{language}: must be a list of non-empty phrases"
                )
            self._claims[language_key(str(language))] = tuple(listed)
        self._terms: dict[tuple[str, str], tuple[str, ...]] = {}
        for line, by_language in terms.items():
            if not isinstance(by_language, Mapping):
                raise ConfigError(path, f"{line}: must map language codes (or '*') to lists of terms")
            for language, listed in by_language.items():
                if listed is None:
                    continue
                if not isinstance(listed, list) or not all(isinstance(t, str) and t.strip() for t in listed):
                    raise ConfigError(path, f"{line}.{language}: must be a list of non-empty terms")
                key = (str(line), ANY if language == ANY else language_key(str(language)))
                self._terms[key] = self._terms.get(key, ()) + tuple(listed)
        self._matchers: dict[tuple[str, str], PhraseMatcher] = {}
        self._starts: dict[tuple[str, str], tuple[frozenset[tuple[str, ...]], frozenset[str]]] = {}
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: Path | None = None, claims_path: Path | None = None) -> BlockedTerms:
        source = path or DEFAULT_BLOCKED_PATH
        claims = claims_path or source.with_name(DEFAULT_HUMAN_CLAIMS_PATH.name)
        human = load_yaml_mapping(claims) if claims.is_file() else None
        return cls(load_yaml_mapping(source), source=source, human_claims=human)

    def terms(self, language: str, business_line: str) -> list[str]:
        lang = language_key(language)
        keys = [(ANY, ANY), (ANY, lang), (business_line, ANY), (business_line, lang)]
        return [term for key in dict.fromkeys(keys) for term in self._terms.get(key, ())]

    def starts(self, language: str, business_line: str) -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
        """The proper beginnings of every blocked term and human claim for this language and
        line, as folded words and as CJK/Thai characters: a reply ending in one of these
        may be writing the whole phrase (OutputChecker.confirmed holds it back)."""
        key = (language_key(language), business_line)
        with self._lock:
            found = self._starts.get(key)
        if found is None:
            accents = folds_accents(language)
            lang = language_key(language)
            phrases = self.terms(language, business_line) + [
                claim for code in dict.fromkeys((lang, "en")) for claim in self._claims.get(code, ())
            ]
            words: set[tuple[str, ...]] = set()
            chars: set[str] = set()
            for phrase in phrases:
                folded = fold(phrase, accents=accents)
                split = _WORD_RE.findall(_CHAR_SCRIPT_RE.sub(" ", folded))
                words.update(tuple(split[:k]) for k in range(1, len(split)))
                run = "".join(_CHAR_SCRIPT_RE.findall(folded))
                chars.update(run[:k] for k in range(1, len(run)))
            found = (frozenset(words), frozenset(chars))
            with self._lock:
                self._starts[key] = found
        return found

    def matcher(self, language: str, business_line: str) -> PhraseMatcher:
        key = (language_key(language), business_line)
        with self._lock:
            found = self._matchers.get(key)
        if found is None:
            entries = [("blocked_term", term) for term in self.terms(language, business_line)]
            # English claims too: models often slip into English for set phrases
            lang = language_key(language)
            entries += [
                ("human_claim", claim)
                for key in dict.fromkeys((lang, "en"))
                for claim in self._claims.get(key, ())
            ]
            found = PhraseMatcher(entries, accents=folds_accents(language))
            with self._lock:
                self._matchers[key] = found
        return found


@dataclass(frozen=True)
class _LeakIndex:
    word_grams: frozenset[tuple[str, ...]]
    char_grams: frozenset[str]
    #: the prompt's folded words (" w1 w2 ... ", space-delimited) and CJK/Thai characters: a
    #: reply ending in a run found here could still be starting a leak (OutputChecker.confirmed)
    words: str = ""
    chars: str = ""


def _streams(text: str) -> tuple[list[str], str]:
    """Folded words (spaced scripts) and the run of CJK/Thai characters, punctuation dropped."""
    folded = fold(text)
    words = _WORD_RE.findall(_CHAR_SCRIPT_RE.sub(" ", folded))
    chars = "".join(_CHAR_SCRIPT_RE.findall(folded))
    return words, chars


def _grams(words: list[str], chars: str) -> tuple[set[tuple[str, ...]], set[str]]:
    word_grams = {tuple(words[i : i + LEAK_WORDS]) for i in range(len(words) - LEAK_WORDS + 1)}
    char_grams = {chars[i : i + LEAK_CHARS] for i in range(len(chars) - LEAK_CHARS + 1)}
    return word_grams, char_grams


@functools.lru_cache(maxsize=128)
def _leak_index(system_prompt: str, allowed: tuple[str, ...]) -> _LeakIndex:
    word_grams, char_grams = _grams(*_streams(system_prompt))
    for text in allowed:
        allowed_words, allowed_chars = _grams(*_streams(text))
        word_grams -= allowed_words
        char_grams -= allowed_chars
    words, chars = _streams(system_prompt)
    return _LeakIndex(frozenset(word_grams), frozenset(char_grams), f" {' '.join(words)} ", chars)


class OutputChecker:
    """Follows one streamed reply; see the module docstring."""

    def __init__(
        self,
        blocked: BlockedTerms | Mapping[str, Any],
        system_prompt: str = "",
        *,
        allowed: Iterable[str] = (),
    ) -> None:
        self.blocked = blocked if isinstance(blocked, BlockedTerms) else BlockedTerms(blocked)
        self._index = _leak_index(system_prompt, tuple(allowed))
        self._checked = 0  # characters of the reply already judged
        self._fingerprint = ""  # the last characters judged, to notice a reply that restarted
        self._result: CheckResult | None = None
        self._language: str | None = None  # of the last check, for confirmed()
        self._line = ""

    @classmethod
    def load(
        cls, path: Path | None = None, system_prompt: str = "", *, allowed: Iterable[str] = ()
    ) -> OutputChecker:
        return cls(BlockedTerms.load(path), system_prompt, allowed=allowed)

    def reset(self) -> None:
        """Forget the reply read so far (the pipeline regenerates a reply from scratch)."""
        self._checked, self._fingerprint, self._result = 0, "", None

    def check(
        self, reply_so_far: str, language: str, business_line: str, *, final: bool = False
    ) -> CheckResult | None:
        """A reason to stop the reply, or None. Pass ``final=True`` once the stream ended.

        Until ``final``, a word still being written at the end is left for the next call,
        so "Scunthorpe" is not judged as its first letters.
        """
        self._language, self._line = language, business_line
        if self._result is not None:
            return self._result
        fp_start = max(0, self._checked - 16)
        if len(reply_so_far) < self._checked or reply_so_far[fp_start : self._checked] != self._fingerprint:
            self.reset()  # a different reply (regenerated): read it from the start
        end = len(reply_so_far)
        if not final:
            trailing = _TRAILING_WORD_RE.search(reply_so_far)
            if trailing is not None:
                end = trailing.start()
        if end <= self._checked and not final:
            return None
        start = max(0, self._checked - OVERLAP_CHARS)
        window = reply_so_far[start:end]
        if start > 0:  # do not begin inside a word: its tail could look like a term
            leading = _LEADING_WORD_RE.match(window)
            if leading is not None and _TRAILING_WORD_RE.search(reply_so_far[:start]):
                window = window[leading.end() :]
        self._checked = max(self._checked, end)
        self._fingerprint = reply_so_far[max(0, self._checked - 16) : self._checked]
        self._result = self._check_window(window, language, business_line)
        return self._result

    def confirmed(self, reply_so_far: str) -> int:
        """How much of ``reply_so_far`` may be shown: the part already checked, less a tail
        that could still grow into something the checks stop.

        A leak is recognised once :data:`LEAK_WORDS` prompt words (or :data:`LEAK_CHARS`
        CJK/Thai characters) are in the reply, so a tail of up to LEAK_WORDS - 1 words that
        is itself a run of prompt words stays unconfirmed, as does a tail that begins a
        blocked term or a human claim; ordinary text is confirmed at once. The cut never
        splits a word or a placeholder, so what is shown only ever grows. Call after
        :meth:`check`; a stopped reply confirms nothing more.
        """
        if self._result is not None or self._language is None:
            return 0
        text = reply_so_far[: self._checked]
        term_words, term_chars = self.blocked.starts(self._language, self._line)
        accents = folds_accents(self._language)
        cut = len(text)
        # words, as the leak check reads them (CJK/Thai characters are not words there)
        spans = [
            (m.start(), word)
            for m in _WORD_RE.finditer(_CHAR_SCRIPT_RE.sub(" ", text[-HOLD_CHARS * 4 :]))
            for word in _WORD_RE.findall(fold(m.group(), accents=accents))
        ]
        offset = max(0, len(text) - HOLD_CHARS * 4)
        tail = spans[-(LEAK_WORDS - 1) :]
        for i in range(len(tail)):
            run = tuple(word for _, word in tail[i:])
            if f" {' '.join(run)} " in self._index.words or run in term_words:
                cut = offset + tail[i][0]
                break
        chars = [(m.start(), fold(m.group())) for m in _CHAR_SCRIPT_RE.finditer(text[-HOLD_CHARS:])]
        offset = max(0, len(text) - HOLD_CHARS)
        tail_chars = chars[-(LEAK_CHARS - 1) :]
        for i in range(len(tail_chars)):
            run_chars = "".join(ch for _, ch in tail_chars[i:])
            if run_chars in self._index.chars or run_chars in term_chars:
                cut = min(cut, offset + tail_chars[i][0])
                break
        return _safe_cut(text, cut)

    def _check_window(self, window: str, language: str, business_line: str) -> CheckResult | None:
        matcher = self.blocked.matcher(language, business_line)
        if matcher:
            for hit in matcher.finditer(fold(window, accents=folds_accents(language))):
                reason: Reason = "human_claim" if hit.label == "human_claim" else "blocked_term"
                return CheckResult(reason, hit.phrase)
        if self._index.word_grams or self._index.char_grams:
            word_grams, char_grams = _grams(*_streams(window))
            if not word_grams.isdisjoint(self._index.word_grams) or not char_grams.isdisjoint(
                self._index.char_grams
            ):
                return CheckResult("system_prompt_leak")
        return None


def _safe_cut(text: str, cut: int) -> int:
    """``cut`` moved back so that it splits neither a word nor a bracketed placeholder: the
    text shown then unmasks to a prefix of the final reply ("[EMAIL" never shows)."""
    while 0 < cut < len(text) and not _boundary(text[cut - 1]) and not _boundary(text[cut]):
        cut -= 1
    opened = max(text.rfind("[", 0, cut), text.rfind("【", 0, cut))
    if opened > max(text.rfind("]", 0, cut), text.rfind("】", 0, cut)):
        cut = opened
    return cut


def _boundary(ch: str) -> bool:
    return ch.isspace() or _CHAR_SCRIPT_RE.match(ch) is not None


__all__ = ["DEFAULT_BLOCKED_PATH", "BlockedTerms", "CheckResult", "OutputChecker"]
