"""Concurrent streams share the in-process model through batched decoding: the same
output as alone, per-stream options, Stop for one stream only, a slot freed at once,
admission when the batch is full, and a slow reader that holds up no one else."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from console.backends.base import Usage
from console.backends.transformers_local import TransformersBackend
from console.options import GenerationOptions
from tests.tiny_model import TRAINED_DIALOGS

GREEDY = GenerationOptions(temperature=0.0, max_new_tokens=160)


def _load(path: Path, **kw: Any) -> TransformersBackend:
    import torch

    torch.set_num_threads(1)
    return TransformersBackend.load(str(path), **kw)


def _run(backend: TransformersBackend, messages: Any, options: GenerationOptions) -> tuple[str, Usage]:
    usage = Usage()
    return "".join(backend.stream(messages, options, usage=usage)), usage


def _together(
    backend: TransformersBackend, jobs: list[tuple[Any, GenerationOptions]]
) -> list[tuple[str, Usage]]:
    start = threading.Barrier(len(jobs))

    def one(job: tuple[Any, GenerationOptions]) -> tuple[str, Usage]:
        start.wait()
        return _run(backend, *job)

    with ThreadPoolExecutor(len(jobs)) as pool:
        return list(pool.map(one, jobs))


@pytest.fixture(scope="module")
def batched(tiny_qwen2: Path) -> TransformersBackend:
    return _load(tiny_qwen2)


@pytest.fixture(scope="module")
def alone(tiny_qwen2: Path) -> TransformersBackend:
    return _load(tiny_qwen2, batching=False, prefix_cache_mb=0)


def test_batched_greedy_output_equals_unbatched(
    batched: TransformersBackend, alone: TransformersBackend
) -> None:
    persona = (Path(__file__).resolve().parents[1] / "prompts" / "general" / "en.md").read_text("utf-8")
    jobs: list[tuple[Any, GenerationOptions]] = [(d.messages(), GREEDY) for d in TRAINED_DIALOGS]
    # rows of very different lengths in one batch: a long persona beside short prompts
    jobs += [(d.messages(persona), GREEDY.with_(max_new_tokens=40)) for d in TRAINED_DIALOGS[:3]]
    results = _together(batched, jobs)
    for (messages, options), (text, usage) in zip(jobs, results, strict=True):
        expected, expected_usage = _run(alone, messages, options)
        assert text == expected
        assert usage.completion_tokens == expected_usage.completion_tokens
        assert usage.finish_reason == expected_usage.finish_reason
    for dialog, (text, _usage) in zip(TRAINED_DIALOGS, results, strict=False):
        assert text == dialog.answer


def test_per_stream_options_are_honoured(batched: TransformersBackend) -> None:
    long = max(TRAINED_DIALOGS, key=lambda d: len(d.answer))
    seeded = GenerationOptions(temperature=1.5, top_p=0.9, max_new_tokens=20, seed=3)
    alone_seeded = _run(batched, long.messages(), seeded)[0]
    jobs = [
        (long.messages(), GREEDY),
        (long.messages(), GREEDY.with_(max_new_tokens=5)),
        (long.messages(), seeded),
        (TRAINED_DIALOGS[0].messages(), GenerationOptions(temperature=1.0, top_p=0.5, max_new_tokens=30)),
    ]
    (full, full_usage), (short, short_usage), (sampled, _), (_, nucleus) = _together(batched, jobs)
    assert full == long.answer and full_usage.finish_reason == "stop"
    assert short_usage.completion_tokens == 5 and short_usage.finish_reason == "length"
    assert long.answer.startswith(short)
    assert sampled == alone_seeded  # its own generator: the batch does not change its draws
    assert 0 < nucleus.completion_tokens <= 30


def test_stop_for_one_stream_leaves_the_others(
    batched: TransformersBackend, wake_every_token: Callable[[Any], None]
) -> None:
    wake_every_token(batched)
    long = max(TRAINED_DIALOGS, key=lambda d: len(d.answer))
    cancel = threading.Event()
    stopped = Usage()

    def stop_after_three() -> str:
        received = []
        for chunk in batched.stream(long.messages(), GREEDY, cancel, stopped):
            received.append(chunk)
            if len(received) == 3:
                cancel.set()
        return "".join(received)

    with ThreadPoolExecutor(3) as pool:
        others = [pool.submit(_run, batched, long.messages(), GREEDY) for _ in range(2)]
        partial = pool.submit(stop_after_three).result()
        results = [f.result() for f in others]
    assert stopped.finish_reason == "cancelled" and stopped.completion_tokens < 20
    assert long.answer.startswith(partial)
    assert all(text == long.answer and usage.finish_reason == "stop" for text, usage in results)


def test_admission_under_load(tiny_qwen2: Path) -> None:
    backend = _load(tiny_qwen2, max_batch=2)
    jobs = [(d.messages(), GREEDY) for d in TRAINED_DIALOGS] * 2  # 12 streams, 2 slots
    peak = 0
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            scheduler = backend._scheduler
            if scheduler is not None:
                peak = max(peak, scheduler.active)
            done.wait(0.001)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        results = _together(backend, jobs)
    finally:
        done.set()
        watcher.join()
    assert [text for text, _ in results] == [d.answer for d in TRAINED_DIALOGS] * 2
    assert 1 <= peak <= 2


def test_a_slow_reader_does_not_hold_up_the_others(batched: TransformersBackend) -> None:
    long = max(TRAINED_DIALOGS, key=lambda d: len(d.answer))
    others_done = threading.Event()

    def slow() -> str:
        stream = batched.stream(long.messages(), GREEDY)
        text = next(stream)
        # stop reading until the other stream has finished: the scheduler must not wait
        assert others_done.wait(120), "the other stream stalled behind a slow reader"
        return text + "".join(stream)

    with ThreadPoolExecutor(2) as pool:
        slow_text = pool.submit(slow)
        fast_text, _ = _run(batched, long.messages(), GREEDY)
        others_done.set()
        assert fast_text == long.answer
        assert slow_text.result() == long.answer


def _sampler(penalty: float = 1.0, top_k: int | None = None) -> Any:
    """A scheduler's sampling alone (no model, no thread)."""
    from console.backends.batching import BatchScheduler

    scheduler = object.__new__(BatchScheduler)
    scheduler._penalty, scheduler._top_k = penalty, top_k
    return scheduler


