"""Serve the page while the model loads.

Loading a model takes seconds to minutes. The console starts its server first and loads in
a background thread, so the page is reachable at once and says what is happening instead
of refusing connections. :class:`LoadingBackend` stands in for the real backend meanwhile:
``ping`` reports not ready (``/readyz`` answers 503), a message typed now waits for the
model and is answered as soon as it is up, and :meth:`LoadingBackend.status` says how long
it has been loading (or why it failed) for the page's banner.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence

from console.backends.base import Backend, BackendInfo, ChatMessage, Usage
from console.errors import BackendError, ConsoleError
from console.options import GenerationOptions

log = logging.getLogger(__name__)

#: how often a waiting turn looks at its cancel event
_POLL_S = 0.1


class LoadingBackend:
    """A backend that becomes ``load()``'s result once it has loaded (see module doc)."""

    def __init__(self, load: Callable[[], Backend], info: BackendInfo) -> None:
        self._placeholder = info
        self._backend: Backend | None = None
        self._error: str | None = None
        self._done = threading.Event()
        self._started = time.monotonic()
        self._thread = threading.Thread(target=self._load, args=(load,), name="model-loader", daemon=True)
        self._thread.start()

    def _load(self, load: Callable[[], Backend]) -> None:
        try:
            self._backend = load()
            log.info("model loaded in %.1f s", time.monotonic() - self._started)
        except ConsoleError as exc:
            self._error = exc.message
            log.error("the model failed to load: %s", exc.message)
        except Exception as exc:  # a bug or a library failure: reported, never swallowed silently
            self._error = f"{type(exc).__name__}: {exc}"
            log.exception("the model failed to load")
        finally:
            self._done.set()

    # ------------------------------------------------------------ state

    @property
    def loaded(self) -> Backend | None:
        return self._backend

    def status(self) -> tuple[str, float] | None:
        """None once the model answers; else ("loading" or the failure, seconds so far)."""
        if self._backend is not None:
            return None
        if self._error is not None:
            return self._error, 0.0
        return "loading", time.monotonic() - self._started

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    # ------------------------------------------------------------ Backend

    @property
    def info(self) -> BackendInfo:
        return self._backend.info if self._backend is not None else self._placeholder

    def stream(
        self,
        messages: Sequence[ChatMessage],
        options: GenerationOptions,
        cancel: threading.Event | None = None,
        usage: Usage | None = None,
        *,
        scope: str | None = None,
    ) -> Iterator[str]:
        while not self._done.wait(_POLL_S):
            if cancel is not None and cancel.is_set():
                return
        if self._backend is None:
            raise BackendError(f"The model could not be loaded: {self._error}")
        yield from self._backend.stream(messages, options, cancel, usage, scope=scope)

    def forget_prompts(self) -> None:
        if self._backend is not None:
            self._backend.forget_prompts()

    def ping(self) -> None:
        if self._backend is not None:
            self._backend.ping()
            return
        if self._error is not None:
            raise BackendError(f"The model could not be loaded: {self._error}")
        raise BackendError(f"The model is still loading ({time.monotonic() - self._started:.0f} s so far).")

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()
