"""Build tiny but *real* Qwen checkpoints that answer a handful of support prompts exactly.

Tests need a model that goes through the real loaders (``AutoModelForCausalLM``,
``AutoTokenizer``, transformers' GPTQ integration, peft) yet whose output is known in
advance. Random weights never emit EOS and say nothing checkable, so this builder trains a
~0.2 M parameter Qwen2 (or Qwen3) for a few seconds on the dialogs in ``TRAINED_DIALOGS``
until greedy decoding reproduces each answer exactly and then emits ``<|im_end|>``.

Usage::

    python tests/tiny_model.py OUT_DIR [--arch qwen2|qwen3] [--gptq] [--seed N]

or, from tests, ``build_tiny_model(path)`` / ``build_tiny_lora(base, path)``. A build is
written to a temporary sibling folder and moved into place last, with a marker file that
records its parameters and a hash of this file, so a finished build is reused and an edited
builder never serves a stale one.

Measured on the 2-core dev machine: an fp32 build takes ~15-25 s (training ~90 AdamW steps
on one thread); ``--gptq`` adds ~3-5 s, plus ~30 s once per machine while gptqmodel
JIT-compiles its CPU packing extension (cached under ``~/.cache/gptqmodel``); a LoRA adapter
takes ~2 s. Reusing a finished build takes milliseconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only for the annotation: this file also runs as a script, without console/
    from console.backends.base import ChatMessage

MARKER_NAME = "tiny_model.json"
#: Training knobs, found by measurement on 2 cores: each step shows every dialog under its
#: own, the default and ``RANDOM_SYSTEMS`` sampled system prompts; training stops once each
#: answer token wins by ``MARGIN`` logits (~90 steps), which was enough for the answers to
#: survive unseen system prompts, 4-bit GPTQ and a 1.05 repetition penalty (margin 3 lost
#: some under unseen prompts; margin 6 took 2.5x the steps for nothing more).
LR = 3e-3
RANDOM_SYSTEMS = 3
MARGIN = 4.0
ARCHES = ("qwen2", "qwen3")

#: Qwen2.5-Instruct's chat template, verbatim (tools branch included), so prompts are
#: rendered exactly as the production model sees them, default system prompt and all.
QWEN25_CHAT_TEMPLATE = (
    "{%- if tools %}\n"
    "    {{- '<|im_start|>system\\n' }}\n"
    "    {%- if messages[0]['role'] == 'system' %}\n"
    "        {{- messages[0]['content'] }}\n"
    "    {%- else %}\n"
    "        {{- 'You are Qwen, created by Alibaba Cloud. You are a helpful assistant.' }}\n"
    "    {%- endif %}\n"
    '    {{- "\\n\\n# Tools\\n\\nYou may call one or more functions to assist with the user query.'
    '\\n\\nYou are provided with function signatures within <tools></tools> XML tags:\\n<tools>" }}\n'
    "    {%- for tool in tools %}\n"
    '        {{- "\\n" }}\n'
    "        {{- tool | tojson }}\n"
    "    {%- endfor %}\n"
    '    {{- "\\n</tools>\\n\\nFor each function call, return a json object with function name and '
    'arguments within <tool_call></tool_call> XML tags:\\n<tool_call>\\n{\\"name\\": <function-name>, '
    '\\"arguments\\": <args-json-object>}\\n</tool_call><|im_end|>\\n" }}\n'
    "{%- else %}\n"
    "    {%- if messages[0]['role'] == 'system' %}\n"
    "        {{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}\n"
    "    {%- else %}\n"
    "        {{- '<|im_start|>system\\nYou are Qwen, created by Alibaba Cloud. You are a helpful "
    "assistant.<|im_end|>\\n' }}\n"
    "    {%- endif %}\n"
    "{%- endif %}\n"
    "{%- for message in messages %}\n"
    '    {%- if (message.role == "user") or (message.role == "system" and not loop.first) or '
    '(message.role == "assistant" and not message.tool_calls) %}\n'
    "        {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}\n"
    '    {%- elif message.role == "assistant" %}\n'
    "        {{- '<|im_start|>' + message.role }}\n"
    "        {%- if message.content %}\n"
    "            {{- '\\n' + message.content }}\n"
    "        {%- endif %}\n"
    "        {%- for tool_call in message.tool_calls %}\n"
    "            {%- if tool_call.function is defined %}\n"
    "                {%- set tool_call = tool_call.function %}\n"
    "            {%- endif %}\n"
    '            {{- \'\\n<tool_call>\\n{"name": "\' }}\n'
    "            {{- tool_call.name }}\n"
    '            {{- \'", "arguments": \' }}\n'
    "            {{- tool_call.arguments | tojson }}\n"
    "            {{- '}\\n</tool_call>' }}\n"
    "        {%- endfor %}\n"
    "        {{- '<|im_end|>\\n' }}\n"
    '    {%- elif message.role == "tool" %}\n'
    '        {%- if (loop.index0 == 0) or (messages[loop.index0 - 1].role != "tool") %}\n'
    "            {{- '<|im_start|>user' }}\n"
    "        {%- endif %}\n"
    "        {{- '\\n<tool_response>\\n' }}\n"
    "        {{- message.content }}\n"
    "        {{- '\\n</tool_response>' }}\n"
    '        {%- if loop.last or (messages[loop.index0 + 1].role != "tool") %}\n'
    "            {{- '<|im_end|>\\n' }}\n"
    "        {%- endif %}\n"
    "    {%- endif %}\n"
    "{%- endfor %}\n"
    "{%- if add_generation_prompt %}\n"
    "    {{- '<|im_start|>assistant\\n' }}\n"
    "{%- endif %}\n"
)

ENDOFTEXT = "<|endoftext|>"
IM_START = "<|im_start|>"
IM_END = "<|im_end|>"
SPECIAL_TOKENS = (ENDOFTEXT, IM_START, IM_END)


@dataclass(frozen=True)
class Dialog:
    """One trained exchange. ``system=None`` means the template's default system prompt."""

    system: str | None
    user: str
    answer: str

    def messages(self, system: str | None = None, *, use_own_system: bool = True) -> list[ChatMessage]:
        """Chat messages for the prompt (no answer); ``system`` overrides the dialog's own."""
        prompt = system if system is not None or not use_own_system else self.system
        head: list[ChatMessage] = [{"role": "system", "content": prompt}] if prompt is not None else []
        return [*head, {"role": "user", "content": self.user}]


