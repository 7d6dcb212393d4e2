"""Failed sign-ins are limited per client address.

Gradio's ``POST /login`` checks a password as often as it is asked: on a network bind an
attacker could try thousands a minute. :class:`LoginLimit` sits in front of it (ASGI
middleware on the server, see ``ConsoleApp.launch``): every attempt takes a token from the
caller's address's bucket, a successful sign-in gives it back, and an address with no token
left is answered 429 with ``Retry-After`` before any password is compared. A person who
mistypes a few times never meets it; a guesser gets :data:`FAILURES_AT_ONCE` tries, then one
a minute.

Why no library: slowapi and friends limit requests per route, and what is limited here is
*failed* attempts, which is known only from the response of a route Gradio owns. The
bucket is the one the chat's rate limits use (:class:`console.guard.limits.TokenBucket`).

The address is the connection's as uvicorn reports it: it takes ``X-Forwarded-For`` from a
proxy on 127.0.0.1 only, so a local reverse proxy keeps callers apart and a header spoofed
from elsewhere is ignored. Behind a proxy on another machine every caller has its address
and the limit is shared: a guesser then delays everyone's sign-in by a minute at most,
which is the lesser harm.
No username or password is logged; the address is.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from console.guard.limits import TokenBucket

log = logging.getLogger(__name__)

FAILURES_AT_ONCE = 10
FAILURES_PER_SECOND = 1 / 60
_LOGIN_PATHS = frozenset({"/login", "/login/"})


def failure_bucket(**kwargs: Any) -> TokenBucket:
    """The bucket of failed sign-ins: :data:`FAILURES_AT_ONCE`, then one a minute per address."""
    return TokenBucket(FAILURES_AT_ONCE, FAILURES_PER_SECOND, **kwargs)


class LoginLimit:
    """ASGI middleware: ``POST /login`` is refused (429) for an address whose failed attempts
    used up its bucket; other requests pass untouched."""

    def __init__(self, app: ASGIApp, bucket: TokenBucket | None = None) -> None:
        self.app = app
        # not `bucket or ...`: an empty TokenBucket has len() 0, so it is falsy
        self.bucket = bucket if bucket is not None else failure_bucket()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] not in _LOGIN_PATHS:
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        address = str(client[0]) if client else "unknown"
        wait = self.bucket.take(address)
        if wait is not None:
            seconds = max(1, math.ceil(wait))
            log.warning("sign-in refused: too many failed attempts from %s (retry in %d s)", address, seconds)
            response = JSONResponse(
                {"detail": f"Too many failed sign-ins from this address. Try again in {seconds} s."},
                status_code=429,
                headers={"Retry-After": str(seconds)},
            )
            await response(scope, receive, send)
            return
        status = 0

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            if status == 200:  # signed in: the attempt costs nothing
                self.bucket.refund(address)
