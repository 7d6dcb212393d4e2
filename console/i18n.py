"""The console's language data, read from ``prompts/_i18n/*.yaml`` and validated as a whole.

Nothing language-specific is written in Python: the served languages and their names, the
UI labels, the messages the guard tells customers, the detector's lexicon, telling letters
and Han-script tables all live in data files a translator can edit:

================ ============================================================================
file             holds
================ ============================================================================
languages.yaml   served languages: name in the language itself, script, right-to-left; the
                 names of Chinese's two scripts
ui_labels.yaml   UI strings per tag ("zh-Hant" for Traditional Chinese)
messages.yaml    rate-limit (per CLDR plural category), turn-limit and too-long messages; the
                 page's notices (refusals, failures) and their titles
plurals.yaml     CLDR's cardinal plural rules: which rate-limit form a number takes
lexicon.yaml     neutral words, everyday words and support vocabulary (Latin-script languages)
letters.yaml     letters only some Latin-script languages use
han.yaml         Simplified/Traditional pairs, Japanese-only kanji, kanji-only Japanese words
retrieval.yaml   sentence-final particles and glued articles the knowledge retriever strips
translation.yaml the instruction and language names the model translates for operators with
demo.yaml        the demo month's customer messages (``app.py demo-data``), per tag
================ ============================================================================

Every file is checked when loaded: a missing file, a missing language, a language without a
key that English has, a concept without one of the Latin-script languages, or a message that
cannot be formatted is a :class:`console.errors.ConfigError` naming the file and the key, at
start, never an English fallback at run time. :func:`reload` reads everything again and swaps
it in whole (the previous data keeps serving when anything is wrong), then tells the modules
that derive tables from it (:func:`on_reload`).
"""

from __future__ import annotations

import string
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import yaml
from babel.plural import PluralRule, RuleError

from console.errors import ConfigError

# libyaml's safe loader when PyYAML was built with it: 10x faster on the 60 KB of data
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DEFAULT_DIR = Path(__file__).resolve().parents[1] / "prompts" / "_i18n"
#: the scripts console.language decides by (see languages.yaml)
SCRIPTS = frozenset({"han", "kana", "hangul", "thai", "arabic", "cyrillic", "latin"})
#: Traditional Chinese has its own UI labels and messages beside "zh" (Simplified)
TRADITIONAL = "zh-Hant"
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def plural_category(language: str, n: int) -> str:
    """CLDR plural category of the integer ``n`` in ``language`` (a primary subtag), by CLDR's
    rules (plurals.yaml, evaluated by Babel): fr and pt put 0 with 1, ru and pl tell
    one/few/many apart, ar has six forms, tr a "one" its nouns do not show, zh ja ko vi th id
    none. A language not served gets English's rule: its messages fall back to English."""
    rules = current().plural_rules
    return str((rules.get(language) or rules["en"])(n))


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # written in the language itself
    script: str
    right_to_left: bool


