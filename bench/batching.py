"""Many customers at once: concurrent streams through the HTTP API, batched decoding
against one generate() per stream, side by side in one run, on the tiny checkpoint.

    python -m bench.batching [--streams 1,4,8,16] [--tokens 64] [--rounds 2] [--path api|backend]
                             [--modes "batched,generate per stream"]

Each stream is a new conversation through ``POST /v1/chat/completions`` (SSE, sampled at
temperature 1.0 so replies run to ``--tokens``), the whole console in between (language
detection, persona, guard, encrypted SQLite); the HTTP clients run in a process of their
own, as remote customers would, made before the clock starts, and each round's streams
start together. Prints the aggregate completion tokens/s
of all streams, its ratio to one stream, the median and p95 time to the first token, and
the console process's CPU time per completion token (user + system, every thread; the
client process not counted): on a shared machine the rates swing with other people's
load, the CPU per token much less.
``--path backend`` skips the console around the model: the streams call
``TransformersBackend.stream`` directly, which shows what the batching itself gives.
Targets (issue 11): 8 streams >= 4x the aggregate of one; first-token p95 <= 2x single.
Never assert on these in a test: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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

QUESTIONS = [
    "Where is my parcel?",
    "I want to change my delivery address.",
    "How long does a refund take?",
    "My discount code does not work.",
    "Can I pay with a bank transfer?",
    "The app logs me out every day.",
    "Do you ship to Canada?",
    "I was charged twice this month.",
]


def _one(
    client: Any, url: str, question: str, tokens: int, go: threading.Barrier, out: list[dict[str, float]]
) -> None:
    body = {
        "model": "support",
        "messages": [{"role": "user", "content": question}],
        "stream": True,
        "temperature": 1.0,
        "max_tokens": tokens,
        "stream_options": {"include_usage": True},
    }
    go.wait()  # every stream of the round starts at once
    start = time.perf_counter()
    first = 0.0
    completion = 0
    with client.stream("POST", f"{url}/v1/chat/completions", json=body) as response:
        response.raise_for_status()
        for line in response.iter_lines():
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            event = json.loads(line[6:])
            if event.get("usage"):
                completion = int(event["usage"]["completion_tokens"])
            choices = event.get("choices") or []
            if not first and choices and (choices[0].get("delta") or {}).get("content"):
                first = time.perf_counter()
    out.append({"start": start, "first": first, "end": time.perf_counter(), "tokens": completion})


def _one_backend(
    backend: Any, question: str, tokens: int, go: threading.Barrier, out: list[dict[str, float]]
) -> None:
    from console.backends.base import Usage
    from console.options import GenerationOptions

    usage = Usage()
    options = GenerationOptions(temperature=1.0, max_new_tokens=tokens)
    go.wait()
    start = time.perf_counter()
    first = 0.0
    for _chunk in backend.stream([{"role": "user", "content": question}], options, None, usage):
        first = first or time.perf_counter()
    out.append(
        {"start": start, "first": first, "end": time.perf_counter(), "tokens": usage.completion_tokens}
    )


def _round(target: Any, streams: int, tokens: int) -> list[dict[str, float]]:
    """One round in this process: HTTP clients (made before the clock starts: an httpx
    client loads the CA bundle, ~30 ms of CPU) or direct ``backend.stream`` calls."""
    import httpx

    out: list[dict[str, float]] = []
    go = threading.Barrier(streams)
    clients = [httpx.Client(timeout=300) for _ in range(streams)] if isinstance(target, str) else []
    threads = [
        threading.Thread(
            target=_one if clients else _one_backend,
            args=((clients[i], target) if clients else (target,))
            + (QUESTIONS[i % len(QUESTIONS)], tokens, go, out),
        )
        for i in range(streams)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for client in clients:
        client.close()
    return out


def _client_process() -> int:
    """``--client``: rounds asked for on stdin (a JSON line each), results on stdout. The
    API's clients run in their own process, as remote customers would, so their HTTP and
    JSON work does not queue for the console's GIL."""
    for line in sys.stdin:
        ask = json.loads(line)
        print(json.dumps(_round(ask["url"], ask["streams"], ask["tokens"])), flush=True)
    return 0


