"""OpenAI-compatible HTTP API, served by the same server as the UI.

    POST /v1/chat/completions   streaming (SSE) and not; same pipeline as the UI
    GET  /v1/models             one model id per business line ("support/ecommerce", ...)
    GET  /v1/openapi.json       this API's schema, with a key (the UI's own routes are Gradio's)
    GET  /healthz               liveness: the process answers
    GET  /readyz                readiness: model loaded, engine reachable, database reachable
    GET  /metrics               Prometheus text format

Requests go through :class:`console.pipeline.Pipeline`, so language detection, persona,
masking, checks and the transcript store apply exactly as in the chat tab. Domain errors
become HTTP statuses here and nowhere else: InputError → 400 (naming the field), missing or
wrong key → 401, LimitError → 429 with Retry-After, backend/store failure → 503; every error
body has OpenAI's shape ``{"error": {"message", "type", "param", "code"}}``. No client input
produces a 500.

Keys: ``--api-key`` / ``CONSOLE_API_KEYS``. Without any key the API answers only when the
console is bound to loopback and not shared (a developer's machine); otherwise it refuses
every request until a key is configured.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import threading
import time
import uuid
import weakref
from collections.abc import AsyncIterator, Callable, Iterator
from contextvars import ContextVar
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute, Mount

from console.admission import Admission
from console.errors import BackendError, ConsoleError, InputError, LimitError, StoreError
from console.http_limits import api_body_limit, is_local_host_name, limited_receive, refuse_declared
from console.language import SERVED_LANGUAGES
from console.options import GenerationOptions
from console.pipeline import TurnRequest, TurnUpdate
from console.store.records import shown_to_customer
from console.store.repository import NotFoundError
from console.text import accepted_language, served

if TYPE_CHECKING:
    from console.service import ConsoleApp
    from console.store.records import MessageRecord
    from console.store.repository import TranscriptStore

log = logging.getLogger(__name__)

MODEL_PREFIX = "support"
#: the request id of the HTTP request being handled, for structured logs
request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
#: routes under /v1 anyone may read: none. The schema was public, while the README promised
#: signed-out HTTP no route schema (an outside tester); every path, unknown ones included,
#: needs the key before anything else about the request is looked at
_PUBLIC_ROUTES: frozenset[str] = frozenset()
#: conversation ids are uuid7 strings; anything else cannot name a conversation
_CONVERSATION_ID_RE = re.compile(r"[0-9a-fA-F-]{1,64}")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")

# Fields of OpenAI's request that the console accepts and ignores because they cannot
# change the answer's meaning here; anything else unknown is refused with 400.
_IGNORED = {
    "user",
    "stream_options",
    "metadata",
    "store",
    "logit_bias",
    "parallel_tool_calls",
    "service_tier",
    "modalities",
    "prediction",
    "reasoning_effort",
}
_NEUTRAL_DEFAULTS: dict[str, Any] = {
    "n": 1,
    "presence_penalty": 0,
    "frequency_penalty": 0,
    "logprobs": False,
    "top_logprobs": None,
    "stop": None,
    "tools": None,
    "tool_choice": None,
    "response_format": None,
    "functions": None,
    "function_call": None,
}


class ApiMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: str
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):  # content parts: keep the text parts
            return "".join(str(part.get("text", "")) for part in self.content if part.get("type") == "text")
        return self.content or ""


# Strict: JSON ``true`` is not the number 1 and "yes" is not a boolean (OpenAI refuses both).
StrictFloat = Annotated[float, Field(strict=True)]


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(extra="allow")
    model: str = Field(default=MODEL_PREFIX, description="'support' or 'support/<business line>'")
    messages: list[ApiMessage] = Field(min_length=1)
    stream: StrictBool = False
    temperature: StrictFloat | None = None
    top_p: StrictFloat | None = None
    max_tokens: StrictInt | None = None
    max_completion_tokens: StrictInt | None = None
    seed: StrictInt | None = None
    conversation_id: str | None = Field(default=None, description="continue a stored conversation")
    business_line: str | None = None
    language: str | None = Field(default=None, description="force a language instead of detecting it")


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        type_: str,
        param: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.type, self.param, self.headers = (
            status,
            message,
            type_,
            param,
            headers,
        )


def error_response(
    status: int, message: str, type_: str, param: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = {"error": {"message": message, "type": type_, "param": param, "code": type_}}
    return JSONResponse(body, status_code=status, headers=headers)


def translate(exc: ConsoleError) -> ApiError:
    """The one place where domain errors become HTTP statuses."""
    if isinstance(exc, LimitError):
        retry = max(1, round(exc.retry_after or 1))
        return ApiError(429, exc.message, "rate_limit_error", headers={"Retry-After": str(retry)})
    if isinstance(exc, InputError):
        return ApiError(400, exc.message, "invalid_request_error", exc.field)
    if isinstance(exc, BackendError | StoreError):
        return ApiError(503, exc.message, exc.kind)
    return ApiError(500, exc.message, exc.kind)


#: how long an API call waits for a generation slot before it gets 429
QUEUE_WAIT_S = 30.0


def _acquire(admission: Admission, wait_s: float = QUEUE_WAIT_S) -> Callable[[], None]:
    """A generation slot from the console's one gate (shared with the chat, first come first
    served), or LimitError (429) after ``wait_s``; returns the idempotent release.

    The API also ties the release to the lifetime of the turn's generator
    (``weakref.finalize``), so a client that disconnects before the streamed body even
    starts still gives its slot back.
    """
    ticket = admission.join()
    if not ticket.wait(wait_s):
        ticket.release()
        raise LimitError("The console is busy; please retry shortly.", retry_after=5)
    return ticket.release


class _ClosingStreamingResponse(StreamingResponse):
    """A StreamingResponse that always closes its body iterator.

    Starlette stops pulling the body when the client has gone (the write fails) but does
    not close it, so the generator would sit suspended, holding its generation slot and an
    unfinished turn, until garbage collection. Closing runs the body's ``finally`` now.
    """

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            aclose = getattr(self.body_iterator, "aclose", None)
            if aclose is not None:
                await aclose()


def build_api(app: ConsoleApp) -> FastAPI:
    """A FastAPI sub-application, mounted at /v1 by :func:`routes`."""
    config, pipeline = app.config, app.pipeline
    metrics = app.metrics
    assert app.context is not None
    admission = app.context.admission
    metrics.track_queue(lambda: admission.waiting)
    keys = tuple(config.api_keys)
    loopback = config.host in ("127.0.0.1", "localhost", "::1")
    open_without_key = not keys and loopback and not config.share

    api = FastAPI(
        title="Support console API",
        version="1",
        # No /docs: FastAPI's Swagger page loads its script from a CDN, which would then run
        # on the console's own origin, beside a signed-in operator's session (and shows a
        # blank page offline). The schema is served; any OpenAPI viewer reads it.
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        description="OpenAI-compatible chat completions through the support console's pipeline.",
    )

    def check_key(request: Request) -> None:
        if open_without_key:
            # only to this machine by name as well as by bind: a page whose name is
            # re-pointed at 127.0.0.1 (DNS rebinding) must not reach a keyless API
            if is_local_host_name(request.headers.get("host", "")):
                return
            raise ApiError(
                401,
                "Without --api-key the API answers only at localhost or 127.0.0.1.",
                "authentication_error",
            )
        if not keys:
            raise ApiError(
                401, "The API is disabled: start the console with --api-key KEY.", "authentication_error"
            )
        if not _key_valid(request, keys):
            raise ApiError(
                401, "Missing or wrong API key (send 'Authorization: Bearer KEY').", "authentication_error"
            )

    api.state.check_key = check_key  # checked by _ApiMiddleware before the body is read (routes())

    @api.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message, exc.type, exc.param, exc.headers)

    @api.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # FastAPI's own 400s (a body it cannot even decode), 404s and 405s, in OpenAI's shape
        if exc.status_code == 400:
            return error_response(
                400,
                "The request body must be a JSON object (see GET /v1/openapi.json).",
                "invalid_request_error",
            )
        kind = {401: "authentication_error", 404: "not_found_error"}.get(
            exc.status_code, "invalid_request_error"
        )
        return error_response(exc.status_code, str(exc.detail), kind)

    @api.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        loc = [str(p) for p in first.get("loc", ()) if p != "body"]
        if first.get("type") == "json_invalid" or not loc:
            return error_response(
                400,
                "The request body must be a JSON object (see GET /v1/openapi.json).",
                "invalid_request_error",
            )
        return error_response(
            400,
            f"{'.'.join(loc) or 'body'}: {first.get('msg', 'invalid value')}",
            "invalid_request_error",
            ".".join(loc) or None,
        )

    @api.get("/models")
    def list_models(request: Request) -> dict[str, Any]:
        check_key(request)
        lines = pipeline.personas.business_lines()
        ids = [MODEL_PREFIX, *(f"{MODEL_PREFIX}/{line}" for line in lines)]
        return {
            "object": "list",
            "data": [{"id": i, "object": "model", "created": 0, "owned_by": "support-console"} for i in ids],
        }

    @api.post("/chat/completions", response_model=None)
    def chat_completions(body: ChatCompletionRequest, request: Request) -> Response:
        check_key(request)
        turn = _turn_request(body, request, config.business_line, pipeline.personas.business_lines(), keys)
        try:
            release = _acquire(admission)
        except LimitError as exc:
            raise translate(exc) from exc
        updates = pipeline.stream_turn(turn)
        weakref.finalize(updates, release)
        try:
            first = next(updates)  # validation, detection and storage errors surface here
        except ConsoleError as exc:
            release()
            raise translate(exc) from exc
        except BaseException:
            release()
            raise
        completion_id = f"chatcmpl-{uuid.uuid4().hex}"
        headers = {"X-Conversation-Id": first.conversation_id or ""}
        if body.stream:
            stream_options = (body.model_extra or {}).get("stream_options") or {}
            include_usage = isinstance(stream_options, dict) and bool(stream_options.get("include_usage"))
            return _ClosingStreamingResponse(
                _sse(
                    first,
                    updates,
                    completion_id,
                    body.model,
                    include_usage,
                    release,
                    request,
                    partial(pipeline.cancel, turn.session, interrupted=True),
                    pipeline.store,
                ),
                media_type="text/event-stream",
                headers=headers,
            )
        try:
            last = first
            for update in updates:
                last = update
        except ConsoleError as exc:
            raise translate(exc) from exc
        finally:
            release()
        failure = _failure(last)
        if failure is not None:
            raise ApiError(503, failure["message"], failure["type"], headers=headers)
        handling = _handling(pipeline.store, last)
        return JSONResponse(_completion(last, completion_id, body.model, handling), headers=headers)

    @api.get("/conversations/{conversation_id}")
    def read_conversation(conversation_id: str, request: Request, after: str | None = None) -> dict[str, Any]:
        """The conversation as its customer's chat shows it, for a client whose conversation
        went to a person: who answers now and the messages (``after``: only those after
        that message id). Only the key that started it reads it; anyone else's, a chat
        page's, an erased or unknown id is the same 404."""
        check_key(request)
        if not _CONVERSATION_ID_RE.fullmatch(conversation_id):
            raise ApiError(
                400, "conversation_id: not a conversation id", "invalid_request_error", "conversation_id"
            )
        store = pipeline.store
        missing = ApiError(404, "No such conversation for this key.", "not_found_error", "conversation_id")
        if store is None:
            raise missing
        try:
            if store.owner_of(conversation_id) != _caller(request, keys):
                raise missing
            record = store.get_conversation(conversation_id)
        except NotFoundError:
            raise missing from None
        except ConsoleError as exc:
            raise translate(exc) from exc
        shown = [m for m in record.messages if shown_to_customer(m)]
        if after is not None:
            ids = [m.id for m in shown]
            if after not in ids:
                raise ApiError(
                    400, "after: not a message of this conversation", "invalid_request_error", "after"
                )
            shown = shown[ids.index(after) + 1 :]
        return {
            "id": record.id,
            "object": "conversation",
            "status": record.status,
            "language": record.language,
            **_handled(record.handler, record.assignee),
            "messages": [_message_json(m) for m in shown],
        }

    def openapi_schema() -> dict[str, Any]:
        if api.openapi_schema is None:
            api.openapi_schema = get_openapi(
                title=api.title,
                version=api.version,
                description=api.description,
                routes=api.routes,
                servers=[{"url": "/v1"}],
            )
        return api.openapi_schema

    api.openapi = openapi_schema  # type: ignore[method-assign]
    return api


