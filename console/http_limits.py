"""What the web server accepts before Gradio reads a request.

Found by calling the console from outside as an attacker would (a signed-in customer; on
a ``--customer-only`` or ``--share-without-auth`` console, anyone; a page on another site):

* Gradio's CORS policy lets every origin make credentialed requests to a server that is
  not reached as localhost (Gradio apps are built to be embedded), and every localhost
  origin to one that is. A page elsewhere, opened in a signed-in operator's browser, read
  the page config, listed the transcripts and downloaded their export with the operator's
  cookie (a page on the same host always gets it sent, being same-site; any site does over
  HTTPS, where Gradio's cookie is ``SameSite=None``). :class:`SameOriginOnly` refuses every
  request another site's page makes (the browser says so in ``Sec-Fetch-Site``; over plain
  HTTP to a name that is not localhost it says nothing, and ``Origin`` decides), except
  navigations: a link to the console from elsewhere still opens it, though not to sign
  the operator out.
* A console without logins on a loopback bind makes whoever reaches it staff. It answered
  any ``Host``: a site whose name its owner re-points at 127.0.0.1 (DNS rebinding) is then
  the *same origin* as the console in the visitor's browser, so its page could list and
  export the transcripts through the visitor's machine. :class:`LocalHostOnly` answers such a
  console only under a name that cannot be re-pointed: ``localhost`` or a loopback address.
* Gradio's ``POST /gradio_api/upload`` stores any file of any size in the console's data
  folder (20 MB took one request), although no part of this console takes an upload: its
  file components are downloads. The upload routes are refused here (403).
* Gradio's monitoring routes answered every signed-in customer (and anyone on a
  ``--customer-only`` console): ``/monitoring/summary`` listed every function's call counts
  and timings, staff actions included, and ``GET /monitoring`` printed the key of a
  dashboard served without sign-in to the server's log. They are off at launch
  (``enable_monitoring=False``, console/ui/layout.py) and refused here (403), in any
  spelling; the console's figures are ``/metrics``, behind the API key.
* Gradio's ``POST /gradio_api/component_server`` runs a component's server functions; no
  component of this console has one, and a crafted body wrote an 80-line traceback holding
  the caller's value into the log. Refused (403) before its body is read.
* An export's download says ``Cache-Control: no-store``: a transcript is not kept in a
  shared browser's or a proxy's cache (:class:`OwnExportsOnly`).
* Gradio's session heartbeat (``GET /gradio_api/heartbeat/<session>``) answers a signed-out
  caller on a console with logins: the one route past the sign-in page that did. Each call
  holds a stream open for as long as the caller likes, and its end marks the named
  session's state for deletion. :class:`SignedInHeartbeat` refuses it (401) to a caller
  without a valid sign-in, as Gradio's own routes refuse the config and the queue.
* Gradio believes a page's ``session_hash`` from whoever sends it: a signed-in customer who
  knew another's wrote into her conversation and downloaded her transcript through her
  session. :class:`OwnSessionsOnly` binds a session to the user who first names it.
* Gradio reads a request body of any size into memory (an 8 MB event was accepted). Bodies
  over :func:`body_limit` are refused with 413 before they are read: at once when the
  request declares its length, as soon as the limit is passed when it streams.

The limit is far above anything the page sends: an event carries at most a few texts of
``--max-input-chars`` characters (the operator's reply, its translation and a note), and
JSON writes a character in at most 12 bytes. A longer message is refused by the console
itself, in the customer's language, and goes back into the box; only a paste of more than
16 MiB would meet this limit instead.

Nothing the caller chose (a path, a value) is logged, only that and how much was refused.
The API under ``/v1`` is left to its own middleware (console/api.py), which checks the key
first (a caller without one gets 401, whatever the size) and then refuses a body over
:func:`api_body_limit` the same way, with these helpers: a key holder streamed 400 MB, which
was read whole (the process went from 1.35 to 2.8 GB) before the message was refused as too
long.
Why no library: Starlette has no body limit of its own, and what is refused here besides
the size is a set of Gradio's routes.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from console.sign_out import confirmation_page

if TYPE_CHECKING:
    from console.downloads import ExportOwners

log = logging.getLogger(__name__)

MIN_BODY_BYTES = 16 * 1024 * 1024
#: bytes a character may take in an event's JSON (a surrogate pair escaped: 12) times the
#: texts one event carries (the operator's reply, its translation, a note), rounded up
BYTES_PER_INPUT_CHAR = 48
#: Gradio's routes that take files (and /stream/<event>, media streams): nothing in this
#: console sends them
_UPLOAD_ROUTES = frozenset({"/upload", "/process_recording"})
_API_PREFIX = "/v1"
#: bytes one character may take in a JSON string: one outside the BMP written as an escaped
#: surrogate pair ("\ud83d\ude00")
JSON_BYTES_PER_CHAR = 12
#: texts of up to ``--max-input-chars`` characters one customer message of an API request
#: may bring: the message itself and what answered it (the assistant's reply, up to its token
#: limit, or a few of a person's replies, each held to ``--max-input-chars`` by the console)
API_TEXTS_PER_TURN = 4
#: bytes one message of an API request takes besides its text: ``{"role": ..., "content":
#: [{"type": "text", "text": ...}]}``, pretty-printed, with room to spare
API_BYTES_PER_MESSAGE = 1024


def body_limit(max_input_chars: int) -> int:
    """The largest request body Gradio's routes take, for a console whose longest message
    is ``max_input_chars`` characters."""
    return max(MIN_BODY_BYTES, BYTES_PER_INPUT_CHAR * max_input_chars)


def api_body_limit(max_input_chars: int, max_turns: int) -> int:
    """The largest request body the API under ``/v1`` takes.

    A request carries its conversation: the API refuses one whose history holds
    ``max_turns`` customer messages already (the conversation's limit, 429) and a last
    message over ``max_input_chars`` characters (400). So a request the console answers
    holds at most ``max_turns`` customer messages with their replies, every text written in
    the costliest JSON (:data:`JSON_BYTES_PER_CHAR`). Never under the page's own floor
    (:data:`MIN_BODY_BYTES`): a client's own system or tool messages, dropped but accepted,
    and a small ``--max-turns`` must not make an ordinary request too large. With the
    defaults (4,000 characters, 100 messages) 19.6 MB; the 400 MB body that was read
    whole is refused."""
    per_turn = API_TEXTS_PER_TURN * (JSON_BYTES_PER_CHAR * max_input_chars + API_BYTES_PER_MESSAGE)
    return max(MIN_BODY_BYTES, max_turns * per_turn)


def refuse_declared(scope: Scope, max_body: int) -> int | None:
    """The length a request declares (``Content-Length``) when it is over ``max_body``, for
    it to be refused before a byte of it is read; None otherwise (no length, or within)."""
    declared = _content_length(scope)
    return declared if declared is not None and declared > max_body else None


def limited_receive(receive: Receive, max_body: int, detail: str = "") -> Receive:
    """``receive`` that raises HTTPException 413 (``detail``) as soon as the body read so far
    passes ``max_body`` bytes, so a streamed (chunked) body is never read whole. FastAPI passes
    an HTTPException raised while it reads the body on to its exception handler (any other
    error there becomes a 400)."""
    received = 0

    async def counted() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > max_body:
                log.warning("refused a streamed request past %d bytes", max_body)
                raise HTTPException(413, detail or _TOO_LARGE)
        return message

    return counted


def _is_api(path: str) -> bool:
    """Whether ``path`` is the console's own API (``/v1``), which its middleware guards."""
    return path == _API_PREFIX or path.startswith(_API_PREFIX + "/")


def _gradio_route(path: str) -> str:
    """``path`` as Gradio's API names it: without the ``/gradio_api`` prefix or a last slash."""
    return path.removeprefix("/gradio_api").rstrip("/")


def _closed_route(path: str) -> str:
    """``path`` in one spelling for the refusals below: still-encoded characters decoded
    (uvicorn decodes once; ``%256D`` stays ``%6D``), runs of slashes as one, lower case,
    without the ``/gradio_api`` prefix or a last slash. Starlette matches none of the other
    spellings today; checking this one keeps the refusals from depending on that."""
    return _gradio_route(_SLASHES.sub("/", unquote(path)).lower())


_SLASHES = re.compile("/{2,}")


def _monitoring(path: str) -> bool:
    """Gradio's monitoring routes: ``/monitoring`` (which prints the dashboard's key to the
    server's output), ``/monitoring/summary`` (every function's call counts and timings, staff
    actions included) and ``/monitoring/<key>/dashboard``; any spelling, any method."""
    route = _closed_route(path)
    return route == _MONITORING or route.startswith(_MONITORING + "/")


_MONITORING = "/monitoring"


def _closed(scope: Scope) -> tuple[str, str] | None:
    """What the log and the caller are told when the request is for one of Gradio's routes
    this console closes (None: it is not). The path below ``root_path`` and the whole path
    are both checked: a proxy may or may not strip the mount point."""
    paths = {_route(scope) or "/", str(scope["path"])}
    if any(_monitoring(path) for path in paths):
        return (
            "refused a request for Gradio's monitoring: the console's figures are at /metrics",
            "This console has no monitoring pages; its figures are at /metrics, behind the API key.",
        )
    if any(_closed_route(path) == "/component_server" for path in paths):
        # it runs a component's server functions (FileExplorer, ImageEditor, Dialogue have
        # some); no component of this console has one, and a crafted body there wrote an
        # 80-line traceback with the caller's value into the log (an outside tester)
        return (
            "refused a component function call: no component of this console has one",
            "This console has no component functions.",
        )
    return None


def _is_upload(path: str) -> bool:
    route = _gradio_route(path)
    return route in _UPLOAD_ROUTES or route.startswith("/stream/")


class RequestLimits:
    """ASGI middleware: refuses uploads and over-long bodies on Gradio's routes."""

    def __init__(self, app: ASGIApp, max_body: int = MIN_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = _route(scope) or "/"
        if _is_api(path):
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET" and _is_upload(path):
            log.warning("refused an upload: this console takes no files")
            await JSONResponse({"detail": "This console takes no file uploads."}, status_code=403)(
                scope, receive, send
            )
            return
        closed = _closed(scope)
        if closed is not None:
            logged, told = closed
            log.warning(logged)
            await JSONResponse({"detail": told}, status_code=403)(scope, receive, send)
            return
        if _closed_route(path) == "/deep_link":
            # Gradio's deep link writes the caller's screen, a transcript included, as plain
            # JSON into the cache (deep_links/<hash>/state.json), where no erasure or sweep
            # reaches it (an outside tester found an erased conversation's text there 11
            # minutes on); nothing in this console makes one
            log.warning("refused a deep link: this console makes none")
            await JSONResponse({"detail": "This console makes no deep links."}, status_code=403)(
                scope, receive, send
            )
            return
        declared = refuse_declared(scope, self.max_body)
        if declared is not None:
            log.warning("refused a %d-byte request (limit %d)", declared, self.max_body)
            await JSONResponse({"detail": _TOO_LARGE}, status_code=413)(scope, receive, send)
            return
        await self.app(scope, limited_receive(receive, self.max_body), send)


_TOO_LARGE = "The request is too large."


class NoFraming:
    """ASGI middleware: no page of the console may be shown inside another page's frame
    (``X-Frame-Options: DENY`` and CSP ``frame-ancestors 'none'`` on every response).

    A frame's requests come from the console's own origin, so :class:`SameOriginOnly` lets
    them through: an outside tester laid the console at 1 % opacity over a page on another
    port of the same host (same-site, so the operator's cookie went along) and one click each
    signed her out, took a conversation and erased one. The console is not meant to be
    embedded (README, "Other sites"). A header the app set itself is left as it is.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def framed_never(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                names = {bytes(name).lower() for name, _ in headers}
                if b"x-frame-options" not in names:
                    headers.append((b"x-frame-options", b"DENY"))
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", b"frame-ancestors 'none'"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, framed_never)


class SameOriginOnly:
    """ASGI middleware: a request a page of another site or origin made is refused (403),
    unless it navigates to the console (a link, a bookmark, an iframe); a navigation to
    Gradio's ``/logout`` from another page is sent to the console without signing out.

    Browsers send Fetch Metadata (``Sec-Fetch-Site``: ``same-origin`` for the console's own
    page, ``none`` for a typed address, ``same-site`` or ``cross-site`` for another page's);
    clients that are not browsers (gradio_client, the openai package, probes) send none and
    pass. The browser's own verdict needs no address, so it is trusted first: behind a
    reverse proxy the ``Host`` the console sees is often not the address the browser used.
    But Chromium sends Fetch Metadata only to a potentially trustworthy origin (HTTPS,
    localhost): to a console reached over plain HTTP by any other name (the README's
    ``--host 0.0.0.0 --auth ...`` on a LAN) it sent none, and a page on another port of the
    same host acted with the operator's cookie (found by attacking a console on a network
    bind). Then ``Origin``, which browsers send with every cross-origin request and every
    POST, must name the host the request was sent to (``Host``). ``Origin: null`` (a
    sandboxed frame, a ``data:`` page) is refused.
    Why not Starlette's CORSMiddleware: Gradio adds its own CORS middleware outside any the
    app is built with and answers preflights itself, so a refusal has to come from the
    request.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            navigation = _navigation(scope)
            foreign = _foreign_page(scope)
            if foreign is not None and not navigation:
                log.warning("refused a request from another site's page (%s)", foreign)
                response = JSONResponse(
                    {"detail": "Requests from other sites' pages are refused."}, status_code=403
                )
                await response(scope, receive, send)
                return
            if _is_logout(scope):
                root = str(scope.get("root_path", "")).rstrip("/")
                if navigation and (foreign is not None or _foreign_referrer(scope)):
                    # A link elsewhere must not end the operator's sessions (Gradio's /logout
                    # ends all of that user's): back to the console, still signed in.
                    log.warning("ignored a sign-out that another site's page started")
                    await RedirectResponse(f"{root}/", status_code=303)(scope, receive, send)
                    return
                if navigation and not _own_page_or_typed(scope):
                    # Nothing says where this came from (plain HTTP, no Referer): ask first
                    # (console/sign_out.py), which a page elsewhere cannot answer.
                    page = confirmation_page(_header(scope, b"accept-language"), root)
                    await page(scope, receive, send)
                    return
                if scope["method"] == "POST":
                    # the sign-out button and the question's answer post; another page's POST
                    # was refused above by its Origin. Gradio's route is a GET.
                    scope = {**scope, "method": "GET"}
        await self.app(scope, receive, send)


def _navigation(scope: Scope) -> bool:
    """A top-level GET a person caused: a link, a bookmark, a typed address. Without Fetch
    Metadata a GET without ``Origin`` looks the same (browsers send none on a GET
    navigation)."""
    if scope["method"] != "GET":
        return False
    mode = _header(scope, b"sec-fetch-mode")
    return mode == "navigate" if mode is not None else _header(scope, b"origin") is None


def _foreign_page(scope: Scope) -> str | None:
    """Why a browser page of another origin made this request (None: it did not, or no
    browser did)."""
    site = _header(scope, b"sec-fetch-site")
    if site is not None:
        return f"Sec-Fetch-Site: {site}" if site in ("same-site", "cross-site") else None
    origin = _header(scope, b"origin")
    if origin is None:
        return None  # not a browser's cross-origin request: a client, a probe, a same-origin GET
    if not _same_host(origin, scope):
        return "Origin is not this console"  # what the caller sent is not logged
    return None


def _own_page_or_typed(scope: Scope) -> bool:
    """Whether the browser says this navigation came from the console's own page, or from the
    person (a typed address or a bookmark: ``Sec-Fetch-Site: none``)."""
    site = _header(scope, b"sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    referrer = _header(scope, b"referer")
    return referrer is not None and _same_host(referrer, scope)


def _foreign_referrer(scope: Scope) -> bool:
    """Whether ``Referer`` names a page of another origin (a navigation over plain HTTP has
    no Fetch Metadata and no ``Origin``; a page can also send no referrer, then this cannot
    tell)."""
    referrer = _header(scope, b"referer")
    return referrer is not None and not _same_host(referrer, scope)


def _origin_host(url: str) -> str | None:
    """``host:port`` of an origin or URL, the port made explicit (None: ``null``, malformed)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        return None
    if not parts.hostname or port is None:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{host}:{port}"


def _same_host(url: str, scope: Scope) -> bool:
    """Whether the origin or URL ``url`` names the ``host:port`` this request was sent to,
    as the browser wrote it in ``Host`` (ports made explicit; a malformed or missing one
    never matches). Not ``X-Forwarded-Host``: Gradio's CORS preflight lets another page's
    request carry any header, that one included. A proxy in front over plain HTTP must
    pass the browser's ``Host`` on (nginx: ``proxy_set_header Host $host;``)."""
    host = _header(scope, b"host")
    own = _origin_host(f"{scope.get('scheme', 'http')}://{host}") if host else None
    return own is not None and _origin_host(url) == own


def _is_logout(scope: Scope) -> bool:
    return _route(scope).rstrip("/") == "/logout"


class SignedInHeartbeat:
    """ASGI middleware for a console with logins: Gradio's heartbeat route is answered only
    to a signed-in browser (401 otherwise, Gradio's own refusal), like every other route but
    the sign-in page and the probes.

    Gradio guards its routes with a ``login_check`` dependency but not this one. The check
    reads Gradio's own sign-in table (``App.tokens``, keyed by the ``access-token`` cookie)
    on the app Starlette passes in the scope: gradio is pinned in requirements.txt, and
    ``tests/test_staff_access.py`` fails if a new release renames either.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _is_heartbeat(scope) and not _signed_in(scope):
            log.warning("refused a session heartbeat from a caller who is not signed in")
            response = JSONResponse({"detail": {"error": "Not authenticated"}}, status_code=401)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


class OwnSessionsOnly:
    """ASGI middleware for a console with logins: a Gradio session answers only the signed-in
    user who opened it; another user naming it gets 403.

    Gradio keys a page's state (its conversation, the queue of its events, their results)
    by a ``session_hash`` the page makes up and sends with every event, and believes it from
    whoever sends it. A signed-in customer who learnt another's (it travels in URLs:
    ``/gradio_api/queue/data?session_hash=...``, ``/heartbeat/<hash>``, a proxy's access log)
    sent a message into that customer's conversation, answered with her history, and
    downloaded her transcript through her session (an outside tester, 2026-12-07). The first
    signed-in request naming a session binds it to its user; the session is named in the
    path (``/heartbeat/<hash>``, ``/stream/<hash>/...``), the query, or a JSON body's
    ``session_hash`` (``/queue/join``, ``/call/...``, ``/run/...``, ``/cancel``, ``/reset``).
    A caller who is not signed in passes on to Gradio's own refusal (401).

    Why no library: this is Gradio's session model, which no middleware package knows.
    """

    #: sessions remembered per user, that user's least recently used forgotten first: a
    #: page's session lives as long as the page, and a forgotten one is bound again by its
    #: next request. Per user, not for everyone at once: with one shared bound, a customer
    #: who named 100,000 made-up sessions (7.5 minutes of requests) pushed another's binding
    #: out, and the next to name her session had it (an outside tester). Now a user's
    #: requests forget only that user's own sessions.
    MAX_SESSIONS_PER_USER = 1_000

    def __init__(self, app: ASGIApp, max_body: int = MIN_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body
        self.owners: dict[str, str] = {}
        self.sessions_of: dict[str, OrderedDict[str, None]] = {}
        self.lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _is_api(_route(scope) or "/"):
            await self.app(scope, receive, send)
            return
        user = _username(scope)
        sessions = _sessions_named(scope) if user is not None else []
        if user is not None and scope["method"] == "POST":
            try:
                body, receive = await _read_body(receive, self.max_body)
            except HTTPException as exc:  # a streamed body past the limit (RequestLimits)
                await JSONResponse({"detail": exc.detail}, status_code=exc.status_code)(scope, receive, send)
                return
            named = _session_in_body(body)
            if named is not None:
                sessions.append(named)
        if user is not None and not all(self._owned_by(session, user) for session in sessions):
            log.warning("refused a request naming another user's session")
            response = JSONResponse({"detail": "This session belongs to another sign-in."}, status_code=403)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _owned_by(self, session: str, user: str) -> bool:
        with self.lock:
            owner = self.owners.setdefault(session, user)
            if owner != user:
                return False
            mine = self.sessions_of.setdefault(user, OrderedDict())
            mine[session] = None
            mine.move_to_end(session)
            while len(mine) > self.MAX_SESSIONS_PER_USER:
                forgotten, _ = mine.popitem(last=False)
                del self.owners[forgotten]
        return True


def _sessions_named(scope: Scope) -> list[str]:
    """The Gradio sessions a request names in its path or query."""
    route = _gradio_route(_route(scope))
    named: list[str] = []
    for prefix in ("/heartbeat/", "/stream/"):
        if route.startswith(prefix):
            named.append(route.removeprefix(prefix).split("/", 1)[0])
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    named += query.get("session_hash", [])
    return named


async def _read_body(receive: Receive, max_body: int) -> tuple[bytes, Receive]:
    """The request's body, up to ``max_body`` bytes (RequestLimits refuses more, before this
    reads it), and a ``receive`` that gives the app the same body again."""
    chunks: list[bytes] = []
    size, more = 0, True
    while more and size <= max_body:
        message = await receive()
        if message["type"] != "http.request":
            return b"", _again(message)  # the client went away: the app hears the same
        chunk = message.get("body", b"")
        chunks.append(chunk)
        size += len(chunk)
        more = bool(message.get("more_body", False))
    body = b"".join(chunks)
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": more}
        return await receive()

    return body, replay


def _again(message: Message) -> Receive:
    async def receive() -> Message:
        return message

    return receive


def _session_in_body(body: bytes) -> str | None:
    """A JSON body's ``session_hash`` (None: no JSON object, or none named).

    Read exactly as Gradio reads it (Starlette's ``Request.json``: ``json.loads`` of the raw
    bytes, which takes UTF-8, UTF-16 or UTF-32 and any escape): a check of the raw bytes
    for the key first let ``"session_\\u0068ash"`` and a UTF-16 body through, which Gradio
    then read as the other user's session (an outside tester). Not a string: named as its
    text, so that it is checked rather than passed (Gradio refuses it anyway)."""
    if not body:
        return None
    try:
        data = json.loads(body)
    except ValueError:  # not JSON (UnicodeDecodeError included): Gradio refuses it too
        return None
    named = data.get("session_hash") if isinstance(data, dict) else None
    return None if named is None else named if isinstance(named, str) else json.dumps(named)


class OwnExportsOnly:
    """ASGI middleware: an export (a transcript written for a download, console/ui/files.py)
    is served only by the console that wrote it and, on a console with logins, only to the
    signed-in user it was written for; anyone else gets 404, as for a file that is gone.
    Gradio's file route serves anything in its cache to whoever holds the link."""

    def __init__(self, app: ASGIApp, exports: str, owners: ExportOwners) -> None:
        self.app = app
        self.exports = os.path.realpath(exports)
        self.owners = owners

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            exports = [
                t for t in _served_files(scope) if os.path.commonpath([self.exports, t]) == self.exports
            ]
            if exports:
                # a transcript must not stay in a shared browser's or a proxy's cache once the
                # download is done (Gradio's file route says nothing, so it may be kept)
                send = _not_stored(send)
            for target in exports:
                known, owner = self.owners.owner(target)
                if not known or (owner is not None and _username(scope) != owner):
                    if not os.path.isfile(target):
                        # swept after five minutes or deleted with an erased conversation: the
                        # log said "not written for" its own owner (an outside tester)
                        log.info("an export link to a file that is gone (swept or erased)")
                    else:
                        log.warning("refused an export link to a caller it was not written for")
                    await JSONResponse({"detail": "File not found."}, status_code=404)(scope, receive, send)
                    return
        await self.app(scope, receive, send)


def _not_stored(send: Send) -> Send:
    """``send`` with ``Cache-Control: no-store`` (and HTTP/1.0's ``Pragma: no-cache``) on the
    response, in place of any caching header the app set."""

    async def uncached(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [
                (name, value)
                for name, value in message.get("headers", ())
                if bytes(name).lower() not in (b"cache-control", b"pragma")
            ]
            headers += [(b"cache-control", b"no-store"), (b"pragma", b"no-cache")]
            message = {**message, "headers": headers}
        await send(message)

    return uncached


def _served_files(scope: Scope) -> list[str]:
    """The files a request may ask Gradio's file routes for (resolved): ``/file=<path>``, and
    the deprecated ``/file/<path>``, which serves the same and got around a check of the
    first alone (a re-test found it). A relative path there may mean the root or the
    server's folder: both are checked."""
    route = _route(scope).removeprefix("/gradio_api")
    for prefix in ("/file=", "/file/"):
        if route.startswith(prefix):
            asked = route.removeprefix(prefix)
            return [os.path.realpath(asked), os.path.realpath("/" + asked)]
    return []


def _username(scope: Scope) -> str | None:
    """Who signed in, from Gradio's session cookie (None: nobody, or not Gradio's app)."""
    from starlette.requests import HTTPConnection

    gradio_app = scope.get("app")
    cookie_id = getattr(gradio_app, "cookie_id", None)
    tokens = getattr(gradio_app, "tokens", None)
    if cookie_id is None or not isinstance(tokens, dict):
        return None
    cookies = HTTPConnection(scope).cookies
    token = cookies.get(f"access-token-{cookie_id}") or cookies.get(f"access-token-unsecure-{cookie_id}")
    user = tokens.get(token) if token is not None else None
    return user if isinstance(user, str) else None


def _is_heartbeat(scope: Scope) -> bool:
    return _route(scope).removeprefix("/gradio_api").startswith("/heartbeat/")


def _signed_in(scope: Scope) -> bool:
    return _username(scope) is not None


class LocalHostOnly:
    """ASGI middleware for a console where reaching it makes one staff (a loopback bind
    without logins): a request naming another host in ``Host`` is refused (403).

    Allowed: ``localhost`` and its subdomains (browsers resolve them to loopback
    themselves, RFC 6761) and loopback addresses, any port. A machine's own name
    ("myhost" → 127.0.1.1) is refused too: DNS decides what it means, which is what the
    attack controls. Like Jupyter's default; a console reached otherwise needs ``--auth``.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and not is_local_host_name(_header(scope, b"host") or ""):
            log.warning("refused a request for another host name: this console answers at localhost only")
            if scope["type"] == "http":
                response = JSONResponse(
                    {"detail": "This console answers only at localhost or 127.0.0.1 (no logins are set)."},
                    status_code=403,
                )
                await response(scope, receive, send)
            else:
                await send({"type": "websocket.close", "code": 1008})
            return
        await self.app(scope, receive, send)


def is_local_host_name(host: str) -> bool:
    """Whether a ``Host`` header names this machine in a way DNS cannot change: a loopback
    address or ``localhost`` (the bind check's rule, console.config.is_loopback), or a
    subdomain of ``localhost`` (browsers resolve those to loopback themselves)."""
    from urllib.parse import urlsplit

    from console.config import is_loopback

    try:
        name = (urlsplit(f"//{host.strip()}").hostname or "").rstrip(".")  # lower-cased, no port or []
    except ValueError:  # a malformed header ("[::1")
        return False
    return bool(name) and (name.endswith(".localhost") or is_loopback(name))


def _route(scope: Scope) -> str:
    """The request's path below the app's mount point (``root_path`` behind a proxy)."""
    return str(scope["path"]).removeprefix(str(scope.get("root_path", "")))


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1").strip().lower()
    return None


def _content_length(scope: Scope) -> int | None:
    value = _header(scope, b"content-length")
    return int(value) if value is not None and value.isdigit() else None
