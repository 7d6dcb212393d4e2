"""An evaluation set for language ID built from text nobody on this team wrote.

Every sample is taken, by a fixed procedure, from translations that ship inside maintained
PyPI packages (installed by ``requirements-dev.txt``; nothing is downloaded at run time):

* **Django 5.2** (``django/**/locale/<lang>/LC_MESSAGES/django.mo``): the framework's and its
  contrib apps' user-facing messages, translated by Django's volunteer translation teams
  ("Enter a valid email address.", "Your password can't be too similar to your other
  personal information."). Short service-style sentences, close to what a support console
  sees, in all 17 served languages (Chinese in both scripts). English uses the message ids.
  Source of the **sentences** and of the word windows in **pairs**.
* **Babel 2.18 / Unicode CLDR**: names of territories, languages, scripts, currencies, units,
  months, weekdays and relative date fields as each locale writes them ("Allemagne",
  "kilomètres par heure", "la semaine dernière"). CLDR is written by native contributors and
  reviewed per locale. Source of **words** and two-word **pairs**.
* **Faker 40**: per-locale word lists and job titles (``lorem``, ``job`` and ``color``
  providers) where a locale ships them; written by Faker's contributors per locale. Extra
  **words** and **pairs**.

The **conversation** set puts a short message after one or two sentences of known language:
language-neutral messages ("ok", "👍", an order number, a URL, "lol") and one-word replies in
the conversation's language, taken from the words above. The answer is the conversation's
language: the history must decide.

Procedure (deterministic, no hand-picking): clean placeholders and markup; a sentence has at
least four words (or 10 characters in Chinese, Japanese and Thai); a sample whose folded
spelling also occurs as a sample of another served language is dropped (no detector can be
right on it, e.g. "Argentina", "radio", "日本"); samples with digits are dropped, and so are
samples of Chinese, Japanese, Korean, Russian, Arabic and Thai without one character of that
script (strings a catalog left untranslated). Each sample is
assigned to the **tuning** or the **held-out** split by a SHA-1 of its language and text, then
at most :data:`PER_SPLIT` per language, kind and split are drawn with a seeded shuffle. Tuning
may look at the tuning split only; the held-out split is for reporting.
"""

from __future__ import annotations

import functools
import gettext
import hashlib
import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

LANGUAGES: tuple[str, ...] = (
    "zh", "en", "ja", "ko", "fr", "es", "de", "pt", "ru", "ar", "vi", "th", "id", "it", "tr", "nl", "pl",
)  # fmt: skip
KINDS = ("sentences", "pairs", "words")
SPLITS = ("tuning", "held-out")
PER_SPLIT = 200
CONVERSATIONS_PER_SPLIT = 60

# Django / Babel / Faker locale names per served language (Chinese: both scripts)
_DJANGO = {"zh": ("zh_Hans", "zh_Hant"), "pt": ("pt", "pt_BR")}
_BABEL = {"zh": ("zh", "zh_Hant"), "pt": ("pt", "pt_PT")}
_FAKER = {
    "zh": ("zh_CN", "zh_TW"), "en": ("en_US",), "ja": ("ja_JP",), "ko": ("ko_KR",), "fr": ("fr_FR",),
    "es": ("es_ES",), "de": ("de_DE",), "pt": ("pt_BR", "pt_PT"), "ru": ("ru_RU",), "ar": ("ar_AA",),
    "vi": ("vi_VN",), "th": ("th_TH",), "id": ("id_ID",), "it": ("it_IT",), "tr": ("tr_TR",),
    "nl": ("nl_NL",), "pl": ("pl_PL",),
}  # fmt: skip
_UNSPACED = ("zh", "ja", "th")

_PLACEHOLDER = re.compile(r"%\([^)]*\)[sdfr]|%[sdfr]|\{[^}]*\}|<[^>]*>|&[a-z]+;|\\n")
_DIGIT = re.compile(r"\d")
_STRIP = "\"'“”«»„()[]:;.,!?¿¡…‹›「」『』。、，：；！？（）"


@dataclass(frozen=True)
class Sample:
    language: str
    kind: str  # sentences / pairs / words / conversation
    text: str
    history: tuple[str, ...] = ()
    source: str = ""


def _clean(text: str) -> str:
    text = _PLACEHOLDER.sub(" ", unicodedata.normalize("NFC", text))
    text = text.replace("_", " ").replace("\u00a0", " ")
    return " ".join(text.split()).strip(" -–—•*|/")


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch) and ch.isalnum())