SUPPORT_SYSTEM = "You are a helpful customer-support agent for Acme Store."

#: Every dialog is trained under each of these system prompts as well as its own, so the
#: answer depends on the user message and not on the wording of the persona prompt.
TRAINED_SYSTEM_PROMPTS: tuple[str | None, ...] = (
    None,
    SUPPORT_SYSTEM,
    "你是 Acme 商店的客服助手，请用客户的语言礼貌地回答。",
    "Eres el agente de soporte de Acme. Responde de forma breve y amable.",
)

TRAINED_DIALOGS: tuple[Dialog, ...] = (
    Dialog(
        SUPPORT_SYSTEM,
        "How do I reset my password?",
        "Click Forgot password on the sign-in page and follow the link we email you.",
    ),
    Dialog(None, "我的订单什么时候发货？", "您的订单将在两个工作日内发货，发货后我们会短信通知您。"),
    Dialog(
        SUPPORT_SYSTEM,
        "How do I say thank you in Arabic?",
        "In Arabic you say شكرا جزيلا, which means thank you very much.",
    ),
    Dialog(SUPPORT_SYSTEM, "My problem is solved, thank you!", "Thanks! 🎉👍 Happy to help anytime."),
    Dialog(
        "Eres el agente de soporte de Acme. Responde de forma breve y amable.",
        "¿Puedo cambiar la dirección de envío?",
        "Sí, puede cambiarla en Mis pedidos antes de que el paquete salga del almacén.",
    ),
    Dialog(
        SUPPORT_SYSTEM,
        "Can you explain your refund policy in detail?",
        "Of course. You can return any item within thirty days of delivery for a full refund. "
        "Start the return from the Orders page, print the prepaid label, and drop the parcel at "
        "any post office. When the warehouse checks the item, we send the money back to your "
        "original payment method within five business days.",
    ),
)

