"""Checkpoints with the exact shapes of real Qwen2.5 models and random weights.

Nothing can be downloaded on the machines this is measured on, and speed depends on the
shapes, not on the values: a random model with Qwen2.5-0.5B-Instruct's shapes processes a
prompt and decodes exactly as fast as the real one. Two forms of the same shapes:

* a transformers checkpoint (safetensors) with Qwen2's real tokenizer and chat template;
* a GGUF file for llama.cpp (Q8_0, Q4_0 or F16), written with the ``gguf`` package and
  quantized by llama.cpp itself.

The tokenizer is Qwen2's real 151,936-token vocabulary: ``bench/data/ggml-vocab-qwen2.gguf``
is the vocab file from llama.cpp's source tree (``models/``, MIT; the vocabulary is
Qwen2's, Apache-2.0), so prompts have the real token counts.

    python -m bench.synthetic [--out DIR]      # both forms of the 0.5B shapes
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: Qwen2.5-0.5B-Instruct's config.json, shapes only
QWEN25_05B: dict[str, Any] = {
    "vocab_size": 151936,
    "hidden_size": 896,
    "intermediate_size": 4864,
    "num_hidden_layers": 24,
    "num_attention_heads": 14,
    "num_key_value_heads": 2,
    "max_position_embeddings": 32768,
    "rms_norm_eps": 1e-6,
    "rope_theta": 1000000.0,
    "tie_word_embeddings": True,
}
#: Qwen2.5's chat template, reduced to what a support chat uses (no tools)
CHATML = (
    "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. "
    "You are a helpful assistant.<|im_end|>\\n' }}"
    "{% endif %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
IM_END = 151645
DEFAULT_DIR = Path(tempfile.gettempdir()) / "console-bench-qwen05b"
ENDOFTEXT = 151643


def qwen2_vocab() -> Path:
    return ROOT / "bench" / "data" / "ggml-vocab-qwen2.gguf"


def _vocab_fields() -> dict[str, Any]:
    from gguf import GGUFReader

    reader = GGUFReader(qwen2_vocab())

    def strings(name: str) -> list[str]:
        field = reader.fields[name]
        return [bytes(field.parts[i]).decode("utf-8") for i in field.data]

    types = reader.fields["tokenizer.ggml.token_type"]
    return {
        "tokens": strings("tokenizer.ggml.tokens"),
        "merges": strings("tokenizer.ggml.merges"),
        "types": [int(types.parts[i][0]) for i in types.data],
    }


def write_gguf(path: Path, shapes: dict[str, Any] = QWEN25_05B, quant: str = "Q8_0", seed: int = 0) -> Path:
    """A Qwen2-architecture GGUF with random weights, quantized by llama.cpp."""
    import numpy as np
    from gguf import GGMLQuantizationType, GGUFWriter, TokenType

    path.parent.mkdir(parents=True, exist_ok=True)
    f16 = path.with_suffix(".f16.gguf")
    rng = np.random.default_rng(seed)
    h, inter, layers = shapes["hidden_size"], shapes["intermediate_size"], shapes["num_hidden_layers"]
    heads, kv = shapes["num_attention_heads"], shapes["num_key_value_heads"]
    head_dim = h // heads
    writer = GGUFWriter(str(f16), "qwen2")
    writer.add_name("synthetic-qwen2.5-shape")
    writer.add_block_count(layers)
    writer.add_context_length(shapes["max_position_embeddings"])
    writer.add_embedding_length(h)
    writer.add_feed_forward_length(inter)
    writer.add_head_count(heads)
    writer.add_head_count_kv(kv)
    writer.add_rope_freq_base(shapes["rope_theta"])
    writer.add_layer_norm_rms_eps(shapes["rms_norm_eps"])
    writer.add_file_type(1)
    vocab = _vocab_fields()
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("qwen2")
    writer.add_token_list(vocab["tokens"])
    writer.add_token_types([TokenType(t) for t in vocab["types"]])
    writer.add_token_merges(vocab["merges"])
    writer.add_eos_token_id(IM_END)
    writer.add_pad_token_id(ENDOFTEXT)
    writer.add_bos_token_id(ENDOFTEXT)
    writer.add_add_bos_token(False)
    writer.add_chat_template(CHATML)

    def tensor(name: str, *shape: int, scale: float = 0.02) -> None:
        data = (rng.standard_normal(shape, dtype=np.float32) * scale).astype(np.float16)
        writer.add_tensor(name, data, raw_dtype=GGMLQuantizationType.F16)

    def ones(name: str, n: int) -> None:
        writer.add_tensor(name, np.ones(n, dtype=np.float32))

    tensor("token_embd.weight", shapes["vocab_size"], h)
    ones("output_norm.weight", h)
    for i in range(layers):
        ones(f"blk.{i}.attn_norm.weight", h)
        ones(f"blk.{i}.ffn_norm.weight", h)
        tensor(f"blk.{i}.attn_q.weight", h, h)
        tensor(f"blk.{i}.attn_k.weight", kv * head_dim, h)
        tensor(f"blk.{i}.attn_v.weight", kv * head_dim, h)
        writer.add_tensor(f"blk.{i}.attn_q.bias", np.zeros(h, dtype=np.float32))
        writer.add_tensor(f"blk.{i}.attn_k.bias", np.zeros(kv * head_dim, dtype=np.float32))
        writer.add_tensor(f"blk.{i}.attn_v.bias", np.zeros(kv * head_dim, dtype=np.float32))
        tensor(f"blk.{i}.attn_output.weight", h, h)
        tensor(f"blk.{i}.ffn_gate.weight", inter, h)
        tensor(f"blk.{i}.ffn_up.weight", inter, h)
        tensor(f"blk.{i}.ffn_down.weight", h, inter)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    if quant.upper() == "F16":
        f16.rename(path)
        return path
    import llama_cpp

    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = getattr(llama_cpp, f"LLAMA_FTYPE_MOSTLY_{quant.upper()}")
    params.nthread = 0
    if llama_cpp.llama_model_quantize(str(f16).encode(), str(path).encode(), params) != 0:
        raise SystemExit(f"llama.cpp could not quantize {f16} to {quant}")
    f16.unlink()
    return path


def qwen2_tokenizer() -> Any:
    """Qwen2's tokenizer (transformers), rebuilt from the GGUF vocab, with ChatML."""
    from transformers import AutoTokenizer

    vocab = qwen2_vocab()
    tokenizer = AutoTokenizer.from_pretrained(str(vocab.parent), gguf_file=vocab.name)
    tokenizer.chat_template = CHATML
    tokenizer.eos_token = "<|im_end|>"  # noqa: S105 - a token, not a password
    tokenizer.pad_token = "<|endoftext|>"  # noqa: S105
    return tokenizer


