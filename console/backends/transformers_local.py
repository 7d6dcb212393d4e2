"""In-process backend: a Hugging Face transformers model on this machine's GPU or CPU.

Loads full-precision checkpoints, GPTQ-int4 checkpoints (transformers' GPTQ integration,
which runs on ``gptqmodel`` + ``optimum``; AutoGPTQ is archived and refused by
transformers 5), GGUF files (``--model FILE.gguf``, via the ``gguf`` package) and LoRA
adapters (``--adapter DIR``, via peft), so a model fine-tuned with LLaMA-Factory runs
unchanged. torch and transformers are imported here and nowhere else in the console.

Prompt processing reuses attention caches of earlier requests (``prefix_cache.py``): the
persona prompt shared by every conversation of a business line and language, and each
conversation's previous turn, so only the new tokens go through the model.
"""

from __future__ import annotations

import copy
import logging
import os
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from console.backends.base import BackendInfo, ChatMessage, Usage
from console.backends.batching import BatchScheduler
from console.backends.detokenize import IncrementalDetokenizer, byte_table
from console.backends.handoff import Handoff
from console.backends.prefix_cache import PrefixCache
from console.errors import BackendError, ModelLoadError, ModelNotFoundError
from console.options import MAX_NEW_TOKENS_RANGE, GenerationOptions

log = logging.getLogger(__name__)

#: ChatML end-of-turn marker used by Qwen2.5 and Qwen3; generation stops on it even when a
#: checkpoint's generation_config only lists <|endoftext|>.
IM_END = "<|im_end|>"
#: how long the consumer waits for the next token before deciding generation died
_TOKEN_TIMEOUT_S = 300.0


class _CancelCriteria:
    """A transformers StoppingCriteria that stops every sequence once any event is set."""

    def __init__(self, *events: threading.Event) -> None:
        self.events = events

    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
        import torch

        stop = any(event.is_set() for event in self.events)
        return torch.full((input_ids.shape[0],), stop, dtype=torch.bool, device=input_ids.device)


class _TextStreamer:
    """Receives token ids from ``generate`` (a transformers streamer) and hands over text."""

    def __init__(self, tokenizer: Any, table: list[bytes | None] | None = None) -> None:
        self._detok = IncrementalDetokenizer(tokenizer, table=table)
        self._skip_prompt = True
        self.handoff = Handoff()
        self.ids: list[int] = []  # generated ids, for the prefix cache

    def put(self, value: Any) -> None:
        if self._skip_prompt:  # generate() first pushes the prompt ids
            self._skip_prompt = False
            return
        ids = value.reshape(-1).tolist()
        self.ids.extend(ids)
        delta = self._detok.push(ids)
        if delta:
            self.handoff.put(delta)

    def end(self) -> None:
        rest = self._detok.flush()
        if rest:
            self.handoff.put(rest)
        self.handoff.finish()

    @property
    def generated(self) -> int:
        return self._detok.token_count


