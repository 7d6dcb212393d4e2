"""The page's components by name, and handlers bound to them.

:class:`Wiring` is filled by ``layout.build_ui`` (and by ``rating.py`` and ``insights.py``
for their parts); ``events.py`` binds the handlers of ``chat.py`` and ``staff.py`` through it,
so those return dicts keyed by component name.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import gradio as gr

from console.pipeline import TurnUpdate


def _request_among(args: Sequence[Any], kwargs: dict[str, Any]) -> gr.Request | None:
    """The event's request among a handler's arguments (gradio passes it to handlers that
    declare one), so results can be shaped by who asked."""
    return next((a for a in (*args, *kwargs.values()) if isinstance(a, gr.Request)), None)


class Wiring:
    """Maps handler results (dicts keyed by name) onto this page's components."""

    def __init__(self) -> None:
        self.c: dict[str, Any] = {}
        self.on_update: Callable[[TurnUpdate, gr.Request | None], dict[str, Any]] | None = None
        #: the staff header's "which model runs where" (service.model_line)
        self.model_line = ""

    def __getitem__(self, name: str) -> Any:
        return self.c[name]

    def add(self, name: str, component: Any) -> Any:
        self.c[name] = component
        return component

    def out(self, *names: str) -> list[Any]:
        return [self.c[n] for n in names]

    def _convert(self, result: Any, only: frozenset[str] | None = None, request: Any = None) -> Any:
        if result is None:
            return gr.skip()
        if not isinstance(result, dict):
            return result
        converted = {self.c[k]: v for k, v in result.items() if k in self.c and (only is None or k in only)}
        update = result.get("update")
        if isinstance(update, TurnUpdate) and self.on_update is not None:
            converted.update({self.c[k]: v for k, v in self.on_update(update, request).items()})
        # nothing changed: one skip() leaves every output as it is
        return converted or gr.skip()

    def bind(self, fn: Callable[..., Any], *, only: Sequence[str] | None = None) -> Callable[..., Any]:
        """``fn`` with its results converted; signature and type hints kept, so gradio still
        hands it ``gr.Request`` and event data. ``only``: the results for these components
        alone (gradio refuses a result for a component that is not among the outputs)."""
        keep = frozenset(only) if only is not None else None
        if inspect.isgeneratorfunction(fn):

            @functools.wraps(fn)
            def stream(*args: Any, **kwargs: Any) -> Iterator[Any]:
                request = _request_among(args, kwargs)
                for result in fn(*args, **kwargs):
                    yield self._convert(result, keep, request)

            return stream

        @functools.wraps(fn)
        def call(*args: Any, **kwargs: Any) -> Any:
            return self._convert(fn(*args, **kwargs), keep, _request_among(args, kwargs))

        return call