#: the kinds of notice the page raises (gradio's toast titles them "Error", "Warning", "Info")
NoticeKind = Literal["error", "warning", "info"]
NOTICE_TITLES: tuple[NoticeKind, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Messages:
    rate_limit: Mapping[str, str]  # plural category -> template with {n}
    turn_limit: str
    too_long: str  # template with {n} and {limit}
    #: what the page tells a person of a refusal or a failure, by key (console/errors.py's
    #: ``notice``); a template with the same ``{names}`` as English's
    notices: Mapping[str, str] = field(default_factory=dict)
    #: the notices' titles, by NOTICE_TITLES kind
    titles: Mapping[str, str] = field(default_factory=dict)

    def notice(self, key: str) -> str:
        """The template of notice ``key``; ``too_long`` and ``turn_limit`` are notices too (an
        operator's reply over the limit is told with the customer's words for it)."""
        if key == "too_long":
            return self.too_long
        if key == "turn_limit":
            return self.turn_limit
        return self.notices[key]


@dataclass(frozen=True)
class LanguageData:
    """One consistent snapshot of every language data file."""

    languages: tuple[Language, ...]
    ui_labels: Mapping[str, Mapping[str, str]]
    messages: Mapping[str, Messages]
    neutral_words: frozenset[str]
    everyday_words: Mapping[str, tuple[str, ...]]  # language -> words
    support_vocabulary: Mapping[str, Mapping[str, tuple[str, ...]]]  # concept -> language -> words
    telling_letters: Mapping[str, tuple[str, ...]]  # letter -> languages
    zh_pairs: tuple[tuple[str, str], ...]  # (simplified, traditional)
    traditional_only: frozenset[str]
    japanese_only_kanji: frozenset[str]
    japanese_kanji_words: frozenset[str]
    sentence_final_particles: Mapping[str, tuple[str, ...]]  # language -> particles
    articles: Mapping[str, tuple[str, ...]]  # language -> articles glued to words
    plural_rules: Mapping[str, PluralRule]  # language -> CLDR cardinal rule
    translation_system: str = ""  # template with {source} and {target}
    translation_names: Mapping[str, str] = field(default_factory=dict)  # tag -> English name
    #: "zh-Hans"/"zh-Hant" -> the script's name written in it ("简体中文", "繁體中文")
    chinese_scripts: Mapping[str, str] = field(default_factory=dict)
    #: tag -> the demo customers' first messages and one follow-up (``app.py demo-data``)
    demo_questions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    demo_follow_ups: Mapping[str, str] = field(default_factory=dict)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    @property
    def latin(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages if language.script == "latin")

    @property
    def tags(self) -> tuple[str, ...]:
        """Every tag with its own labels and messages: the served codes plus zh-Hant."""
        return (*self.codes, TRADITIONAL)

    def support_words(self) -> dict[str, tuple[str, ...]]:
        """All support words per language, concept after concept."""
        words: dict[str, list[str]] = {}
        for per_language in self.support_vocabulary.values():
            for lang, found in per_language.items():
                words.setdefault(lang, []).extend(found)
        return {lang: tuple(found) for lang, found in words.items()}


# --------------------------------------------------------------------------- loading


class _File:
    """One data file being validated: every error names it and the key path."""

    def __init__(self, root: Path, name: str) -> None:
        self.path = root / name
        try:
            raw = yaml.load(self.path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 (safe loader)
        except FileNotFoundError as exc:
            raise ConfigError(str(self.path), "language data file is missing") from exc
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ConfigError(str(self.path), f"cannot be read as YAML: {exc}") from exc
        self.data = self.mapping(raw, "the file")

    def fail(self, where: str, problem: str) -> ConfigError:
        return ConfigError(str(self.path), f"{where}: {problem}")

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict) or not value:
            raise self.fail(where, "must be a non-empty mapping")
        return {str(key): item for key, item in value.items()}

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "must be non-empty text")
        return value.strip()

    def words(self, value: Any, where: str) -> tuple[str, ...]:
        return tuple(self.text(value, where).split())

    def require(self, mapping: Mapping[str, Any], keys: tuple[str, ...], where: str) -> None:
        missing = [key for key in keys if key not in mapping]
        if missing:
            raise self.fail(where, f"missing {', '.join(missing)}")
        extra = sorted(set(mapping) - set(keys))
        if extra:
            raise self.fail(where, f"unknown {', '.join(extra)} (expected {', '.join(keys)})")


#: the persona tags of Chinese's two scripts, in the order menus list them
CHINESE_SCRIPTS = ("zh-Hans", TRADITIONAL)


def _languages(root: Path) -> tuple[tuple[Language, ...], dict[str, str]]:
    file = _File(root, "languages.yaml")
    file.require(file.data, ("languages", "chinese_scripts"), "the file")
    table = file.mapping(file.data.get("languages"), "languages")
    found: list[Language] = []
    for code, entry in table.items():
        where = f"languages.{code}"
        fields = file.mapping(entry, where)
        script = file.text(fields.get("script"), f"{where}.script")
        if script not in SCRIPTS:
            raise file.fail(f"{where}.script", f"{script!r} is not one of {', '.join(sorted(SCRIPTS))}")
        rtl = fields.get("right_to_left", False)
        if not isinstance(rtl, bool):
            raise file.fail(f"{where}.right_to_left", "must be true or false")
        found.append(Language(code, file.text(fields.get("name"), f"{where}.name"), script, rtl))
    if "en" not in {language.code for language in found}:
        raise file.fail("languages", "must include en (the reference for every other file)")
    scripts = file.mapping(file.data["chinese_scripts"], "chinese_scripts")
    file.require(scripts, CHINESE_SCRIPTS, "chinese_scripts")
    return tuple(found), {tag: file.text(scripts[tag], f"chinese_scripts.{tag}") for tag in CHINESE_SCRIPTS}


