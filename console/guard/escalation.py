"""When to hand a conversation to a person: customer phrases, and a model that gave up.

The phrase lists are data (``prompts/_guard/escalation.yaml``), written natively per
language; the matching rules are in :mod:`console.guard._text`. A customer message is
checked against its detected language *and* English: customers mix in English ("I want
a human") far more often than a third language, and checking all seventeen lists would
fire on words that are harmless in the message's own language.

Negation is handled by data, cheaply: a trigger that lies inside a listed negation
("no complaints", "aucune réclamation", "没有投诉") is ignored. Anything subtler ("I'm
not saying I'll sue, but...") still escalates, which is the safe side to err on.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from console.errors import ConfigError
from console.guard._text import PhraseMatcher, fold, folds_accents, language_key

DEFAULT_ESCALATION_PATH = Path(__file__).resolve().parents[2] / "prompts" / "_guard" / "escalation.yaml"
FALLBACK_LANGUAGE = "en"

#: share of the escalation line's tokens the reply must reproduce, in order, in runs of 2+
GAVE_UP_OVERLAP = 0.75
# Scripts written without spaces: each character is a token for the overlap measure.
_CHAR_TOKEN_RE = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TOKEN_RE = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")


@dataclass(frozen=True)
class Trigger:
    reason: str  # "complaint", "human", "legal", "media" (the data file's keys)
    phrase: str  # the phrase as written in the data file, never the customer's text


@dataclass(frozen=True)
class _LanguageRules:
    triggers: PhraseMatcher
    negations: PhraseMatcher
    accents: bool


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
            negations = [
                ("negation", p) for p in _phrases(path, f"{language}.negations", spec.get("negations"))
            ]
            self._rules[key] = _LanguageRules(
                PhraseMatcher(triggers, accents=accents), PhraseMatcher(negations, accents=accents), accents
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
            negated = [(n.start, n.end) for n in rules.negations.finditer(haystack)]
            for hit in rules.triggers.finditer(haystack):
                if not any(start <= hit.start and hit.end <= end for start, end in negated):
                    return Trigger(hit.label, hit.phrase)
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


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(fold(text))


__all__ = ["DEFAULT_ESCALATION_PATH", "EscalationRules", "Trigger"]