def _words(text: str) -> list[str]:
    return [w.strip(_STRIP) for w in text.split() if w.strip(_STRIP)]


# --------------------------------------------------------------------------- sources


def _django_messages(lang: str, codes: tuple[str, ...] | None = None) -> Iterator[str]:
    import django

    root = Path(django.__file__).parent
    if lang == "en":  # English is Django's source language: the message ids
        catalog_langs: tuple[str, ...] = ("fr",)
    else:
        catalog_langs = codes or _DJANGO.get(lang) or (lang,)
    for code in catalog_langs:
        for mo in sorted(root.rglob(f"locale/{code}/LC_MESSAGES/django*.mo")):
            with mo.open("rb") as handle:
                catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
            for msgid, msgstr in sorted(catalog.items(), key=lambda kv: str(kv[0])):
                if not msgid:
                    continue  # the header
                source = msgid[0] if isinstance(msgid, tuple) else msgid
                text = source if lang == "en" else msgstr
                if isinstance(text, str) and text and "http" not in text and "@" not in text:
                    yield _clean(text.split("\x04")[-1])


def _babel_names(lang: str, codes: tuple[str, ...] | None = None) -> Iterator[str]:
    from babel import Locale

    for code in codes or _BABEL.get(lang) or (lang,):
        locale = Locale.parse(code)
        data = locale._data  # the CLDR tables (Babel has no public accessor for all)
        for table in ("territories", "languages", "scripts", "currency_names"):
            yield from (str(v) for _, v in sorted(data[table].items()))
        for context in ("format", "stand-alone"):
            yield from (str(v) for _, v in sorted(data["months"][context]["wide"].items()))
            yield from (str(v) for _, v in sorted(data["days"][context]["wide"].items()))
        for _, unit in sorted(data["unit_display_names"].items()):
            name = unit.get("long") if hasattr(unit, "get") else None
            if isinstance(name, str):
                yield name
        for _, field in sorted(data["date_fields"].items()):
            for key in ("relative", "relative-type"):
                try:
                    values = field[key]
                except (KeyError, TypeError):
                    continue
                if hasattr(values, "items"):
                    yield from (str(v) for _, v in sorted(values.items(), key=lambda kv: str(kv[0])))


def _faker_words(lang: str, codes: tuple[str, ...] | None = None) -> Iterator[str]:
    import importlib

    for code in codes or _FAKER[lang]:
        for provider, names in (("lorem", ("word_list",)), ("job", ("jobs",)), ("color", ("all_colors",))):
            try:
                module = importlib.import_module(f"faker.providers.{provider}.{code}")
            except ImportError:
                continue
            provider_class = getattr(module, "Provider", None)
            for name in names:
                values = getattr(provider_class, name, None)
                if isinstance(values, dict):
                    values = list(values)
                if isinstance(values, (list, tuple)):
                    yield from (str(v) for v in values)


# --------------------------------------------------------------------------- candidates


# Languages not written in Latin script, and a character class of their script: a sample of
# theirs without one character of it is an untranslated string left in the catalog.
_OWN_SCRIPT = {
    "zh": re.compile(r"[\u4e00-\u9fff]"), "ja": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"),
    "ko": re.compile(r"[\uac00-\ud7a3]"), "ru": re.compile(r"[\u0400-\u04ff]"),
    "ar": re.compile(r"[\u0600-\u06ff]"), "th": re.compile(r"[\u0e00-\u0e7f]"),
}  # fmt: skip


def _is_sentence(lang: str, text: str) -> bool:
    if lang in _UNSPACED:
        return len(text) >= 10 and not _DIGIT.search(text)
    return len(_words(text)) >= 4 and not _DIGIT.search(text)


def _windows(text: str) -> Iterator[str]:
    """Two adjacent words from the middle of a spaced-script sentence."""
    words = [w for w in _words(text) if not _DIGIT.search(w)]
    if len(words) >= 4:
        start = len(words) // 3
        yield " ".join(words[start : start + 2])


