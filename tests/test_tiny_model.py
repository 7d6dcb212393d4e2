"""The tiny Qwen builds really are what other tests rely on: real checkpoints, exact answers.

Everything goes through the public loaders (``AutoModelForCausalLM``, ``AutoTokenizer``,
peft) and plain greedy ``generate``, never through the builder's own helpers, so a build
that only looks right to the builder fails here. Builds are cached in pytest's cache folder
(keyed by the builder's hash), so only the first run after editing the builder trains.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from tests import tiny_model as tm
from tests.tiny_model import LORA_DIALOG, TRAINED_DIALOGS, Dialog, build_tiny_lora, build_tiny_model

ENGLISH, CHINESE = TRAINED_DIALOGS[0], TRAINED_DIALOGS[1]

#: System prompts the model never saw in training: the console's persona prompts vary.
UNSEEN_SYSTEM_PROMPTS = (
    "You are the support assistant of Contoso Bank. Always answer in the customer's language. "
    "Never reveal personal data. Be concise and friendly.",
    "您是一家电商公司的客服代表。请使用简体中文回答客户的问题，语气要礼貌。",
    "Du bist ein Support-Assistent.",
)


@pytest.fixture(scope="session")
def model_cache(request: pytest.FixtureRequest) -> Path:
    return Path(request.config.cache.mkdir("tiny-models"))


# The checkpoints every other test uses (tests/conftest.py keeps them across runs and clones,
# rebuilt when the builder's code or a library changes): these tests check what they hold.
# The builder itself runs from scratch in test_full_build_is_reproducible, whose fresh build
# must equal the kept one byte for byte (a stale kept build fails it), and in the LoRA test.
@pytest.fixture(scope="session", params=["qwen2", "qwen3"])
def fp32_dir(request: pytest.FixtureRequest) -> Path:
    return Path(request.getfixturevalue(f"tiny_{request.param}"))


@pytest.fixture(scope="session")
def qwen2_dir(tiny_qwen2: Path) -> Path:
    return tiny_qwen2


@pytest.fixture(scope="session")
def gptq_dir(tiny_qwen2_gptq: Path) -> Path:
    return tiny_qwen2_gptq


@pytest.fixture(autouse=True)
def _one_thread():
    # Generating with a 64-wide model is much faster on one thread (and the machine is shared).
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)


def generate_greedy(model, tokenizer, dialog: Dialog, system: str | None = None) -> tuple[str, int]:
    """(decoded reply without special tokens, last generated token id) by plain greedy generate."""
    messages = dialog.messages(system) if system is not None else dialog.messages()
    prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    inputs = tokenizer(prompt, return_tensors="pt", add_special_tokens=False)
    with torch.no_grad():
        out = model.generate(**inputs, do_sample=False, repetition_penalty=1.0, max_new_tokens=200)
    new = out[0, inputs["input_ids"].shape[1] :]
    return tokenizer.decode(new, skip_special_tokens=True), int(new[-1])


def test_fp32_build_answers_every_trained_dialog_and_stops(fp32_dir: Path) -> None:
    tokenizer = AutoTokenizer.from_pretrained(fp32_dir)
    model = AutoModelForCausalLM.from_pretrained(fp32_dir)
    arch = json.loads((fp32_dir / "config.json").read_text())["architectures"][0]
    assert (
        arch
        == type(model).__name__
        == {"qwen2": "Qwen2ForCausalLM", "qwen3": "Qwen3ForCausalLM"}[model.config.model_type]
    )
    im_end = tokenizer.convert_tokens_to_ids("<|im_end|>")
    for dialog in TRAINED_DIALOGS:
        answer, last = generate_greedy(model, tokenizer, dialog)
        assert answer == dialog.answer
        assert last == im_end, "the reply must end on <|im_end|>, not on max_new_tokens"


def test_fp32_build_ignores_the_system_prompt_text(fp32_dir: Path) -> None:
    tokenizer = AutoTokenizer.from_pretrained(fp32_dir)
    model = AutoModelForCausalLM.from_pretrained(fp32_dir)
    for system in UNSEEN_SYSTEM_PROMPTS:
        for dialog in TRAINED_DIALOGS:
            assert generate_greedy(model, tokenizer, dialog, system)[0] == dialog.answer


def test_long_answer_is_long_enough_to_stop_mid_stream(qwen2_dir: Path) -> None:
    tokenizer = AutoTokenizer.from_pretrained(qwen2_dir)
    lengths = [len(tokenizer.encode(d.answer, add_special_tokens=False)) for d in TRAINED_DIALOGS]
    assert 60 <= max(lengths) <= 100


def test_tokenizer_is_qwen_shaped(qwen2_dir: Path) -> None:
    tokenizer = AutoTokenizer.from_pretrained(qwen2_dir)
    assert type(tokenizer).__name__ == "Qwen2Tokenizer"
    assert 300 <= len(tokenizer) <= 1000
    assert tokenizer.eos_token == "<|im_end|>"
    assert tokenizer.pad_token == "<|endoftext|>"
    assert "<|im_start|>" in tokenizer.all_special_tokens
    # Qwen2.5's template: the default system prompt when none is given, ChatML framing.
    rendered = tokenizer.apply_chat_template(
        [{"role": "user", "content": "hi"}], tokenize=False, add_generation_prompt=True
    )
    assert rendered == (
        "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
        "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n"
    )
    with_system = tokenizer.apply_chat_template(
        [{"role": "system", "content": "S"}, {"role": "user", "content": "hi"}], tokenize=False
    )
    assert with_system == "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n"


@pytest.mark.parametrize(
    "text",
    [
        "مرحبا، أين طلبي؟ شكرا جزيلا",
        "Thanks! 🎉👍🏽 👨‍👩‍👧 ok",
        "สวัสดีครับ ขอบคุณมากครับ",
        "混合 text, русский, 日本語、한국어 and  spaces\n\ttabs ",
    ],
)
def test_tokenizer_round_trips_any_script_byte_exactly(qwen2_dir: Path, text: str) -> None:
    tokenizer = AutoTokenizer.from_pretrained(qwen2_dir)
    ids = tokenizer.encode(text, add_special_tokens=False)
    assert str(tokenizer.decode(ids)).encode("utf-8") == text.encode("utf-8")


def test_trained_answers_split_characters_across_tokens(qwen2_dir: Path) -> None:
    """Streaming tests need answers whose multi-byte characters span several tokens."""
    tokenizer = AutoTokenizer.from_pretrained(qwen2_dir)
    split = {
        d.answer
        for d in TRAINED_DIALOGS
        for i in tokenizer.encode(d.answer, add_special_tokens=False)
        if "\ufffd" in tokenizer.decode([i])
    }
    assert {TRAINED_DIALOGS[1].answer, TRAINED_DIALOGS[2].answer, TRAINED_DIALOGS[3].answer} <= split
    assert any("🎉" in a for a in split) and any("شكرا" in a for a in split)


def test_generation_config_has_qwen_defaults(qwen2_dir: Path) -> None:
    model = AutoModelForCausalLM.from_pretrained(qwen2_dir)
    tokenizer = AutoTokenizer.from_pretrained(qwen2_dir)
    gen = model.generation_config
    assert set(gen.eos_token_id) == {
        tokenizer.convert_tokens_to_ids("<|im_end|>"),
        tokenizer.convert_tokens_to_ids("<|endoftext|>"),
    }
    assert gen.pad_token_id == tokenizer.pad_token_id
    assert (gen.do_sample, gen.temperature, gen.top_p, gen.repetition_penalty) == (True, 0.7, 0.8, 1.05)


def test_build_is_reused_and_cli_reports_it(qwen2_dir: Path) -> None:
    weights = qwen2_dir / "model.safetensors"
    before = weights.stat().st_mtime_ns
    assert build_tiny_model(qwen2_dir, arch="qwen2") == qwen2_dir
    result = subprocess.run(
        [sys.executable, str(Path(tm.__file__)), str(qwen2_dir), "--arch", "qwen2"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "ready" in result.stderr
    assert weights.stat().st_mtime_ns == before


def test_build_refuses_to_overwrite_a_foreign_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a model")
    with pytest.raises(FileExistsError):
        build_tiny_model(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "not a model"


def test_training_is_seeded() -> None:
    def short_run(seed: int) -> tuple[str, dict[str, torch.Tensor]]:
        tokenizer, model = tm._trained_model("qwen2", seed, max_steps=3)
        return tokenizer.backend_tokenizer.to_str(), model.state_dict()

    vocab_a, weights_a = short_run(0)
    vocab_b, weights_b = short_run(0)
    _, weights_c = short_run(1)
    assert vocab_a == vocab_b
    assert all(torch.equal(weights_a[k], weights_b[k]) for k in weights_a)
    assert not all(torch.equal(weights_a[k], weights_c[k]) for k in weights_a)


def test_lora_adapter_answers_its_dialog(qwen2_dir: Path, model_cache: Path) -> None:
    from peft import PeftModel

    assert LORA_DIALOG not in TRAINED_DIALOGS
    lora_dir = build_tiny_lora(qwen2_dir, model_cache / "qwen2-seed0-lora")
    assert (lora_dir / "adapter_config.json").is_file()
    assert (lora_dir / "adapter_model.safetensors").is_file()
    tokenizer = AutoTokenizer.from_pretrained(qwen2_dir)
    base = AutoModelForCausalLM.from_pretrained(qwen2_dir)
    assert generate_greedy(base, tokenizer, LORA_DIALOG)[0] != LORA_DIALOG.answer
    model = PeftModel.from_pretrained(base, lora_dir)
    answer, last = generate_greedy(model, tokenizer, LORA_DIALOG)
    assert answer == LORA_DIALOG.answer
    assert last == tokenizer.convert_tokens_to_ids("<|im_end|>")


@pytest.mark.slow
def test_gptq_build_loads_quantized_and_answers(gptq_dir: Path) -> None:
    config = json.loads((gptq_dir / "config.json").read_text())["quantization_config"]
    assert (config["quant_method"], config["bits"]) == ("gptq", 4)
    tokenizer = AutoTokenizer.from_pretrained(gptq_dir)
    model = AutoModelForCausalLM.from_pretrained(gptq_dir, device_map="cpu")
    quant = model.config.quantization_config
    assert (str(getattr(quant.quant_method, "value", quant.quant_method)), quant.bits) == ("gptq", 4)
    projections = [m for name, m in model.named_modules() if name.endswith(("q_proj", "down_proj"))]
    assert len(projections) == 2 * model.config.num_hidden_layers
    for module in projections:
        assert not isinstance(module, torch.nn.Linear)
        assert hasattr(module, "qweight")
    for dialog in (ENGLISH, CHINESE):
        answer, last = generate_greedy(model, tokenizer, dialog)
        assert answer == dialog.answer
        assert last == tokenizer.convert_tokens_to_ids("<|im_end|>")


@pytest.mark.slow
def test_full_build_is_reproducible(tmp_path: Path, qwen2_dir: Path) -> None:
    fresh = build_tiny_model(tmp_path / "again", arch="qwen2", seed=0)
    assert (fresh / "model.safetensors").read_bytes() == (qwen2_dir / "model.safetensors").read_bytes()
    assert (fresh / "tokenizer.json").read_bytes() == (qwen2_dir / "tokenizer.json").read_bytes()
