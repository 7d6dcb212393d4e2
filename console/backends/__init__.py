"""Model backends behind one small interface (:class:`console.backends.base.Backend`).

``create_backend(config)`` picks one by ``config.backend``; the heavy modules are imported
only when their backend is chosen, so ``--backend openai`` never imports torch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from console.backends.base import Backend, BackendInfo, ChatMessage, Usage

if TYPE_CHECKING:
    from console.config import Config

__all__ = ["Backend", "BackendInfo", "ChatMessage", "Usage", "create_backend"]


def create_backend(config: Config) -> Backend:
    """The backend ``config`` asks for, with its model chosen and located.

    The only place that reads :class:`Config` for the model: a ``.gguf`` file runs through
    llama.cpp (its own CPU kernels, no de-quantizing), everything else (hub ids, model
    directories, GPTQ checkpoints) through transformers.
    """
    if config.backend == "openai":
        from console.backends.openai_engine import OpenAIEngineBackend

        return OpenAIEngineBackend.from_config(config)
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
            print(f"Model: {located.model} on cpu (llama.cpp) — {located.reason}", flush=True)
            return LlamaCppBackend.load(located.model, prefix_cache_mb=prefix_cache_mb)
        print("llama-cpp-python is not installed: loading the GGUF file with transformers", flush=True)
    from console.backends.transformers_local import TransformersBackend

    print(f"Model: {located.model} on {device} — {located.reason}", flush=True)
    return TransformersBackend.load(
        located.model,
        device=device,
        adapter=config.adapter,
        trust_remote_code=config.trust_remote_code,
        prefix_cache_mb=prefix_cache_mb,
    )