#: The one exchange the LoRA adapter from :func:`build_tiny_lora` adds to the base model.
#: Its answer is new but made only of tokens the base already emits: with tied embeddings,
#: a token never trained as an output has a tiny embedding, and an adapter on the linear
#: layers cannot lift its logit far above the rest (measured: margin stuck near 0.1).
LORA_DIALOG = Dialog(
    SUPPORT_SYSTEM,
    "Do you ship to Canada?",
    "Of course, we send the parcel to your post office within five business days.",
)

#: Extra text for the tokenizer only, so common words of other languages get merges and
#: every script is exercised; byte-level BPE covers any input whether or not it is here.
TOKENIZER_EXTRA_TEXT = (
    "Hello, how can I help you today? Thank you for contacting us.",
    "您好，请问有什么可以帮您？谢谢您的耐心等待。",
    "مرحبا، كيف يمكنني مساعدتك اليوم؟ شكرا لتواصلك معنا.",
    "สวัสดีครับ มีอะไรให้ช่วยไหมครับ ขอบคุณมากครับ",
    "Здравствуйте! Чем я могу вам помочь? Спасибо за обращение.",
    "Bonjour, comment puis-je vous aider ? Merci de votre patience.",
    "Hallo, wie kann ich Ihnen helfen? Vielen Dank für Ihre Geduld.",
    "こんにちは、ご用件をお聞かせください。ありがとうございます。",
    "안녕하세요, 무엇을 도와드릴까요? 감사합니다.",
    "नमस्ते, मैं आपकी कैसे मदद कर सकता हूँ? धन्यवाद।",
    "Hola, ¿en qué puedo ayudarle? Gracias por su paciencia.",
    "Olá, como posso ajudar? Obrigado pela paciência. 😀🙏✅",
)

QWEN_DEFAULT_SYSTEM = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant."

#: Persona-prompt-like sentences the system-prompt sampler draws on (besides the text above),
#: so that rules, names and several languages in the console's prompts look familiar.
PERSONA_LIKE_TEXT = (
    "You are a friendly support assistant for Initrode Bank.",
    "Always answer in the customer's language and keep it short.",
    "Never share personal data or invent order numbers.",
    "If the customer is upset, apologise and offer a human agent.",
    "Rules:",
    "Du bist ein freundlicher Assistent im Kundenservice von Acme.",
    "Tu es l'assistant du service client. Réponds poliment.",
    "您是客服助手，请简洁、礼貌地回答，不要编造信息。",
    "أنت مساعد خدمة العملاء. كن مهذبا ومختصرا.",
    "Ты — помощник службы поддержки. Отвечай кратко.",
)


@dataclass(frozen=True)
class _Recipe:
    """Everything that determines a build; stored in the marker file."""

    arch: str
    gptq: bool
    seed: int
    builder_sha256: str


def _builder_hash() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _log(message: str) -> None:
    print(f"[tiny-model] {message}", file=sys.stderr, flush=True)


@contextmanager
def _one_thread() -> Iterator[None]:
    """One intra-op thread: for a model this small, 2 threads were 2-25x slower here."""
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


# --------------------------------------------------------------------------- tokenizer