class _ApiMiddleware:
    """Request ids, the key check, the body limit and the request log for everything under /v1.

    A plain ASGI middleware rather than ``@app.middleware("http")``: Starlette's
    BaseHTTPMiddleware passes every body chunk through a stream between two tasks and makes
    ``request.is_disconnected()`` start a task group, which for a streamed reply (an SSE
    event per update, eight streams at once) cost more of the event loop than the HTTP
    itself (bench/batching.py, profiled).

    ``max_body``: the largest body taken (:func:`console.http_limits.api_body_limit`); Gradio's
    own limit does not cover /v1, and a key holder's 400 MB body was read whole.
    """

    def __init__(self, app: Any, check_key: Callable[[Request], None], metrics: Any, max_body: int) -> None:
        self.app, self._check_key, self._metrics, self._max_body = app, check_key, metrics, max_body
        self._too_large = f"The request body is over the API's limit of {max_body} bytes."

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex[:16]
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        path = request.url.path
        route = path.removeprefix("/v1")
        if route.startswith("/conversations/"):
            route = "/conversations/{id}"  # the template: no id in the log or a metric label
        elif route not in ("/chat/completions", "/models", "/openapi.json"):
            route = "other"

        async def send_with_id(message: Any) -> None:
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
                message = {**message, "headers": headers}
                self._metrics.requests.labels(route, str(status)).inc()
                log.info(
                    "api %s %s -> %s in %.0f ms",
                    request.method,
                    route,
                    status,
                    (time.perf_counter() - started) * 1000,
                    extra={"request_id": request_id},
                )
            await send(message)

        try:
            # The key is checked before FastAPI reads or validates the body: a caller
            # without a key learns nothing about what a valid request looks like.
            if (path.removeprefix(scope.get("root_path", "")) or "/") not in _PUBLIC_ROUTES:
                try:
                    self._check_key(request)
                except ApiError as exc:
                    response = error_response(exc.status, exc.message, exc.type, exc.param, exc.headers)
                    await response(scope, receive, send_with_id)
                    return
            # Then the size, before the body is read: a declared length over the limit is
            # refused at once, a streamed body as soon as it passes it (the HTTPException
            # raised then becomes the same error by _http_error, in build_api).
            declared = refuse_declared(scope, self._max_body)
            if declared is not None:
                log.warning("api: refused a %d-byte request (limit %d)", declared, self._max_body)
                response = error_response(413, self._too_large, "invalid_request_error")
                await response(scope, receive, send_with_id)
                return
            await self.app(scope, limited_receive(receive, self._max_body, self._too_large), send_with_id)
        finally:
            request_id_var.reset(token)


