"""Does the console notice a customer asking for a person? Measured on text nobody here wrote.

Run: ``.venv/bin/python -m bench.escalation`` (about 2 s; ``--misses`` prints the tuning side's
misses only).

A customer who asks for a human must be handed over at once (``prompts/_guard/escalation.yaml``,
:class:`console.guard.escalation.EscalationRules`, checked against the message's detected
language and English); one who merely mentions staff must not be. The phrase lists were
written by the team; these messages were not:

* **tuning**: the ``general/human-agent`` messages of ``bench/data/support_questions.py`` and
  ``bench/data/support_questions_more.py`` (85 requests for a person, 5 per language), and every
  other message of both sets (1,122 + 748 - 85 questions on the other 21 topics, 136 off-topic)
  as messages that must not ask for a person. The complaints topic triggers by design (reason
  ``complaint``: a complaint goes to a person too) and is counted apart. Then
  ``bench/data/handoff_requests_more.py``, by another helper after the first phrase edit: 10
  requests and 8 look-alike non-requests per language. Then ``bench/data/handoff_requests_tuning.py``,
  by a fourth helper when the request halves were added (16 requests and 10 look-alikes per
  language; as it came, HEAD's lists caught 48.2 % of its requests, the first halves 53.3 %).
  Then ``bench/data/handoff_requests_third.py``, by a fifth helper after two passes of halves
  (16 requests and 12 look-alikes per language; as it came, 78.3 % of its requests were handed
  over and 96.1 % of its look-alikes left alone; the landed lists: 58.5 % and 96.1 %).
* **held-out**: ``bench/data/handoff_requests.py``, written by a helper that saw neither the
  phrase lists nor those sets: 8 requests and 6 non-requests per language that share words with
  requests ("Maria helped me yesterday", "are you a bot?"). Nobody edits a phrase from its
  misses; it is only reported.
* **held-out 2**: ``bench/data/handoff_requests_fresh.py``, by a third helper that saw none of
  the above, written while the request halves were being added: 14 requests and 10 look-alikes
  per language. Reported only, like the first.
* **other text**: the language evaluation's 11,560 sentences and word pairs
  (``bench/data/independent.py``: Django's translations, CLDR names, Faker text): none asks
  for a person, so every hand-over is a false one.

A request counts as caught when any trigger fires (every reason hands the conversation over);
a non-request counts as wrong when any trigger fires.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from bench.data import (
    handoff_requests,
    handoff_requests_fresh,
    handoff_requests_more,
    handoff_requests_third,
    handoff_requests_tuning,
    support_questions,
    support_questions_more,
)
from bench.knowledge import LANGS
from console.guard.escalation import DEFAULT_ESCALATION_PATH, EscalationRules, Trigger, load_yaml_mapping
from console.language import detect

HUMAN_AGENT = ("general", "human-agent")
COMPLAINTS = ("general", "complaints")


@dataclass(frozen=True)
class Checked:
    language: str
    text: str
    trigger: Trigger | None


def check_all(rules: EscalationRules, messages: Iterable[tuple[str, str]]) -> list[Checked]:
    """Each (language, text) checked as the pipeline checks it: in its detected language."""
    return [Checked(lang, text, rules.check(text, detect(text).tag)) for lang, text in messages]


def tuning_sets() -> dict[str, list[tuple[str, str]]]:
    """name -> (language, text): requests, complaints, other questions and off-topic messages."""
    requests: list[tuple[str, str]] = []
    complaints: list[tuple[str, str]] = []
    others: list[tuple[str, str]] = []
    off_topic: list[tuple[str, str]] = []
    for source in (support_questions, support_questions_more):
        for topic, by_language in source.QUESTIONS.items():
            target = requests if topic == HUMAN_AGENT else complaints if topic == COMPLAINTS else others
            target.extend(_pairs(by_language))
        off_topic.extend(_pairs(source.OFF_TOPIC))
    not_requests: list[tuple[str, str]] = []
    for batch in (handoff_requests_more, handoff_requests_tuning, handoff_requests_third):
        requests += _pairs(batch.REQUESTS)
        not_requests += _pairs(batch.NOT_REQUESTS)
    return {
        "requests": requests,
        "not requests": not_requests,
        "complaints": complaints,
        "other questions": others,
        "off-topic": off_topic,
    }


def independent_text() -> list[tuple[str, str]]:
    """(language, text): the language evaluation's sentences and word pairs, both splits
    (bench/data/independent.py): text nobody here wrote and no rule is edited from."""
    from bench.data import independent

    return [
        (sample.language, sample.text)
        for split in independent.SPLITS
        for kind in ("sentences", "pairs")
        for sample in independent.samples(kind, split)
    ]


def held_out_sets() -> dict[str, list[tuple[str, str]]]:
    return {
        "requests": _pairs(handoff_requests.REQUESTS),
        "not requests": _pairs(handoff_requests.NOT_REQUESTS),
        "fresh requests": _pairs(handoff_requests_fresh.REQUESTS),
        "fresh not requests": _pairs(handoff_requests_fresh.NOT_REQUESTS),
    }


def _pairs(by_language: Mapping[str, Iterable[str]]) -> list[tuple[str, str]]:
    """(language, text) for every message of a language -> messages mapping."""
    return [(lang, text) for lang, texts in by_language.items() for text in texts]


def _row(name: str, checked: list[Checked], *, want: bool) -> str:
    cells = ""
    for lang in LANGS:
        mine = [c for c in checked if c.language == lang]
        right = sum((c.trigger is not None) == want for c in mine)
        cells += f"{right:>4}/{len(mine):<3}"
    right = sum((c.trigger is not None) == want for c in checked)
    return f"{name:<28}{cells}  {right}/{len(checked)} = {right / len(checked):.1%}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--misses", action="store_true", help="print the tuning side's misses")
    parser.add_argument("--rules", type=Path, help="another escalation.yaml (e.g. an older one, to compare)")
    parser.add_argument(
        "--tuning-only", action="store_true", help="leave the held-out rows out (for whoever edits phrases)"
    )
    parser.add_argument(
        "--halves-only",
        action="store_true",
        help="match only each language's requests (people + asking words), not its whole phrases",
    )
    args = parser.parse_args(argv)
    if args.halves_only:  # the same file with every language's whole phrases left out
        source = args.rules or DEFAULT_ESCALATION_PATH
        data = load_yaml_mapping(source)
        halves = {lang: {**spec, "triggers": {}} for lang, spec in data.items() if isinstance(spec, dict)}
        rules = EscalationRules(halves, source=source)
    else:
        rules = EscalationRules.load(args.rules)
    print(f"{'right (handed over / not)':<28}" + "".join(f"{lang:>6}  " for lang in LANGS) + " total")
    tuning = {name: check_all(rules, rows) for name, rows in tuning_sets().items()}
    print(_row("tuning: asks for a person", tuning["requests"], want=True))
    print(_row("tuning: does not ask", tuning["not requests"], want=False))
    print(_row("tuning: other questions", tuning["other questions"], want=False))
    print(_row("tuning: off-topic", tuning["off-topic"], want=False))
    if not args.tuning_only:
        held_out = {name: check_all(rules, rows) for name, rows in held_out_sets().items()}
        print(_row("held-out: asks for a person", held_out["requests"], want=True))
        print(_row("held-out: does not ask", held_out["not requests"], want=False))
        print(_row("held-out 2: asks for a person", held_out["fresh requests"], want=True))
        print(_row("held-out 2: does not ask", held_out["fresh not requests"], want=False))
        print(_row("other text nobody here wrote", check_all(rules, independent_text()), want=False))
    complaints = tuning["complaints"]
    print(
        f"complaints topic (handed over by design, reason 'complaint'): "
        f"{sum(c.trigger is not None for c in complaints)}/{len(complaints)}"
    )
    if args.misses:
        for c in tuning["requests"]:
            if c.trigger is None:
                print(f"  not handed over [{c.language}] {c.text!r}")
        for name in ("not requests", "other questions", "off-topic"):
            for c in tuning[name]:
                if c.trigger is not None:
                    print(f"  handed over ({name}) [{c.language}] {c.text!r} -> {c.trigger}")


if __name__ == "__main__":
    main()