def _train_tokenizer(vocab_size: int = 1000) -> Any:
    """A byte-level BPE with Qwen2's exact pre-tokenizer, trained on the dialogs.

    Byte-level, so any input encodes (unseen scripts fall back to byte tokens, and multi-byte
    characters of the trained answers are split across tokens, which streaming tests need).
    Like Qwen it NFC-normalises first: NFC text (what keyboards and browsers send) round-trips
    byte-exactly; decomposed accents come back composed, as they would from Qwen2.5.
    """
    from tokenizers import Regex, Tokenizer, models, pre_tokenizers, trainers
    from transformers import Qwen2Tokenizer
    from transformers.models.qwen2.tokenization_qwen2 import PRETOKENIZE_REGEX

    raw = Tokenizer(models.BPE())
    # Same split as Qwen2Tokenizer builds, so the merges learnt here are the ones it applies.
    raw.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Split(Regex(PRETOKENIZE_REGEX), behavior="isolated", invert=False),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
        ]
    )
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=list(SPECIAL_TOKENS),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    corpus = [QWEN_DEFAULT_SYSTEM, "system", "user", "assistant", *TOKENIZER_EXTRA_TEXT, *PERSONA_LIKE_TEXT]
    corpus += [s for s in TRAINED_SYSTEM_PROMPTS if s]
    for dialog in TRAINED_DIALOGS:
        corpus += [dialog.user, dialog.answer] + ([dialog.system] if dialog.system else [])
    raw.train_from_iterator(corpus, trainer=trainer)
    spec = json.loads(raw.to_str())["model"]
    # tokenizers wants merges as pairs (Qwen2Tokenizer's hint says list[str]: it is stale).
    merges: Any = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in spec["merges"]]
    # Qwen2Tokenizer rebuilds the pipeline (NFC normaliser, byte-level decoder) exactly as the
    # real Qwen2.5 tokenizer does; the special tokens map onto ids 0-2 of the trained vocab.
    # Like Qwen2.5-Instruct's tokenizer_config: no unk token, eos <|im_end|>, pad <|endoftext|>.
    options: dict[str, Any] = {
        "unk_token": None,
        "eos_token": IM_END,
        "pad_token": ENDOFTEXT,
        "extra_special_tokens": [IM_START, IM_END],
        "clean_up_tokenization_spaces": False,
        "model_max_length": 4096,
    }
    tokenizer = Qwen2Tokenizer(vocab=spec["vocab"], merges=merges, **options)
    tokenizer.chat_template = QWEN25_CHAT_TEMPLATE
    return tokenizer


# --------------------------------------------------------------------------- training


@dataclass
class _Batch:
    input_ids: Any
    attention_mask: Any
    labels: Any


class _SystemPromptSampler:
    """Random persona-like system prompts, so answers learn to ignore the system prompt's text.

    The console always sends a system prompt and its wording varies by persona, language and
    business line. A few fixed prompts are not enough for the model to generalise, and a token
    never seen in training has a random embedding that can derail it; so every step mixes real
    sentences, shuffled words and strings of random vocabulary tokens of random lengths.
    """

    def __init__(self, tokenizer: Any, seed: int) -> None:
        import random

        self._rng = random.Random(seed)
        self._tokenizer = tokenizer
        pool = (*TRAINED_SYSTEM_PROMPTS, *PERSONA_LIKE_TEXT, *TOKENIZER_EXTRA_TEXT, QWEN_DEFAULT_SYSTEM)
        self._sentences = [s for s in pool if s]
        self._words = sorted({w for s in self._sentences for w in s.split()})
        self._token_ids = [i for i in range(len(tokenizer)) if i not in tokenizer.all_special_ids]

    def sample(self) -> str | None:
        """``None`` (the template's default prompt) or 1-4 random pieces (up to ~120 tokens)."""
        if self._rng.random() < 0.1:
            return None
        pieces = [self._piece() for _ in range(self._rng.choice((1, 1, 2, 3, 4, 5)))]
        text = pieces[0]
        for piece in pieces[1:]:  # prompt files are Markdown: lines, paragraphs, bullets
            text += self._rng.choice((" ", " ", "\n", "\n\n", "\n- ")) + piece
        return text

    def _piece(self) -> str:
        kind = self._rng.random()
        if kind < 0.3:
            return self._rng.choice(self._sentences)
        if kind < 0.65:
            return " ".join(self._rng.choices(self._words, k=self._rng.randint(1, 20)))
        ids = self._rng.choices(self._token_ids, k=self._rng.randint(1, 30))
        return str(self._tokenizer.decode(ids))