def routes(app: ConsoleApp) -> list[BaseRoute]:
    """The API (under /v1) and the ops routes, for Gradio's server to be built with.

    They are given to the FastAPI app Gradio constructs (``launch(app_kwargs={"routes": ...})``)
    rather than added once it serves: added later, they answered 404 for the first moments
    after start (a liveness probe restarts a healthy pod on that), and they sat behind
    Gradio's few hundred routes, which cost every API request ~0.36 ms of the GIL to rule
    out. First in the list, no Gradio path (none starts with /v1 or is one of the three
    below) is shadowed."""
    api = build_api(app)
    metrics = app.metrics
    pipeline, store = app.pipeline, app.store

    # Middleware goes on the /v1 sub-application: Gradio adds its own to the server app and
    # builds that stack itself, while a mounted sub-app builds its own on first use.
    max_body = api_body_limit(app.config.max_input_chars, app.config.max_turns)
    api.add_middleware(_ApiMiddleware, check_key=api.state.check_key, metrics=metrics, max_body=max_body)

    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    def readyz(request: Request) -> JSONResponse:
        # What failed, in words, only to a caller /metrics would answer: the messages name
        # the engine's address ("Cannot reach the model engine at http://10.0.0.5:8000/v1"),
        # which an anonymous caller on a network bind read (an outside tester). The probe
        # itself needs only the status and which check failed.
        try:
            api.state.check_key(request)
            detailed = True
        except ApiError:
            detailed = False
        checks: dict[str, str] = {}
        ready = True
        remote = pipeline.backend.info.backend == "openai"
        try:
            pipeline.backend.ping()
            checks["engine" if remote else "model"] = "reachable" if remote else "loaded"
        except ConsoleError as exc:
            failed = "unreachable" if remote else "not loaded"
            ready, checks["engine" if remote else "model"] = False, exc.message if detailed else failed
        if store is not None:
            try:
                store.ping()
                checks["database"] = "reachable"
            except ConsoleError as exc:
                ready, checks["database"] = False, exc.message if detailed else "unreachable"
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": checks}, status_code=200 if ready else 503
        )

    def metrics_route(request: Request) -> Response:
        # the API's rule: a key when keys are set; without one, only at localhost on a
        # loopback-bound, unshared console. Traffic, error and escalation counts are the
        # business's own figures, not something a public customer console hands to anyone.
        try:
            api.state.check_key(request)
        except ApiError as exc:
            return error_response(exc.status, exc.message, exc.type)
        from console.metrics import CONTENT_TYPE

        return PlainTextResponse(metrics.render(), media_type=CONTENT_TYPE)

    return [
        APIRoute("/healthz", healthz, methods=["GET"], include_in_schema=False),
        APIRoute("/readyz", readyz, methods=["GET"], include_in_schema=False),
        APIRoute("/metrics", metrics_route, methods=["GET"], include_in_schema=False),
        Mount("/v1", app=api),
    ]