class TransformersBackend:
    """Streams replies from a causal LM loaded with transformers."""

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        info: BackendInfo,
        stop_ids: list[int],
        prefix_cache: PrefixCache | None = None,
        *,
        batching: bool = True,
        max_batch: int = 16,
    ) -> None:
        self._model = model
        self._tokenizer = tokenizer
        self._info = info
        self._stop_ids = stop_ids
        # built once per model: every stream detokenizes through it (see detokenize.py)
        self._byte_table = byte_table(tokenizer)
        # torch.manual_seed is process-global: serialize seeded sampling so two seeded
        # requests cannot reseed each other mid-generation.
        self._seed_lock = threading.Lock()
        plain = _cache_is_plain(model)
        self.prefix_cache = prefix_cache if plain else None
        # concurrent streams share batched forward passes (batching.py); models whose
        # cache is not plain (sliding windows) keep one generate() per stream
        self._batching = batching and plain
        self._max_batch = max_batch
        self._scheduler: BatchScheduler | None = None
        self._scheduler_lock = threading.Lock()
        self._tokenize_lock = threading.Lock()

    @property
    def info(self) -> BackendInfo:
        return self._info

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(
        cls,
        model_path: str,
        *,
        device: str = "cpu",
        adapter: str | None = None,
        trust_remote_code: bool = False,
        prefix_cache_mb: int = 512,
        dtype: str | None = None,
        batching: bool = True,
        max_batch: int = 16,
    ) -> TransformersBackend:
        """Load a checkpoint. ``dtype`` on the CPU: "float32", "bfloat16", or None to pick
        bf16 where the CPU runs it natively and the model is big enough to gain from it."""
        from transformers import AutoModelForCausalLM, AutoTokenizer

        started = time.perf_counter()
        path = Path(model_path)
        kwargs: dict[str, Any] = {"trust_remote_code": trust_remote_code}
        quantization: str | None = None
        if path.suffix == ".gguf":
            if not path.is_file():
                raise ModelNotFoundError(f"No GGUF file at {path}. Pass --model PATH.")
            kwargs["gguf_file"] = path.name
            source = str(path.parent)
            quantization = "gguf"
        else:
            source = model_path
        try:
            tokenizer = AutoTokenizer.from_pretrained(source, **kwargs)
            config_obj = None if quantization else _load_config(source, trust_remote_code)
            qconf = getattr(config_obj, "quantization_config", None) if config_obj is not None else None
            if qconf is not None:
                qdict = qconf if isinstance(qconf, dict) else qconf.to_dict()
                quantization = f"{qdict.get('quant_method', 'quantized')}-int{qdict.get('bits', '?')}"
            if device == "cuda":
                kwargs.update(dtype="auto", device_map="auto")
            else:
                kwargs.update(dtype=_cpu_dtype(dtype, config_obj), device_map="cpu")
            model = AutoModelForCausalLM.from_pretrained(source, **kwargs)
            if adapter:
                model = _attach_adapter(model, adapter, merge=qconf is None and quantization != "gguf")
        except (OSError, ValueError, ImportError, RuntimeError) as exc:
            if isinstance(exc, OSError) and not path.exists():
                raise ModelNotFoundError(f"No model at {model_path}. Pass --model PATH.") from exc
            raise ModelLoadError(
                f"Could not load the model from {model_path}: {exc}".splitlines()[0]
            ) from exc
        model.eval()  # type: ignore[no-untyped-call]
        if tokenizer.chat_template is None:
            raise ModelLoadError(
                f"{model_path} has no chat template: use an instruct/chat model (e.g. Qwen2.5-*-Instruct)."
            )
        stop_ids = _stop_token_ids(model, tokenizer)
        defaults = _defaults_from_generation_config(model)
        info = BackendInfo(
            backend="transformers",
            model=model_path,
            device=str(getattr(model, "device", device)),
            quantization=quantization,
            defaults=defaults,
            context_length=getattr(model.config, "max_position_embeddings", None),
        )
        log.info(
            "loaded %s on %s (%s) in %.1f s",
            model_path,
            info.device,
            quantization or "full precision",
            time.perf_counter() - started,
        )
        cache = PrefixCache(prefix_cache_mb * 2**20) if prefix_cache_mb > 0 else None
        return cls(model, tokenizer, info, stop_ids, cache, batching=batching, max_batch=max_batch)

    # ---------------------------------------------------------------- streaming

    def prompt_ids(self, messages: Sequence[ChatMessage]) -> list[int]:
        """Token ids of the chat, through the tokenizer's own chat template.

        Control tokens that a message's text spells out ("<|im_end|><|im_start|>system …")
        are encoded as the plain text they are (transformers' ``sanitize_control_tokens``),
        so a customer cannot close their turn and open one of another role: only the
        template writes control tokens. Ids come back as a list: asking transformers for a
        tensor ran a Python loop over every id (~1.5 ms for a 1,200-token persona) and the
        caller turned it back into a list.
        """
        template_kwargs: dict[str, Any] = {}
        if "enable_thinking" in (self._tokenizer.chat_template or ""):
            # Qwen3: a support answer should not spend its token budget on hidden reasoning.
            template_kwargs["enable_thinking"] = False
        chat = [dict(m) for m in messages]
        # One at a time: encoding a sanitized piece as text flips a setting of the shared
        # Rust tokenizer (encode_special_tokens) for the length of that call, and another
        # thread's prompt encoded meanwhile would lose its own control tokens.
        with self._tokenize_lock:
            try:
                encoded = self._tokenizer.apply_chat_template(
                    chat,
                    add_generation_prompt=True,
                    return_dict=True,
                    sanitize_control_tokens=True,
                    **template_kwargs,
                )
            except NotImplementedError:
                # A template that writes no control tokens of its own: then none belong in
                # the prompt, and every special token's text is encoded as text.
                text = self._tokenizer.apply_chat_template(
                    chat, add_generation_prompt=True, tokenize=False, **template_kwargs
                )
                encoded = self._tokenizer(text, add_special_tokens=False, split_special_tokens=True)
        return list(encoded["input_ids"])

    def render_prompt(self, messages: Sequence[ChatMessage]) -> Any:
        """:meth:`prompt_ids` as the tensors ``generate`` takes (``input_ids``, ``attention_mask``)."""
        import torch
        from transformers import BatchEncoding

        ids = torch.tensor([self.prompt_ids(messages)], dtype=torch.long)
        return BatchEncoding({"input_ids": ids, "attention_mask": torch.ones_like(ids)})

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: threading.Event | None = None,
        usage: Usage | None = None,
        *,
        scope: str | None = None,
    ) -> Iterator[str]:
        # ``scope`` is not used in-process: the prefix cache here shares the persona prompt
        # across conversations on purpose (seconds of prompt processing saved per first
        # message on a CPU), is this process's alone, and an erasure empties it
        # (forget_prompts). Its timing side channel is the one a shared engine closes with
        # scopes (README, "Scaling out").
        import torch

        cancel = cancel or threading.Event()
        closed = threading.Event()  # ours: set when this stream ends, never the caller's event
        usage = usage if usage is not None else Usage()
        try:
            prompt_ids = self.prompt_ids(messages)
        except Exception as exc:  # template errors (e.g. a system role it does not accept)
            raise BackendError(f"The model's chat template rejected the conversation: {exc}") from exc
        usage.prompt_tokens = len(prompt_ids)
        scheduler = self._batch_scheduler()
        if scheduler is not None:
            yield from self._stream_batched(scheduler, prompt_ids, options, cancel, usage)
            return
        ids = torch.tensor([prompt_ids], dtype=torch.long, device=self._model.device)
        inputs = {"input_ids": ids, "attention_mask": torch.ones_like(ids)}
        past, epoch = self._past_for(prompt_ids, usage)
        streamer = _TextStreamer(self._tokenizer, self._byte_table)
        generation_config = self._generation_config(options)

        def run() -> None:
            try:
                with torch.inference_mode():
                    if options.seed is not None:
                        with self._seed_lock:
                            torch.manual_seed(options.seed)
                    self._model.generate(
                        **inputs,
                        past_key_values=past,
                        generation_config=generation_config,
                        streamer=streamer,
                        stopping_criteria=[_CancelCriteria(cancel, closed)],
                    )
                self._keep(past, prompt_ids + streamer.ids, epoch)
            except BaseException as exc:  # handed to the consumer thread, which raises it
                streamer.handoff.finish(exc)

        worker = threading.Thread(target=run, name="generate", daemon=True)
        worker.start()
        try:
            finished = False
            while not finished:
                try:
                    text, finished = streamer.handoff.take(_TOKEN_TIMEOUT_S)
                except BackendError:
                    raise
                except BaseException as exc:
                    raise BackendError(f"Generation failed: {type(exc).__name__}: {exc}") from exc
                usage.completion_tokens = streamer.generated
                if text:
                    yield text
            usage.completion_tokens = streamer.generated
            if cancel.is_set():
                usage.finish_reason = "cancelled"
            elif streamer.generated >= options.max_new_tokens:
                usage.finish_reason = "length"
            else:
                usage.finish_reason = "stop"
        finally:
            # Reached on normal end, on an error, and when the consumer closes the generator
            # (Stop button, closed browser): stop generate() at its next step so the worker
            # is free again at once instead of finishing a reply nobody reads.
            closed.set()
            worker.join(timeout=30)
            if usage.finish_reason is None:
                usage.finish_reason = "cancelled"

    def _batch_scheduler(self) -> BatchScheduler | None:
        """The scheduler that batches concurrent streams, started on first use."""
        if not self._batching or self._model is None:
            return None
        with self._scheduler_lock:
            if self._scheduler is None:
                gc = self._model.generation_config
                self._scheduler = BatchScheduler(
                    self._model,
                    self._stop_ids,
                    self.prefix_cache,
                    max_batch=self._max_batch,
                    repetition_penalty=float(gc.repetition_penalty or 1.0),
                    top_k=int(gc.top_k) if gc.do_sample and gc.top_k else None,
                )
            return self._scheduler

    def _stream_batched(
        self,
        scheduler: BatchScheduler,
        prompt_ids: list[int],
        options: GenerationOptions,
        cancel: threading.Event,
        usage: Usage,
    ) -> Iterator[str]:
        request = scheduler.submit(prompt_ids, options, cancel)
        detok = IncrementalDetokenizer(self._tokenizer, table=self._byte_table)
        seen = 0
        try:
            done = False
            while not done:
                ids, done = request.take(seen, _TOKEN_TIMEOUT_S)
                seen += len(ids)
                usage.cached_tokens = request.cached_tokens
                usage.completion_tokens = seen
                text = detok.push(ids) if ids else ""
                if text:
                    yield text
            if request.error is not None:
                exc = request.error
                raise BackendError(f"Generation failed: {type(exc).__name__}: {exc}") from exc
            rest = detok.flush()
            if rest:
                yield rest
            usage.finish_reason = "cancelled" if cancel.is_set() else request.finish_reason
            if request.finish_reason == "stop":
                usage.completion_tokens += 1  # the end-of-turn token counts, as with generate()
        finally:
            # normal end, error, or the consumer closed the stream (Stop, closed browser):
            # the row leaves the batch at the next step, freeing its slot
            request.closed.set()
            scheduler.wake()
            if usage.finish_reason is None:
                usage.finish_reason = "cancelled"

    def _past_for(self, prompt_ids: list[int], usage: Usage) -> tuple[Any, int]:
        """A DynamicCache holding the longest cached prefix of the prompt (or nothing), and
        the cache's epoch it was read in (for ``_keep``)."""
        if self.prefix_cache is None:
            return None, 0
        from transformers import DynamicCache

        past = DynamicCache(config=self._model.config)
        hit = self.prefix_cache.lookup(prompt_ids)
        if hit.layers is not None:
            layers: list[Any] = list(past.layers)
            for layer, (keys, values) in zip(layers, hit.layers, strict=True):
                layer.update(keys, values)  # copies (torch.cat): the stored tensors stay as they are
        usage.cached_tokens = hit.length
        return past, hit.epoch

    def _keep(self, past: Any, ids: list[int], epoch: int) -> None:
        """Store what this request processed: prompt and reply but the last token, which
        generate() samples and never feeds back."""
        if self.prefix_cache is None or past is None:
            return
        length = past.get_seq_length()
        if 0 < length <= len(ids):
            layers = [(layer.keys, layer.values) for layer in past.layers]
            self.prefix_cache.store(ids[:length], layers, epoch=epoch)

    def _generation_config(self, options: GenerationOptions) -> Any:
        generation_config = copy.deepcopy(self._model.generation_config)
        generation_config.max_new_tokens = options.max_new_tokens
        generation_config.eos_token_id = self._stop_ids
        if generation_config.pad_token_id is None:
            generation_config.pad_token_id = self._tokenizer.pad_token_id or self._stop_ids[0]
        if options.greedy:
            generation_config.do_sample = False
            # unset sampling knobs so transformers does not warn that they are ignored
            generation_config.temperature = None
            generation_config.top_p = None
            generation_config.top_k = None
        else:
            generation_config.do_sample = True
            generation_config.temperature = options.temperature
            generation_config.top_p = options.top_p if options.top_p > 0 else 1e-6
        return generation_config

    def forget_prompts(self) -> None:
        # the batching scheduler holds this same cache object: one clear covers both paths
        if self.prefix_cache is not None:
            self.prefix_cache.clear()

    def ping(self) -> None:
        if self._model is None:
            raise BackendError("The model has been unloaded.")

    def close(self) -> None:
        if self._scheduler is not None:
            self._scheduler.close()
            self._scheduler = None
        self._model = None
        try:
            import torch

            if torch.cuda.is_available():
                torch.cuda.empty_cache()
        except ImportError:  # pragma: no cover - torch is a hard dependency of this backend
            pass