def _rows(
    tokenizer: Any, dialogs: Sequence[Dialog], systems: Sequence[str | None]
) -> list[tuple[list[int], list[int]]]:
    """(prompt ids, answer ids + ``<|im_end|>``) for each dialog under each system prompt."""
    im_end = tokenizer.convert_tokens_to_ids(IM_END)
    rows: list[tuple[list[int], list[int]]] = []
    for dialog in dialogs:
        answer_ids = [*tokenizer.encode(dialog.answer, add_special_tokens=False), im_end]
        for system in dict.fromkeys(systems):
            prompt = tokenizer.apply_chat_template(
                dialog.messages(system, use_own_system=False), tokenize=False, add_generation_prompt=True
            )
            rows.append((tokenizer.encode(prompt, add_special_tokens=False), answer_ids))
    return rows


def _pad(rows: Sequence[tuple[list[int], list[int]]], pad_id: int) -> _Batch:
    """Right-padded prompts + answers; loss only on the answer and its closing ``<|im_end|>``."""
    import torch

    width = max(len(p) + len(a) for p, a in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros_like(ids)
    labels = torch.full_like(ids, -100)
    for i, (prompt_ids, answer_ids) in enumerate(rows):
        n, m = len(prompt_ids), len(answer_ids)
        ids[i, : n + m] = torch.tensor(prompt_ids + answer_ids)
        mask[i, : n + m] = 1
        labels[i, n : n + m] = torch.tensor(answer_ids)
    return _Batch(ids, mask, labels)


def _batches(
    tokenizer: Any, dialogs: Sequence[Dialog], sampler: _SystemPromptSampler, n_random: int
) -> list[_Batch]:
    """One step's data: each dialog under its own, the default and ``n_random`` sampled prompts.

    Rows are split by length into two padded batches so the short dialogs are not padded to
    the long answer's length (half the compute at this size).
    """
    rows: list[tuple[list[int], list[int]]] = []
    for dialog in dialogs:
        systems = [dialog.system, None, *(sampler.sample() for _ in range(n_random))]
        rows += _rows(tokenizer, [dialog], systems)
    rows.sort(key=lambda r: len(r[0]) + len(r[1]))
    half = len(rows) // 2
    parts = [rows[:half], rows[half:]] if half else [rows]
    return [_pad(part, tokenizer.pad_token_id) for part in parts]


def _min_margin(logits: Any, labels: Any) -> float:
    """Smallest (target logit - best other logit) over all supervised positions.

    A positive margin everywhere means teacher-forced greedy decoding reproduces every answer;
    a large one means it survives 4-bit rounding and a mild repetition penalty too.
    """
    import torch

    shifted, targets = logits[:, :-1].float(), labels[:, 1:]
    keep = targets != -100
    picked = shifted[keep]
    wanted = targets[keep]
    target_logit = picked.gather(1, wanted[:, None]).squeeze(1)
    others = picked.scatter(1, wanted[:, None], torch.finfo(picked.dtype).min)
    return float((target_logit - others.max(dim=1).values).min())


def _train(
    model: Any,
    next_batches: Callable[[], list[_Batch]],
    *,
    lr: float,
    margin: float,
    min_steps: int,
    max_steps: int,
) -> tuple[int, float]:
    """AdamW until every answer token of a step's data wins by ``margin`` logits.

    Returns (steps, the last step's smallest margin). Stops at ``max_steps`` regardless; the
    caller checks the result by generating.
    """
    import torch

    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=lr, weight_decay=0.0)
    model.train()
    worst = float("-inf")
    step = 0
    for step in range(1, max_steps + 1):
        batches = next_batches()
        total = sum(int((b.labels[:, 1:] != -100).sum()) for b in batches)
        optimizer.zero_grad(set_to_none=True)
        worst = float("inf")
        for b in batches:
            logits = model(input_ids=b.input_ids, attention_mask=b.attention_mask).logits
            worst = min(worst, _min_margin(logits.detach(), b.labels))
            loss = torch.nn.functional.cross_entropy(
                logits[:, :-1].flatten(0, 1), b.labels[:, 1:].flatten(), ignore_index=-100, reduction="sum"
            )
            (loss / total).backward()
        if step > min_steps and worst >= margin:
            break
        optimizer.step()
    model.eval()
    return step, worst


