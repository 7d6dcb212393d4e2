"""Failed sign-ins are limited per address (console/login_limit.py): the middleware alone,
with a fake clock and several addresses, then the launched console over real HTTP."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

from console.login_limit import FAILURES_AT_ONCE, LoginLimit, failure_bucket
from console.service import create_app
from tests.fakes import ScriptedBackend

PASSWORD = "pw-ana-correct-horse"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def _login(request: Request) -> JSONResponse:
    """Gradio's answers: 200 on the right password, 400 otherwise."""
    form = await request.form()
    if form.get("password") == PASSWORD:
        return JSONResponse({"success": True})
    return JSONResponse({"detail": "Incorrect credentials."}, status_code=400)


def _guarded(clock: Clock) -> LoginLimit:
    inner = Starlette(
        routes=[
            Route("/login", _login, methods=["POST"]),
            Route("/login/", _login, methods=["POST"]),
            Route("/other", lambda request: PlainTextResponse("ok"), methods=["GET", "POST"]),
        ]
    )
    return LoginLimit(inner, failure_bucket(clock=clock))


def _post(app: LoginLimit, address: str, password: str, path: str = "/login") -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, client=(address, 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://console") as client:
            return await client.post(path, data={"username": "ana", "password": password})

    return asyncio.run(go())


def test_a_guesser_gets_a_few_tries_then_one_a_minute_and_other_addresses_are_untouched() -> None:
    clock = Clock()
    app = _guarded(clock)
    for n in range(FAILURES_AT_ONCE):
        assert _post(app, "203.0.113.7", f"guess-{n}", "/login/" if n % 2 else "/login").status_code == 400
    refused = _post(app, "203.0.113.7", "guess-next")
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "60"
    assert "Too many failed sign-ins" in refused.json()["detail"]
    # refused before the password is compared: even the right one waits
    assert _post(app, "203.0.113.7", PASSWORD).status_code == 429
    # another address signs in and fails as usual
    assert _post(app, "198.51.100.2", PASSWORD).status_code == 200
    assert _post(app, "198.51.100.2", "typo").status_code == 400
    # a minute later, one more try
    clock.now += 60
    assert _post(app, "203.0.113.7", "guess-later").status_code == 400
    assert _post(app, "203.0.113.7", "guess-again").status_code == 429
    clock.now += 60
    assert _post(app, "203.0.113.7", PASSWORD).status_code == 200


def test_successful_sign_ins_and_other_routes_cost_nothing() -> None:
    app = _guarded(Clock())
    for _ in range(3 * FAILURES_AT_ONCE):
        assert _post(app, "192.0.2.10", PASSWORD).status_code == 200
        assert _post(app, "192.0.2.10", PASSWORD, "/other").status_code == 200
    # a few typos between sign-ins never lock a person out
    for _ in range(FAILURES_AT_ONCE - 1):
        assert _post(app, "192.0.2.10", "typo").status_code == 400
        assert _post(app, "192.0.2.10", PASSWORD).status_code == 200


def test_the_console_limits_failed_sign_ins_on_a_network_bind(
    make_config: Any, launched: Any, caplog: pytest.LogCaptureFixture
) -> None:
    config = make_config(host="0.0.0.0", auth=(("ana", PASSWORD),), operators=("ana",))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Hello!")))
    base = app.local_url.replace("0.0.0.0", "127.0.0.1").rstrip("/")
    with caplog.at_level(logging.INFO), httpx.Client(base_url=base, timeout=10) as client:
        codes = [
            client.post("/login", data={"username": "ana", "password": f"secret-guess-{n}"}).status_code
            for n in range(FAILURES_AT_ONCE + 2)
        ]
        assert codes == [400] * FAILURES_AT_ONCE + [429, 429], codes
        assert client.post("/login", data={"username": "ana", "password": PASSWORD}).status_code == 429
        # nothing else is limited: the probes and the sign-in page still answer
        assert client.get("/healthz").status_code == 200
        assert client.get("/").status_code == 200
    assert "too many failed attempts from 127.0.0.1" in caplog.text
    assert "secret-guess" not in caplog.text and PASSWORD not in caplog.text


def test_a_console_without_logins_has_no_limit_in_front(make_config: Any, launched: Any) -> None:
    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "Hello!")))
    stack = app.blocks.server_app.user_middleware
    assert not any(m.cls is LoginLimit for m in stack)