def _cache_is_plain(model: Any) -> bool:
    """Prefix reuse needs every layer's cache to be a plain DynamicLayer (no sliding
    window, no linear attention), which is what Qwen2.5 and Qwen3 use."""
    from transformers import DynamicCache
    from transformers.cache_utils import DynamicLayer

    try:
        layers = DynamicCache(config=model.config).layers
    except (AttributeError, TypeError, ValueError):
        return False
    return bool(layers) and all(type(layer) is DynamicLayer for layer in layers)


def _cpu_dtype(requested: str | None, config: Any) -> Any:
    """fp32 on most CPUs (bf16 matmuls are emulated there, slower than fp32); bf16 where
    the CPU runs it natively (AMX / AVX-512 BF16: 3x faster prompt processing), unless the
    model is so small that per-operation overhead, not arithmetic, sets its speed."""
    import torch

    from console.models import cpu_has_fast_bf16

    if requested is not None:
        return {"float32": torch.float32, "bfloat16": torch.bfloat16}[requested]
    hidden = getattr(config, "hidden_size", 0) or 0
    if cpu_has_fast_bf16() and hidden >= 512 and getattr(config, "quantization_config", None) is None:
        return torch.bfloat16
    return torch.float32


def _load_config(source: str, trust_remote_code: bool) -> Any:
    from transformers import AutoConfig

    return AutoConfig.from_pretrained(source, trust_remote_code=trust_remote_code)


