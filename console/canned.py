"""Canned replies: the answers a support agent sends again and again, kept as data per
business line and language, searchable from the reply box and filled with what the
conversation already told us.

Usage (the staff reply box)::

    from console import canned

    canned.current()                                   # load and validate at start
    replies = canned.search("ecommerce", "fr", "rembours", limit=8)   # ranked CannedReply list
    facts = canned.known_facts(customer_texts, "fr")   # {"customer_name": ..., "order_number": ...}
    text = canned.fill(replies[0].text, facts)         # known placeholders replaced
    missing = canned.unfilled(text)                    # ["{order_number}"]: ask the agent to fill in
    canned.reload()                                    # the "Reload prompts" button

Files (see prompts/README.md)::

    prompts/<line>/canned/<lang tag>.yaml   a list of {id, title, text}, one file per persona language
    prompts/_i18n/canned.yaml               how customers give an order number and introduce themselves
                                            (a prompts folder without one uses the repository's)

Why data: the texts are written by support leads and translators, per language and with the
register each market expects, and they change more often than code. Why validated as a whole:
an agent who picks a reply in Korean must find the same reply in German when the customer
switches, so every language of a line carries the same ``id`` set as its ``en`` file, and a
typo in a placeholder (``{order_nummer}``) would reach the customer verbatim. Any such
problem is a :class:`ConfigError` naming the file, at start; :meth:`CannedLibrary.reload`
swaps the new files in whole or keeps the old ones.

Only two placeholders exist, ``{customer_name}`` and ``{order_number}``: the console can only
know what the customer wrote, and :func:`known_facts` extracts just these two, conservatively
(a reply that greets the customer with the wrong name is worse than one the agent completes).
A placeholder that stays unfilled is left visibly in the text and listed by :func:`unfilled`,
so the agent completes it before sending.

A line folder without a ``canned/`` folder simply has no canned replies (an operator can add a
line before its replies are written); a ``canned/`` folder must be complete. The UI may use the
module functions (one library for ``$CONSOLE_PROMPTS_DIR`` or the repository's prompts) or hold
a ``CannedLibrary(personas.root)`` beside its persona library.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from console.errors import ConfigError, InputError
from console.guard.pii import find_pii
from console.i18n import DEFAULT_DIR as LANGUAGE_DATA_DIR
from console.personas import default_prompts_dir
from console.text import chinese_script, fold, folds_accents, primary, subtags

# libyaml's safe loader when PyYAML was built with it: 72 files are read at start and on reload
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: the placeholders a canned reply may use, filled from :func:`known_facts`
PLACEHOLDERS = ("customer_name", "order_number")
REFERENCE_LANGUAGE = "en"
FOLDER = "canned"
PATTERNS_FILE = Path("_i18n") / "canned.yaml"
DEFAULT_LIMIT = 10

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TAG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_BRACED_RE = re.compile(r"\{([^{}]*)\}")
_KNOWN_RE = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
_FIELDS = ("id", "title", "text")
_PATTERN_KEYS = {"order_number", "names", "name_stop_words"}
# scripts written without spaces between words: a query token there is matched by its pieces
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
_SPLIT_RE = re.compile(r"[\s,.;:!?，。、；：！？()\[\]\"'«»“”„]+")

#: An order reference: optional "#", up to four letters, then digits, letters and dashes.
_ORDER_REF = r"#?[A-Za-z]{0,4}-?\d[0-9A-Za-z\-]{2,30}"
#: between an order keyword and the reference: "order: 123", "订单号：123", "n° 123", "order # 123"
_CONNECTOR = r"[ \t]*(?:[:：№°.\-]|#(?=[ \t]))?[ \t]*"
_MIN_ORDER_DIGITS = 4
_DATE_RE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}-\d{1,2}-\d{4}$")
#: a name in a cased script: up to three words; only the capitalised leading ones are kept
_WORD = r"[^\W\d_][^\W\d_'\-]*(?:['\-][^\W\d_]+)*"
_CASED_NAME = rf"(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,2}})"
_MAX_NAME_CHARS = 40


@dataclass(frozen=True)
class CannedReply:
    """One canned reply as written in its file (placeholders not filled)."""

    id: str
    title: str
    text: str
    business_line: str
    language: str  # the file's tag: "fr", "zh-Hans", "zh-Hant"


@dataclass(frozen=True)
class _Patterns:
    keywords: tuple[re.Pattern[str], ...]  # keyword + order reference, all languages
    shapes: tuple[re.Pattern[str], ...]  # order references recognisable on their own
    names: Mapping[str, tuple[tuple[re.Pattern[str], bool], ...]]  # tag -> (pattern, cased)
    stop_words: Mapping[str, frozenset[str]]  # tag -> folded capitalised words that end a name


@dataclass(frozen=True)
class _Snapshot:
    replies: Mapping[str, Mapping[str, tuple[CannedReply, ...]]]  # line -> tag -> replies
    patterns: _Patterns


# --------------------------------------------------------------------------- loading


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8").lstrip("\ufeff")
    except FileNotFoundError as exc:
        raise ConfigError(str(path), "file is missing") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot be read as UTF-8 text: {exc}") from exc
    try:
        return yaml.load(text, Loader=_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        raise ConfigError(str(path), f"invalid YAML: {exc}") from exc


def _text_field(path: Path, entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(str(path), f"{where}: {key} must be non-empty text")
    unknown = sorted({name for name in _BRACED_RE.findall(value) if name not in PLACEHOLDERS})
    if unknown:
        shown = ", ".join("{" + name + "}" for name in unknown)
        allowed = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
        raise ConfigError(str(path), f"{where}: unknown placeholder {shown} in {key}; allowed: {allowed}")
    if "{" in _BRACED_RE.sub("", value) or "}" in _BRACED_RE.sub("", value):
        raise ConfigError(str(path), f"{where}: unbalanced brace in {key}")
    return value.strip()


def _parse_file(path: Path, business_line: str) -> tuple[CannedReply, ...]:
    data = _read_yaml(path)
    if not isinstance(data, list) or not data:
        raise ConfigError(str(path), "must be a non-empty list of replies with id, title and text")
    replies: list[CannedReply] = []
    seen: set[str] = set()
    for index, entry in enumerate(data):
        where = f"reply {index + 1}"
        if not isinstance(entry, dict):
            raise ConfigError(str(path), f"{where}: must be a mapping with id, title and text")
        extra = sorted(str(key) for key in entry if key not in _FIELDS)
        if extra:
            raise ConfigError(
                str(path), f"{where}: unknown key {', '.join(extra)} (expected id, title, text)"
            )
        reply_id = entry.get("id")
        if not isinstance(reply_id, str) or not _ID_RE.match(reply_id):
            raise ConfigError(str(path), f"{where}: id must be kebab-case, like 'ask-order-number'")
        where = f"reply {reply_id!r}"
        if reply_id in seen:
            raise ConfigError(str(path), f"{where}: the id is used twice")
        seen.add(reply_id)
        replies.append(
            CannedReply(
                id=reply_id,
                title=_text_field(path, entry, "title", where),
                text=_text_field(path, entry, "text", where),
                business_line=business_line,
                language=path.stem,
            )
        )
    return tuple(replies)


def _load_line(folder: Path) -> dict[str, tuple[CannedReply, ...]] | None:
    """The line's replies per persona language; None when the line has no canned folder."""
    canned = folder / FOLDER
    if not canned.is_dir():
        return None
    languages = sorted(path.stem for path in folder.glob("*.md"))
    reference = canned / f"{REFERENCE_LANGUAGE}.yaml"
    if REFERENCE_LANGUAGE not in languages:
        raise ConfigError(str(reference), "the line has no en.md persona, so no reference language")
    for path in sorted(canned.glob("*.yaml")):
        if path.stem not in languages:
            raise ConfigError(
                str(path), f"no persona file {path.stem}.md in {folder.name}/ for this language"
            )
    found: dict[str, tuple[CannedReply, ...]] = {}
    for tag in [REFERENCE_LANGUAGE, *(t for t in languages if t != REFERENCE_LANGUAGE)]:
        path = canned / f"{tag}.yaml"
        if not path.is_file():
            raise ConfigError(
                str(path), f"missing: every persona language of {folder.name} needs its canned replies"
            )
        found[tag] = _parse_file(path, folder.name)
    expected = [reply.id for reply in found[REFERENCE_LANGUAGE]]
    for tag, replies in found.items():
        ids = {reply.id for reply in replies}
        missing = [i for i in expected if i not in ids]
        extra = sorted(ids - set(expected))
        if missing or extra:
            detail = "; ".join(
                part
                for part in (
                    f"missing {', '.join(missing)}" if missing else "",
                    f"not in en.yaml: {', '.join(extra)}" if extra else "",
                )
                if part
            )
            raise ConfigError(str(canned / f"{tag}.yaml"), f"ids differ from en.yaml ({detail})")
    return found


