"""The page's edge of the error tree: what a person is shown, and the one line the log gets.

Gradio prints a full traceback to stderr for every ``gr.Error`` unless told not to, and for
every value a component refuses. Both are wrong for this console: a refusal (a message too
long, a staff function asked for by a customer, a value no page offers) is the console
working, not a fault, and a traceback per refusal let any caller write ~2.6 KB of stderr per
request; worse, Gradio's own dropdown check echoes the refused value, so a crafted call wrote
whatever it sent (8 MB in one request, seen) into the operator's log, outside the console's
log format and its "no transcript text in logs" rule.

So every refusal the page raises goes through :func:`page_error` (``print_exception=False``, and
one log line naming the error's kind, never its text; a traceback only for a fault: a refusal,
a conversation erased meanwhile included, is the console working), and :class:`ConsoleBlocks`
turns a value Gradio's components refuse into one quiet refusal that does not repeat the value.

What the person reads is in their language, title included (:func:`notice_text`,
:func:`show_warning`, :func:`show_info`): the texts are ``notices`` and ``titles`` in
prompts/_i18n/messages.yaml. A ``ConsoleError``'s own message is English, for programs (the
API) and the log; shown as it was, a Portuguese customer read "The message is empty." and a
Portuguese operator "No conversation with id 01a2…; it may have been erased.".
"""

from __future__ import annotations

import functools
import html
import inspect
import logging
from typing import Any

import gradio as gr

from console import i18n
from console.errors import AccessError, BackendError, ConsoleError, InputError, StoreError
from console.store.repository import NotFoundError
from console.text import data_key, primary
from console.ui.labels import request_language

log = logging.getLogger(__name__)

#: what a crafted call with a value no page sends is told (a browser never sees it)
REFUSED_VALUE = "This request was refused: it carries a value this page does not offer."

#: the notice (messages.yaml) for an error that names none, by its kind: an error class's own
#: ``kind`` or, for a class without one, its nearest ancestor's (TranslationError is a
#: BackendError). The kinds are also what a reply's failure carries (TurnUpdate.error_kind).
NOTICE_BY_KIND = {
    "not_found": "conversation_gone",
    "conflict_error": "conflict",
    "permission_error": "staff_only",
    "invalid_request_error": "invalid_request",
    "config_error": "reload_failed",
    "store_error": "store_failed",
    "key_mismatch": "store_failed",
    "database_busy": "store_failed",
    "backend_error": "backend_failed",
    "model_not_found": "backend_failed",
    "model_load_error": "backend_failed",
    "engine_error": "backend_failed",
}
#: what is said for anything else (a limit the pipeline did not retell, an unknown kind)
FALLBACK_NOTICE = "try_later"
#: the transcript filters' date fields (console.transcripts.parse_filters names them)
DATE_FIELDS = frozenset({"since", "until"})


def viewer(language: str | None = None) -> str:
    """``language``, or else the viewer's: the ``Accept-Language`` of the request whose event
    is being handled (gradio keeps it for the handler's thread, as it does for ``gr.Warning``:
    ``gradio.context.LocalContext``), so a handler without the chat state at hand (the staff
    handlers' ``_do``) still answers in the viewer's language; English outside an event."""
    if language:
        return language
    from gradio.context import LocalContext

    return request_language(LocalContext.request.get(None))


def _messages(language: str) -> i18n.Messages:
    table = i18n.current().messages
    return table.get(data_key(language)) or table.get(primary(language)) or table["en"]


def notice(key: str, language: str | None = None, **values: object) -> str:
    """Notice ``key`` of messages.yaml in ``language`` (None: the viewer's), filled in."""
    return _messages(viewer(language)).notice(key).format(**values)


def title(kind: i18n.NoticeKind, language: str | None = None) -> str:
    """A notice's title ("Error", "Warning", "Info") in ``language``. Given to gradio as the
    notice's ``title``; gradio 6.31's toast still heads it with its English type, so the
    page's script writes this word there (tests/test_notices_browser.py)."""
    return _messages(viewer(language)).titles[kind]