def _attach_adapter(model: Any, adapter: str, merge: bool) -> Any:
    from peft import PeftModel

    if not Path(adapter, "adapter_config.json").is_file():
        raise ModelLoadError(f"--adapter {adapter} holds no adapter_config.json (a peft LoRA adapter).")
    model = PeftModel.from_pretrained(model, adapter)
    # Merging removes the per-layer LoRA matmuls; quantized bases cannot be merged into.
    return model.merge_and_unload() if merge else model


def _stop_token_ids(model: Any, tokenizer: Any) -> list[int]:
    ids: list[int] = []
    configured = model.generation_config.eos_token_id
    if isinstance(configured, int):
        ids.append(configured)
    elif configured:
        ids.extend(int(i) for i in configured)
    for token in (IM_END, tokenizer.eos_token):
        if token:
            token_id = tokenizer.convert_tokens_to_ids(token)
            if isinstance(token_id, int) and token_id != tokenizer.unk_token_id and token_id not in ids:
                ids.append(token_id)
    if not ids:
        raise ModelLoadError("The model defines no end-of-sequence token; it could never stop.")
    return ids


def _defaults_from_generation_config(model: Any) -> GenerationOptions:
    """Slider defaults from the checkpoint's generation_config.json where it has them."""
    gc = model.generation_config
    base = GenerationOptions()
    temperature = gc.temperature if gc.do_sample and gc.temperature is not None else base.temperature
    top_p = gc.top_p if gc.do_sample and gc.top_p is not None else base.top_p
    max_new = gc.max_new_tokens or base.max_new_tokens
    lo, hi = MAX_NEW_TOKENS_RANGE
    try:
        return GenerationOptions(
            temperature=float(min(max(temperature, 0.0), 2.0)),
            top_p=float(min(max(top_p, 0.0), 1.0)),
            max_new_tokens=int(min(max(max_new, lo), hi)),
        )
    except (TypeError, ValueError):
        return base


# Quiet the per-call warning about generation flags when sampling knobs are unset above.
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