def _rows(*options: GenerationOptions) -> list[Any]:
    import torch

    from console.backends.batching import Request, _Row

    rows = []
    for option in options:
        generator = None if option.seed is None else torch.Generator().manual_seed(option.seed)
        rows.append(_Row(Request([1], option, threading.Event()), 1, generator, option.greedy))
    return rows


def test_whole_batch_repetition_penalty_equals_the_per_row_formula() -> None:
    import torch

    from console.backends.batching import _SamplingParams

    torch.manual_seed(0)
    logits = torch.randn(3, 50) * 4
    seen_ids = [torch.tensor([1, 7, 7, 30]), torch.tensor([0]), torch.tensor([49, 2, 11])]
    expected = logits.clone()
    for i, ids in enumerate(seen_ids):  # transformers' RepetitionPenaltyLogitsProcessor, row by row
        picked = expected[i].gather(0, ids)
        expected[i].scatter_(0, ids, torch.where(picked < 0, picked * 1.3, picked / 1.3))
    seen = torch.zeros(3, 50, dtype=torch.bool)
    for i, ids in enumerate(seen_ids):
        seen[i, ids] = True
    rows = _rows(GREEDY, GREEDY, GREEDY)
    tokens = _sampler(penalty=1.3)._sample(logits, rows, _SamplingParams.of(rows, "cpu"), seen)
    assert tokens == expected.argmax(dim=-1).tolist()


def test_top_k_draws_stay_in_the_top_k_and_a_seed_repeats() -> None:
    import torch

    from console.backends.batching import _SamplingParams

    logits = torch.arange(40, dtype=torch.float).repeat(3, 1)  # token 39 the likeliest
    logits[2, 30:] = 50.0  # row 2: a tie across the k-th score falls back to the full path
    options = (
        GenerationOptions(temperature=1.5, top_p=1.0),
        GenerationOptions(temperature=1.5, top_p=0.9, seed=5),
        GenerationOptions(temperature=1.5, top_p=1.0),
    )
    sampler = _sampler(top_k=4)
    draws: list[list[int]] = []
    for _ in range(30):
        rows = _rows(*options)
        draws.append(sampler._sample(logits.clone(), rows, _SamplingParams.of(rows, "cpu"), None))
    assert all(36 <= row[0] <= 39 and 36 <= row[1] <= 39 for row in draws)
    assert all(30 <= row[2] <= 39 for row in draws)  # every tied token stays possible
    assert len({row[1] for row in draws}) == 1  # the seeded row draws the same each time
    assert len({row[0] for row in draws}) > 1


def test_a_model_that_fails_on_a_prompt_fails_that_stream_at_once(tiny_qwen2: Path) -> None:
    from console.errors import BackendError

    backend = _load(tiny_qwen2)
    scheduler = backend._batch_scheduler()
    assert scheduler is not None
    model = scheduler._model

    class Failing:
        device, config = model.device, model.config

        def __call__(self, **kwargs: Any) -> Any:
            raise RuntimeError("out of memory")

    scheduler._model = Failing()
    try:
        with pytest.raises(BackendError, match="out of memory"):
            _run(backend, TRAINED_DIALOGS[0].messages(), GREEDY)  # not after the 300 s timeout
        scheduler._model = model
        text, _ = _run(backend, TRAINED_DIALOGS[0].messages(), GREEDY)
        assert text == TRAINED_DIALOGS[0].answer  # the scheduler keeps serving
    finally:
        backend.close()
