"""Persona prompts as data: load ``prompts/<business line>/<lang tag>.md`` and render them.

Layout (operators add a business line or a language by adding files; no code changes)::

    prompts/
      <business line>/            folder name is the line's id, e.g. "ecommerce"
        line.yaml                 optional: name: {en: ..., fr: ...}; description: ...
        <lang tag>.md             "fr", "zh-Hans", "zh-Hant", ...: front matter + body

Each ``.md`` file starts with YAML front matter holding ``name``, ``greeting``,
``escalation``, ``refusal`` and ``disclosure`` (all non-empty strings; ``max_words_scale`` is
an optional positive number, see below), followed by the system prompt in Markdown. The body
may use these placeholders, filled by :meth:`PersonaLibrary.system_prompt`:

* ``{max_words}``: the answer length limit. Languages written without spaces between words
  (Chinese, Japanese) phrase it in characters (``{max_words} 字``) and set
  ``max_words_scale: 2`` so the limit stays about as long as the English one.
* ``{assistant_name}``, ``{business_line_name}``: the persona's name and the line's display name.
* ``{escalation}``, ``{disclosure}``, ``{refusal}``: the front-matter lines, so the body quotes
  them without a second copy that could drift.

Unknown ``{placeholders}`` are refused at load time (a typo would otherwise reach the model).
The customer's text reaches the model between :data:`CUSTOMER_OPEN` and :data:`CUSTOMER_CLOSE`
(see :func:`wrap_customer_message`); every body tells the model that text inside them is
data, never instructions.

Loading is all-or-nothing: :class:`PersonaLibrary` builds a new immutable snapshot and swaps
it in only when every file is valid, so :meth:`PersonaLibrary.reload` on a bad edit keeps
serving the previous prompts and raises :class:`ConfigError` naming the file.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from console.errors import ConfigError, InputError
from console.text import MAX_TAG_CHARS, chinese_script, primary, subtags

log = logging.getLogger(__name__)

ENV_PROMPTS_DIR = "CONSOLE_PROMPTS_DIR"
REQUIRED_KEYS = ("name", "greeting", "escalation", "refusal", "disclosure")
PLACEHOLDERS = frozenset(
    {"max_words", "assistant_name", "business_line_name", "escalation", "disclosure", "refusal"}
)
CUSTOMER_OPEN = "<customer_message>"
CUSTOMER_CLOSE = "</customer_message>"

# A language tag as used for file names: "fr", "pt-BR", "zh-Hant". Anything else in a line
# folder is an operator mistake worth reporting rather than silently skipping.
_TAG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)(.*)\Z", re.DOTALL)


def default_prompts_dir() -> Path:
    """The repository's ``prompts/``, or ``$CONSOLE_PROMPTS_DIR`` when set."""
    override = os.environ.get(ENV_PROMPTS_DIR)
    if override:
        return Path(override).expanduser()
    return Path(__file__).resolve().parent.parent / "prompts"


def wrap_customer_message(text: str) -> str:
    """Put the customer's text between the delimiters every persona body refers to.

    A closing delimiter inside the text is neutralised so a customer cannot end the data
    block early and append "instructions" after it.
    """
    cleaned = text.replace(CUSTOMER_CLOSE, "</ customer_message>").replace(
        CUSTOMER_OPEN, "< customer_message>"
    )
    return f"{CUSTOMER_OPEN}\n{cleaned}\n{CUSTOMER_CLOSE}"


@dataclass(frozen=True)
class Persona:
    business_line: str
    language: str  # tag of the file used, e.g. "fr", "zh-Hant"
    name: str
    greeting: str
    escalation: str
    refusal: str
    disclosure: str
    body: str  # markdown template; see the module docstring for its placeholders
    path: Path
    max_words_scale: float = 1.0


@dataclass(frozen=True)
class SystemPrompt:
    text: str
    persona: Persona
    requested: str  # the tag the caller asked for, as given
    fell_back: bool  # the requested language had no file; another language was used


@dataclass(frozen=True)
class _Line:
    personas: Mapping[str, Persona]  # keyed by lower-cased tag
    display_names: Mapping[str, str]  # keyed by lower-cased tag
    description: str | None


@dataclass(frozen=True)
class _Snapshot:
    lines: Mapping[str, _Line]


