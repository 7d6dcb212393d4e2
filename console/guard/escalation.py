"""When to hand a conversation to a person: customer phrases, and a model that gave up.

The phrase lists are data (``prompts/_guard/escalation.yaml``), written natively per
language; the matching rules are in :mod:`console.guard._text`. A customer message is
checked against its detected language *and* English: customers mix in English ("I want
a human") far more often than a third language, and checking all seventeen lists would
fire on words that are harmless in the message's own language.

Negation is handled by data, cheaply: a trigger that lies inside a listed negation
("no complaints", "aucune réclamation", "没有投诉") is ignored. Anything subtler ("I'm
not saying I'll sue, but...") still escalates, which is the safe side to err on.

Besides whole phrases, a language may list the two halves of a request for a person
(``requests``): words for a person on the company's side (``people``: "agent", "humain",
"担当者") and the asking words that come before one (``before``: "talk to", "passez-moi",
"get me") or after one (``after``: "please", "bitte", "に代わって"). An asking word and a
person in the same clause, at most ``gap`` characters apart, hand over ("passez-moi un
conseiller svp", "Mitarbeiter bitte"). Why halves as well as phrases: a phrase list
enumerates verb x noun x filler and still misses the pair nobody wrote down (measured by
bench.escalation on requests nobody here wrote).

A word that is a request only when it is the whole message ("agent", "operator": "Agent
Sarah helped me" is thanks) is listed under ``alone``: it hands over when the message holds
nothing else but punctuation, emoji or the word repeated.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from console.errors import ConfigError
from console.guard._text import PhraseHit, PhraseMatcher, fold, folds_accents, language_key

DEFAULT_ESCALATION_PATH = Path(__file__).resolve().parents[2] / "prompts" / "_guard" / "escalation.yaml"
FALLBACK_LANGUAGE = "en"

#: share of the escalation line's tokens the reply must reproduce, in order, in runs of 2+
GAVE_UP_OVERLAP = 0.75
#: the words of a message compared with the "alone" list: runs of letters and digits, any script
_WORD_RE = re.compile(r"[^\W_]+")
# Scripts written without spaces: each character is a token for the overlap measure.
_TOKEN_RE = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")


@dataclass(frozen=True)
class Trigger:
    reason: str  # "complaint", "human", "legal", "media" (the data file's keys)
    phrase: str  # the phrase as written in the data file, never the customer's text


#: what ends a clause: an asking word and a person on either side of one are not one request
_CLAUSE_BREAK_RE = re.compile(r"[.!?;\n\u3002\uff01\uff1f\uff1b\u061f\u061b]")
#: the default largest gap (characters of folded text) between an asking word and a person
DEFAULT_REQUEST_GAP = 24


@dataclass(frozen=True)
class _Requests:
    """The two halves of a request for a person (see the module docstring)."""

    people: PhraseMatcher
    before: PhraseMatcher  # asking words written before the person
    after: PhraseMatcher  # asking words written after the person
    gap: int

    def find(self, folded_text: str) -> Iterator[tuple[PhraseHit, PhraseHit, int, int]]:
        """(asking word, person, start, end) for each pair that makes a request."""
        people = list(self.people.finditer(folded_text))
        if not people:
            return
        # hits do not overlap, so starts and ends both rise: each asking word looks only at
        # the people within ``gap`` of it (a 4,000-character message of "agent. please"
        # would otherwise try every pair: ~90 ms)
        starts = [p.start for p in people]
        ends = [p.end for p in people]
        for ask in self.before.finditer(folded_text):
            for person in people[bisect_left(starts, ask.end) : bisect_right(starts, ask.end + self.gap)]:
                if not _CLAUSE_BREAK_RE.search(folded_text, ask.end, person.start):
                    yield ask, person, ask.start, person.end
        for ask in self.after.finditer(folded_text):
            for person in people[bisect_left(ends, ask.start - self.gap) : bisect_right(ends, ask.start)]:
                if not _CLAUSE_BREAK_RE.search(folded_text, person.end, ask.start):
                    yield ask, person, person.start, ask.end


@dataclass(frozen=True)
class _LanguageRules:
    triggers: PhraseMatcher
    negations: PhraseMatcher
    accents: bool
    requests: _Requests | None
    # folded words that hand over as the whole message -> the phrase as the data file writes it
    alone: Mapping[str, str]


def load_yaml_mapping(path: Path) -> Mapping[str, Any]:
    """A YAML file whose top level is a mapping, or a ConfigError naming the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot be read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(str(path), f"invalid YAML: {exc}") from exc
    if not isinstance(data, Mapping):
        raise ConfigError(str(path), "must hold a mapping at the top level")
    return data


