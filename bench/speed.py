"""CPU speed of the console against the raw engines, side by side in one run.

    python -m bench.speed [--runs 3] [--tokens 48] [--engines transformers,llama.cpp,bundled]

For each engine, on a model with Qwen2.5-0.5B-Instruct's exact shapes (random weights,
``bench/synthetic.py``; the bundled SmolLM2-135M GGUF as well):

* **first token** of a new conversation whose persona prompt (``prompts/general/en.md``)
  is already cached by an earlier conversation ("warm"), of one whose persona is not
  ("cold"), and of the raw engine given only the customer's message, no persona ("raw");
* **decode rate** through the console's backend (chat template, detokenizer, worker thread,
  cancel checks) against the raw engine's own loop on the same prompt and token count;
* **resident memory** of a process that loaded the bundled model, with llama.cpp and with
  transformers (``--engines rss``).

Numbers are medians of ``--runs``; variants interleave so machine noise hits all alike.
Never assert on these in a test: the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

PERSONA = (ROOT / "prompts" / "general" / "en.md").read_text(encoding="utf-8")
MESSAGES = [
    "Hello, I ordered a pair of running shoes last week and the tracking page still says the "
    "parcel is being prepared. Can you tell me when it will ship?",
    "Hi, I was charged twice for my subscription this month. Could you check my account and "
    "refund the duplicate payment, please?",
    "Good morning, the jacket I received is the wrong size. How do I exchange it for a large, "
    "and do I need to pay for the return shipping?",
    "Can I change the delivery address of an order I placed an hour ago? I am moving to a new "
    "apartment next week and will not be at home.",
]


def _conversation(message: str, persona: bool = True) -> list[Any]:
    head = [{"role": "system", "content": PERSONA}] if persona else []
    return [*head, {"role": "user", "content": message}]


def _first_chunk(backend: Any, messages: list[Any], options: Any) -> tuple[float, Any]:
    from console.backends.base import Usage

    usage = Usage()
    start = time.perf_counter()
    stream = backend.stream(messages, options, None, usage)
    next(stream)
    elapsed = time.perf_counter() - start
    stream.close()
    return elapsed, usage


def _decode_rate(backend: Any, messages: list[Any], options: Any) -> float:
    from console.backends.base import Usage

    usage = Usage()
    first = end = 0.0
    for _chunk in backend.stream(messages, options, None, usage):
        end = time.perf_counter()
        first = first or end
    return (usage.completion_tokens - 1) / (end - first) if end > first else 0.0


# ------------------------------------------------------------------ engines


def transformers_engine(model_dir: Path, threads: int) -> dict[str, Callable[..., Any]]:
    import torch

    from console.backends.transformers_local import TransformersBackend

    torch.set_num_threads(threads)
    backend = TransformersBackend.load(str(model_dir))
    model = backend._model

    class _Stamps:
        def __init__(self) -> None:
            self.times: list[float] = []
            self.prompt = True

        def put(self, _value: Any) -> None:
            if self.prompt:
                self.prompt = False
                return
            self.times.append(time.perf_counter())

        def end(self) -> None:
            pass

    def raw_first(message: str) -> float:
        inputs = backend.render_prompt(_conversation(message, persona=False))
        config = backend._generation_config(_greedy(1))
        start = time.perf_counter()
        with torch.inference_mode():
            model.generate(**inputs, generation_config=config)
        return time.perf_counter() - start

    def raw_decode(message: str, tokens: int) -> float:
        inputs = backend.render_prompt(_conversation(message))
        config = backend._generation_config(_greedy(tokens))
        config.min_new_tokens = tokens  # random weights: a fixed length, whatever comes out
        stamps = _Stamps()
        with torch.inference_mode():
            model.generate(**inputs, generation_config=config, streamer=stamps)
        return (len(stamps.times) - 1) / (stamps.times[-1] - stamps.times[0])

    def forget() -> None:
        assert backend.prefix_cache is not None
        backend.prefix_cache.clear()

    return {"backend": lambda: backend, "raw_first": raw_first, "raw_decode": raw_decode, "forget": forget}


def llama_engine(gguf: Path, threads: int) -> dict[str, Callable[..., Any]]:
    from console.backends.llama_cpp import LlamaCppBackend

    backend = LlamaCppBackend.load(str(gguf), n_threads=threads)
    llama = backend._llama

    def raw_first(message: str) -> float:
        tokens = backend.render_prompt(_conversation(message, persona=False))
        llama.reset()
        start = time.perf_counter()
        next(iter(llama.generate(tokens, temp=0.0, top_k=1, reset=True)))
        return time.perf_counter() - start

    def raw_decode(message: str, count: int) -> float:
        tokens = backend.render_prompt(_conversation(message))
        llama.reset()
        times = []
        for _token in llama.generate(tokens, temp=0.0, top_k=1, reset=True):
            llama.detokenize([_token])  # the raw loop turns tokens into text too
            times.append(time.perf_counter())
            if len(times) >= count:
                break
        return (len(times) - 1) / (times[-1] - times[0])

    def forget() -> None:
        llama.reset()
        backend._states = type(backend._states)(backend._states.max_bytes)

    return {"backend": lambda: backend, "raw_first": raw_first, "raw_decode": raw_decode, "forget": forget}


def _greedy(tokens: int) -> Any:
    from console.options import GenerationOptions

    return GenerationOptions(temperature=0.0, max_new_tokens=tokens)


def measure(name: str, engine: dict[str, Callable[..., Any]], runs: int, tokens: int) -> dict[str, Any]:
    backend = engine["backend"]()
    one = _greedy(1)
    samples: dict[str, list[float]] = {"raw": [], "cold": [], "warm": [], "raw_rate": [], "console_rate": []}
    prompt_tokens = cached = 0
    engine["raw_first"](MESSAGES[0])  # warm-up: allocator, template compile
    for run in range(runs):
        first, second = MESSAGES[run % len(MESSAGES)], MESSAGES[(run + 1) % len(MESSAGES)]
        samples["raw"].append(engine["raw_first"](first))
        engine["forget"]()
        elapsed, usage = _first_chunk(backend, _conversation(first), one)
        samples["cold"].append(elapsed)
        elapsed, usage = _first_chunk(backend, _conversation(second), one)  # persona cached by `first`
        samples["warm"].append(elapsed)
        prompt_tokens, cached = usage.prompt_tokens, usage.cached_tokens
        samples["raw_rate"].append(engine["raw_decode"](first, tokens))
        samples["console_rate"].append(_decode_rate(backend, _conversation(first), _greedy(tokens)))
    med = {key: statistics.median(values) for key, values in samples.items()}
    print(f"measured {name} {Path(backend.info.model).name}: {med}", flush=True)
    return {
        "engine": name,
        "model": Path(backend.info.model).name,
        "quant": backend.info.quantization or "fp32/bf16",
        "prompt_tokens": prompt_tokens,
        "cached_tokens": cached,
        **med,
    }


def rss(engine: str, gguf: Path) -> dict[str, Any]:
    """Resident memory of a fresh process that loads ``gguf`` and answers once."""
    code = f"""
