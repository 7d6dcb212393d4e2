"""The page's edge of the error tree: what a person is shown, and the one line the log gets.

Gradio prints a full traceback to stderr for every ``gr.Error`` unless told not to, and for
every value a component refuses. Both are wrong for this console: a refusal (a message too
long, a staff function asked for by a customer, a value no page offers) is the console
working, not a fault, and a traceback per refusal let any caller write ~2.6 KB of stderr per
request; worse, Gradio's own dropdown check echoes the refused value, so a crafted call wrote
whatever it sent (8 MB in one request, seen) into the operator's log, outside the console's
log format and its "no transcript text in logs" rule.

So every refusal the page raises goes through :func:`page_error` (``print_exception=False``, and
one log line naming the error's kind, never its text), and :class:`ConsoleBlocks` turns a
value Gradio's components refuse into one quiet refusal that does not repeat the value.
"""

from __future__ import annotations

import inspect
import logging
from typing import Any

import gradio as gr

from console.errors import AccessError, BackendError, ConsoleError, StoreError

log = logging.getLogger(__name__)

#: what a crafted call with a value no page sends is told (a browser never sees it)
REFUSED_VALUE = "This request was refused: it carries a value this page does not offer."


def page_error(error: ConsoleError | str) -> gr.Error:
    """The ``gr.Error`` to raise for ``error``, logged once by kind and without a traceback
    on stderr. A ``ConsoleError``'s message never holds transcript text (console/errors.py);
    a plain string is one of the page's own notices ("wait for the reply") and is not logged."""
    if isinstance(error, str):
        return gr.Error(error, print_exception=False)
    if isinstance(error, StoreError | BackendError):
        # a failure the operator must look into: the cause chain (library errors, translated
        # at the boundary that caught them) goes with it
        log.error("shown to the person: %s (%s)", error.kind, type(error).__name__, exc_info=error)
    elif isinstance(error, AccessError):
        log.warning("refused a staff function to a caller who is not staff")
    else:
        log.info("refused: %s", error.kind)
    return gr.Error(error.message, print_exception=False)


class ConsoleBlocks(gr.Blocks):
    """``gr.Blocks`` whose input check fails quietly.

    A value an input component refuses (a dropdown choice the page never offered, text where
    a slider's number goes, the wrong number of inputs) comes only from a crafted call:
    Gradio would print its traceback with the value in it. Here the caller gets
    :data:`REFUSED_VALUE`, the log gets the event's name and the error's class, and nothing
    the caller sent. One override instead of a subclass per component type, because the
    check it quiets is Gradio's, for every type. ``preprocess_data`` is Gradio's own step
    (gradio is pinned in requirements.txt; ``tests/test_hostile_http.py`` fails if a new
    version stops calling it, since the value would be in the log again).

    Likewise an event that hands its handler Gradio's event data (a like, an edit, a row
    selected) called without any: Gradio would fail building it, with a traceback."""

    async def preprocess_data(
        self, block_fn: Any, inputs: list[Any], state: Any, explicit_call: bool = False
    ) -> Any:
        try:
            return await super().preprocess_data(block_fn, inputs, state, explicit_call)
        except Exception as exc:
            log.warning("refused a call to %s: an input was refused (%s)", block_fn.name, type(exc).__name__)
            raise gr.Error(REFUSED_VALUE, print_exception=False) from None

    async def call_function(
        self,
        block_fn: Any,
        processed_input: list[Any],
        iterator: Any = None,
        requests: Any = None,
        event_id: str | None = None,
        event_data: Any = None,
        in_event_listener: bool = False,
        state: Any = None,
        oauth_token: Any = None,
    ) -> Any:
        fn = self.fns[block_fn] if isinstance(block_fn, int) else block_fn
        if (
            iterator is None
            and event_data is not None
            and event_data._data is None
            and _wants_event_data(fn.fn)
        ):
            log.warning("refused a call to %s: it came without its event data", fn.name)
            raise gr.Error(REFUSED_VALUE, print_exception=False)
        return await super().call_function(
            block_fn,
            processed_input,
            iterator,
            requests,
            event_id,
            event_data,
            in_event_listener,
            state,
            oauth_token,
        )


def _wants_event_data(fn: Any) -> bool:
    """Whether Gradio would build event data for ``fn``: a parameter typed as one, read the
    way ``gradio.helpers.special_args`` reads it."""
    from gradio.utils import get_type_hints

    hints: dict[str, Any] = get_type_hints(fn)  # type: ignore[no-untyped-call]
    return any(inspect.isclass(hint) and issubclass(hint, gr.EventData) for hint in hints.values())