class PersonaLibrary:
    """All persona prompts under ``root``, validated at load and reloadable at run time."""

    def __init__(self, root: Path, *, fallback_language: str = "en", max_words: int = 150) -> None:
        if max_words < 1:
            raise ConfigError("max_words", f"must be at least 1, got {max_words}")
        self.root = Path(root)
        self.fallback_language = fallback_language
        self.max_words = max_words
        self._lock = threading.Lock()
        self._warned: set[tuple[str, str]] = set()
        self._snapshot = _load_snapshot(self.root, fallback_language)

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Re-read every file. On any error the previous prompts stay in use and the error is raised."""
        snapshot = _load_snapshot(self.root, self.fallback_language)
        with self._lock:
            self._snapshot = snapshot
            self._warned.clear()  # a file may have been added; warn afresh if still missing

    # ------------------------------------------------------------------ queries

    def business_lines(self) -> list[str]:
        return sorted(self._snapshot.lines)

    def languages(self, business_line: str) -> list[str]:
        line = self._line(business_line)
        return sorted(p.language for p in line.personas.values())

    def description(self, business_line: str) -> str | None:
        return self._line(business_line).description

    def display_name(self, business_line: str, language: str) -> str:
        """The line's name in ``language``, else in English, else the folder name. A line
        no longer in prompts/ (retired or renamed) is named by its code: the conversations
        stored under it stay listed and readable."""
        line = self._snapshot.lines.get(business_line)
        if line is None:
            return business_line
        names = line.display_names
        for tag in [*_equivalent_tags(language), "en"]:
            if tag in names:
                return names[tag]
        return business_line

    def persona(self, business_line: str, language_tag: str) -> tuple[Persona, bool]:
        """The persona for a line and language, and whether another language had to stand in.

        Resolution: the exact tag, then its base language ("pt-BR" -> "pt", "zh" and "zh-CN" ->
        "zh-Hans", "zh-TW" -> "zh-Hant"), then the other Chinese script, then the fallback
        language. Only the last two count as falling back.
        """
        line = self._line(business_line)
        for tag in _equivalent_tags(language_tag):
            if tag in line.personas:
                return line.personas[tag], False
        persona = next(
            (line.personas[t] for t in _substitute_tags(language_tag) if t in line.personas),
            line.personas[self.fallback_language.lower()],
        )
        self._warn_missing(business_line, language_tag, persona.language)
        return persona, True

    def system_prompt(self, business_line: str, language_tag: str) -> SystemPrompt:
        persona, fell_back = self.persona(business_line, language_tag)
        values = {
            "max_words": str(max(1, round(self.max_words * persona.max_words_scale))),
            "assistant_name": persona.name,
            "business_line_name": self.display_name(business_line, persona.language),
            "escalation": persona.escalation,
            "disclosure": persona.disclosure,
            "refusal": persona.refusal,
        }
        # Only known names are replaced (validated at load), so other braces in Markdown stay.
        text = _PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), persona.body)
        return SystemPrompt(text=text, persona=persona, requested=language_tag, fell_back=fell_back)

    # ------------------------------------------------------------------ helpers

    def _line(self, business_line: str) -> _Line:
        line = self._snapshot.lines.get(business_line)
        if line is None:
            known = ", ".join(sorted(self._snapshot.lines))
            raise InputError(
                f"Unknown business line {business_line!r}; known lines: {known}.", field="business_line"
            )
        return line

    def _warn_missing(self, business_line: str, requested: str, used: str) -> None:
        key = (business_line, requested.lower())
        with self._lock:
            if key in self._warned:
                return
            self._warned.add(key)
        log.warning(
            "no persona file for business line %r in language %r; using %r",
            business_line,
            requested[:MAX_TAG_CHARS],
            used,
        )


# ---------------------------------------------------------------------- language tags


def _equivalent_tags(tag: str) -> list[str]:
    """Lower-cased tags that serve ``tag`` without changing its language or script."""
    parts = subtags(tag)
    if not parts:
        return []
    base = parts[0]
    if base == "zh":
        script = "zh-hant" if chinese_script(tag) == "Hant" else "zh-hans"
        return list(dict.fromkeys(["-".join(parts), script]))
    return list(dict.fromkeys(["-".join(parts), base]))


def _substitute_tags(tag: str) -> list[str]:
    """Tags in the same language family worth trying before the fallback (the other Chinese script)."""
    if primary(tag) == "zh":
        return ["zh-hans", "zh-hant"]
    return []


# ---------------------------------------------------------------------- file parsing


def _load_snapshot(root: Path, fallback_language: str) -> _Snapshot:
    if not root.is_dir():
        raise ConfigError(ENV_PROMPTS_DIR, f"prompts folder {str(root)!r} does not exist")
    lines: dict[str, _Line] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        line = _load_line(folder)
        if not line.personas:
            continue  # a folder without persona files (e.g. shared assets) is not a line
        if fallback_language.lower() not in line.personas:
            missing = folder / f"{fallback_language}.md"
            raise ConfigError(str(missing), "the fallback language's persona file is missing")
        lines[folder.name] = line
    if not lines:
        raise ConfigError(ENV_PROMPTS_DIR, f"no persona files found under {str(root)!r}")
    return _Snapshot(lines=MappingProxyType(lines))


def _load_line(folder: Path) -> _Line:
    personas: dict[str, Persona] = {}
    for path in sorted(folder.glob("*.md")):
        persona = _parse_persona(path, folder.name)
        key = persona.language.lower()
        if key in personas:
            raise ConfigError(str(path), f"duplicates {personas[key].path.name} (tags are case-insensitive)")
        personas[key] = persona
    names, description = _parse_line_yaml(folder / "line.yaml")
    return _Line(personas=MappingProxyType(personas), display_names=names, description=description)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot be read as UTF-8 text: {exc}") from exc


def _safe_yaml(path: Path, text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(str(path), f"invalid YAML: {exc}") from exc


def _parse_persona(path: Path, business_line: str) -> Persona:
    tag = path.stem
    if not _TAG_RE.match(tag):
        raise ConfigError(str(path), "file name must be a language tag such as 'fr' or 'zh-Hant'")
    match = _FRONT_MATTER_RE.match(_read_text(path).lstrip("\ufeff"))
    if match is None:
        raise ConfigError(str(path), "must start with YAML front matter between '---' lines")
    meta = _safe_yaml(path, match.group(1))
    if not isinstance(meta, dict):
        raise ConfigError(str(path), "front matter must be a mapping of keys to values")
    missing = [k for k in REQUIRED_KEYS if not isinstance(meta.get(k), str) or not meta[k].strip()]
    if missing:
        raise ConfigError(str(path), f"front matter lacks non-empty text for: {', '.join(missing)}")
    scale = meta.get("max_words_scale", 1.0)
    if isinstance(scale, bool) or not isinstance(scale, int | float) or not scale > 0:
        raise ConfigError(str(path), f"max_words_scale must be a positive number, got {scale!r}")
    body = match.group(2).strip()
    if not body:
        raise ConfigError(str(path), "the system prompt body after the front matter is empty")
    unknown = sorted(set(_PLACEHOLDER_RE.findall(body)) - PLACEHOLDERS)
    if unknown:
        raise ConfigError(
            str(path), f"unknown placeholders {unknown}; allowed: {', '.join(sorted(PLACEHOLDERS))}"
        )
    return Persona(
        business_line=business_line,
        language=tag,
        name=meta["name"].strip(),
        greeting=meta["greeting"].strip(),
        escalation=meta["escalation"].strip(),
        refusal=meta["refusal"].strip(),
        disclosure=meta["disclosure"].strip(),
        body=body,
        path=path,
        max_words_scale=float(scale),
    )


def _parse_line_yaml(path: Path) -> tuple[Mapping[str, str], str | None]:
    if not path.exists():
        return MappingProxyType({}), None
    data = _safe_yaml(path, _read_text(path))
    if data is None:
        return MappingProxyType({}), None
    if not isinstance(data, dict):
        raise ConfigError(str(path), "must be a mapping with 'name' (per language) and 'description'")
    raw_names = data.get("name", {})
    if not isinstance(raw_names, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in raw_names.items()
    ):
        raise ConfigError(str(path), "'name' must map language tags to non-empty display names")
    description = data.get("description")
    if description is not None and not isinstance(description, str):
        raise ConfigError(str(path), "'description' must be text")
    names = {k.lower(): v.strip() for k, v in raw_names.items()}
    return MappingProxyType(names), description