def _ui_labels(root: Path, tags: tuple[str, ...]) -> dict[str, Mapping[str, str]]:
    file = _File(root, "ui_labels.yaml")
    file.require(file.data, tags, "languages")
    english = file.mapping(file.data["en"], "en")
    reference = tuple(english)
    labels: dict[str, Mapping[str, str]] = {}
    wanted = {key: _placeholders(file, file.text(english[key], f"en.{key}"), f"en.{key}") for key in english}
    for tag in tags:
        entry = file.mapping(file.data[tag], tag)
        file.require(entry, reference, tag)
        labels[tag] = {key: file.text(entry[key], f"{tag}.{key}") for key in reference}
        for key, text in labels[tag].items():
            # a label without English's {n} or {text} would show the brace or lose the value
            _require_placeholders(file, text, wanted[key], f"{tag}.{key}")
    return labels


def _plurals(root: Path, codes: tuple[str, ...]) -> dict[str, PluralRule]:
    file = _File(root, "plurals.yaml")
    file.require(file.data, codes, "languages")
    rules: dict[str, PluralRule] = {}
    for code in codes:
        entry = file.data[code]
        if not isinstance(entry, dict):
            raise file.fail(code, "must map plural categories to rules ({} when every number is 'other')")
        named = {str(category): file.text(rule, f"{code}.{category}") for category, rule in entry.items()}
        unknown = [c for c in named if c not in PLURAL_CATEGORIES or c == "other"]
        if unknown:
            raise file.fail(code, f"unknown categories {', '.join(unknown)} ('other' is what no rule names)")
        try:
            rules[code] = PluralRule(named)
        except (RuleError, ValueError) as exc:
            raise file.fail(code, f"not a CLDR plural rule: {exc}") from exc
    return rules


def _placeholders(file: _File, text: str, where: str) -> frozenset[str]:
    """The ``{names}`` a template fills in; a brace that is not one is an error naming ``where``."""
    try:
        return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)
    except ValueError as exc:
        raise file.fail(where, f"bad placeholder ({exc}); write a literal brace as {{{{ or }}}}") from exc


def _require_placeholders(file: _File, text: str, wanted: frozenset[str], where: str) -> None:
    """``text`` fills in exactly ``wanted`` (English's placeholders), or an error names ``where``."""
    if _placeholders(file, text, where) != wanted:
        names = ", ".join(f"{{{name}}}" for name in sorted(wanted)) or "none"
        raise file.fail(where, f"must fill in the placeholders English does ({names})")


def _notices(file: _File, entry: Mapping[str, Any], tag: str, english: Mapping[str, str]) -> dict[str, str]:
    """``tag``'s notices: exactly English's keys, each with English's placeholders (a notice
    missing in one language would be English there, at run time, the defect this prevents)."""
    table = file.mapping(entry["notices"], f"{tag}.notices")
    file.require(table, tuple(english), f"{tag}.notices")
    notices: dict[str, str] = {}
    for key, reference in english.items():
        where = f"{tag}.notices.{key}"
        text = file.text(table[key], where)
        _require_placeholders(file, text, _placeholders(file, reference, f"en.notices.{key}"), where)
        notices[key] = text
    return notices


def _messages(root: Path, tags: tuple[str, ...], plurals: Mapping[str, PluralRule]) -> dict[str, Messages]:
    file = _File(root, "messages.yaml")
    file.require(file.data, tags, "languages")
    keys = ("rate_limit", "turn_limit", "too_long", "notices", "titles")
    english_entry = file.mapping(file.data["en"], "en")
    file.require(english_entry, keys, "en")
    english = {
        str(key): file.text(text, f"en.notices.{key}")
        for key, text in file.mapping(english_entry["notices"], "en.notices").items()
    }
    messages: dict[str, Messages] = {}
    for tag in tags:
        entry = file.mapping(file.data[tag], tag)
        file.require(entry, keys, tag)
        titles = file.mapping(entry["titles"], f"{tag}.titles")
        file.require(titles, NOTICE_TITLES, f"{tag}.titles")
        forms = {
            category: file.text(text, f"{tag}.rate_limit.{category}")
            for category, text in file.mapping(entry["rate_limit"], f"{tag}.rate_limit").items()
        }
        language = tag.split("-")[0]
        # every category the language's plural rule can give for a wait of 1..200 seconds
        needed = sorted({str(plurals[language](n)) for n in range(1, 201)})
        missing = [c for c in needed if c not in forms]
        unknown = [c for c in forms if c not in PLURAL_CATEGORIES]
        if missing or unknown:
            raise file.fail(f"{tag}.rate_limit", f"needs exactly the forms {', '.join(needed)}")
        message = Messages(
            MappingProxyType(forms),
            file.text(entry["turn_limit"], f"{tag}.turn_limit"),
            file.text(entry["too_long"], f"{tag}.too_long"),
            MappingProxyType(_notices(file, entry, tag, english)),
            MappingProxyType({k: file.text(titles[k], f"{tag}.titles.{k}") for k in NOTICE_TITLES}),
        )
        checks: list[tuple[str, str, tuple[str, ...]]] = [
            (f"rate_limit.{c}", t, ("7",)) for c, t in forms.items() if c not in ("one", "two")
        ]
        checks.append(("too_long", message.too_long, ("7", "4000")))
        for where, template, shown in checks:
            # "one"/"two" may spell the number out ("ثانية واحدة"); the others must show it
            try:
                formatted = template.format(n=7, limit=4000)
            except (KeyError, IndexError, ValueError) as exc:
                raise file.fail(
                    f"{tag}.{where}", f"bad placeholder ({exc}); use {{n}} and {{limit}}"
                ) from exc
            if not all(number in formatted for number in shown):
                raise file.fail(f"{tag}.{where}", "must show the number(s): {n}, and {limit} in too_long")
        messages[tag] = message
    return messages