def _phrases(path: Path, where: str, value: object) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(p, (str, int)) and str(p).strip() for p in value):
        raise ConfigError(str(path), f"{where} must be a list of non-empty phrases")
    return [str(p) for p in value]


def _requests(path: Path, language: str, value: object, *, accents: bool) -> _Requests | None:
    if value is None:
        return None
    where = f"{language}.requests"
    if not isinstance(value, Mapping) or not set(value) <= {"people", "before", "after", "gap"}:
        raise ConfigError(str(path), f"{where} must map people/before/after (phrases) and gap (characters)")
    people = _phrases(path, f"{where}.people", value.get("people"))
    before = _phrases(path, f"{where}.before", value.get("before"))
    after = _phrases(path, f"{where}.after", value.get("after"))
    gap = value.get("gap", DEFAULT_REQUEST_GAP)
    if not people or not (before or after):
        raise ConfigError(str(path), f"{where} needs people and before or after")
    if not isinstance(gap, int) or isinstance(gap, bool) or not 0 <= gap <= 200:
        raise ConfigError(str(path), f"{where}.gap must be a whole number of characters, 0-200")

    return _Requests(
        _longest_first_matcher("person", people, accents=accents),
        _longest_first_matcher("before", before, accents=accents),
        _longest_first_matcher("after", after, accents=accents),
        gap,
    )


def _longest_first_matcher(label: str, phrases: list[str], *, accents: bool) -> PhraseMatcher:
    """A matcher that tries the longest phrase first. Hits do not overlap and, at one
    position, a regex alternation takes the first phrase that matches: "con un operatore" must
    win over "operatore", and a negation "no" listed early must not hide "no need to talk to an
    agent" at the same place. For lists whose order in the file means nothing (negations,
    request halves); triggers keep theirs (the first listed reason wins)."""
    ordered = sorted(phrases, key=lambda p: -len(fold(p, accents=accents)))
    return PhraseMatcher(((label, p) for p in ordered), accents=accents)


