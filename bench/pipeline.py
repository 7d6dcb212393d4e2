"""Streaming overhead of the console, side by side in one run, on one tiny checkpoint.

    python -m bench.pipeline [--runs 7] [--tokens 96]

Three paths generate the same greedy tokens from the same loaded model:

1. raw ``model.generate`` with a streamer that only timestamps tokens;
2. the console's ``TransformersBackend.stream`` (chat template, incremental detokenizer,
   worker thread, cancel criteria);
3. the whole ``Pipeline`` turn: language detection, persona, encrypted SQLite writes;
4. the running app: ``Pipeline`` → Gradio queue → HTTP → ``gradio_client``.

It prints tokens/s and time to first token (median of ``--runs``) and the ratios to raw.
Targets (issue 2): the backend keeps >= 0.95 of raw tokens/s and adds < 10 ms to the first
token. The numbers in README/BENCHMARKS.md come from this command. Never use these in a
test's assertion: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


class _Timestamps:
    """A transformers streamer that records when each generated token arrives."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self._prompt = True

    def put(self, value: Any) -> None:
        if self._prompt:
            self._prompt = False
            return
        self.times.append(time.perf_counter())

    def end(self) -> None:
        pass


def _stats(
    starts: list[float], firsts: list[float], ends: list[float], tokens: list[int]
) -> dict[str, float]:
    ttft = [(f - s) * 1000 for s, f in zip(starts, firsts, strict=True)]
    # decode rate after the first token, so prompt processing does not blur the comparison
    rates = [(n - 1) / (e - f) for f, e, n in zip(firsts, ends, tokens, strict=True) if e > f]
    total = [n / (e - s) for s, e, n in zip(starts, ends, tokens, strict=True)]
    return {
        "ttft_ms": statistics.median(ttft),
        "tok_s": statistics.median(rates),
        "tok_s_total": statistics.median(total),
        "tokens": statistics.median(tokens),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tokens", type=int, default=96, help="max_new_tokens per reply")
    parser.add_argument("--model", help="checkpoint dir (default: build the tiny qwen2 model)")
    args = parser.parse_args()

    import torch
    from gradio_client import Client

    from console.backends.base import Usage
    from console.backends.transformers_local import TransformersBackend
    from console.config import Config
    from console.options import GenerationOptions
    from console.personas import PersonaLibrary
    from console.pipeline import TurnRequest
    from console.service import create_app
    from tests.conftest import free_port, write_personas
    from tests.tiny_model import SUPPORT_SYSTEM, TRAINED_DIALOGS, build_tiny_model

    torch.set_num_threads(1)
    model_dir = (
        Path(args.model)
        if args.model
        else build_tiny_model(Path(tempfile.gettempdir()) / "console-bench-tiny-qwen2", arch="qwen2")
    )
    backend = TransformersBackend.load(str(model_dir))
    dialog = max(TRAINED_DIALOGS, key=lambda d: len(d.answer))  # the longest trained answer
    messages: list[Any] = [
        {"role": "system", "content": SUPPORT_SYSTEM},
        {"role": "user", "content": dialog.user},
    ]
    options = GenerationOptions(temperature=0.0, max_new_tokens=args.tokens)
    model = backend._model  # the very same weights
    gen_config = backend._generation_config(options)

    def raw_once() -> tuple[float, float, float, int]:
        inputs = backend.render_prompt(messages)
        stamps = _Timestamps()
        start = time.perf_counter()
        with torch.inference_mode():
            model.generate(**inputs, generation_config=gen_config, streamer=stamps)
        return start, stamps.times[0], stamps.times[-1], len(stamps.times)

    def backend_once() -> tuple[float, float, float, int]:
        usage = Usage()
        start = time.perf_counter()
        first = end = 0.0
        for _chunk in backend.stream(messages, options, None, usage):
            end = time.perf_counter()
            first = first or end
        return start, first, end, usage.completion_tokens

    with tempfile.TemporaryDirectory() as data:
        prompts = write_personas(Path(data) / "prompts", SUPPORT_SYSTEM)
        config = Config(
            data_dir=Path(data) / "d", port=free_port(), concurrency=1, session_rate=10**6, client_rate=10**6
        )
        app = create_app(config, backend=backend, personas=PersonaLibrary(prompts))
        app.launch(block=False)
        client = Client(app.local_url, verbose=False)

        def app_once() -> tuple[float, float, float, int]:
            start = time.perf_counter()
            job = client.submit(dialog.user, 0.0, 1.0, args.tokens, "general", "auto", api_name="/chat")
            first = end = 0.0
            seen = 0
            for output in job:
                chat = output[1]
                text = chat[-1]["content"] if chat and chat[-1]["role"] == "assistant" else ""
                if isinstance(text, list):
                    text = "".join(part.get("text", "") for part in text)
                if len(text) > seen and text != "…":
                    end = time.perf_counter()
                    first = first or end
                    seen = len(text)
            job.result()
            end = time.perf_counter()  # the final update, as for the pipeline
            return start, first, end, 0

        def pipeline_once() -> tuple[float, float, float, int]:
            request = TurnRequest(text=dialog.user, options=options, business_line="general")
            start = time.perf_counter()
            first = end = 0.0
            last = None
            for update in app.pipeline.stream_turn(request):
                # first: the first text seen; end: the final update (updates are coalesced
                # every 25 ms, so the last streaming one can precede the end of generation)
                if update.reply:
                    end = time.perf_counter()
                    first = first or end
                last = update
            assert last is not None
            return start, first, end, last.usage.completion_tokens

        paths = {
            "raw generate": raw_once,
            "console backend": backend_once,
            "pipeline (+store)": pipeline_once,
            "app (gradio_client)": app_once,
        }
        results: dict[str, dict[str, float]] = {}
        for fn in paths.values():  # warm-up: allocator, template compile, first HTTP
            fn()
        runs: dict[str, list[tuple[float, float, float, int]]] = {name: [] for name in paths}
        # CPU seconds of this process per reply: unlike wall time, barely moved by other
        # processes on a shared machine, so the ratio to raw is the steadier overhead figure
        cpu: dict[str, list[float]] = {name: [] for name in paths}
        for _ in range(args.runs):  # interleaved, so machine noise hits every path alike
            for name, fn in paths.items():
                before = time.process_time()  # all threads of this process, ns resolution
                runs[name].append(fn())
                cpu[name].append(time.process_time() - before)
        raw_tokens = runs["raw generate"][0][3]
        for name, samples in runs.items():
            starts, firsts, ends, tokens = (list(x) for x in zip(*samples, strict=True))
            if name == "app (gradio_client)":
                tokens = [raw_tokens] * len(tokens)  # greedy: the same tokens as raw
            results[name] = _stats(starts, firsts, ends, tokens)
            results[name]["cpu_ms"] = statistics.median(cpu[name]) * 1000
        client.close()
        app.close()

    raw = results["raw generate"]
    print(
        f"\nmodel: {model_dir.name} ({backend.info.quantization or 'fp32'}), {int(raw['tokens'])} tokens, "
        f"greedy, median of {args.runs} runs, torch threads=1\n"
    )
    print(
        f"{'path':<22}{'decode tok/s':>14}{'x raw':>8}{'e2e tok/s':>11}{'TTFT ms':>10}{'+ms vs raw':>12}"
        f"{'CPU ms/reply':>14}{'raw/CPU':>9}"
    )
    for name, r in results.items():
        print(
            f"{name:<22}{r['tok_s']:>14.1f}{r['tok_s'] / raw['tok_s']:>8.3f}{r['tok_s_total']:>11.1f}"
            f"{r['ttft_ms']:>10.1f}{r['ttft_ms'] - raw['ttft_ms']:>12.1f}"
            f"{r['cpu_ms']:>14.1f}{raw['cpu_ms'] / r['cpu_ms']:>9.3f}"
        )
    print("\nraw/CPU: raw generate's CPU time over the path's (1.0 = no overhead); the app row's CPU")
    print("includes the in-process Gradio server and gradio_client.")
    return 0


if __name__ == "__main__":
    threading.current_thread().name = "bench"
    sys.exit(main())