def _lexicon(
    root: Path, latin: tuple[str, ...]
) -> tuple[frozenset[str], dict[str, tuple[str, ...]], dict[str, Any]]:
    file = _File(root, "lexicon.yaml")
    file.require(file.data, ("neutral", "everyday", "support"), "the file")
    neutral = frozenset(word.lower() for word in file.words(file.data["neutral"], "neutral"))
    everyday_table = file.mapping(file.data["everyday"], "everyday")
    file.require(everyday_table, latin, "everyday")
    everyday = {lang: file.words(everyday_table[lang], f"everyday.{lang}") for lang in latin}
    support: dict[str, Mapping[str, tuple[str, ...]]] = {}
    for concept, entry in file.mapping(file.data["support"], "support").items():
        table = file.mapping(entry, f"support.{concept}")
        file.require(table, latin, f"support.{concept}")
        support[concept] = MappingProxyType(
            {lang: file.words(table[lang], f"support.{concept}.{lang}") for lang in latin}
        )
    return neutral, everyday, support


def _letters(root: Path, latin: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    file = _File(root, "letters.yaml")
    groups = file.data.get("telling_letters")
    if not isinstance(groups, list) or not groups:
        raise file.fail("telling_letters", "must be a non-empty list of {letters, languages}")
    letters: dict[str, tuple[str, ...]] = {}
    for index, group in enumerate(groups):
        where = f"telling_letters[{index}]"
        entry = file.mapping(group, where)
        file.require(entry, ("letters", "languages"), where)
        langs = file.words(entry["languages"], f"{where}.languages")
        unknown = [lang for lang in langs if lang not in latin]
        if unknown:
            raise file.fail(
                f"{where}.languages", f"{', '.join(unknown)} is not a Latin-script served language"
            )
        for ch in file.text(entry["letters"], f"{where}.letters").replace(" ", ""):
            letters[ch] = tuple(dict.fromkeys((*letters.get(ch, ()), *langs)))
    return letters


def _is_han(ch: str) -> bool:
    code = ord(ch)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FA1F


def _han(root: Path) -> tuple[tuple[tuple[str, str], ...], frozenset[str], frozenset[str], frozenset[str]]:
    file = _File(root, "han.yaml")
    keys = ("simplified_traditional_pairs", "traditional_only", "japanese_only_kanji", "japanese_kanji_words")
    file.require(file.data, keys, "the file")
    pairs: list[tuple[str, str]] = []
    for pair in file.words(file.data["simplified_traditional_pairs"], keys[0]):
        if len(pair) != 2 or not all(_is_han(ch) for ch in pair) or pair[0] == pair[1]:
            raise file.fail(keys[0], f"{pair!r} is not two different Han characters")
        pairs.append((pair[0], pair[1]))
    sets: list[frozenset[str]] = []
    for key in keys[1:]:
        items = file.words(file.data[key], key)
        chars = "".join(items)
        if not all(_is_han(ch) for ch in chars):
            raise file.fail(key, "must hold Han characters only")
        sets.append(frozenset(items) if key == "japanese_kanji_words" else frozenset(chars))
    return tuple(pairs), sets[0], sets[1], sets[2]


_Words = dict[str, tuple[str, ...]]


def _retrieval(
    root: Path, codes: tuple[str, ...]
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    file = _File(root, "retrieval.yaml")
    file.require(file.data, ("sentence_final_particles", "articles"), "the file")
    tables: list[_Words] = []
    for key in ("sentence_final_particles", "articles"):
        table = file.mapping(file.data[key], key)
        unknown = sorted(set(table) - set(codes))
        if unknown:
            raise file.fail(key, f"{', '.join(unknown)}: not a served language")
        tables.append({lang: file.words(words, f"{key}.{lang}") for lang, words in table.items()})
    return tables[0], tables[1]


def _translation(root: Path, tags: tuple[str, ...]) -> tuple[str, dict[str, str]]:
    file = _File(root, "translation.yaml")
    file.require(file.data, ("system", "names"), "the file")
    system = file.text(file.data["system"], "system")
    try:
        system.format(source="French", target="English")
    except (KeyError, IndexError, ValueError) as exc:
        raise file.fail("system", f"only {{source}} and {{target}} may be filled in ({exc})") from exc
    if "{source}" not in system or "{target}" not in system:
        raise file.fail("system", "must name {source} and {target}")
    names = file.mapping(file.data["names"], "names")
    file.require(names, tags, "names")
    return system, {tag: file.text(names[tag], f"names.{tag}") for tag in tags}


def _demo(root: Path, tags: tuple[str, ...]) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    file = _File(root, "demo.yaml")
    file.require(file.data, tags, "languages")
    questions: dict[str, tuple[str, ...]] = {}
    follow_ups: dict[str, str] = {}
    for tag in tags:
        entry = file.mapping(file.data[tag], tag)
        file.require(entry, ("questions", "follow_up"), tag)
        asked = entry["questions"]
        if not isinstance(asked, list) or not asked:
            raise file.fail(f"{tag}.questions", "must be a non-empty list of messages")
        questions[tag] = tuple(file.text(text, f"{tag}.questions[{i}]") for i, text in enumerate(asked))
        follow_ups[tag] = file.text(entry["follow_up"], f"{tag}.follow_up")
    return questions, follow_ups


def load(root: Path | None = None) -> LanguageData:
    """Read and validate every language data file under ``root`` (``prompts/_i18n``)."""
    folder = root or DEFAULT_DIR
    languages, chinese_scripts = _languages(folder)
    codes = tuple(language.code for language in languages)
    latin = tuple(language.code for language in languages if language.script == "latin")
    tags = (*codes, TRADITIONAL)
    neutral, everyday, support = _lexicon(folder, latin)
    pairs, traditional, ja_only, ja_words = _han(folder)
    particles, articles = _retrieval(folder, codes)
    translation_system, translation_names = _translation(folder, tags)
    demo_questions, demo_follow_ups = _demo(folder, tags)
    plurals = _plurals(folder, codes)
    return LanguageData(
        languages=languages,
        ui_labels=MappingProxyType(_ui_labels(folder, tags)),
        messages=MappingProxyType(_messages(folder, tags, plurals)),
        neutral_words=neutral,
        everyday_words=MappingProxyType(everyday),
        support_vocabulary=MappingProxyType(support),
        telling_letters=MappingProxyType(_letters(folder, latin)),
        zh_pairs=pairs,
        traditional_only=traditional,
        japanese_only_kanji=ja_only,
        japanese_kanji_words=ja_words,
        sentence_final_particles=MappingProxyType(particles),
        articles=MappingProxyType(articles),
        plural_rules=MappingProxyType(plurals),
        translation_system=translation_system,
        translation_names=MappingProxyType(translation_names),
        chinese_scripts=MappingProxyType(chinese_scripts),
        demo_questions=MappingProxyType(demo_questions),
        demo_follow_ups=MappingProxyType(demo_follow_ups),
    )


# --------------------------------------------------------------------------- the snapshot

_lock = threading.Lock()
_current: LanguageData | None = None
_listeners: list[Callable[[LanguageData], None]] = []


def current() -> LanguageData:
    """The language data in use (loaded on first use, which is at import of console.language)."""
    global _current
    if _current is None:
        with _lock:
            if _current is None:
                _current = load()
    return _current


def reload(root: Path | None = None) -> LanguageData:
    """Read the files again and swap them in whole; on any error the old data keeps serving.

    The set of served languages cannot change without a restart (persona files, the UI's
    language menu and the engines are built for it).
    """
    global _current
    fresh = load(root)
    with _lock:
        if _current is not None and fresh.codes != _current.codes:
            raise ConfigError(
                str((root or DEFAULT_DIR) / "languages.yaml"),
                "the served languages changed; restart the console",
            )
        _current = fresh
        listeners = list(_listeners)
    for listener in listeners:
        listener(fresh)
    return fresh


def on_reload(listener: Callable[[LanguageData], None]) -> None:
    """Call ``listener`` with the new data after every successful :func:`reload`."""
    with _lock:
        _listeners.append(listener)
