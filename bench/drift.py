"""The reply-language test, on text nobody here wrote: false alarms and caught drifts.

    python -m bench.drift [--replies 60] [--seed 1]

Since a reply that drifts twice goes to a person (console/pipeline.py), a false alarm
costs a customer their answer, so the test is measured before it is trusted. A customer's
message and a reply of five sentences are drawn from the independent evaluation's
sentences (bench/data/independent.py: Django's translations, CLDR and Faker data, both
splits), and the reply is tested as the pipeline tests it while it streams: after every
word until its language is confirmed, then every 40 characters, then the whole. Two tables:

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
import re
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from console.language import Detection

#: the pipeline's interval once a reply's language is confirmed, and how long unjudged text
#: waits to show (console/pipeline.py _DRIFT_CHECK_EVERY, _SHOW_UNJUDGED_AFTER)
STEP = 40
SHOW_UNJUDGED_AFTER = 200
#: each language's closest served neighbour: the language its text is most often taken for
#: (the top confusions in BENCHMARKS.md), or one of its script or family
NEIGHBOUR = {
    "ar": "fr", "de": "nl", "en": "fr", "es": "pt", "fr": "en", "id": "en", "it": "es",
    "ja": "zh", "ko": "ja", "nl": "de", "pl": "ru", "pt": "es", "ru": "pl", "th": "vi",
    "tr": "id", "vi": "id", "zh": "ja",
}  # fmt: skip


def _shown_from(detection: Detection, reply: str) -> int:
    """How many characters had streamed when ``reply``'s text could first show (its
    language confirmed, or SHOW_UNJUDGED_AFTER characters, or the whole reply)."""
    from console.language.detection import reply_language_matches

    for match in re.finditer(r"\S+\s*", reply):
        cut = match.end()
        if cut >= SHOW_UNJUDGED_AFTER or reply_language_matches(detection, reply[:cut]) is True:
            return cut
    return len(reply)


def _first_alarm(detection: Detection, reply: str) -> int | None:
    """How many characters had streamed when the test first called ``reply`` a drift,
    tested as the pipeline tests a streaming try: after every word until the language is
    confirmed (or SHOW_UNJUDGED_AFTER characters passed), then every STEP characters, then
    the whole reply; a drift is called from STEP characters on (or on the whole reply)."""
    from console.language.detection import reply_language_matches

    judged, checked_at = False, 0
    words = [m.end() for m in re.finditer(r"\S+\s*", reply)]
    for cut in words:
        if judged and cut - checked_at < STEP and cut != len(reply):
            continue
        matches = reply_language_matches(detection, reply[:cut])
        if matches is False and (cut >= STEP or cut == len(reply)):
            return cut
        if matches is not False or judged:
            checked_at = cut
        judged = judged or matches is True or cut >= SHOW_UNJUDGED_AFTER
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
    print(f"{args.replies} replies of 5 sentences per language and column, tested as they stream\n")
    print("| language | replies | shown from (median chars) | false alarms | drifts caught (any) |", end="")
    print(" median chars | into its neighbour | median chars |")
    print("|---|---|---|---|---|---|---|---|")
    totals = collections.Counter[str]()
    false_alarms: list[str] = []
    for language in languages:
        others = [other for other in languages if other != language]
        tested = alarms = 0
        shown_from: list[int] = []
        caught: dict[str, list[int | None]] = {"any": [], "neighbour": []}
        for _ in range(args.replies):
            detection = detect(rng.choice(texts[language]))
            if detection.language != language:
                continue
            tested += 1
            reply = " ".join(rng.sample(texts[language], 5))
            shown_from.append(_shown_from(detection, reply))
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
        shown = f"{statistics.median(shown_from):.0f}" if shown_from else "-"
        row = [language, tested, shown, alarms, cells[0], cells[1], neighbour, cells[3]]
        print("| " + " | ".join(str(cell) for cell in row) + " |")
        totals.update(tested=tested, alarms=alarms)
    row = ["all", totals["tested"], "", totals["alarms"], totals["any"], "", totals["neighbour"], ""]
    print("| " + " | ".join(str(cell) for cell in row) + " |")
    for alarm in false_alarms:  # the customer's language and the streamed text the test refused
        print("false alarm:", alarm)


if __name__ == "__main__":
    main()