def write_checkpoint(folder: Path, shapes: dict[str, Any] = QWEN25_05B, seed: int = 0) -> Path:
    """A transformers Qwen2 checkpoint with random weights (bf16 safetensors)."""
    import torch
    from transformers import GenerationConfig, Qwen2Config, Qwen2ForCausalLM

    if (folder / "config.json").is_file():
        return folder
    torch.manual_seed(seed)
    config = Qwen2Config(
        **shapes, bos_token_id=ENDOFTEXT, eos_token_id=IM_END, pad_token_id=ENDOFTEXT, dtype="bfloat16"
    )
    model = Qwen2ForCausalLM(config).to(torch.bfloat16)  # type: ignore[arg-type]  # transformers' stub types .to() as a device move only
    model.generation_config = GenerationConfig(
        eos_token_id=[IM_END, ENDOFTEXT], pad_token_id=ENDOFTEXT, do_sample=True, temperature=0.7, top_p=0.8
    )
    model.save_pretrained(folder)
    qwen2_tokenizer().save_pretrained(folder)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--quant", default="Q8_0", help="Q8_0, Q4_0 or F16 for the GGUF file")
    args = parser.parse_args()
    print(write_checkpoint(args.out / "hf"))
    print(write_gguf(args.out / f"qwen2.5-0.5b-shape.{args.quant.lower()}.gguf", quant=args.quant))
    return 0


if __name__ == "__main__":
    sys.exit(main())
