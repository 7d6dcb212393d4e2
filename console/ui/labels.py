"""The viewer's language: labels, status texts and page direction follow the browser.

Gradio's own i18n translates static labels only; table headers, dropdown values, status
texts and notices are data the server renders, so the server picks the viewer's language
from the ``Accept-Language`` header on page load (and again when a message is taken, which
can come first on a busy server) and every handler renders with it.
"""

from __future__ import annotations

from console import i18n
from console.text import accepted_language, data_key
from console.ui_labels import UI_LABELS

DEFAULT = "en"


def request_accepted(request: object) -> str | None:
    """The reader's served language from one event's request, None when its
    ``Accept-Language`` names none (the detector's hint: see language.detect)."""
    headers = getattr(request, "headers", None) or {}
    return accepted_language(headers.get("accept-language"), UI_LABELS)


def request_language(request: object) -> str:
    """The viewer's language for one event's request (its ``Accept-Language`` header)."""
    return request_accepted(request) or DEFAULT


def viewer_language(accept_language: str | None) -> str:
    """The first served language in an ``Accept-Language`` header, by preference order.

    "zh-TW"/"zh-HK"/"zh-Hant" pick Traditional Chinese labels, other "zh" Simplified.
    """
    return accepted_language(accept_language, UI_LABELS) or DEFAULT


def labels(language: str) -> dict[str, str]:
    """Every label in ``language`` (each served language has every key: i18n checks it at
    start)."""
    return UI_LABELS.get(data_key(language)) or UI_LABELS[DEFAULT]


def language_names() -> dict[str, str]:
    """Each served language's name written in itself, by data key, Traditional Chinese included
    ("zh": "中文", "zh-Hant": "繁體中文"; prompts/_i18n/languages.yaml)."""
    data = i18n.current()
    return {
        **{lang.code: lang.name for lang in data.languages},
        i18n.TRADITIONAL: data.chinese_scripts[i18n.TRADITIONAL],
    }


def language_choices(first: tuple[str, str]) -> list[tuple[str, str]]:
    """The customer's language menu: ``first`` (detect automatically), every served language
    named in itself, then Traditional Chinese ("zh" answers in Simplified)."""
    data = i18n.current()
    traditional = i18n.TRADITIONAL
    return [
        first,
        *[(f"{lang.name} ({lang.code})", lang.code) for lang in data.languages],
        (f"{data.chinese_scripts[traditional]} ({traditional})", traditional),
    ]


def answer_language(value: object) -> str:
    """``value`` when the language menu offers it, else "auto": what a browser kept or a
    crafted call sends is checked against the menu before it decides anything."""
    offered = {choice for _, choice in language_choices(("", "auto"))}
    return value if isinstance(value, str) and value in offered else "auto"


def filter_language_choices(everything: str) -> list[tuple[str, str]]:
    """A language filter over stored conversations: ``everything`` ("all"), then every served
    language, Chinese as its two scripts. Conversations are stored under the persona's tag
    ("zh-Hans", "zh-Hant"), so a plain "zh" choice would match none of them."""
    data = i18n.current()
    return [
        (everything, "all"),
        *[(f"{lang.name} ({lang.code})", lang.code) for lang in data.languages if lang.code != "zh"],
        *[(f"{name} ({tag})", tag) for tag, name in data.chinese_scripts.items()],
    ]
