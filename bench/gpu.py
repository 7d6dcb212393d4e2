"""GPU speed on a checkpoint with Qwen2.5-7B-Instruct-GPTQ-Int4's exact shapes.

    python -m bench.gpu [--out DIR] [--tokens 256] [--streams 8,16,32]

Not run on the machine this was written on (no GPU there); ready for any CUDA machine
with the GPU install of the README (a CUDA torch, gptqmodel with its CUDA kernels).

The checkpoint is written directly in GPTQ's storage format (28 layers, hidden 3584,
28 query / 4 key-value heads, intermediate 18944, vocab 152064, 4-bit, group size 128,
symmetric, no act-order) with random packed weights: speed depends on the shapes and the
kernels, not on the values. Output length is fixed (random weights practically never
emit the end-of-turn token; each stream asks for ``--tokens``).

Prints: single-stream decode tokens/s in-process, first token for a 1,000-token persona
cold and warm (prefix cache), peak GPU memory, and the aggregate tokens/s at each
``--streams`` count through the console's batch scheduler. Targets (issue 11) on one
H100-class GPU: >= 150 tokens/s single stream, >= 1,500 aggregate at 32 streams.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QWEN25_7B: dict[str, Any] = {
    "vocab_size": 152064,
    "hidden_size": 3584,
    "intermediate_size": 18944,
    "num_hidden_layers": 28,
    "num_attention_heads": 28,
    "num_key_value_heads": 4,
    "max_position_embeddings": 32768,
    "rms_norm_eps": 1e-6,
    "rope_theta": 1000000.0,
    "tie_word_embeddings": False,
}
BITS, GROUP = 4, 128


def write_gptq_checkpoint(folder: Path, shapes: dict[str, Any] = QWEN25_7B, seed: int = 0) -> Path:
    """Random int4 GPTQ weights in the format transformers + gptqmodel load."""
    import torch
    from safetensors.torch import save_file

    from bench.synthetic import ENDOFTEXT, IM_END, qwen2_tokenizer

    if (folder / "config.json").is_file():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    gen = torch.Generator().manual_seed(seed)
    h, inter, vocab = shapes["hidden_size"], shapes["intermediate_size"], shapes["vocab_size"]
    kv_dim = shapes["num_key_value_heads"] * (h // shapes["num_attention_heads"])
    pack = 32 // BITS

    def linear(prefix: str, k: int, n: int, bias: bool) -> dict[str, Any]:
        tensors = {
            f"{prefix}.qweight": torch.randint(
                -(2**31), 2**31 - 1, (k // pack, n), dtype=torch.int32, generator=gen
            ),
            # symmetric 4-bit: zero point 8, stored minus one (GPTQ's v1 format) in every nibble
            f"{prefix}.qzeros": torch.full((k // GROUP, n // pack), 0x77777777, dtype=torch.int32),
            f"{prefix}.scales": (torch.rand((k // GROUP, n), generator=gen) * 0.002 + 0.001).half(),
            f"{prefix}.g_idx": (torch.arange(k, dtype=torch.int32) // GROUP),
        }
        if bias:
            tensors[f"{prefix}.bias"] = torch.zeros(n, dtype=torch.float16)
        return tensors

    shard: dict[str, Any] = {
        "model.embed_tokens.weight": (torch.randn((vocab, h), generator=gen) * 0.02).half(),
        "lm_head.weight": (torch.randn((vocab, h), generator=gen) * 0.02).half(),
        "model.norm.weight": torch.ones(h, dtype=torch.float16),
    }
    for i in range(shapes["num_hidden_layers"]):
        p = f"model.layers.{i}"
        shard[f"{p}.input_layernorm.weight"] = torch.ones(h, dtype=torch.float16)
        shard[f"{p}.post_attention_layernorm.weight"] = torch.ones(h, dtype=torch.float16)
        shard.update(linear(f"{p}.self_attn.q_proj", h, h, True))
        shard.update(linear(f"{p}.self_attn.k_proj", h, kv_dim, True))
        shard.update(linear(f"{p}.self_attn.v_proj", h, kv_dim, True))
        shard.update(linear(f"{p}.self_attn.o_proj", h, h, False))
        shard.update(linear(f"{p}.mlp.gate_proj", h, inter, False))
        shard.update(linear(f"{p}.mlp.up_proj", h, inter, False))
        shard.update(linear(f"{p}.mlp.down_proj", inter, h, False))
    save_file(shard, str(folder / "model.safetensors"), metadata={"format": "pt"})
    config = {
        "architectures": ["Qwen2ForCausalLM"],
        "model_type": "qwen2",
        **shapes,
        "hidden_act": "silu",
        "bos_token_id": ENDOFTEXT,
        "eos_token_id": IM_END,
        "torch_dtype": "float16",
        "use_sliding_window": False,
        "quantization_config": {
            "quant_method": "gptq",
            "bits": BITS,
            "group_size": GROUP,
            "desc_act": False,
            "sym": True,
            "checkpoint_format": "gptq",
        },
    }
    (folder / "config.json").write_text(json.dumps(config, indent=2))
    (folder / "generation_config.json").write_text(
        json.dumps({"eos_token_id": [IM_END, ENDOFTEXT], "pad_token_id": ENDOFTEXT, "do_sample": False})
    )
    qwen2_tokenizer().save_pretrained(folder)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "console-bench-qwen7b-gptq")
    parser.add_argument("--tokens", type=int, default=256)
    parser.add_argument("--streams", default="8,16,32")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import torch

    from console.backends.base import Usage
    from console.backends.transformers_local import TransformersBackend
    from console.options import GenerationOptions

    if not torch.cuda.is_available():
        print("No CUDA GPU: nothing measured. Run this on a GPU machine (README 'GPU install').")
        return 2
    counts = [int(n) for n in args.streams.split(",")]
    folder = write_gptq_checkpoint(args.out)
    started = time.perf_counter()
    backend = TransformersBackend.load(str(folder), device="cuda", max_batch=max(counts))
    loaded = time.perf_counter() - started
    print(f"loaded in {loaded:.0f} s ({backend.info.quantization}, {backend.info.device})")
    persona = (ROOT / "prompts" / "general" / "en.md").read_text("utf-8")
    greedy = GenerationOptions(temperature=0.0, max_new_tokens=args.tokens)

    def stream(messages: list[Any], options: GenerationOptions) -> tuple[float, float, float, int]:
        usage = Usage()
        start = time.perf_counter()
        first = end = 0.0
        for _chunk in backend.stream(messages, options, None, usage):
            end = time.perf_counter()
            first = first or end
        return start, first, end, usage.completion_tokens

    def ask(text: str, with_persona: bool = True) -> list[Any]:
        head = [{"role": "system", "content": persona}] if with_persona else []
        return [*head, {"role": "user", "content": text}]

    stream(ask("warm-up"), greedy.with_(max_new_tokens=8))
    decode, cold, warm = [], [], []
    for run in range(args.runs):
        assert backend.prefix_cache is not None
        backend.prefix_cache.clear()
        s, f, _e, _n = stream(ask(f"Cold question {run}"), greedy.with_(max_new_tokens=1))
        cold.append(f - s)
        s, f, _e, _n = stream(ask(f"Warm question {run}"), greedy.with_(max_new_tokens=1))
        warm.append(f - s)
        s, f, e, n = stream(ask(f"Decode question {run}"), greedy)
        decode.append((n - 1) / (e - f))
    prompt_tokens = len(backend.render_prompt(ask("Cold question 0"))["input_ids"][0])
    print(f"\nsingle stream decode: {statistics.median(decode):.1f} tokens/s ({args.tokens} tokens)")
    print(
        f"first token, {prompt_tokens}-token prompt: cold {statistics.median(cold) * 1000:.0f} ms, "
        f"warm {statistics.median(warm) * 1000:.0f} ms"
    )
    print(f"{'streams':>8}{'aggregate tok/s':>17}{'TTFT p95 ms':>13}")
    for n in counts:
        results: list[tuple[float, float, float, int]] = []

        def one(i: int, into: list[tuple[float, float, float, int]]) -> None:
            into.append(
                stream(ask(f"Customer {i} asks about order {i * 7}"), greedy)
            )  # list.append is atomic

        threads = [threading.Thread(target=one, args=(i, results)) for i in range(n)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        ttft = sorted((f - s) * 1000 for s, f, _e, _n in results)
        print(f"{n:>8}{sum(r[3] for r in results) / wall:>17.0f}{ttft[round(0.95 * (len(ttft) - 1))]:>13.0f}")
    print(f"\npeak GPU memory: {torch.cuda.max_memory_allocated() / 2**30:.1f} GiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
