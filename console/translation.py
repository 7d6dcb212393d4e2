"""Translation both ways for the support team, by the console's own model.

An operator rarely reads all 17 languages. A customer message is shown to the operator also
in the operator's language, and the operator may write in their own language and send the
reply translated into the customer's. Both directions go through :class:`Translator`, which
asks the same backend that answers customers (in-process or a remote engine), greedily, with
the instruction in ``prompts/_i18n/translation.yaml``.

Personal data never reaches the model, local or remote: the text is masked exactly as the
pipeline masks a customer message (``[EMAIL_1]``, ``[PHONE_1]``), and the translation gets
back only the values that this very text contained (:meth:`PiiVault.only`), so a model that
invents a placeholder restores nothing. The caller stores both versions (the store's
``messages.translation``), and never shows a translation without marking it as one.

How well it translates depends on the model: the bundled tiny checkpoints only prove that
the plumbing is exact (tests compare with the backend's own greedy output); see the README
for the model sizes that translate well.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from console import i18n
from console.backends.base import Backend, ChatMessage, Usage
from console.errors import BackendError, InputError
from console.guard.pii import PiiVault
from console.options import MAX_NEW_TOKENS_RANGE, GenerationOptions
from console.text import data_key

log = logging.getLogger(__name__)

#: tokens allowed per character of the original: a translation is rarely more than twice as
#: long in tokens as the source has characters (CJK is about one token per character), and a
#: bound keeps a model that loops from running to the engine's limit
_TOKENS_PER_CHAR = 2
_MIN_TOKENS = 64


@dataclass(frozen=True)
class Translation:
    text: str
    source: str  # data keys ("fr", "zh-Hant")
    target: str
    completion_tokens: int = 0


class TranslationError(BackendError):
    """The model produced no translation (empty output, or it failed)."""


def same_language(a: str | None, b: str | None) -> bool:
    """True when text in ``a`` needs no translation for a reader of ``b`` (unknown: True)."""
    if not a or not b:
        return True
    return data_key(a) == data_key(b)


class Translator:
    def __init__(self, backend: Backend, *, max_input_chars: int = 4000) -> None:
        self.backend = backend
        self.max_input_chars = max_input_chars

    def messages(self, masked: str, source: str, target: str) -> list[ChatMessage]:
        """What the model is sent: the instruction, then the (already masked) text alone."""
        data = i18n.current()
        names = data.translation_names
        system = data.translation_system.format(
            source=names.get(data_key(source), source), target=names.get(data_key(target), target)
        )
        return [{"role": "system", "content": system}, {"role": "user", "content": masked}]

    def options(self, text: str) -> GenerationOptions:
        budget = max(_MIN_TOKENS, _TOKENS_PER_CHAR * len(text))
        # greedy: the same text translates the same way every time (and can be cached)
        return GenerationOptions(
            temperature=0.0, top_p=1.0, max_new_tokens=min(budget, MAX_NEW_TOKENS_RANGE[1])
        )

    def translate(
        self, text: str, source: str, target: str, cancel: threading.Event | None = None
    ) -> Translation:
        """``text`` from ``source`` into ``target``; the same text back when both are one
        language. Raises InputError for empty or over-long text and TranslationError when
        the model gives nothing usable (BackendError subclasses pass through)."""
        if not text.strip():
            raise InputError("There is nothing to translate.", field="text")
        if len(text) > self.max_input_chars:
            raise InputError(
                f"The text is too long to translate ({len(text)} characters, at most "
                f"{self.max_input_chars}).",
                field="text",
            )
        source_key, target_key = data_key(source), data_key(target)
        if source_key == target_key:
            return Translation(text, source_key, target_key)
        vault = PiiVault()
        masked = vault.mask(text)
        usage = Usage()
        # No scope: a translation's prompt starts with the team's instruction, which no
        # customer's request can (theirs start with a persona prompt), so a shared engine's
        # prefix cache cannot be probed for it from outside
        out = "".join(
            self.backend.stream(
                self.messages(masked, source_key, target_key), self.options(text), cancel, usage
            )
        )
        if usage.finish_reason == "cancelled":
            raise TranslationError("The translation was cancelled.")
        translated = vault.only(masked).unmask(out).strip()
        if not translated:
            raise TranslationError("The model returned no translation.")
        log.info(
            "translated %s -> %s: %d characters in, %d tokens out",
            source_key,
            target_key,
            len(text),
            usage.completion_tokens,
        )  # sizes only: never the text
        return Translation(translated, source_key, target_key, usage.completion_tokens)
