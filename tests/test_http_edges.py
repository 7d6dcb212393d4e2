"""Gradio's routes the console closes, and what its downloads tell caches (an outside
tester's findings, each seen on the console before its fix):

* Gradio's monitoring was on: ``/monitoring/summary`` listed every function's call counts
  and timings (staff actions included) to any signed-in customer, and to anyone on a
  ``--customer-only`` console; a customer's ``GET /monitoring`` printed the dashboard's key
  to the server's log, and ``/monitoring/<key>/dashboard`` then needed no sign-in;
* a crafted ``POST /gradio_api/component_server`` got a 500 and wrote an 80-line traceback
  holding the caller's value into the log;
* the operator's queue showed a customer's right-to-left override as it reorders text
  ("Refund for order APPROVED FOR 1200 please").

Over real HTTP with httpx, and the queue in Chromium; the refusals under a ``root_path``
are played on the middleware itself.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from console.http_limits import RequestLimits
from console.service import create_app
from tests.fakes import ScriptedBackend
from tests.test_browser import wait_for
from tests.test_day_one import browser, open_page  # noqa: F401  (fixture)
from tests.test_store import new_conversation

CUSTOMER, OPERATOR = ("cy", "pw-cy"), ("ana", "pw-ana")


def _base(app: Any) -> str:
    return str(app.local_url).replace("0.0.0.0", "127.0.0.1").rstrip("/")


def _signed_in(base: str, user: tuple[str, str]) -> httpx.Client:
    client = httpx.Client(timeout=30)
    assert client.post(f"{base}/login", data={"username": user[0], "password": user[1]}).status_code == 200
    return client


def _logged(capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> str:
    """What the server wrote: its output, and every log record with its traceback (not the
    test's own HTTP client's, which names the paths it asked for)."""
    out, err = capfd.readouterr()
    server = [r for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))]
    records = [f"{r.getMessage()}\n{r.exc_text or ''}" for r in server]
    return "\n".join([out, err, *records])


def _run(call: Coroutine[Any, Any, None]) -> None:
    """A middleware's call to its end, in a thread of its own: playwright's sync API leaves
    an event loop running in the test's thread once a browser test has run."""
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, call).result()


def _monitoring_paths(key: str) -> list[str]:
    """Gradio's monitoring routes in the spellings a caller may try."""
    return [
        "/monitoring",
        "/monitoring/",
        "//monitoring",
        "/monitoring/summary",
        "/monitoring/summary/",
        "//monitoring//summary",
        "/%6Donitoring/summary",
        "/monitoring%2Fsummary",
        "/MONITORING/summary",
        "/gradio_api/monitoring/summary",
        f"/monitoring/{key}",
        f"/monitoring/{key}/dashboard",
        f"/monitoring/{key}/dashboard/",
    ]


def test_gradio_monitoring_is_off_and_refused_to_every_caller(
    make_config: Any, launched: Any, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    config = make_config(host="0.0.0.0", auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],))
    team = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Hello!")))
    public = launched(
        create_app(
            make_config(host="0.0.0.0", customer_only=True), backend=ScriptedBackend(reply=lambda m: "Hi")
        )
    )
    assert team.blocks.enable_monitoring is False and public.blocks.enable_monitoring is False
    callers = [
        (_base(team), _signed_in(_base(team), CUSTOMER)),
        (_base(team), _signed_in(_base(team), OPERATOR)),
        (_base(team), httpx.Client(timeout=30)),
        (_base(public), httpx.Client(timeout=30)),
    ]
    capfd.readouterr()
    caplog.clear()
    try:
        with caplog.at_level(logging.INFO):
            for (base, client), app in zip(callers, (team, team, team, public), strict=True):
                key = app.blocks.app.analytics_key  # even the right key opens nothing
                for path in _monitoring_paths(key):
                    for method in ("GET", "POST"):
                        answer = client.request(method, base + path)
                        assert answer.status_code in (403, 404), (method, path, answer.status_code)
                        assert key not in answer.text and "export_listed" not in answer.text, path
    finally:
        for _base_url, client in callers:
            client.close()
    logged = _logged(capfd, caplog)
    assert "Monitoring URL" not in logged and team.blocks.app.analytics_key not in logged
    assert "Traceback" not in logged
    assert "refused a request for Gradio's monitoring" in logged