def _compile(path: Path, where: str, pattern: Any, flags: int = 0) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern.strip():
        raise ConfigError(str(path), f"{where}: must be a non-empty regular expression")
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ConfigError(str(path), f"{where}: not a valid regular expression ({exc})") from exc


def _patterns_list(path: Path, value: Any, where: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise ConfigError(str(path), f"{where}: must be a non-empty list")
    return value


def _load_patterns(path: Path, languages: Iterable[str]) -> _Patterns:
    data = _read_yaml(path)
    if not isinstance(data, dict) or not {"order_number", "names"} <= set(data) <= _PATTERN_KEYS:
        raise ConfigError(
            str(path), "must be a mapping with order_number, names and optional name_stop_words"
        )
    order = data["order_number"]
    if not isinstance(order, dict) or set(order) != {"shapes", "keywords"}:
        raise ConfigError(str(path), "order_number: must be a mapping with exactly shapes and keywords")
    shapes = tuple(
        _compile(path, f"order_number.shapes[{i}]", pattern)
        for i, pattern in enumerate(_patterns_list(path, order["shapes"], "order_number.shapes"))
    )
    for i, shape in enumerate(shapes):
        if "number" not in shape.groupindex:
            raise ConfigError(str(path), f"order_number.shapes[{i}]: needs a (?P<number>...) group")
    keywords: list[re.Pattern[str]] = []
    names: dict[str, tuple[tuple[re.Pattern[str], bool], ...]] = {}
    wanted = sorted(set(languages))
    for section in ("keywords", "names"):
        table = order["keywords"] if section == "keywords" else data["names"]
        label = "order_number.keywords" if section == "keywords" else "names"
        if not isinstance(table, dict):
            raise ConfigError(str(path), f"{label}: must be a mapping of language tag to patterns")
        missing = [tag for tag in wanted if tag not in table]
        if missing:
            raise ConfigError(str(path), f"{label}: needs every canned-reply language, missing {missing}")
        odd = sorted(str(tag) for tag in table if not _TAG_RE.match(str(tag)))
        if odd:
            raise ConfigError(str(path), f"{label}: {odd} is not a language tag like 'fr' or 'zh-Hant'")
        for tag in sorted(str(tag) for tag in table):
            for i, raw in enumerate(_patterns_list(path, table[tag], f"{label}.{tag}")):
                where = f"{label}.{tag}[{i}]"
                if section == "keywords":
                    _compile(path, where, raw)  # alone first, so an error points at the keyword
                    keywords.append(
                        _compile(
                            path,
                            where,
                            rf"(?:{raw}){_CONNECTOR}(?P<number>{_ORDER_REF})(?![0-9A-Za-z\-])",
                            re.IGNORECASE,
                        )
                    )
                    continue
                if not isinstance(raw, str):
                    raise ConfigError(str(path), f"{where}: must be a regular expression")
                cased = "{name}" in raw
                compiled = _compile(path, where, raw.replace("{name}", _CASED_NAME))
                if "name" not in compiled.groupindex:
                    raise ConfigError(str(path), f"{where}: needs {{name}} or a (?P<name>...) group")
                names[tag] = (*names.get(tag, ()), (compiled, cased))
    stops = data.get("name_stop_words") or {}
    if not isinstance(stops, dict):
        raise ConfigError(str(path), "name_stop_words: must be a mapping of language tag to words")
    stop_words: dict[str, frozenset[str]] = {}
    for tag, words in stops.items():
        if str(tag) not in names:
            raise ConfigError(str(path), f"name_stop_words.{tag}: no names patterns for this language")
        if not isinstance(words, str) or not words.strip():
            raise ConfigError(str(path), f"name_stop_words.{tag}: must be words separated by spaces")
        stop_words[str(tag)] = frozenset(fold(word, accents=False) for word in words.split())
    return _Patterns(
        keywords=tuple(keywords),
        shapes=shapes,
        names=MappingProxyType(names),
        stop_words=MappingProxyType(stop_words),
    )


def _load_snapshot(root: Path) -> _Snapshot:
    if not root.is_dir():
        raise ConfigError(str(root), "prompts folder does not exist")
    replies: dict[str, Mapping[str, tuple[CannedReply, ...]]] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        line = _load_line(folder)
        if line is not None:
            replies[folder.name] = MappingProxyType(line)
    languages = {tag for line in replies.values() for tag in line}
    patterns_file = root / PATTERNS_FILE
    if not patterns_file.exists():  # a prompts folder of its own shares the console's language data
        patterns_file = LANGUAGE_DATA_DIR / PATTERNS_FILE.name
    patterns = _load_patterns(patterns_file, languages)
    return _Snapshot(replies=MappingProxyType(replies), patterns=patterns)


# --------------------------------------------------------------------------- the library


class CannedLibrary:
    """All canned replies and fact patterns under ``root`` (a ``prompts/`` folder)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_prompts_dir()
        self._lock = threading.Lock()
        self._snapshot = _load_snapshot(self.root)

    def reload(self) -> None:
        """Read every file again and swap them in whole; on any error the old ones keep serving."""
        snapshot = _load_snapshot(self.root)
        with self._lock:
            self._snapshot = snapshot

    def business_lines(self) -> list[str]:
        """Lines that have canned replies."""
        return sorted(self._snapshot.replies)

    def languages(self, business_line: str) -> list[str]:
        return sorted(self._line(business_line))

    def replies(self, business_line: str, language: str) -> tuple[CannedReply, ...]:
        """A line's replies in ``language`` (resolved like persona files), in file order.

        A line without canned replies gives ``()``; a language without a file gives English,
        which the agent can still translate (the persona languages all have files).
        """
        line = self._line(business_line)
        for tag in _candidate_tags(language):
            if tag in line:
                return line[tag]
        return line.get(REFERENCE_LANGUAGE, ())

    def search(
        self, business_line: str, language: str, query: str = "", limit: int = DEFAULT_LIMIT
    ) -> list[CannedReply]:
        """Replies whose title or text match ``query``, best first; all of them (in file
        order) for a blank query.

        Matching folds case, width and (except in Vietnamese, where accents tell words apart)
        accents, so "reembolso" finds "Reembolso" and "remboursement" finds "Remboursement".
        Every query word must occur; a word in the title counts more than one in the text, and
        a title that starts with it more still. When no reply holds every word, replies holding
        some are ranked by how many. Words of unspaced scripts (Chinese, Japanese, Thai) also
        match by their two-character pieces, since a typed phrase rarely equals the written one.
        """
        replies = self.replies(business_line, language)
        limit = max(0, int(limit))
        accents = folds_accents(language)
        terms = [t for t in _SPLIT_RE.split(fold(query, accents=accents)) if t]
        if not terms:
            return list(replies[:limit])
        scored: list[tuple[int, float, int, CannedReply]] = []
        for position, (reply, (title, text)) in enumerate(
            zip(replies, _folded(replies, accents), strict=True)
        ):
            matched, score = 0, 0.0
            for term in terms:
                points = _term_score(term, title, text)
                if points:
                    matched += 1
                    score += points
            if matched:
                scored.append((-matched, -score, position, reply))
        if any(-item[0] == len(terms) for item in scored):
            scored = [item for item in scored if -item[0] == len(terms)]
        scored.sort(key=lambda item: item[:3])
        return [item[3] for item in scored[:limit]]

    def known_facts(self, messages_texts: Sequence[str], language: str = "") -> dict[str, str]:
        """``customer_name`` and ``order_number`` as the customer gave them, when found.

        ``messages_texts`` are the customer's own messages, oldest first (never the agent's or
        the assistant's: "my name is Emma" in a reply is not the customer's name). The latest
        mention wins, so a correction counts. Names are found only in self-introductions of the
        customer's language (then of the others), never in "I am ..." sentences, which describe
        a mood far more often than they name someone.
        """
        patterns = self._snapshot.patterns
        facts: dict[str, str] = {}
        for message in reversed(list(messages_texts)):
            text = _normalise(message or "")
            if "order_number" not in facts:
                number = _order_number(text, patterns)
                if number:
                    facts["order_number"] = number
            if "customer_name" not in facts:
                name = _customer_name(text, patterns, language)
                if name:
                    facts["customer_name"] = name
            if len(facts) == len(PLACEHOLDERS):
                break
        return facts

    def _line(self, business_line: str) -> Mapping[str, tuple[CannedReply, ...]]:
        snapshot = self._snapshot
        if business_line in snapshot.replies:
            return snapshot.replies[business_line]
        if (self.root / business_line).is_dir() and not business_line.startswith((".", "_")):
            return MappingProxyType({})  # a line without a canned/ folder yet
        known = ", ".join(sorted(snapshot.replies))
        raise InputError(
            f"Unknown business line {business_line!r}; known lines: {known}.", field="business_line"
        )


def _candidate_tags(language: str) -> list[str]:
    """File tags that serve ``language``: "zh"/"zh-CN" -> zh-Hans, "zh-TW" -> zh-Hant, "pt-BR" -> pt."""
    base = primary(language)
    if base == "zh":
        return ["zh-Hant" if chinese_script(language) == "Hant" else "zh-Hans"]
    exact = "-".join(subtags(language))
    return [tag for tag in dict.fromkeys([language.strip(), exact, base]) if tag]


@functools.lru_cache(maxsize=512)
def _folded(replies: tuple[CannedReply, ...], accents: bool) -> tuple[tuple[str, str], ...]:
    """Folded (title, text) of each reply, placeholders blanked: computed once per file version,
    since the agent searches again at every keystroke."""
    return tuple(
        (fold(reply.title, accents=accents), fold(_KNOWN_RE.sub(" ", reply.text), accents=accents))
        for reply in replies
    )


def _term_score(term: str, title: str, text: str) -> float:
    if term in title:
        # a title that starts with the term, then one the term covers more of: "Refund timing"
        # is a better answer to "refund" than a long title that mentions it in passing
        return (4.0 if title.startswith(term) else 3.0) + len(term) / len(title)
    if term in text:
        return 1.0
    if _UNSPACED.search(term) and len(term) > 2:
        pieces = [term[i : i + 2] for i in range(len(term) - 1)]
        found = sum(1 for piece in pieces if piece in title or piece in text)
        if found * 2 >= len(pieces):  # at least half of the pieces: a paraphrase, not chance
            return found / len(pieces)
    return 0.0


# --------------------------------------------------------------------------- facts


#: full-width ASCII (typed on Chinese and Japanese keyboards: "２０２４", "Ａ－１") to ASCII
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def _normalise(text: str) -> str:
    """NFC, full-width ASCII folded and the phone apostrophe made plain.

    Not NFKC: it would decompose Thai SARA AM and Arabic letter forms, so the patterns'
    words would no longer match the customer's.
    """
    return unicodedata.normalize("NFC", text).translate(_FULL_WIDTH).replace("\u2019", "'")


def _order_number(text: str, patterns: _Patterns) -> str | None:
    """The first order reference in ``text``: after an order keyword, else by its shape alone.

    A candidate needs at least four digits, is not a date, and is refused when the personal
    data finder sees a phone or card number there ("订单13812345678" is a mobile number).
    """
    personal = find_pii(text)
    for group in (patterns.keywords, patterns.shapes):
        found: list[tuple[int, str]] = []
        for pattern in group:
            for match in pattern.finditer(text):
                start, end = match.span("number")
                value = match.group("number").strip("-")
                digits = sum(ch.isdigit() for ch in value)
                if digits < _MIN_ORDER_DIGITS or _DATE_RE.match(value.lstrip("#")):
                    continue
                if any(p.start < end and start < p.end for p in personal):
                    continue
                found.append((start, value))
        if found:
            return min(found)[1]
    return None


def _customer_name(text: str, patterns: _Patterns, language: str) -> str | None:
    tags = list(patterns.names)
    own = [tag for tag in _candidate_tags(language) if tag in patterns.names]
    for tag in [*own, *(t for t in tags if t not in own)]:
        stops = patterns.stop_words.get(tag, frozenset())
        for pattern, cased in patterns.names[tag]:
            for match in pattern.finditer(text):
                name = _clean_name(match.group("name"), cased, stops)
                if name:
                    return name
    return None


def _clean_name(raw: str | None, cased: bool, stops: frozenset[str] = frozenset()) -> str | None:
    """The name as written, or None when it does not look like one.

    In cased scripts only the leading capitalised words count ("Anna and my order" -> "Anna"),
    and a lower-case first word is no name at all: people capitalise their name far more
    reliably than the words that follow "my name is" by accident. Capitalised words that are
    not names in that language ("I", German nouns such as "Bestellung") end the name too.
    """
    words = (raw or "").split()
    if cased:
        kept: list[str] = []
        for word in words:
            if not word[0].isupper() or fold(word, accents=False) in stops:
                break
            kept.append(word)
        words = kept
    name = " ".join(words).strip(" '-")
    if not name or len(name) > _MAX_NAME_CHARS or any(ch.isdigit() for ch in name):
        return None
    return name


# --------------------------------------------------------------------------- filling


def fill(text: str, known: Mapping[str, str | None]) -> str:
    """``text`` with ``{customer_name}``/``{order_number}`` replaced by the known values.

    Unknown or empty values leave the placeholder visibly in place (see :func:`unfilled`), so
    the agent sees what is missing instead of a sentence with a hole. Braces are dropped from
    the values, which come from customer text and must not smuggle in a placeholder.
    """

    def value(match: re.Match[str]) -> str:
        given = known.get(match.group(1))
        cleaned = (given or "").replace("{", "").replace("}", "").strip()
        return cleaned or match.group(0)

    return _KNOWN_RE.sub(value, text)


def unfilled(text: str) -> list[str]:
    """The placeholders still in ``text``, as written there ("{order_number}"), each once, in
    order: what the agent must complete before sending."""
    return list(dict.fromkeys(match.group(0) for match in _KNOWN_RE.finditer(text)))


# --------------------------------------------------------------------------- the default library

_lock = threading.Lock()
_current: CannedLibrary | None = None


def current() -> CannedLibrary:
    """The library for the repository's (or ``$CONSOLE_PROMPTS_DIR``'s) prompts, loaded on first use."""
    global _current
    if _current is None:
        with _lock:
            if _current is None:
                _current = CannedLibrary()
    return _current


def reload() -> None:
    """Re-read the default library's files; on error the old replies keep serving and it raises."""
    current().reload()


def search(
    business_line: str, language: str, query: str = "", limit: int = DEFAULT_LIMIT
) -> list[CannedReply]:
    """:meth:`CannedLibrary.search` on the default library."""
    return current().search(business_line, language, query, limit)


def known_facts(messages_texts: Sequence[str], language: str = "") -> dict[str, str]:
    """:meth:`CannedLibrary.known_facts` on the default library."""
    return current().known_facts(messages_texts, language)