class EscalationRules:
    """Per-language trigger phrases; see the module docstring for the rules."""

    def __init__(self, rules: Mapping[str, Mapping[str, Any]], *, source: Path | None = None) -> None:
        path = source or Path("<escalation rules>")
        self._rules: dict[str, _LanguageRules] = {}
        for language, spec in rules.items():
            if not isinstance(spec, Mapping) or not isinstance(spec.get("triggers"), Mapping):
                raise ConfigError(str(path), f"{language}: needs a 'triggers' mapping of reason -> phrases")
            key = language_key(str(language))
            accents = folds_accents(key)
            triggers = [
                (str(reason), phrase)
                for reason, phrases in spec["triggers"].items()
                for phrase in _phrases(path, f"{language}.triggers.{reason}", phrases)
            ]
            negations = _longest_first_matcher(
                "negation", _phrases(path, f"{language}.negations", spec.get("negations")), accents=accents
            )
            self._rules[key] = _LanguageRules(
                PhraseMatcher(triggers, accents=accents),
                negations,
                accents,
                _requests(path, str(language), spec.get("requests"), accents=accents),
                {
                    _words(fold(p, accents=accents)): p
                    for p in _phrases(path, f"{language}.alone", spec.get("alone"))
                },
            )

    @classmethod
    def load(cls, path: Path | None = None) -> EscalationRules:
        source = path or DEFAULT_ESCALATION_PATH
        return cls(load_yaml_mapping(source), source=source)

    @property
    def languages(self) -> list[str]:
        return sorted(self._rules)

    def check(self, text: str, language: str) -> Trigger | None:
        """The first trigger in a customer message, or None. ``language`` is a tag ("zh-Hans")."""
        keys = dict.fromkeys([language_key(language), FALLBACK_LANGUAGE])
        folded: dict[bool, str] = {}
        for key in keys:
            rules = self._rules.get(key)
            if rules is None:
                continue
            if rules.accents not in folded:
                folded[rules.accents] = fold(text, accents=rules.accents)
            haystack = folded[rules.accents]
            negations = list(rules.negations.finditer(haystack))
            negated = [(n.start, n.end) for n in negations]
            for hit in rules.triggers.finditer(haystack):
                # A negation over the trigger's words wins unless it is only as wide and
                # the trigger spells them all out while the negation has a wildcard: "don't
                # want to talk to a machine" asks for a person although the negation "don't
                # want to talk to * *" (of "talk to a human") covers the same words, while
                # "* konuştum" (I spoke with ...) still beats "temsilciyle konuş*".
                literal = "*" not in hit.phrase
                stronger = [
                    (n.start, n.end)
                    for n in negations
                    if n.end - n.start > hit.end - hit.start or not (literal and "*" in n.phrase)
                ]
                if _free(stronger, hit.start, hit.end):
                    return Trigger(hit.label, hit.phrase)
            alone = rules.alone.get(_words(haystack, once=True)) if rules.alone else None
            if alone is not None:
                return Trigger("human", alone)
            if rules.requests is not None:
                for ask, person, first, last in rules.requests.find(haystack):
                    # A half inside a negation is no request ("no need for an agent, please"),
                    # unless the negation lies within the request itself: "un operatore" is
                    # listed so the bare word does not fire, but "mi passi un operatore" asks.
                    outside = [(a, b) for a, b in negated if not (first <= a and b <= last)]
                    if _free(outside, ask.start, ask.end) and _free(outside, person.start, person.end):
                        return Trigger("human", f"{ask.phrase} + {person.phrase}")
        return None

    @staticmethod
    def model_gave_up(reply: str, escalation_line: str) -> bool:
        """Whether the reply says the persona's hand-over line, verbatim or nearly.

        Exact containment after folding (case, accents, punctuation, spacing) decides at
        once. Otherwise the line's tokens (words; single characters for Chinese, Japanese
        and Thai) are aligned with the reply's, and runs of two or more tokens in order are
        counted: a model that rephrases a word or two still reaches :data:`GAVE_UP_OVERLAP`,
        while a reply that merely shares common words with the line does not, since those
        rarely line up in runs.
        """
        line_tokens = _tokens(escalation_line)
        if not line_tokens:
            return False
        reply_tokens = _tokens(reply)
        if f" {' '.join(line_tokens)} " in f" {' '.join(reply_tokens)} ":
            return True
        matcher = difflib.SequenceMatcher(None, line_tokens, reply_tokens, autojunk=False)
        matched = sum(block.size for block in matcher.get_matching_blocks() if block.size >= 2)
        return matched / len(line_tokens) >= GAVE_UP_OVERLAP


def _words(folded_text: str, *, once: bool = False) -> str:
    """The words of a folded text, one space apart; with ``once``, a text that says the same
    words over and over says them once ("agent agent agent!!" is "agent", "nhân viên nhân
    viên" is "nhân viên")."""
    words = _WORD_RE.findall(folded_text)
    if once:
        for period in range(1, len(words) // 2 + 1):
            if len(words) % period == 0 and words == words[:period] * (len(words) // period):
                return " ".join(words[:period])
    return " ".join(words)


def _free(negated: list[tuple[int, int]], first: int, last: int) -> bool:
    """Whether the span ``first:last`` lies inside none of the negations' spans."""
    return not any(start <= first and last <= end for start, end in negated)


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(fold(text))


__all__ = ["DEFAULT_ESCALATION_PATH", "EscalationRules", "Trigger"]
