"""The console's one error tree.

Every failure the console knows how to describe is a :class:`ConsoleError`. Errors of the
libraries underneath (transformers, httpx/openai, SQLAlchemy, cryptography) are translated
into this tree once, at the boundary where they are caught, with ``raise X(...) from exc``
so the cause stays in the traceback for operators while the message stays fit for a user.

The edges translate the tree again and nowhere else:

* ``console/ui/errors.py`` turns a ``ConsoleError`` into ``gr.Error`` (or a chat notice) in the
  viewer's language: its ``notice`` (a key of ``prompts/_i18n/messages.yaml``), or one picked
  by its kind; the English ``message`` is for programs and logs;
* ``console/api.py`` turns it into an HTTP status with an OpenAI-style error body;
* ``app.py`` turns a ``ConfigError`` into a one-line message and exit status 2.

::

    ConsoleError
    ├── ConfigError            bad flag, env var or config value (names the setting)
    ├── InputError             a customer message or parameter the console refuses
    │   └── OptionsError       generation options out of range or unknown
    ├── BackendError           the model could not answer
    │   ├── ModelNotFoundError the model path / hub id cannot be found or fetched
    │   ├── ModelLoadError     the files exist but do not load
    │   └── EngineError        a remote engine failed (connection, timeout, HTTP error)
    ├── StoreError             the transcript store failed
    │   ├── DatabaseBusyError  locked or busy for now, nothing written: retried, then 503
    │   │                      (defined in console.store.engine, beside the SQL it reads)
    │   └── KeyMismatchError   the encryption key cannot decrypt existing rows
    ├── LimitError             a rate or size limit was hit (carries retry_after)
    │   └── OwnerBusyError     one client address already has its turns in the generation line
    ├── AccessError            a staff function asked for by someone who is not staff
    └── ConflictError          another person answers this conversation (carries holder)
"""

from __future__ import annotations

from collections.abc import Mapping


class ConsoleError(Exception):
    """Base of every error the console raises on purpose.

    ``str(error)`` is a complete English sentence for a program (the API's error body) and the
    operator's log; it never contains transcript text. A person on the page reads
    ``notice``, in their own language (console/ui/errors.py): the page serves 18 languages,
    and an English sentence from deep in the console reached a Portuguese customer as is.
    """

    #: short machine-readable kind, used in metrics, logs and API error bodies
    kind: str = "console_error"
    #: the key of what a person on the page is told (``notices`` in
    #: prompts/_i18n/messages.yaml, filled in with ``values``); None: the page picks the
    #: notice by ``kind``
    notice: str | None = None
    #: ``message`` is already in the language of the person who caused it (the pipeline's
    #: limit and length refusals, in the customer's language): the page shows it as it is
    localized: bool = False

    def __init__(
        self,
        message: str,
        *,
        notice: str | None = None,
        values: Mapping[str, object] | None = None,
        localized: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        if notice is not None:
            self.notice = notice
        self.values: dict[str, object] = dict(values or {})
        self.localized = localized


class ConfigError(ConsoleError):
    """A setting is missing or invalid. ``setting`` names the flag or variable."""

    kind = "config_error"

    def __init__(self, setting: str, message: str) -> None:
        super().__init__(f"{setting}: {message}")
        self.setting = setting


class InputError(ConsoleError):
    """The console refuses an input (empty, too long, not text)."""

    kind = "invalid_request_error"

    def __init__(
        self,
        message: str,
        field: str | None = None,
        *,
        notice: str | None = None,
        values: Mapping[str, object] | None = None,
        localized: bool = False,
    ) -> None:
        super().__init__(message, notice=notice, values=values, localized=localized)
        self.field = field


class OptionsError(InputError):
    """Generation options are out of range or unknown."""


class BackendError(ConsoleError):
    """The model backend could not produce an answer."""

    kind = "backend_error"


class ModelNotFoundError(BackendError):
    kind = "model_not_found"


class ModelLoadError(BackendError):
    kind = "model_load_error"


class EngineError(BackendError):
    """A remote OpenAI-compatible engine failed: unreachable, timed out or answered an error."""

    kind = "engine_error"


class StoreError(ConsoleError):
    kind = "store_error"


class KeyMismatchError(StoreError):
    kind = "key_mismatch"


class LimitError(ConsoleError):
    """A rate, size or turn limit was hit. ``retry_after`` is in seconds when known."""

    kind = "rate_limit_error"

    def __init__(self, message: str, retry_after: float | None = None, *, localized: bool = False) -> None:
        super().__init__(message, localized=localized)
        self.retry_after = retry_after


class OwnerBusyError(LimitError):
    """One owner (a chat client's address) already holds as many places in the generation
    line as it may (``--client-concurrency``, console/admission.py); ``limit`` is that cap.
    Nothing waits: the turn is refused at once, and the customer sends it again later."""

    notice = "client_busy"

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"This client already has {limit} messages being answered or waiting; "
            "send this one again when one of them is answered."
        )
        self.limit = limit


class AccessError(ConsoleError):
    """A staff-only function was called by a customer, anonymously, or as a non-operator."""

    kind = "permission_error"


class ConflictError(ConsoleError):
    """Another person already answers the conversation; taking it (or answering in it) would
    make two people talk over each other. ``holder`` is who answers it now."""

    kind = "conflict_error"

    def __init__(self, holder: str, since: object = None) -> None:
        super().__init__("Another person from the team is answering this conversation.")
        self.holder = holder
        #: when ``holder`` took it (their last "taken" event): a confirmation names this
        #: holding, so one given before the holder handed back and took it again is stale
        self.since = since
