"""Translated strings for the console's UI, keyed by language tag then label key.

The strings are data (``prompts/_i18n/ui_labels.yaml``), loaded and checked by
:mod:`console.i18n`: every language carries exactly the keys English has, so a missing
translation stops the console at start instead of showing a blank button. No gradio import,
so the UI, the API and tests can all read it. "zh" is Simplified Chinese and "zh-Hant"
Traditional, matching the persona files.

:data:`UI_LABELS` is one dict for the process's life: :func:`console.i18n.reload` refills it
in place, so modules that imported it see new labels without importing it again.
"""

from __future__ import annotations

from console import i18n
from console.text import data_key

UI_LABELS: dict[str, dict[str, str]] = {}


def _refill(data: i18n.LanguageData) -> None:
    fresh = {tag: dict(labels) for tag, labels in data.ui_labels.items()}
    UI_LABELS.clear()
    UI_LABELS.update(fresh)


_refill(i18n.current())
i18n.on_reload(_refill)


def labels_for(language: str) -> dict[str, str]:
    """Labels for ``language`` (a code or tag such as "fr", "pt-BR", "zh-TW"); English when the
    language is not served (every served one has all labels).

    Returns a copy so a caller cannot change the shared table by accident.
    """
    return dict(UI_LABELS.get(data_key(language)) or UI_LABELS["en"])


def right_to_left(language: str) -> bool:
    """Whether ``language`` (a code or tag) is written right to left (languages.yaml)."""
    code = data_key(language).split("-")[0]
    return any(lang.code == code and lang.right_to_left for lang in i18n.current().languages)