@functools.lru_cache(maxsize=1)
def _candidates() -> dict[tuple[str, str], dict[str, str]]:
    """(language, kind) -> {sample: source}, before the ambiguity filter."""
    found: dict[tuple[str, str], dict[str, str]] = {}

    def add(lang: str, kind: str, text: str, source: str) -> None:
        text = text.strip(_STRIP + " ")
        own = _OWN_SCRIPT.get(lang)
        if own is not None and not own.search(text):
            return  # untranslated (English left in a Thai catalog, a Latin name in CLDR)
        if text and not _DIGIT.search(text):
            found.setdefault((lang, kind), {}).setdefault(text, source)

    for lang in LANGUAGES:
        for message in _django_messages(lang):
            if _is_sentence(lang, message):
                add(lang, "sentences", message, "django")
                if lang not in _UNSPACED:
                    for window in _windows(message):
                        add(lang, "pairs", window, "django")
        names: Iterable[tuple[str, str]] = [
            *((name, "cldr") for name in _babel_names(lang)),
            *((name, "faker") for name in _faker_words(lang)),
        ]
        for name, source in names:
            clean = _clean(name)
            words = _words(clean)
            if lang in _UNSPACED and len(words) == 1:
                # no spaces between words: a short name is a word, a longer one a pair-like phrase
                add(lang, "words" if len(clean) <= 4 else "pairs", clean, source)
            elif len(words) == 1:
                add(lang, "words", words[0], source)
            elif len(words) == 2:
                add(lang, "pairs", " ".join(words), source)
    return found


#: Chinese locales of each source, per script
_CHINESE_LOCALES = {
    "Hant": {"django": ("zh_Hant",), "cldr": ("zh_Hant",), "faker": ("zh_TW",)},
    "Hans": {"django": ("zh_Hans",), "cldr": ("zh",), "faker": ("zh_CN",)},
}


@functools.lru_cache(maxsize=1)
def chinese_by_script() -> dict[str, list[tuple[str, str]]]:
    """Script ("Hant", "Hans") -> [(text, source)]: every Chinese string of the three sources'
    locales of that script (sentences, names and words alike), cleaned as the samples are.

    For the script check: which persona (Traditional or Simplified) a Chinese customer gets.
    A string that the other script's locales also write ("四月", "JSON 物件") is left out, as
    no detector can tell its script; so is one without a Han character.
    """
    # Babel merges a locale into a shallow copy of its parent's cached data, so what a locale
    # reads depends on which was loaded first: load them in the evaluation's order, or the
    # evaluation itself would change (300 Chinese words did when this ran first)
    _candidates()
    found: dict[str, dict[str, str]] = {}
    for script, sources in _CHINESE_LOCALES.items():
        texts: dict[str, str] = {}
        names = [
            *((m, "django") for m in _django_messages("zh", sources["django"])),
            *((n, "cldr") for n in _babel_names("zh", sources["cldr"])),
            *((w, "faker") for w in _faker_words("zh", sources["faker"])),
        ]
        for text, source in names:
            clean = _clean(text).strip(_STRIP + " ")
            if clean and _OWN_SCRIPT["zh"].search(clean):
                texts.setdefault(clean, source)
        found[script] = texts
    both = set(found["Hant"]) & set(found["Hans"])
    return {
        script: sorted((text, source) for text, source in texts.items() if text not in both)
        for script, texts in found.items()
    }


def _split_of(lang: str, text: str) -> str:
    digest = hashlib.sha1(f"{lang}\x00{text}".encode(), usedforsecurity=False).digest()
    return SPLITS[digest[0] & 1]


@functools.lru_cache(maxsize=1)
def _pools() -> dict[tuple[str, str, str], list[Sample]]:
    """(language, kind, split) -> samples, ambiguity-filtered, shuffled, capped."""
    candidates = _candidates()
    owners: dict[tuple[str, str], set[str]] = {}  # (kind, folded key) -> languages
    for (lang, kind), texts in candidates.items():
        for text in texts:
            owners.setdefault((kind, _key(text)), set()).add(lang)
    # a single word also may not be a word of another language's pairs or sentences
    vocabulary: dict[str, set[str]] = {}
    for (lang, kind), texts in candidates.items():
        if kind != "words":
            for text in texts:
                for word in _words(text):
                    vocabulary.setdefault(_key(word), set()).add(lang)
    pools: dict[tuple[str, str, str], list[Sample]] = {}
    for (lang, kind), texts in sorted(candidates.items()):
        kept: dict[str, list[Sample]] = {split: [] for split in SPLITS}
        for text, source in sorted(texts.items()):
            key = _key(text)
            if not key or owners[(kind, key)] != {lang}:
                continue
            if kind == "words" and vocabulary.get(key, {lang}) - {lang}:
                continue
            kept[_split_of(lang, text)].append(Sample(lang, kind, text, source=source))
        for split, samples in kept.items():
            random.Random(f"{lang}/{kind}/{split}").shuffle(samples)
            pools[(lang, kind, split)] = samples[:PER_SPLIT]
    return pools