class _Clients:
    """The ``--client`` process, fed one round at a time."""

    def __init__(self) -> None:
        import subprocess

        self._proc = subprocess.Popen(
            [sys.executable, "-m", "bench.batching", "--client"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def round(self, url: str, streams: int, tokens: int) -> list[dict[str, float]]:
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(json.dumps({"url": url, "streams": streams, "tokens": tokens}) + "\n")
        self._proc.stdin.flush()
        result: list[dict[str, float]] = json.loads(self._proc.stdout.readline())
        return result

    def close(self) -> None:
        assert self._proc.stdin is not None
        self._proc.stdin.close()
        self._proc.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", default="1,4,8,16")
    parser.add_argument("--tokens", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--model", help="checkpoint dir (default: build the tiny qwen2 model)")
    parser.add_argument("--path", choices=("api", "backend"), default="api")
    parser.add_argument("--modes", default="batched,generate per stream", help="comma-separated")
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        return _client_process()

    import torch

    from console.backends.transformers_local import TransformersBackend
    from console.config import Config
    from console.personas import PersonaLibrary
    from console.service import create_app
    from tests.conftest import free_port, write_personas
    from tests.tiny_model import SUPPORT_SYSTEM, build_tiny_model

    torch.set_num_threads(1)  # fastest for the tiny model (DESIGN.md)
    model_dir = (
        Path(args.model)
        if args.model
        else build_tiny_model(Path(tempfile.gettempdir()) / "console-bench-tiny-qwen2", arch="qwen2")
    )
    counts = [int(n) for n in args.streams.split(",")]
    rows: list[tuple[str, int, float, float, float, float]] = []
    modes = [m.strip() for m in args.modes.split(",")]
    for mode, batching in (("batched", True), ("generate per stream", False)):
        if mode not in modes:
            continue
        backend = TransformersBackend.load(str(model_dir), batching=batching)
        with tempfile.TemporaryDirectory() as data:
            app = None
            target: Any = backend
            clients = _Clients() if args.path == "api" else None
            if args.path == "api":
                prompts = write_personas(Path(data) / "prompts", SUPPORT_SYSTEM)
                config = Config(
                    data_dir=Path(data) / "d",
                    port=free_port(),
                    concurrency=max(counts),
                    session_rate=10**6,
                    client_rate=10**6,
                )
                app = create_app(config, backend=backend, personas=PersonaLibrary(prompts))
                app.launch(block=False)
                assert app.local_url is not None  # launch() waits until it is served
                target = app.local_url.rstrip("/")
            play = clients.round if clients is not None else _round
            play(target, 2, args.tokens)  # warm-up
            for n in counts:
                samples: list[dict[str, float]] = []
                rates = []
                cpu, tokens = 0.0, 0
                for _ in range(args.rounds):
                    used = resource.getrusage(resource.RUSAGE_SELF)
                    result = play(target, n, args.tokens)
                    after = resource.getrusage(resource.RUSAGE_SELF)
                    cpu += after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime
                    tokens += sum(int(r["tokens"]) for r in result)
                    samples += result
                    wall = max(r["end"] for r in result) - min(r["start"] for r in result)
                    rates.append(sum(r["tokens"] for r in result) / wall)
                ttft = sorted((r["first"] - r["start"]) * 1000 for r in samples if r["first"])
                p95 = ttft[min(len(ttft) - 1, round(0.95 * (len(ttft) - 1)))]
                per_token = cpu * 1000 / max(tokens, 1)
                rows.append((mode, n, statistics.median(rates), statistics.median(ttft), p95, per_token))
            if clients is not None:
                clients.close()
            if app is not None:
                app.close()
        backend.close()
    print(f"\n{args.path}: {model_dir.name}, {args.tokens} sampled tokens a stream, {args.rounds} rounds\n")
    header = f"{'mode':<22}{'streams':>8}{'agg tok/s':>11}{'x one':>7}"
    print(header + f"{'TTFT med ms':>13}{'p95 ms':>8}{'p95 x one':>10}{'cpu ms/tok':>12}")
    single: dict[str, tuple[float, float]] = {}
    for mode, n, rate, med, p95, per_token in rows:
        if n == counts[0]:
            single[mode] = (rate, p95)
        base_rate, base_p95 = single[mode]
        line = f"{mode:<22}{n:>8}{rate:>11.0f}{rate / base_rate:>7.2f}"
        print(line + f"{med:>13.0f}{p95:>8.0f}{p95 / base_p95:>10.2f}{per_token:>12.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