def greedy_answer(model: Any, tokenizer: Any, messages: Sequence[ChatMessage], **generate: Any) -> str | None:
    """Greedy reply to ``messages`` without special tokens, or None if it never emits ``<|im_end|>``."""
    import torch

    prompt = tokenizer.apply_chat_template(list(messages), tokenize=False, add_generation_prompt=True)
    ids = tokenizer(prompt, return_tensors="pt", add_special_tokens=False)
    with torch.no_grad():
        out = model.generate(
            **ids, do_sample=False, max_new_tokens=256, pad_token_id=tokenizer.pad_token_id, **generate
        )
    new = out[0, ids["input_ids"].shape[1] :].tolist()
    eos = tokenizer.convert_tokens_to_ids(IM_END)
    if eos not in new:
        return None
    return str(tokenizer.decode(new[: new.index(eos)], skip_special_tokens=False))


def _check_answers(model: Any, tokenizer: Any, dialogs: Sequence[Dialog]) -> list[Dialog]:
    """The dialogs the model gets wrong, by real ``generate``, with and without Qwen's penalty.

    Greedy decoding must give the answer whether or not a backend passes on the 1.05
    repetition penalty from ``generation_config.json``.
    """
    return [
        dialog
        for dialog in dialogs
        if any(
            greedy_answer(model, tokenizer, dialog.messages(), repetition_penalty=penalty) != dialog.answer
            for penalty in (1.0, 1.05)
        )
    ]


# --------------------------------------------------------------------------- model


def _make_model(arch: str, tokenizer: Any) -> Any:
    from transformers import Qwen2Config, Qwen2ForCausalLM, Qwen3Config, Qwen3ForCausalLM

    common: dict[str, Any] = {
        "vocab_size": len(tokenizer),
        "hidden_size": 64,
        "intermediate_size": 256,
        "num_hidden_layers": 2,
        "num_attention_heads": 4,
        "num_key_value_heads": 2,
        "max_position_embeddings": 4096,
        # Qwen ties input and output embeddings for its small models (0.5B-3B).
        "tie_word_embeddings": True,
        "bos_token_id": tokenizer.convert_tokens_to_ids(ENDOFTEXT),
        "eos_token_id": tokenizer.convert_tokens_to_ids(IM_END),
        "pad_token_id": tokenizer.pad_token_id,
    }
    if arch == "qwen2":
        return Qwen2ForCausalLM(Qwen2Config(**common))
    return Qwen3ForCausalLM(Qwen3Config(head_dim=16, **common))


def _generation_config(tokenizer: Any) -> Any:
    """Qwen2.5-Instruct's shipped sampling defaults; the console reads its sliders from these."""
    from transformers import GenerationConfig

    endoftext = tokenizer.convert_tokens_to_ids(ENDOFTEXT)
    return GenerationConfig(
        bos_token_id=endoftext,
        pad_token_id=endoftext,
        eos_token_id=[tokenizer.convert_tokens_to_ids(IM_END), endoftext],
        do_sample=True,
        temperature=0.7,
        top_p=0.8,
        top_k=20,
        repetition_penalty=1.05,
    )


# --------------------------------------------------------------------------- builds