def _bearer_token(request: Request) -> str:
    """The key in ``Authorization: Bearer KEY``, or "" for any other header."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _key_valid(request: Request, keys: tuple[str, ...]) -> bool:
    token = _bearer_token(request)
    # constant-time comparison: the time taken does not reveal how much of a key matched
    return bool(token) and any(hmac.compare_digest(token, key) for key in keys)


def _turn_request(
    body: ChatCompletionRequest,
    request: Request,
    default_line: str,
    lines: list[str],
    keys: tuple[str, ...] = (),
) -> TurnRequest:
    extra = dict(body.model_extra or {})
    for name, value in extra.items():
        if name in _IGNORED:
            continue
        if name in _NEUTRAL_DEFAULTS:
            if value not in (_NEUTRAL_DEFAULTS[name], None):
                raise ApiError(
                    400, f"{name}: not supported by the support console", "invalid_request_error", name
                )
            continue
        raise ApiError(400, f"{name}: unknown parameter", "invalid_request_error", name)
    line = body.business_line
    if line is None:
        prefix, _, suffix = body.model.partition("/")
        if prefix != MODEL_PREFIX:
            raise ApiError(
                404,
                f"model: unknown model {body.model!r}; GET /v1/models lists them",
                "model_not_found",
                "model",
            )
        line = suffix or default_line
    if line not in lines:
        raise ApiError(
            400,
            f"business_line: unknown business line {line!r} (one of {', '.join(lines)})",
            "invalid_request_error",
            "business_line",
        )
    # System messages from clients are dropped: the persona is the console's to set, and a
    # client must not be able to replace it (the same stance as against prompt injection).
    turns = [m for m in body.messages if m.role in ("user", "assistant")]
    if not turns or turns[-1].role != "user":
        raise ApiError(
            400, "messages: the last message must come from the user", "invalid_request_error", "messages"
        )
    for m in body.messages:
        if m.role not in ("system", "developer", "user", "assistant", "tool"):
            raise ApiError(400, f"messages: unknown role {m.role!r}", "invalid_request_error", "messages")
        if _SURROGATE_RE.search(m.text()):
            # half of a UTF-16 pair ("\ud800" in JSON) is no character: refused before
            # anything is stored, as the pipeline refuses it in the last message
            raise ApiError(
                400,
                "messages: a message contains an invalid character (a lone UTF-16 surrogate)",
                "invalid_request_error",
                "messages",
            )
    if body.language not in (None, "", "auto") and served(body.language, SERVED_LANGUAGES) is None:
        raise ApiError(
            400,
            f"language: unknown language {body.language!r} (one of auto, {', '.join(SERVED_LANGUAGES)})",
            "invalid_request_error",
            "language",
        )
    if body.conversation_id is not None and not _CONVERSATION_ID_RE.fullmatch(body.conversation_id):
        raise ApiError(
            400,
            "conversation_id: not a conversation id (send back the one a reply returned)",
            "invalid_request_error",
            "conversation_id",
        )
    history: list[Any] = [{"role": m.role, "content": m.text()} for m in turns[:-1]]
    max_tokens = body.max_completion_tokens or body.max_tokens
    try:
        options = GenerationOptions.from_mapping(
            {
                "temperature": body.temperature,
                "top_p": body.top_p,
                "max_new_tokens": max_tokens,
                "seed": body.seed,
            },
        )
    except InputError as exc:
        field = {"max_new_tokens": "max_tokens"}.get(exc.field or "", exc.field)
        raise ApiError(
            400, exc.message.replace("max_new_tokens", "max_tokens"), "invalid_request_error", field
        ) from exc
    # Limits: per API key when one is sent (a CRM integration is one client however many
    # addresses it calls from), else per address; a conversation is a session.
    digest = _key_digest(request, keys)
    client = f"key:{digest}" if digest else (f"ip:{request.client.host}" if request.client else "ip:unknown")
    owner = _caller(request, keys)
    # The session (cancel, per-session rate) is the owner's, so naming someone else's
    # conversation id can neither stop their reply nor spend their allowance.
    session = f"api:{owner}:{body.conversation_id}" if body.conversation_id else f"api:{uuid.uuid4().hex}"
    return TurnRequest(
        text=turns[-1].text(),
        options=options,
        history=history,
        business_line=line,
        language=body.language,
        conversation_id=body.conversation_id,
        channel="api",
        session=session,
        client=client,
        owner=owner,
        reader_language=accepted_language(request.headers.get("accept-language"), SERVED_LANGUAGES),
    )


def _key_digest(request: Request, keys: tuple[str, ...]) -> str | None:
    """A short digest of the key the caller sent (None: none sent, or a key-less console)."""
    token = _bearer_token(request) if keys else ""
    return hashlib.sha256(token.encode()).hexdigest()[:16] if token else None


def _caller(request: Request, keys: tuple[str, ...]) -> str:
    """Who the caller is as a conversation's owner: a conversation belongs to the key that
    started it ("api:anonymous" on a key-less, loopback-only console); another key naming
    its id gets a new conversation instead, and reads nothing of it."""
    digest = _key_digest(request, keys)
    return f"api:{digest}" if digest else "api:anonymous"


#: the store's ``handler`` as the API names it
_HANDLED_BY = {"bot": "assistant", "queue": "queue", "person": "person"}


def _handling(store: TranscriptStore | None, update: TurnUpdate) -> dict[str, str | None]:
    """Who answers the conversation now, for the client to show: ``handled_by`` is
    "assistant", "queue" (handed over, waiting for a person) or "person" (a person of the
    team answers, named in ``person`` as the chat's banner names them). After a handoff the
    model stays silent: a client that keeps sending gets an empty reply, and reads the
    person's answers with ``GET /v1/conversations/{id}``."""
    if store is None or update.conversation_id is None:
        return _handled("bot", None)
    try:
        _, handler, assignee = store.ownership(update.conversation_id)
    except NotFoundError:  # erased meanwhile
        return _handled("bot", None)
    except StoreError:
        # The database went away after the turn was answered and stored (a PostgreSQL
        # restart under load gave a 500 here): the answer is the client's all the same, and
        # a 503 would make it send the turn again. Who answers is then what this turn left.
        log.warning("conversation owner unreadable after the turn; reporting the turn's own outcome")
        handler = update.held_for or ("queue" if update.escalated else "bot")
        return _handled(handler, None)
    return _handled(handler, assignee)


def _handled(handler: str, assignee: str | None) -> dict[str, str | None]:
    """The store's handler and assignee as the API names them."""
    return {
        "handled_by": _HANDLED_BY.get(handler, handler),
        "person": assignee if handler == "person" else None,
    }


def _message_json(message: MessageRecord) -> dict[str, Any]:
    return {
        "id": message.id,
        "role": message.role,  # "user", "assistant", or "agent" (a person of the team)
        "author": message.author if message.role == "agent" else None,
        "content": message.content,
        "status": message.status,
        "created_at": message.created_at.isoformat(),
    }


def _failure(update: TurnUpdate) -> dict[str, str] | None:
    """The error to report for a finished turn, or None when the reply stands.

    A turn that failed, or whose reply could not be stored (status complete or stopped with
    an error), is an error (503 / an SSE error event). A reply the engine cut off midway is
    kept as interrupted: non-streaming clients get the part, streaming ones an error event.
    """
    if update.status == "failed" or (update.error is not None and update.status != "interrupted"):
        return {
            "message": update.error or "The model could not answer.",
            "type": update.error_kind or "backend_error",
        }
    return None


def _usage(update: TurnUpdate) -> dict[str, int]:
    prompt = update.usage.prompt_tokens or 0
    return {
        "prompt_tokens": prompt,
        "completion_tokens": update.usage.completion_tokens,
        "total_tokens": prompt + update.usage.completion_tokens,
    }


def _finish_reason(update: TurnUpdate) -> str:
    if update.usage.finish_reason == "length":
        return "length"
    return "stop"


def _completion(
    update: TurnUpdate, completion_id: str, model: str, handling: dict[str, str | None]
) -> dict[str, Any]:
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": update.reply},
                "finish_reason": _finish_reason(update),
            }
        ],
        "usage": _usage(update),
        "conversation_id": update.conversation_id,
        "language": update.detection.tag,
        "status": update.status,
        "escalated": update.escalated,  # this turn handed the conversation to a person: why
        **handling,
    }


