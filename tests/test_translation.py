"""Translation both ways (console/translation.py): the exact plumbing with a scripted backend,
personal data that never reaches the model, and the real tiny checkpoint token for token."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import pytest

from console import i18n
from console.backends.base import ChatMessage, Usage
from console.errors import InputError
from console.options import GenerationOptions
from console.translation import TranslationError, Translator, same_language
from tests.fakes import ScriptedBackend

FR_EN = {
    "Bonjour, ma commande #A-10023 n'est pas arrivée.": "Hello, my order #A-10023 has not arrived.",
    "Écrivez-moi à [EMAIL_1] s'il vous plaît": "Please write to me at [EMAIL_1]",
}


def dictionary(messages: Sequence[ChatMessage]) -> str:
    return FR_EN.get(messages[-1]["content"], "")


def test_the_model_gets_the_instruction_and_the_text_alone() -> None:
    backend = ScriptedBackend(reply=dictionary)
    done = Translator(backend).translate("Bonjour, ma commande #A-10023 n'est pas arrivée.", "fr", "en-US")
    assert (done.text, done.source, done.target) == ("Hello, my order #A-10023 has not arrived.", "fr", "en")
    ((messages, options),) = backend.calls
    assert [m["role"] for m in messages] == ["system", "user"]
    assert "from French into English" in messages[0]["content"]
    assert messages[1]["content"] == "Bonjour, ma commande #A-10023 n'est pas arrivée."
    assert options.greedy and options.max_new_tokens >= 64


def test_language_names_come_from_the_data_file() -> None:
    data = i18n.current()
    assert set(data.translation_names) == set(data.tags)
    messages = Translator(ScriptedBackend()).messages("x", "zh-TW", "pt-BR")
    assert "from Traditional Chinese into Portuguese" in messages[0]["content"]


def test_personal_data_is_masked_for_the_model_and_restored_for_the_operator() -> None:
    backend = ScriptedBackend(reply=dictionary)
    done = Translator(backend).translate("Écrivez-moi à claire.dubois@example.fr s'il vous plaît", "fr", "en")
    assert done.text == "Please write to me at claire.dubois@example.fr"
    sent = " ".join(m["content"] for m in backend.calls[0][0])
    assert "claire.dubois" not in sent and "[EMAIL_1]" in sent


def test_a_placeholder_the_model_invents_restores_nothing() -> None:
    backend = ScriptedBackend(reply=lambda m: "Call [PHONE_1] or write [EMAIL_1]")
    done = Translator(backend).translate("Bonjour", "fr", "en")
    assert done.text == "Call [PHONE_1] or write [EMAIL_1]"


def test_a_customer_typed_placeholder_stays_literal() -> None:
    backend = ScriptedBackend(reply=lambda m: m[-1]["content"].replace("mon", "my"))
    done = Translator(backend).translate("mon [EMAIL_1] à moi", "fr", "en")
    assert done.text == "my [EMAIL_1] à moi"


def test_same_language_needs_no_model() -> None:
    backend = ScriptedBackend()
    assert Translator(backend).translate("Olá", "pt-BR", "pt").text == "Olá"
    assert backend.calls == []
    assert same_language("zh-CN", "zh-Hans") and not same_language("zh-TW", "zh")
    assert same_language(None, "en")


@pytest.mark.parametrize("text", ["", "   ", "x" * 5000])
def test_empty_or_huge_text_is_refused_before_the_model(text: str) -> None:
    backend = ScriptedBackend()
    with pytest.raises(InputError):
        Translator(backend, max_input_chars=4000).translate(text, "fr", "en")
    assert backend.calls == []


def test_no_output_or_a_cancel_is_an_error_never_an_empty_translation() -> None:
    with pytest.raises(TranslationError):
        Translator(ScriptedBackend(reply=lambda m: "   ")).translate("Bonjour", "fr", "en")
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(TranslationError):
        Translator(ScriptedBackend(reply=lambda m: "Hello there")).translate("Bonjour", "fr", "en", cancel)


@pytest.mark.slow
def test_the_tiny_checkpoint_translates_exactly_what_the_backend_generates(tiny_backend: Any) -> None:
    """Plumbing, not quality: the tiny model cannot translate, but what the console stores
    must be the backend's own greedy output for exactly these messages, token for token."""
    translator = Translator(tiny_backend)
    text = "Bonjour, ma commande n'est pas arrivée."
    messages = translator.messages(text, "fr", "en")
    options = GenerationOptions(
        temperature=0.0, top_p=1.0, max_new_tokens=translator.options(text).max_new_tokens
    )
    usage = Usage()
    direct = "".join(tiny_backend.stream(messages, options, None, usage)).strip()
    if not direct:
        pytest.skip("the tiny checkpoint answered nothing to this prompt")
    done = translator.translate(text, "fr", "en")
    assert done.text == direct
    assert done.completion_tokens == usage.completion_tokens
