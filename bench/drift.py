"""The reply-language test, on text nobody here wrote: false alarms and caught drifts.

    python -m bench.drift [--replies 60] [--seed 1]

Since a reply that drifts twice goes to a person (console/pipeline.py), a false alarm
costs a customer their answer, so the test is measured before it is trusted. A customer's
message and a reply of five sentences are drawn from the independent evaluation's
sentences (bench/data/independent.py: Django's translations, CLDR and Faker data, both
splits), and the reply is tested as the pipeline tests it while it streams: its first
40, 80, 120... characters, then the whole. Two tables:

- **false alarms**: the reply in the customer's language, yet some prefix called a drift;
- **drifts caught**: the reply in another served language, drawn at random, and how soon
  the test said so (characters streamed), or never; and the same into the language's
  closest neighbour (``NEIGHBOUR``: Portuguese for Spanish, German for Dutch...), the
  drift hardest to see.

A customer message the console itself detects as another language is skipped: the test
asks about the detected language, as the pipeline does.
"""

from __future__ import annotations

import argparse
import collections
import random
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from console.language import Detection

#: the pipeline's interval (console/pipeline.py _DRIFT_CHECK_EVERY)
STEP = 40
#: each language's closest served neighbour: the language its text is most often taken for
#: (the top confusions in BENCHMARKS.md), or one of its script or family
NEIGHBOUR = {
    "ar": "fr", "de": "nl", "en": "fr", "es": "pt", "fr": "en", "id": "en", "it": "es",
    "ja": "zh", "ko": "ja", "nl": "de", "pl": "ru", "pt": "es", "ru": "pl", "th": "vi",
    "tr": "id", "vi": "id", "zh": "ja",
}  # fmt: skip


def _first_alarm(detection: Detection, reply: str) -> int | None:
    """How many characters had streamed when the test first called ``reply`` a drift."""
    from console.language.detection import reply_language_matches

    cuts: list[int] = [*range(STEP, len(reply), STEP), len(reply)]
    for cut in cuts:
        if reply_language_matches(detection, reply[:cut]) is False:
            return cut
    return None


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--replies", type=int, default=60, help="replies per language and table")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    from bench.data import independent
    from console.language import detect, warm_up

    warm_up()
    rng = random.Random(args.seed)
    texts: dict[str, list[str]] = collections.defaultdict(list)
    for split in independent.SPLITS:
        for sample in independent.samples("sentences", split):
            texts[sample.language].append(sample.text)
    languages = sorted(texts)
    print(f"{args.replies} replies of 5 sentences per language and column, tested every {STEP} characters\n")
    print("| language | replies | false alarms | drifts caught (any) | median chars |", end="")
    print(" into its neighbour | median chars |")
    print("|---|---|---|---|---|---|---|")
    totals = collections.Counter[str]()
    false_alarms: list[str] = []
    for language in languages:
        others = [other for other in languages if other != language]
        tested = alarms = 0
        caught: dict[str, list[int | None]] = {"any": [], "neighbour": []}
        for _ in range(args.replies):
            detection = detect(rng.choice(texts[language]))
            if detection.language != language:
                continue
            tested += 1
            reply = " ".join(rng.sample(texts[language], 5))
            at = _first_alarm(detection, reply)
            if at is not None:
                alarms += 1
                false_alarms.append(f"{language} {detection.tag}: {reply[:at]!r}")
            for column, other in (("any", rng.choice(others)), ("neighbour", NEIGHBOUR[language])):
                caught[column].append(_first_alarm(detection, " ".join(rng.sample(texts[other], 5))))
        cells = []
        for column, found in caught.items():
            seen = [n for n in found if n is not None]
            cells += [f"{len(seen)}", f"{statistics.median(seen):.0f}" if seen else "-"]
            totals[column] += len(seen)
        neighbour = f"{cells[2]} (→{NEIGHBOUR[language]})"
        print(f"| {language} | {tested} | {alarms} | {cells[0]} | {cells[1]} | {neighbour} | {cells[3]} |")
        totals.update(tested=tested, alarms=alarms)
    print(f"| all | {totals['tested']} | {totals['alarms']} | {totals['any']} | | {totals['neighbour']} | |")
    for alarm in false_alarms:  # the customer's language and the streamed text the test refused
        print("false alarm:", alarm)


if __name__ == "__main__":
    main()
