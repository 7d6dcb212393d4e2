"""Benchmark ``console.language.detect`` against raw langdetect; prints tables.

Run from the repository root: ``python -m bench.language`` (or ``python bench/language.py``).
Test set: ``bench/data/language_samples.py`` (hand-written customer messages, 17
languages; its docstring says how it was made and what is held out).

Printed: accuracy per input class (dev / held-out / fresh held-out, strict and with shared words accepted)
for this module and for raw langdetect 1.0.9 (seeded, all 55 profiles, ``zh-cn``/``zh-tw``
read as ``zh``, an exception counted wrong); per-language accuracy; the top confusion
pairs; Chinese script (Hans/Hant) accuracy; p50/p95 latency per class with the
detector's cache cleared before every call; memory of loading the detector; and whether
two fresh processes give identical outputs for every input.
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.data.language_samples import FRESH, SAMPLES, fresh_items, items, language_of, two_word_windows
from console import language

CLASSES = ("sentences", "phrases", "words")
CLASS_NAMES = {"sentences": "sentences", "phrases": "two-word", "words": "one-word", "windows": "2-word cuts"}
TARGETS = {"sentences": 0.995, "phrases": 0.97, "words": 0.90}

Sample = tuple[str, str, tuple[str, ...]]


def dataset(kind: str, held_out: bool | str | None) -> list[Sample]:
    """``held_out``: False dev, True the old held-out part, None both, "fresh" the fresh set."""
    if isinstance(held_out, str):  # "fresh"
        return fresh_items(kind)
    if kind == "windows":
        return [(label, text, ()) for label, text in two_word_windows()]
    if held_out is None:
        return items(kind, held_out=False) + items(kind, held_out=True)
    return items(kind, held_out=held_out)


def ours(text: str) -> str:
    return language.detect(text).language


def baseline_factory() -> Callable[[str], str]:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0

    def raw(text: str) -> str:
        try:
            return str(detect(text)).split("-")[0]
        except LangDetectException:
            return "error"

    return raw


def accuracy(fn: Callable[[str], str], samples: list[Sample]) -> tuple[float, float]:
    strict = lenient = 0
    for label, text, also in samples:
        got = fn(text)
        strict += got == language_of(label)
        lenient += got == language_of(label) or got in also
    return strict / len(samples), lenient / len(samples)


def latencies(samples: list[Sample], repeat: int = 3) -> tuple[float, float]:
    times: list[float] = []
    for _ in range(repeat):
        for _label, text, _also in samples:
            language._analyse_sample.cache_clear()
            start = time.perf_counter()
            language.detect(text)
            times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times) * 1000, times[int(len(times) * 0.95)] * 1000


def all_outputs() -> str:
    """Every output for every input, as one digest (the child side of the determinism check)."""
    raw = baseline_factory()
    lines = []
    inputs = [s for kind in (*CLASSES, "windows") for s in dataset(kind, None)]
    inputs += fresh_items("phrases") + fresh_items("words")
    for _label, text, _also in inputs:
        d = language.detect(text)
        lines.append(f"{d.language}|{d.script}|{d.confidence}|{d.reason}|{raw(text)}")
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def memory_child() -> str:
    """Runs in a fresh process: RSS and tracemalloc cost of loading the detector."""
    rss_before = rss_kib()
    tracemalloc.start()
    language.warm_up()
    language.detect("bonjour tout le monde")
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return json.dumps({"rss_kib": rss_kib() - rss_before, "traced": current, "peak": peak})


def child(mode: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": "random"}
    root = Path(__file__).resolve().parent.parent
    cmd = [sys.executable, "-m", "bench.language", "--child", mode]
    return subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, check=True).stdout.strip()


def main() -> None:
    memory = json.loads(child("memory"))
    start = time.perf_counter()
    language.warm_up()
    load_ms = (time.perf_counter() - start) * 1000
    raw = baseline_factory()

    print("language detection bench (bench/data/language_samples.py)\n")
    header = (
        f"{'class':<12}{'part':<10}{'n':>5}  {'ours':>7} {'shared':>7}  {'raw ld':>7} {'shared':>7}  target"
    )
    print(header)
    print("-" * len(header))
    for kind in (*CLASSES, "windows"):
        parts: tuple[tuple[str, bool | str | None], ...] = (
            (("all", None),) if kind == "windows" else (("dev", False), ("held-out", True), ("all", None))
        )
        if kind in ("phrases", "words"):
            parts = (*parts, ("fresh", "fresh"))
        for part, held in parts:
            samples = dataset(kind, held)
            ours_s, ours_l = accuracy(ours, samples)
            raw_s, raw_l = accuracy(raw, samples)
            target = f">= {TARGETS[kind]:.1%}" if kind in TARGETS and part == "all" else ""
            print(
                f"{CLASS_NAMES[kind]:<12}{part:<10}{len(samples):>5}  {ours_s:>7.1%} {ours_l:>7.1%}"
                f"  {raw_s:>7.1%} {raw_l:>7.1%}  {target}"
            )
    print("(strict: only the label counts; shared: a word spelled the same in another served")
    print(" language, marked in the data, also counts. raw ld = langdetect 1.0.9, seeded, all profiles)\n")

    print("per language (all parts), ours / raw langdetect:")
    print(f"{'lang':<6}" + "".join(f"{CLASS_NAMES[k]:>18}" for k in CLASSES))
    confusions: collections.Counter[tuple[str, str]] = collections.Counter()
    for lang in language.SERVED_LANGUAGES:
        cells = []
        for kind in CLASSES:
            samples = [s for s in dataset(kind, None) if language_of(s[0]) == lang]
            got = [ours(text) for _l, text, _a in samples]
            for (_l, _t, _a), g in zip(samples, got, strict=True):
                if g != lang:
                    confusions[(lang, g)] += 1
            right = sum(g == lang for g in got) / len(samples)
            raw_right = sum(raw(t) == lang for _l, t, _a in samples) / len(samples)
            cells.append(f"{right:>6.1%} / {raw_right:>6.1%}")
        print(f"{lang:<6}" + "".join(f"{c:>18}" for c in cells))
    print("\ntop confusions (expected -> got: count), all classes:")
    print("  " + ", ".join(f"{a}->{b}: {n}" for (a, b), n in confusions.most_common(10)) or "  none")

    hans_hant = [(label, text) for label in ("zh-Hans", "zh-Hant") for kind in CLASSES for _l, text, _a in
                 dataset(kind, None) if _l == label]  # fmt: skip
    tag_ok = sum(language.detect(text).tag == label for label, text in hans_hant)
    print(f"\nChinese script: {tag_ok}/{len(hans_hant)} tagged right (zh-Hans / zh-Hant)")

    print("\nlatency per message (cache cleared before each call, 3 passes):")
    for kind in (*CLASSES, "windows"):
        p50, p95 = latencies(dataset(kind, None))
        print(f"  {CLASS_NAMES[kind]:<12} p50 {p50:6.3f} ms   p95 {p95:6.3f} ms")
    huge = "Bonjour, je n'ai pas reçu ma commande. " * 30000
    start = time.perf_counter()
    language.detect(huge)
    huge_ms = (time.perf_counter() - start) * 1000
    print(f"  1.2 MB text  {huge_ms:6.3f} ms (looks at the first {language.MAX_SAMPLE_CHARS} chars)")

    print(
        f"\nmemory: loading the detector (11 langdetect profiles) takes {load_ms:.0f} ms here;"
        f" fresh process: RSS +{memory['rss_kib'] / 1024:.1f} MiB,"
        f" tracemalloc {memory['traced'] / 2**20:.1f} MiB held, peak {memory['peak'] / 2**20:.1f} MiB"
    )
    first, second = child("digest"), child("digest")
    print(f"determinism: 2 subprocesses (PYTHONHASHSEED random) identical outputs: {first == second}")
    count = sum(len(v) for src in (SAMPLES, FRESH) for s in src.values() for v in s.values())
    count += len(two_word_windows())
    print(f"  ({count} inputs, ours and raw langdetect, digest {first[:12]})")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(all_outputs() if sys.argv[2] == "digest" else memory_child())
    else:
        main()