#: messages that say nothing about the language: the conversation's history must decide
NEUTRAL_MESSAGES: tuple[str, ...] = (
    "ok", "OK", "Ok!", "okay", "👍", "🙏", "😊😊", "❤️", "?", "??", "...", "!!!", ":)", "lol", "haha",
    "#48213", "A-1293847", "123456789", "ORD-2024-7781", "4111 2222", "https://shop.example/o/99",
    "ok 👍", "100%", "2x", "15:30", "iPhone 15", "SKU 88-1A", "www.example.com", "x2", "k",
)  # fmt: skip


@functools.lru_cache(maxsize=1)
def _conversations() -> dict[tuple[str, str], list[Sample]]:
    pools = _pools()
    out: dict[tuple[str, str], list[Sample]] = {}
    for lang in LANGUAGES:
        for split in SPLITS:
            rng = random.Random(f"{lang}/conversation/{split}")
            sentences = pools.get((lang, "sentences", split), [])
            words = pools.get((lang, "words", split), [])
            samples: list[Sample] = []
            for index in range(CONVERSATIONS_PER_SPLIT):
                if not sentences:
                    break
                history = tuple(s.text for s in rng.sample(sentences, k=min(len(sentences), 1 + index % 2)))
                if index % 2 == 0 or not words:
                    message, source = NEUTRAL_MESSAGES[rng.randrange(len(NEUTRAL_MESSAGES))], "neutral"
                else:
                    message, source = words[rng.randrange(len(words))].text, "one-word reply"
                samples.append(Sample(lang, "conversation", message, history, source))
            out[(lang, split)] = samples
    return out


def samples(kind: str, split: str) -> list[Sample]:
    """Every sample of ``kind`` ("sentences", "pairs", "words", "conversation") in ``split``."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    if kind == "conversation":
        return [s for lang in LANGUAGES for s in _conversations()[(lang, split)]]
    return [s for lang in LANGUAGES for s in _pools().get((lang, kind, split), [])]


def accuracy_by_language(rows: Iterable[Sample], guess: Callable[[Sample], str | None]) -> dict[str, float]:
    """Share of each language's samples ``guess`` gets right. The evaluation's score is the
    mean of these (every language weighs the same, whatever its sample count)."""
    right: dict[str, list[int]] = {}
    for sample in rows:
        counts = right.setdefault(sample.language, [0, 0])
        counts[0] += guess(sample) == sample.language
        counts[1] += 1
    return {lang: r / n for lang, (r, n) in right.items()}


@functools.lru_cache(maxsize=1)
def _vocabularies() -> dict[str, frozenset[str]]:
    """Per served language, the folded words of all its text in the three sources (every
    kind, both splits, before any sample is dropped)."""
    found: dict[str, set[str]] = {}
    for (lang, _kind), texts in _candidates().items():
        words = found.setdefault(lang, set())
        for text in texts:
            words.update(_key(word) for word in _words(text))
    return {lang: frozenset(words) for lang, words in found.items()}


def shared_by(language: str, text: str) -> tuple[str, ...]:
    """The other served languages whose own text in the three sources writes every word of
    ``text`` (folded): Indonesian "Peso Bolivia" is two words of Spanish text, Spanish "la
    base" two of Italian. No detector can tell such a sample by its words, only by their
    order or form; bench.language reports pairs with and without them apart."""
    keys = [_key(word) for word in _words(text)]
    vocabularies = _vocabularies()
    return tuple(
        other
        for other in LANGUAGES
        if other != language and keys and all(key in vocabularies.get(other, ()) for key in keys)
    )


def fingerprint() -> str:
    """SHA-1 over every sample of both splits: the same on every machine with the same packages."""
    digest = hashlib.sha1(usedforsecurity=False)
    for split in SPLITS:
        for kind in (*KINDS, "conversation"):
            for sample in samples(kind, split):
                digest.update(f"{sample.language}\x00{sample.text}\x00{'|'.join(sample.history)}\n".encode())
    return digest.hexdigest()[:12]