def test_component_functions_are_refused_without_a_traceback_or_the_callers_value(
    make_config: Any, launched: Any, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    config = make_config(host="0.0.0.0", auth=(CUSTOMER, OPERATOR), operators=(OPERATOR[0],))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Hello!")))
    base = _base(app)
    marker = f"CRAFTED-{uuid.uuid4().hex}"
    customer = _signed_in(base, CUSTOMER)
    try:
        # nothing on the page calls the route: no component of the console has a server function
        components = customer.get(f"{base}/config").json()["components"]
        assert components and not [c["type"] for c in components if c.get("server_fns")]
        capfd.readouterr()
        caplog.clear()
        with caplog.at_level(logging.INFO):
            for path in (
                "/gradio_api/component_server",
                "/gradio_api/component_server/",
                "//component_server",
            ):
                body = {
                    "session_hash": marker[:12],
                    "component_id": 987654,
                    "fn_name": marker,
                    "data": marker,
                }
                answer = customer.post(base + path, json=body)
                assert answer.status_code in (403, 404), (path, answer.status_code)
                assert marker not in answer.text and "987654" not in answer.text
    finally:
        customer.close()
    logged = _logged(capfd, caplog)
    assert "Traceback" not in logged
    assert marker not in logged and "987654" not in logged
    assert logged.count("refused a component function call") == 3  # one line each


def _refused(path: str, root_path: str = "", method: str = "GET") -> int | None:
    """The status :class:`RequestLimits` answers a request with by itself (None: it passed
    the request on to the app)."""
    answered: list[int] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        return None

    async def send(message: Any) -> None:
        if message["type"] == "http.response.start":
            answered.append(message["status"])

    async def receive() -> Any:
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {"type": "http", "method": method, "path": path, "root_path": root_path, "headers": []}
    _run(RequestLimits(app)(scope, receive, send))
    return answered[0] if answered else None


@pytest.mark.parametrize("root_path", ["", "/support"])
def test_the_closed_routes_are_refused_under_a_root_path_too(root_path: str) -> None:
    """Behind a proxy the console may be mounted below a path (``root_path``), and a proxy
    may pass the path with or without it."""
    for path in (
        "/monitoring",
        "/monitoring/summary",
        "/gradio_api/monitoring",
        "/gradio_api/component_server",
    ):
        assert _refused(root_path + path, root_path, "POST") == 403, root_path + path
        assert _refused(path, root_path) == 403, path
    # what the page needs still passes
    for path in (
        "/",
        "/config",
        "/gradio_api/info",
        "/gradio_api/queue/join",
        "/gradio_api/file=/x/monitoring",
    ):
        assert _refused(root_path + path, root_path) is None, root_path + path


@pytest.mark.browser
def test_the_operators_queue_writes_out_a_customers_direction_override(
    browser: Any,  # noqa: F811
    make_config: Any,
    launched: Any,
) -> None:
    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "ok")))
    cid = new_conversation(app.store, owner="ui")
    app.store.add_message(
        cid, role="user", content="Refund for order \u202e0021 ROF DEVORPPA\u202c please", language="en"
    )
    app.store.transition(cid, "escalated", actor="customer", reason="human")
    operator = open_page(browser, app.local_url)
    operator.get_by_role("tab", name="Transcripts").click()

    def written_out(table: str) -> bool:
        return "⟨U+202E⟩0021 ROF DEVORPPA⟨U+202C⟩" in operator.locator(table).inner_text()

    for table in ("#escalation-queue", "#transcripts-table"):
        wait_for(lambda: written_out(table), what=table)  # noqa: B023  (waited for here)
        assert "\u202e" not in operator.locator(table).inner_text()
    operator.context.close()


def test_export_downloads_are_not_kept_in_caches(tmp_path: Path) -> None:
    """The header itself is played over HTTP in
    tests/test_staff_access.py::test_an_export_link_serves_only_whom_it_was_written_for;
    here: a header the app set is replaced, not doubled, and other files keep theirs."""
    from console.downloads import ExportOwners
    from console.http_limits import OwnExportsOnly

    exports = tmp_path / "exports"
    (exports / "abc").mkdir(parents=True)
    export = exports / "abc" / "conversation-1.md"
    export.write_text("text")
    owners = ExportOwners()
    owners.add(export, None)

    def served(path: str) -> list[tuple[bytes, bytes]]:
        sent: list[Any] = []

        async def app(scope: Any, receive: Any, send: Any) -> None:
            headers = [(b"cache-control", b"public, max-age=600"), (b"etag", b"x")]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": b"text"})

        async def send(message: Any) -> None:
            sent.append(message)

        async def receive() -> Any:
            return {"type": "http.request", "body": b""}

        scope = {"type": "http", "method": "GET", "path": path, "root_path": "", "headers": []}
        _run(OwnExportsOnly(app, str(exports), owners)(scope, receive, send))
        return list(sent[0]["headers"])

    headers = served(f"/gradio_api/file={export}")
    assert [v for k, v in headers if k == b"cache-control"] == [b"no-store"]
    assert (b"pragma", b"no-cache") in headers and (b"etag", b"x") in headers
    assert (b"cache-control", b"public, max-age=600") in served(f"/gradio_api/file={tmp_path}/other.png")