def notice_key(error: ConsoleError) -> str:
    """Which notice tells a person of ``error``."""
    if error.notice is not None:
        return error.notice
    if isinstance(error, InputError) and error.field in DATE_FIELDS:
        return "dates_invalid"  # typed into the transcript filters: the format, not the value
    for cls in type(error).__mro__:
        kind = vars(cls).get("kind")
        if isinstance(kind, str) and kind in NOTICE_BY_KIND:
            return NOTICE_BY_KIND[kind]
    return FALLBACK_NOTICE


def notice_text(error: ConsoleError, language: str | None = None) -> str:
    """What the person on the page is told of ``error``, in ``language`` (None: the viewer's).
    Never an id nor what they sent; a bad data file's name and key (``{detail}`` of a failed
    reload) stay as written, for the operator who edits it."""
    if error.localized:
        return error.message
    # escaped: gradio draws a notice's text as HTML, and a YAML error quotes the file
    detail = html.escape(error.message)
    return notice(notice_key(error), language, **{"detail": detail, **error.values})


def kind_text(kind: str | None, language: str | None = None) -> str:
    """The notice for a failure known by its kind only (a reply's ``TurnUpdate.error_kind``)."""
    return notice(NOTICE_BY_KIND.get(kind or "", FALLBACK_NOTICE), language)


def show_warning(message: str, language: str | None = None) -> None:
    """``gr.Warning`` titled in ``language`` (gradio's own title is English: :func:`title`)."""
    gr.Warning(message, title=title("warning", language))


def show_info(message: str, language: str | None = None) -> None:
    """``gr.Info`` titled in ``language``."""
    gr.Info(message, title=title("info", language))


def is_fault(error: ConsoleError) -> bool:
    """A failure someone must look into (the database, the model), not a refusal: a
    conversation a colleague erased is not found, and that is the console working."""
    return isinstance(error, StoreError | BackendError) and not isinstance(error, NotFoundError)


def page_error(error: ConsoleError | str, language: str | None = None) -> gr.Error:
    """The ``gr.Error`` to raise for ``error``, in ``language`` (None: the viewer's), logged
    once by kind and without a traceback on stderr. A ``ConsoleError``'s message never holds
    transcript text (console/errors.py); a plain string is one of the page's own notices
    ("wait for the reply"), already in the viewer's language, and is not logged."""
    heading = title("error", language)
    if isinstance(error, str):
        return gr.Error(error, title=heading, print_exception=False)
    if is_fault(error):
        # a failure the operator must look into: the cause chain (library errors, translated
        # at the boundary that caught them) goes with it
        log.error("shown to the person: %s (%s)", error.kind, type(error).__name__, exc_info=error)
    elif isinstance(error, AccessError):
        log.warning("refused a staff function to a caller who is not staff")
    else:
        # one line: a refusal (a conversation erased meanwhile, a colleague's, a bad value)
        log.info("refused: %s", error.kind)
    return gr.Error(notice_text(error, language), title=heading, print_exception=False)


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
        if iterator is None and event_data is not None and not _event_data_builds(fn.fn, event_data._data):
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


def _event_data_builds(fn: Any, data: Any) -> bool:
    """Whether Gradio can build the event data ``fn`` asks for (a parameter typed as one,
    read the way ``gradio.helpers.special_args`` reads it) from the ``data`` the call
    brought: none at all, or a like without its ``value``, an edit without its
    ``previous_value``, a row selected without its ``index`` (an outside tester's crafted
    calls) failed inside Gradio with a traceback in the log for each."""
    for kind in _event_data_kinds(fn):
        if data is None:
            return False
        try:
            kind(None, data)
        except Exception:  # whatever Gradio's own constructor would have raised
            return False
    return True


@functools.lru_cache(maxsize=1024)
def _event_data_kinds(fn: Any) -> tuple[type[gr.EventData], ...]:
    """The event data classes ``fn``'s parameters are typed as (once per handler: every
    event's call asks)."""
    from gradio.utils import get_type_hints

    hints: dict[str, Any] = get_type_hints(fn)  # type: ignore[no-untyped-call]
    return tuple(hint for hint in hints.values() if inspect.isclass(hint) and issubclass(hint, gr.EventData))