async def _sse(
    first: TurnUpdate,
    updates: Iterator[TurnUpdate],
    completion_id: str,
    model: str,
    include_usage: bool,
    release: Callable[[], None],
    request: Request,
    stop: Callable[[], object],
    store: TranscriptStore | None = None,
) -> AsyncIterator[str]:
    """The SSE body. Async so it can notice a client that went away (uvicorn drops writes
    to a closed connection silently) and stop the turn instead of generating for no one."""
    created = int(time.time())

    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        payload = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            **extra,
        }
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

    sent = ""
    finished = False
    try:
        yield chunk(
            {"role": "assistant", "content": ""},
            conversation_id=first.conversation_id,
            language=first.detection.tag,
        )
        update: TurnUpdate | None = first
        last = first
        while update is not None:
            last = update
            # a reply that was redone (language guard) or replaced (the hand-over line after
            # a second drift, a refusal) does not extend what was sent: clients only append,
            # so the new reply follows after a blank line, and the chunk says "replaces":
            # true for a client that clears what it showed (the JSON reply holds only the new)
            if update.reply.startswith(sent):
                delta, replaces = update.reply[len(sent) :], False
            else:
                delta, replaces = "\n\n" + update.reply, True
            if delta:
                sent = update.reply
                yield chunk({"content": delta}, replaces=True) if replaces else chunk({"content": delta})
            if update.done:
                break
            if await request.is_disconnected():
                return  # finally: the turn is stopped and stored as interrupted
            # the pipeline blocks while the model works: pull it in a worker thread, until
            # there is text to send (one thread hop per event, not per held-back update)
            try:
                update = await anyio.to_thread.run_sync(_next_to_send, updates, sent)
            except ConsoleError as exc:  # e.g. the database stayed locked: say so, then [DONE]
                last = replace(last, status="failed", error=exc.message, error_kind=exc.kind)
                break
        finished = True
        failure = _failure(last) or (
            {"message": last.error, "type": last.error_kind or "backend_error"} if last.error else None
        )
        if failure is not None:
            yield f"data: {json.dumps({'error': failure}, ensure_ascii=False)}\n\n"
        else:
            handling = await anyio.to_thread.run_sync(_handling, store, last)
            yield chunk({}, _finish_reason(last), status=last.status, escalated=last.escalated, **handling)
        if include_usage:
            usage = {
                "id": completion_id,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "choices": [],
                "usage": _usage(last),
            }
            yield f"data: {json.dumps(usage)}\n\n"
        yield "data: [DONE]\n\n"
    finally:
        if not finished:
            stop()  # the client left (or the task was cancelled): end generation now
        # Closing must wait until no worker thread is inside next(updates); do it off the
        # event loop, then give the generation slot back.
        threading.Thread(target=_close_when_idle, args=(updates, release), daemon=True).start()


#: the longest the worker pulls updates with nothing to send before the event loop checks
#: whether the client is still there
_PULL_S = 0.25


def _next_to_send(updates: Iterator[TurnUpdate], sent: str) -> TurnUpdate | None:
    """The next update that changes what the client has (or ends the turn), or the latest
    one after ``_PULL_S``; None when the turn has no more."""
    deadline = time.monotonic() + _PULL_S
    while True:
        update = next(updates, None)
        if update is None or update.done or update.reply != sent or time.monotonic() >= deadline:
            return update


def _close_when_idle(updates: Iterator[TurnUpdate], release: Callable[[], None]) -> None:
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                close = getattr(updates, "close", None)
                if close is not None:
                    close()  # runs the pipeline's finally: the reply is stored with its status
                return
            except ValueError:  # "generator already executing" in a worker thread
                time.sleep(0.02)
    finally:
        release()


__all__ = ["build_api", "routes", "translate"]