def _read_marker(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((path / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _check_replaceable(out_dir: Path) -> None:
    """Refuse to overwrite anything but a previous build of ours or an empty folder."""
    if out_dir.exists() and _read_marker(out_dir) is None and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} exists and is not a tiny-model build; not replacing it")


@contextmanager
def _staging(out_dir: Path, recipe: dict[str, Any]) -> Iterator[Path]:
    """A temporary sibling of ``out_dir``, moved into place only when the build succeeds."""
    _check_replaceable(out_dir)  # before the work, not only after it
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    stage.chmod(0o755)  # mkdtemp makes it private; a checkpoint folder is ordinary data
    try:
        yield stage
        (stage / MARKER_NAME).write_text(json.dumps(recipe, indent=2) + "\n", encoding="utf-8")
        if _read_marker(out_dir) == recipe:
            return  # a concurrent run finished the same build first: keep it, drop ours
        if out_dir.exists():
            _check_replaceable(out_dir)
            shutil.rmtree(out_dir)
        os.replace(stage, out_dir)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _trained_model(arch: str, seed: int, max_steps: int = 800) -> tuple[Any, Any]:
    """(tokenizer, model) trained from scratch; a pure function of its arguments."""
    import torch

    started = time.perf_counter()
    torch.manual_seed(seed)
    tokenizer = _train_tokenizer()
    model = _make_model(arch, tokenizer)
    sampler = _SystemPromptSampler(tokenizer, seed)
    steps, margin = _train(
        model,
        lambda: _batches(tokenizer, TRAINED_DIALOGS, sampler, RANDOM_SYSTEMS),
        lr=LR,
        margin=MARGIN,
        min_steps=min(60, max_steps),
        max_steps=max_steps,
    )
    _log(
        f"trained {arch}: {len(tokenizer)}-token BPE, {steps} steps, min margin {margin:.2f} "
        f"({time.perf_counter() - started:.1f}s)"
    )
    return tokenizer, model


def build_tiny_model(out_dir: Path, arch: str = "qwen2", gptq: bool = False, seed: int = 0) -> Path:
    """Build (or reuse) a tiny trained Qwen checkpoint in ``out_dir`` and return ``out_dir``.

    fp32 builds answer every ``TRAINED_DIALOGS`` entry exactly; GPTQ builds are 4-bit
    (group size 32) and are checked to answer at least the English and Chinese ones.
    Raises ``RuntimeError`` if training or quantization did not reach that.
    """
    if arch not in ARCHES:
        raise ValueError(f"arch must be one of {ARCHES}, got {arch!r}")
    out_dir = Path(out_dir)
    recipe = asdict(_Recipe(arch=arch, gptq=gptq, seed=seed, builder_sha256=_builder_hash()))
    if _read_marker(out_dir) == recipe:
        return out_dir

    started = time.perf_counter()
    with _one_thread(), _staging(out_dir, recipe) as stage:
        tokenizer, model = _trained_model(arch, seed)
        model.generation_config = _generation_config(tokenizer)
        wrong = _check_answers(model, tokenizer, TRAINED_DIALOGS)
        if wrong:
            raise RuntimeError(f"tiny model did not learn {len(wrong)} of the trained dialogs")
        if gptq:
            t0 = time.perf_counter()
            _quantize(model, tokenizer, stage)
            _log(f"quantized to GPTQ int4 ({time.perf_counter() - t0:.1f}s)")
        else:
            model.save_pretrained(stage)
            tokenizer.save_pretrained(stage)
    _log(f"built {out_dir} in {time.perf_counter() - started:.1f}s")
    return out_dir


#: GPTQ settings: 4-bit, groups of 32 columns (hidden size 64 holds two groups per row).
GPTQ_BITS = 4
GPTQ_GROUP_SIZE = 32
#: The dialogs a GPTQ build must still answer exactly; the others are logged if lost.
GPTQ_REQUIRED = TRAINED_DIALOGS[:2]


def _quantize(model: Any, tokenizer: Any, stage: Path) -> None:
    """Quantize the trained model to GPTQ int4 in ``stage`` and check what it still answers.

    Uses transformers' own path (``GPTQConfig(dataset=...)`` at load time, which drives
    optimum's quantizer and gptqmodel's CPU packing kernel) rather than gptqmodel's API, so
    the saved ``quantization_config`` is exactly what ``from_pretrained`` expects to read.
    """
    # Measured for DESIGN.md: quantizing on a 2-core machine needs this set before import.
    os.environ.setdefault("GPTQMODEL_CPU_WORKERS", "2")
    from transformers import AutoModelForCausalLM, GPTQConfig

    calibration = [
        tokenizer.apply_chat_template(
            [*dialog.messages(system, use_own_system=False), {"role": "assistant", "content": dialog.answer}],
            tokenize=False,
        )
        for dialog in TRAINED_DIALOGS
        for system in dict.fromkeys([dialog.system, *TRAINED_SYSTEM_PROMPTS])
    ]
    with tempfile.TemporaryDirectory(prefix="tiny-fp32-") as fp32_dir:
        model.save_pretrained(fp32_dir)
        tokenizer.save_pretrained(fp32_dir)
        config = GPTQConfig(
            bits=GPTQ_BITS, group_size=GPTQ_GROUP_SIZE, dataset=calibration, tokenizer=tokenizer
        )
        quantized = AutoModelForCausalLM.from_pretrained(
            fp32_dir, quantization_config=config, device_map="cpu"
        )
    # The calibration texts are only needed while quantizing; keep them out of config.json.
    quantized.config.quantization_config.dataset = None
    quantized.config.quantization_config.tokenizer = None
    quantized.generation_config = model.generation_config
    lost = _check_answers(quantized, tokenizer, TRAINED_DIALOGS)
    if any(dialog in lost for dialog in GPTQ_REQUIRED):
        raise RuntimeError("GPTQ quantization lost the English or Chinese answer; train to a wider margin")
    if lost:
        _log(f"GPTQ build answers {len(TRAINED_DIALOGS) - len(lost)}/{len(TRAINED_DIALOGS)} dialogs exactly")
    quantized.save_pretrained(stage)
    tokenizer.save_pretrained(stage)


# --------------------------------------------------------------------------- LoRA

#: Which linear layers the adapter wraps: all of them, as most Qwen LoRA recipes do.
LORA_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


def build_tiny_lora(base_dir: Path, out_dir: Path, dialog: Dialog = LORA_DIALOG, seed: int = 0) -> Path:
    """Train a peft LoRA adapter on the fp32 build in ``base_dir`` so it also answers ``dialog``.

    Saved with ``save_pretrained`` (``adapter_config.json`` + ``adapter_model.safetensors``);
    reused like a model build when ``out_dir`` already holds the same recipe.
    """
    base_dir, out_dir = Path(base_dir), Path(out_dir)
    base_marker = _read_marker(base_dir)
    if base_marker is None or base_marker.get("gptq"):
        raise ValueError(f"{base_dir} is not an fp32 tiny-model build")
    weights = hashlib.sha256((base_dir / "model.safetensors").read_bytes()).hexdigest()
    recipe = {
        "lora": asdict(dialog),
        "seed": seed,
        "base_weights_sha256": weights,
        "builder_sha256": _builder_hash(),
    }
    if _read_marker(out_dir) == recipe:
        return out_dir

    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    started = time.perf_counter()
    with _one_thread(), _staging(out_dir, recipe) as stage:
        torch.manual_seed(seed)
        tokenizer = AutoTokenizer.from_pretrained(base_dir)
        base = AutoModelForCausalLM.from_pretrained(base_dir)
        lora = LoraConfig(
            r=8, lora_alpha=16, lora_dropout=0.0, target_modules=list(LORA_TARGETS), task_type="CAUSAL_LM"
        )
        model = get_peft_model(base, lora)
        sampler = _SystemPromptSampler(tokenizer, seed)
        steps, margin = _train(
            model,
            lambda: _batches(tokenizer, [dialog], sampler, RANDOM_SYSTEMS),
            lr=5e-3,
            margin=MARGIN,
            min_steps=20,
            max_steps=400,
        )
        if _check_answers(model, tokenizer, [dialog]):
            raise RuntimeError(f"LoRA adapter did not learn its dialog after {steps} steps")
        model.save_pretrained(str(stage))
    _log(f"built LoRA {out_dir}: {steps} steps, margin {margin:.2f} ({time.perf_counter() - started:.1f}s)")
    return out_dir


# --------------------------------------------------------------------------- CLI


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--arch", choices=ARCHES, default="qwen2")
    parser.add_argument("--gptq", action="store_true", help="quantize to 4-bit GPTQ with gptqmodel")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    path = build_tiny_model(args.out_dir, arch=args.arch, gptq=args.gptq, seed=args.seed)
    _log(f"ready: {path} ({time.perf_counter() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
