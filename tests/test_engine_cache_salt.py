"""Prefix-cache scopes on a shared engine (vLLM's ``cache_salt``): a console in front of an
engine that says it is vLLM sends one salt per conversation, so one customer cannot time
the engine's prompt cache to learn what another wrote, and an erased conversation's
cached prompt can never be matched again. Played over real HTTP: customers talk to the
console's API with the ``openai`` package, the console talks to an engine process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from console.backends.openai_engine import OpenAIEngineBackend
from console.service import create_app
from tests.conftest import free_port
from tests.test_openai_backend import start_engine

KEY = "customer-key"


def _engine(tiny_qwen2: Path, owned_by: str) -> Iterator[str]:
    port = free_port()
    proc = start_engine(tiny_qwen2, port, owned_by=owned_by)
    yield f"http://127.0.0.1:{port}/v1"
    proc.kill()
    proc.wait()


@pytest.fixture(scope="module")
def vllm_like(tiny_qwen2: Path) -> Iterator[str]:
    yield from _engine(tiny_qwen2, "vllm")


@pytest.fixture(scope="module")
def other_engine(tiny_qwen2: Path) -> Iterator[str]:
    yield from _engine(tiny_qwen2, "tests")


def _salts(engine: str) -> list[Any]:
    return list(httpx.get(engine.replace("/v1", "/test/salts"), timeout=10).json())


def _console(make_config: Any, launched: Any, engine: str, **overrides: Any) -> Any:
    import openai

    config = make_config(backend="openai", base_url=engine, api_keys=(KEY,), **overrides)
    app = launched(create_app(config))
    return app, openai.OpenAI(base_url=f"{app.local_url.rstrip('/')}/v1", api_key=KEY, max_retries=0)


def _ask(client: Any, text: str, conversation: str | None = None) -> str:
    extra = {"conversation_id": conversation} if conversation else {}
    reply = client.chat.completions.with_raw_response.create(
        model="support",
        messages=[{"role": "user", "content": text}],
        max_tokens=12,
        temperature=0,
        extra_body=extra,
    )
    assert reply.parse().choices[0].message.content
    return str(reply.headers["x-conversation-id"])


def test_each_conversation_has_its_own_secret_salt_on_a_vllm_engine(
    vllm_like: str, make_config: Any, launched: Any
) -> None:
    app, client = _console(make_config, launched, vllm_like)
    turns: list[set[Any]] = []  # each turn's salts (a reply in the wrong language is asked twice)

    def turn(text: str, conversation: str | None = None) -> str:
        before = len(_salts(vllm_like))
        found = _ask(client, text, conversation)
        turns.append(set(_salts(vllm_like)[before:]))
        if app.store.ownership(found)[1] != "bot":
            # the random tiny model wrote another language twice, and a person was asked
            # for: an operator hands it back, so the next turn reaches the engine again
            app.store.transition(found, "handed_back", actor="maria")
        return found

    first = turn("Where is my parcel?")
    assert turn("It was due on Monday.", first) == first
    second = turn("Where is my parcel?")  # another customer, the same words
    assert all(len(salts) == 1 for salts in turns), turns
    salts = [next(iter(s)) for s in turns]
    assert all(isinstance(s, str) and len(s) == 64 for s in salts), salts
    assert salts[0] == salts[1] != salts[2]  # one conversation's turns share their cache only
    for salt in salts:  # derived under a key of the console's, not readable from the ids
        assert first not in salt and second not in salt
    # the same conversation through another console process (a restart): another salt
    other = OpenAIEngineBackend(vllm_like, model="tiny-qwen")
    assert other.cache_salt(first) not in (None, salts[0])
    assert app.pipeline.backend.cache_salt(first) == salts[0]


def test_no_salt_to_an_engine_that_is_not_vllm_unless_asked(
    other_engine: str, vllm_like: str, make_config: Any, launched: Any
) -> None:
    before = len(_salts(other_engine))
    _app, client = _console(make_config, launched, other_engine)
    _ask(client, "Hello, I need help")
    assert set(_salts(other_engine)[before:]) == {None}  # an unknown field might be refused
    _app, client = _console(make_config, launched, other_engine, engine_cache_salt="on")
    _ask(client, "Hello, I need help")
    assert isinstance(_salts(other_engine)[-1], str)  # a proxy in front of vLLM, say
    before = len(_salts(vllm_like))
    _app, client = _console(make_config, launched, vllm_like, engine_cache_salt="off")
    _ask(client, "Hello, I need help")
    assert set(_salts(vllm_like)[before:]) == {None}


@pytest.mark.parametrize(
    ("owned_by", "salted"), [("vllm", True), ("sglang", True), ("openai", False), (None, False)]
)
def test_auto_salts_for_the_engines_that_take_the_field(owned_by: str | None, salted: bool) -> None:
    from types import SimpleNamespace

    backend = OpenAIEngineBackend("http://127.0.0.1:9/v1", model="m")  # never contacted
    backend._note_engine([SimpleNamespace(id="m", owned_by=owned_by)])
    assert (backend.cache_salt("conversation") is not None) == salted
    assert backend.cache_salt(None) is None
