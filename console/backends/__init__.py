"""Model backends behind one small interface (:class:`console.backends.base.Backend`).

``create_backend(config)`` picks one by ``config.backend``; the heavy modules are imported
only when their backend is chosen, so ``--backend openai`` never imports torch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from console.backends.base import Backend, BackendInfo, ChatMessage, Usage

if TYPE_CHECKING:
    from console.config import Config

__all__ = [
    "Backend",
    "BackendInfo",
    "BackendLoader",
    "ChatMessage",
    "Usage",
    "backend_loader",
    "create_backend",
]


def create_backend(config: Config) -> Backend:
    """The backend ``config`` asks for, with its model chosen, located and loaded."""
    return backend_loader(config).load()


@dataclass(frozen=True)
class BackendLoader:
    """A backend whose model is chosen and located (cheap, may raise at once) but not yet
    loaded (seconds to minutes): ``load()`` does that. ``info`` describes it meanwhile."""

    info: BackendInfo
    load: Callable[[], Backend]


def backend_loader(config: Config) -> BackendLoader:
    """Choose and locate the model ``config`` asks for; loading is left to the caller.

    The only place that reads :class:`Config` for the model: a ``.gguf`` file runs through
    llama.cpp (its own CPU kernels, no de-quantizing), everything else (hub ids, model
    directories, GPTQ checkpoints) through transformers. A model that cannot be found
    raises ModelNotFoundError here, before anything is loaded or written.
    """
    if config.backend == "openai":
        from console.backends.openai_engine import OpenAIEngineBackend

        remote = OpenAIEngineBackend.from_config(config)
        return BackendLoader(remote.info, lambda: remote)
    from console.errors import ModelLoadError
    from console.models import choose_model, cuda_available, is_gguf, locate_model

    cuda = cuda_available()
    if config.device == "cuda" and not cuda:
        raise ModelLoadError(
            "--device cuda was given but torch sees no CUDA GPU "
            "(install a CUDA build of torch, see README 'GPU install')."
        )
    choice = choose_model(config.model, cuda_available=cuda, device=config.device)
    located = locate_model(choice, implicit_default=config.model is None)
    device = "cuda" if cuda and config.device in ("auto", "cuda") else "cpu"
    prefix_cache_mb = config.prefix_cache_mb
    if is_gguf(located.model) and not config.adapter:
        from console.backends.llama_cpp import LlamaCppBackend, llama_cpp_available

        if llama_cpp_available():

            def load_gguf() -> Backend:
                print(f"Model: {located.model} on cpu (llama.cpp) — {located.reason}", flush=True)
                return LlamaCppBackend.load(located.model, prefix_cache_mb=prefix_cache_mb)

            return BackendLoader(
                BackendInfo(backend="llama.cpp", model=located.model, device="cpu"), load_gguf
            )
        print("llama-cpp-python is not installed: loading the GGUF file with transformers", flush=True)

    def load_transformers() -> Backend:
        from console.backends.transformers_local import TransformersBackend

        print(f"Model: {located.model} on {device} — {located.reason}", flush=True)
        return TransformersBackend.load(
            located.model,
            device=device,
            adapter=config.adapter,
            trust_remote_code=config.trust_remote_code,
            prefix_cache_mb=prefix_cache_mb,
        )

    return BackendLoader(
        BackendInfo(backend="transformers", model=located.model, device=device), load_transformers
    )
