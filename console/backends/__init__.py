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
    if config.backend == "openai":
        from console.backends.openai_engine import OpenAIEngineBackend

        return OpenAIEngineBackend.from_config(config)
    from console.backends.transformers_local import TransformersBackend

    return TransformersBackend.from_config(config)
