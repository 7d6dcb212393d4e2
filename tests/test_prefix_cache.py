"""The prefix cache: same output token for token, only new tokens processed, a changed
prompt never reuses a stale cache, memory stays under its bound."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from console.backends.base import ChatMessage, Usage
from console.backends.prefix_cache import PrefixCache
from console.backends.transformers_local import TransformersBackend
from console.options import GenerationOptions
from tests.tiny_model import TRAINED_DIALOGS

GREEDY = GenerationOptions(temperature=0.0, max_new_tokens=60)
PERSONA = Path(__file__).resolve().parents[1] / "prompts" / "general" / "en.md"


def _persona() -> str:
    # a real persona file: ~1,000+ tokens, what every conversation of a line starts with
    return PERSONA.read_text(encoding="utf-8")


def _load(path: Path, cache_mb: int) -> TransformersBackend:
    import torch

    torch.set_num_threads(1)
    return TransformersBackend.load(str(path), prefix_cache_mb=cache_mb)


def _reply(backend: TransformersBackend, messages: list[Any]) -> tuple[str, Usage]:
    usage = Usage()
    return "".join(backend.stream(messages, GREEDY, usage=usage)), usage


@pytest.fixture(scope="module")
def pair(tiny_qwen2: Path) -> tuple[TransformersBackend, TransformersBackend]:
    return _load(tiny_qwen2, 0), _load(tiny_qwen2, 64)


def test_cached_output_is_identical_token_for_token(
    pair: tuple[TransformersBackend, TransformersBackend],
) -> None:
    plain, cached = pair
    assert plain.prefix_cache is None and cached.prefix_cache is not None
    persona = _persona()
    for dialog in TRAINED_DIALOGS:
        # the dialog's own system prompt (trained answers) and a long real persona
        for system in (dialog.system, persona):
            messages = dialog.messages(system) if system is not None else dialog.messages()
            expected, expected_usage = _reply(plain, messages)
            got, usage = _reply(cached, messages)
            assert got == expected
            assert usage.completion_tokens == expected_usage.completion_tokens
            assert usage.prompt_tokens == expected_usage.prompt_tokens
    # the persona was processed once, then reused by every later conversation
    assert cached.prefix_cache.stats.hit_tokens > 5 * 900


def test_new_conversation_reuses_the_persona_and_a_turn_reuses_the_conversation(
    tiny_qwen2: Path,
) -> None:
    plain, cached = _load(tiny_qwen2, 0), _load(tiny_qwen2, 64)
    persona = _persona()
    first = [{"role": "system", "content": persona}, {"role": "user", "content": "Where is my order?"}]
    _, cold = _reply(cached, first)
    assert cold.cached_tokens == 0
    other = [{"role": "system", "content": persona}, {"role": "user", "content": "I need an invoice."}]
    text, warm = _reply(cached, other)
    assert warm.prompt_tokens is not None and warm.cached_tokens > 0.9 * warm.prompt_tokens - 20
    assert text == _reply(plain, other)[0]
    # the same conversation's next turn: everything up to the new message is reused
    second_turn = [*other, {"role": "assistant", "content": text}, {"role": "user", "content": "Thanks!"}]
    text2, turn = _reply(cached, second_turn)
    assert turn.prompt_tokens is not None and turn.cached_tokens > warm.prompt_tokens
    assert text2 == _reply(plain, second_turn)[0]


def test_a_changed_prompt_misses(tiny_qwen2: Path) -> None:
    cached = _load(tiny_qwen2, 64)
    persona = _persona()
    messages = [{"role": "system", "content": persona}, {"role": "user", "content": "Hello"}]
    _reply(cached, messages)
    edited = [{"role": "system", "content": "Edited. " + persona}, {"role": "user", "content": "Hello"}]
    _, usage = _reply(cached, edited)
    # only the chat template's few header tokens are common: nothing worth reusing
    assert usage.cached_tokens == 0
    # an edit near the end reuses exactly the unchanged part before it
    tail_edit: list[ChatMessage] = [
        {"role": "system", "content": persona + " Edited."},
        {"role": "user", "content": "Hello"},
    ]
    _, usage = _reply(cached, tail_edit)
    plain_ids = cached.render_prompt([{"role": "system", "content": persona}])["input_ids"][0].tolist()
    edited_ids = cached.render_prompt(tail_edit)["input_ids"][0].tolist()
    common = next(i for i, (a, b) in enumerate(zip(plain_ids, edited_ids, strict=False)) if a != b)
    assert usage.cached_tokens == common


class _Tensor:
    """The few tensor methods PrefixCache uses, so its bookkeeping is tested without torch."""

    def __init__(self, length: int, width: int = 8) -> None:
        self.shape = (1, 1, length, width)

    def numel(self) -> int:
        return self.shape[2] * self.shape[3]

    def element_size(self) -> int:
        return 4

    def __getitem__(self, index: Any) -> _Tensor:
        stop = index[2].stop
        return _Tensor(min(stop, self.shape[2]), self.shape[3])

    def clone(self) -> _Tensor:
        return self


def _layers(length: int) -> list[tuple[Any, Any]]:
    return [(_Tensor(length), _Tensor(length))]


def test_the_bound_evicts_least_recently_used() -> None:
    per_token = 2 * 8 * 4
    cache = PrefixCache(max_bytes=per_token * 250, min_tokens=4)
    a, b, c = ([n] * 100 for n in (1, 2, 3))
    cache.store(a, _layers(100), epoch=cache.epoch)
    cache.store(b, _layers(100), epoch=cache.epoch)
    assert cache.lookup([*a, 9]).length == 100  # a is now the most recently used
    cache.store(c, _layers(100), epoch=cache.epoch)  # over the bound: b, the least recently used, goes
    assert cache.nbytes <= cache.max_bytes and cache.stats.evictions == 1
    assert cache.lookup([*b, 9]).length == 0
    assert cache.lookup([*a, 9]).length == 100 and cache.lookup([*c, 9]).length == 100
    too_big = PrefixCache(max_bytes=per_token * 50, min_tokens=4)
    too_big.store(a, _layers(100), epoch=too_big.epoch)  # larger than the whole bound: not kept at all
    assert len(too_big) == 0


def test_a_shared_prefix_outlives_the_conversations_it_came_from() -> None:
    cache = PrefixCache(max_bytes=10**9, min_tokens=4)
    persona = list(range(100, 160))
    cache.store([*persona, 1, 2, 3], _layers(63), epoch=cache.epoch)
    hit = cache.lookup([*persona, 7, 8])  # another conversation on the same persona
    assert hit.length == 60
    assert len(cache) == 2  # the conversation and the shared persona prefix
    cache.store(
        [*persona, 1, 2, 3, 4, 5], _layers(65), epoch=cache.epoch
    )  # the first conversation's next turn
    assert len(cache) == 2  # replaced its previous turn; the shared prefix stays
    assert cache.lookup([*persona, 5]).length == 60
    # the last token is never served from the cache: its logits start the reply
    assert cache.lookup(persona).length == 59


def test_forget_prompts_drops_every_cached_prompt(tiny_qwen2: Path) -> None:
    """An erased conversation's attention caches go with it (Pipeline.forget): the cache
    is keyed by tokens, not conversations, so it empties, and the same prompt is then
    processed in full, with the same answer."""
    cached = _load(tiny_qwen2, 64)
    messages = [{"role": "system", "content": _persona()}, {"role": "user", "content": "Where is my order?"}]
    first, _ = _reply(cached, messages)
    _, warm = _reply(cached, messages)
    assert warm.cached_tokens > 0 and cached.prefix_cache is not None and len(cached.prefix_cache)
    cached.forget_prompts()
    assert len(cached.prefix_cache) == 0 and cached.prefix_cache.nbytes == 0
    again, cold = _reply(cached, messages)
    assert cold.cached_tokens == 0 and again == first


def test_a_request_that_looked_up_before_a_clear_stores_nothing_after_it() -> None:
    """The reply being written in an erased conversation ends after the erasure cleared the
    cache (its stream was cancelled, the scheduler finishes the row): what it processed
    holds the erased text and must not come back as an entry."""
    cache = PrefixCache(max_bytes=10**6, min_tokens=4)
    persona = list(range(100, 140))
    cache.store([*persona, 1, 2], _layers(42), epoch=cache.epoch)
    hit = cache.lookup([*persona, 1, 2, 3])
    assert hit.length == 42
    cache.clear()
    cache.store([*persona, 1, 2, 3, 4], _layers(44), epoch=hit.epoch)
    assert len(cache) == 0 and cache.lookup([*persona, 1, 2, 3]).length == 0
    after = cache.lookup([*persona, 9])  # a request that starts after the clear stores again
    cache.store([*persona, 9, 8], _layers(42), epoch=after.epoch)
    assert len(cache) == 1