import sys, json, time
sys.path.insert(0, {str(ROOT)!r})
from console.options import GenerationOptions
if {engine!r} == "llama.cpp":
    from console.backends.llama_cpp import LlamaCppBackend as B
else:
    from console.backends.transformers_local import TransformersBackend as B
start = time.perf_counter()
backend = B.load({str(gguf)!r})
loaded = time.perf_counter() - start
options = GenerationOptions(temperature=0.0, max_new_tokens=16)
text = "".join(backend.stream([{{"role": "user", "content": "Hello"}}], options))
status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
# VmHWM, not ru_maxrss: Linux carries the parent's peak into ru_maxrss across fork + exec
print(json.dumps({{"rss_mb": int(status["VmRSS"].split()[0]) / 1024,
                  "peak_mb": int(status["VmHWM"].split()[0]) / 1024, "load_s": loaded}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return {"engine": engine, **json.loads(out.stdout.strip().splitlines()[-1])}


def main() -> int:
    from bench.synthetic import DEFAULT_DIR, write_checkpoint, write_gguf

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tokens", type=int, default=48, help="tokens per decode-rate sample")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--engines", default="transformers,llama.cpp,bundled,rss")
    parser.add_argument("--synthetic", type=Path, default=DEFAULT_DIR, help="bench.synthetic --out")
    parser.add_argument("--quant", default="Q8_0", help="GGUF quantization of the 0.5B-shape model")
    args = parser.parse_args()
    from console.models import bundled_gguf

    engines = args.engines.split(",")
    results = []
    bundled = bundled_gguf()
    if "transformers" in engines:
        hf = write_checkpoint(args.synthetic / "hf")
        results.append(measure("transformers", transformers_engine(hf, args.threads), args.runs, args.tokens))
    if "llama.cpp" in engines:
        gguf = args.synthetic / f"qwen2.5-0.5b-shape.{args.quant.lower()}.gguf"
        if not gguf.is_file():
            write_gguf(gguf, quant=args.quant)
        results.append(measure("llama.cpp", llama_engine(gguf, args.threads), args.runs, args.tokens))
    if "bundled" in engines and bundled is not None:
        results.append(measure("llama.cpp", llama_engine(bundled, args.threads), args.runs, args.tokens))
    print(f"\n{args.threads} threads, median of {args.runs} runs, persona prompts/general/en.md\n")
    print(
        f"{'engine':<13}{'model':<34}{'prompt':>7}{'cached':>7}{'raw ms':>8}{'cold ms':>9}{'warm ms':>9}"
        f"{'warm/raw':>9}{'raw tok/s':>10}{'console':>9}{'ratio':>7}"
    )
    for r in results:
        print(
            f"{r['engine']:<13}{r['model'][:33]:<34}{r['prompt_tokens']:>7}{r['cached_tokens']:>7}"
            f"{r['raw'] * 1000:>8.0f}{r['cold'] * 1000:>9.0f}{r['warm'] * 1000:>9.0f}"
            f"{r['warm'] / r['raw']:>9.2f}"
            f"{r['raw_rate']:>10.1f}{r['console_rate']:>9.1f}{r['console_rate'] / r['raw_rate']:>7.2f}"
        )
    if "rss" in engines and bundled is not None:
        print(f"\nbundled model {bundled.name}: one process loads it and answers once")
        print(f"{'engine':<14}{'RSS MB':>8}{'peak MB':>9}{'load s':>8}")
        for engine in ("llama.cpp", "transformers"):
            r = rss(engine, bundled)
            print(f"{engine:<14}{r['rss_mb']:>8.0f}{r['peak_mb']:>9.0f}{r['load_s']:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
