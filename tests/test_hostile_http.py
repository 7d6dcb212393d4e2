"""The web server's edge, attacked from outside on a network bind (2026-12-04's own attack).

A ``--customer-only`` console on 0.0.0.0 is reachable by anyone: what an anonymous caller
sends must neither land on the server's disk nor in its log, and a refusal is one log line,
not a traceback. Every finding here was seen on the landed console before its fix:

* a dropdown value no page offers was echoed by Gradio into a printed traceback: one 8 MB
  request wrote 8 MB of the caller's text to the operator's log;
* every refused staff call printed a ~2.6 KB traceback;
* ``POST /gradio_api/upload`` stored a 20 MB file in the console's data folder, although the
  console takes no uploads;
* a request body of any size was read into memory;
* the API under /v1, outside that limit, read a key holder's 400 MB body whole before
  refusing its message as too long.
"""

from __future__ import annotations

import http.client
import json
import logging
import re
import select
import socket
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from gradio_client.exceptions import AppError

from console.http_limits import api_body_limit, body_limit
from console.service import create_app
from console.ui.errors import REFUSED_VALUE
from tests.clients import Client
from tests.fakes import ScriptedBackend
from tests.test_app import ask, chat_text


@pytest.fixture
def public(make_config: Any, launched: Any) -> Iterator[tuple[Any, str]]:
    """A customer-only console on a network bind, and its address."""
    config = make_config(host="0.0.0.0", customer_only=True)
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Hello!")))
    yield app, app.local_url.replace("0.0.0.0", "127.0.0.1").rstrip("/")


def _dependency(base: str, api_name: str) -> dict[str, Any]:
    config = httpx.get(f"{base}/config", timeout=30).json()
    return next(d for d in config["dependencies"] if d.get("api_name") == api_name)


def _call(
    client: httpx.Client, fn_index: int, data: list[Any], event: dict[str, Any] | None = None
) -> dict[str, Any]:
    """One event through Gradio's queue as the page sends it, with ``event`` as its event
    data (none by default); the finished message's output."""
    session = uuid.uuid4().hex[:12]
    joined = client.post(
        "/gradio_api/queue/join",
        json={"fn_index": fn_index, "data": data, "session_hash": session, "event_data": event},
    )
    assert joined.status_code == 200, joined.text
    with client.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:") and json.loads(line[5:]).get("msg") == "process_completed":
                output: dict[str, Any] = json.loads(line[5:])["output"]
                return output
    raise AssertionError(f"event {fn_index} never completed")


def test_every_event_called_with_hostile_values_logs_neither_them_nor_a_traceback(
    public: tuple[Any, str], capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """Every event of the page, called anonymously: first with the hostile text in every
    input (dropdowns, sliders and checkboxes included), then with valid choices and the text
    in every text box; events that take Gradio's event data get none, then some without the
    keys Gradio reads (an outside tester's like without "value", edit without
    "previous_value", row selected without "index": a traceback in the log for each)."""
    _app, base = public
    marker = f"HOSTILE-{uuid.uuid4().hex}"
    text = f"<img src=x onerror=alert(1)> '; DROP TABLE messages;-- {marker}"
    with httpx.Client(base_url=base, timeout=60) as client:
        config = client.get("/config").json()
        components = {c["id"]: c for c in config["components"]}

        def valid(component: dict[str, Any]) -> Any:
            kind, props = component["type"], component.get("props", {})
            if kind == "dropdown" and props.get("choices"):
                return props["choices"][0][1]
            return {"slider": 0.5, "checkbox": True, "textbox": text}.get(kind)

        capfd.readouterr()
        caplog.clear()
        refused = 0
        with caplog.at_level(logging.INFO):
            for dependency in config["dependencies"]:
                if not dependency.get("backend_fn", True):
                    continue
                inputs = [components[i] for i in dependency["inputs"]]
                hostile = [None if c["type"] == "state" else text for c in inputs]
                valid_data = [valid(c) for c in inputs]
                for data, event in ((hostile, None), (valid_data, None), (valid_data, {"liked": True})):
                    output = _call(client, dependency["id"], data, event)
                    refused += output.get("error") == REFUSED_VALUE
                    assert marker not in json.dumps(output.get("error")), dependency["api_name"]
    out, err = capfd.readouterr()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert refused, "no call was refused: the test sent nothing hostile"
    assert "came without its event data" in logged  # a like, an edit: no traceback either
    assert marker not in out + err + logged
    assert "Traceback" not in out + err


def test_a_value_no_page_offers_is_refused_without_echo_or_traceback(
    public: tuple[Any, str], capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    _app, base = public
    marker = f"HOSTILE-{uuid.uuid4().hex}"
    client = Client(base, verbose=False)
    capfd.readouterr()
    caplog.clear()
    with caplog.at_level(logging.INFO), pytest.raises(AppError, match=re.escape(REFUSED_VALUE)):
        ask(client, "hello", line=marker * 200).result()  # a business line no page offers
    # a staff function, refused: one line in the log, no traceback on stderr
    with caplog.at_level(logging.INFO), pytest.raises(AppError, match="support team only"):
        client.predict("{id}", "resolved", api_name="/set_status")
    # the console still serves the caller properly afterwards
    assert chat_text(ask(client, "hello").result()[1]) == "Hello!"
    client.close()
    out, err = capfd.readouterr()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert marker not in out + err + logged
    assert "Traceback" not in out + err
    assert "refused a call to" in logged and "not staff" in logged


def test_uploads_are_refused_and_nothing_is_stored(public: tuple[Any, str], tmp_path: Path) -> None:
    app, base = public
    marker = f"UPLOADED-{uuid.uuid4().hex}".encode()
    for route in ("/gradio_api/upload", "/gradio_api/upload/", "/gradio_api/process_recording"):
        response = httpx.post(f"{base}{route}", files={"files": ("page.html", marker * 1000)}, timeout=30)
        assert response.status_code == 403, route
        assert response.json() == {"detail": "This console takes no file uploads."}
    data_dir = Path(app.config.data_dir)
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert marker not in path.read_bytes(), path


def test_a_body_over_the_limit_is_refused_before_it_is_read(public: tuple[Any, str]) -> None:
    app, base = public
    limit = body_limit(app.config.max_input_chars)
    dependency = _dependency(base, "chat")
    over = json.dumps({"fn_index": dependency["id"], "data": ["x" * limit], "session_hash": "s1"}).encode()
    declared = httpx.post(
        f"{base}/gradio_api/queue/join",
        content=over,
        headers={"content-type": "application/json"},
        timeout=60,
    )
    assert declared.status_code == 413 and declared.json() == {"detail": "The request is too large."}

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for start in range(0, len(over), 1 << 20):
            yield over[start : start + (1 << 20)]

    streamed = httpx.post(
        f"{base}/gradio_api/queue/join",
        content=chunks(),
        headers={"content-type": "application/json"},
        timeout=60,
    )
    assert streamed.status_code == 413
    # the limit is far above what a person can send: a message over the console's own limit
    # still reaches the console, which refuses it itself and says why
    client = Client(base, verbose=False)
    with pytest.raises(AppError, match=str(app.config.max_input_chars)):
        ask(client, "y" * (app.config.max_input_chars + 1)).result()
    client.close()
    assert app.store.list_conversations() == []


def test_the_api_keeps_its_own_order_of_checks(public: tuple[Any, str]) -> None:
    """/v1 is not behind the Gradio body limit: its own middleware wants the key before it
    looks at the body, its size included, so a caller without one learns nothing."""
    app, base = public
    over = b"{" + b" " * api_body_limit(app.config.max_input_chars, app.config.max_turns) + b"}"
    response = httpx.post(
        f"{base}/v1/chat/completions", content=over, headers={"content-type": "application/json"}, timeout=60
    )
    assert response.status_code == 401 and response.json()["error"]["type"] == "authentication_error"


API_KEY = "hostile-http-key"


@pytest.fixture
def keyed(make_config: Any, launched: Any) -> Iterator[tuple[Any, str]]:
    """A customer-only console on a network bind whose API has a key, and its address."""
    config = make_config(host="0.0.0.0", customer_only=True, api_keys=(API_KEY,))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Hello!")))
    yield app, app.local_url.replace("0.0.0.0", "127.0.0.1").rstrip("/")


def _post_head(base: str, headers: dict[str, str]) -> socket.socket:
    """A connection to the console on which only the head of a POST to the API has been sent:
    the test decides what of the body follows."""
    address = urlsplit(base)
    sock = socket.create_connection((address.hostname or "127.0.0.1", address.port or 80), timeout=10)
    lines = [
        "POST /v1/chat/completions HTTP/1.1",
        f"Host: {address.netloc}",
        "Content-Type: application/json",
    ]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    return sock


def _answer(sock: socket.socket) -> tuple[int, dict[str, Any]]:
    """The status and JSON body the console answered on ``sock``; fails when it gives none
    within the socket's timeout (it is still reading, waiting for the rest of the body)."""
    response = http.client.HTTPResponse(sock)
    try:
        response.begin()
        body = json.loads(response.read())
    except TimeoutError:
        raise AssertionError("no answer: the console waits to read the rest of the body") from None
    finally:
        sock.close()
    assert isinstance(body, dict)
    return response.status, body


def test_the_api_refuses_a_declared_body_over_its_limit_before_reading_it(keyed: tuple[Any, str]) -> None:
    """Only the head is sent, declaring a body one byte over the limit: the console answers
    413 in the API's own error shape at once, not after reading (a key holder's 400 MB was
    read whole, memory 1.35 -> 2.8 GB, before the message was refused as too long)."""
    app, base = keyed
    limit = api_body_limit(app.config.max_input_chars, app.config.max_turns)
    started = time.monotonic()
    sock = _post_head(base, {"Authorization": f"Bearer {API_KEY}", "Content-Length": str(limit + 1)})
    status, body = _answer(sock)
    assert status == 413, body
    assert set(body) == {"error"} and body["error"]["type"] == "invalid_request_error", body
    assert str(limit) in body["error"]["message"]
    assert time.monotonic() - started < 5
    # the same head without the key: the key is checked first, whatever the size
    sock = _post_head(base, {"Content-Length": str(limit + 1)})
    status, body = _answer(sock)
    assert status == 401 and body["error"]["type"] == "authentication_error", body
    # and a request of an ordinary size is answered as before
    ordinary = httpx.post(
        f"{base}/v1/chat/completions",
        headers={"Authorization": f"Bearer {API_KEY}"},
        json={"messages": [{"role": "user", "content": "Hello, where is my parcel?"}]},
        timeout=60,
    )
    assert ordinary.status_code == 200, ordinary.text
    assert ordinary.json()["choices"][0]["message"]["content"] == "Hello!"


def test_the_api_refuses_a_streamed_body_as_soon_as_it_passes_the_limit(keyed: tuple[Any, str]) -> None:
    """A chunked body that never ends: the console answers 413 once the limit is passed,
    while the body is still coming. A console that read the whole body would still be
    waiting for its end when the client stops sending (at twice the limit)."""
    app, base = keyed
    limit = api_body_limit(app.config.max_input_chars, app.config.max_turns)
    for headers, expected in (
        ({"Authorization": f"Bearer {API_KEY}"}, 413),
        ({}, 401),  # without the key: refused before a byte of the body is read
    ):
        sock = _post_head(base, {**headers, "Transfer-Encoding": "chunked"})
        piece = b" " * (1 << 16)
        chunk = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
        sock.sendall(b"1\r\n{\r\n")
        sent = 1
        while sent < 2 * limit and not select.select([sock], [], [], 0)[0]:
            try:
                sock.sendall(chunk)
            except OSError:  # the console answered and closed: what it said is read below
                break
            sent += len(piece)
        # never the last chunk ("0\r\n\r\n"): the body has not ended
        status, body = _answer(sock)
        assert status == expected, body
        assert set(body) == {"error"}, body
        assert sent < 2 * limit, "the console answered only once the client stopped sending"
    assert app.store.list_conversations() == []


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"sec-fetch-site": "cross-site", "sec-fetch-mode": "cors"}, 403),
        ({"sec-fetch-site": "same-site", "sec-fetch-mode": "no-cors"}, 403),
        ({"sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate"}, 200),  # a link to the console
        ({"sec-fetch-site": "same-origin", "sec-fetch-mode": "cors"}, 200),  # its own page
        ({"sec-fetch-site": "none", "sec-fetch-mode": "navigate"}, 200),  # a typed address
        ({}, 200),  # not a browser: gradio_client, the openai package, probes
        # plain HTTP to a name that is not localhost: no Fetch Metadata, Origin decides
        ({"origin": "http://evil.example"}, 403),
        ({"origin": "http://127.0.0.1:1"}, 403),  # another port of the same host
        ({"origin": "null"}, 403),  # a sandboxed frame, a data: page
        ({"origin": "{own}"}, 200),  # its own page
        ({"origin": "{own}", "x-forwarded-host": "evil.example"}, 200),  # a header changes nothing
        ({"origin": "http://evil.example", "x-forwarded-host": "evil.example"}, 403),
        ({"origin": "http://evil.example", "sec-fetch-site": "same-origin"}, 200),  # the browser knows
    ],
)
def test_requests_from_other_sites_pages_are_refused(
    public: tuple[Any, str], headers: dict[str, str], status: int
) -> None:
    """What a browser says of the page that made a request (Fetch Metadata) decides, and
    ``Origin`` where it says nothing; the browser test (tests/test_cross_site_browser.py)
    plays the attack itself."""
    _app, base = public
    headers = {name: value.replace("{own}", base) for name, value in headers.items()}
    assert httpx.get(f"{base}/config", headers=headers, timeout=30).status_code == status
    if status == 403:  # a write is refused the same way, before Gradio reads it
        joined = httpx.post(f"{base}/gradio_api/queue/join", json={}, headers=headers, timeout=30)
        assert joined.status_code == 403


@pytest.mark.parametrize(
    ("method", "headers", "outcome"),
    [
        ("GET", {"referer": "http://evil.example/prize"}, "kept"),  # a link on another site, plain HTTP
        ("GET", {"referer": "http://127.0.0.1:1/"}, "kept"),  # another port of the same host
        ("GET", {"sec-fetch-site": "same-site", "sec-fetch-mode": "navigate"}, "kept"),
        ("GET", {"sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate"}, "kept"),
        # nothing says where it came from: a typed address over plain HTTP, or another page's
        # link that sends no Referer (rel="noreferrer"): the console asks
        ("GET", {}, "asked"),
        ("GET", {"referer": "{own}/"}, "out"),  # the console's own page
        ("GET", {"sec-fetch-site": "same-origin", "sec-fetch-mode": "navigate"}, "out"),
        ("GET", {"sec-fetch-site": "none", "sec-fetch-mode": "navigate"}, "out"),  # typed, HTTPS
        # the question's answer and the Sign out button post, with the page's Origin
        ("POST", {"origin": "{own}"}, "out"),
        ("POST", {"origin": "{own}", "sec-fetch-site": "same-origin", "sec-fetch-mode": "navigate"}, "out"),
        ("POST", {"origin": "http://evil.example"}, "refused"),
        ("POST", {"origin": "null"}, "refused"),
        ("POST", {"origin": "http://127.0.0.1:1", "sec-fetch-site": "same-site"}, "refused"),
    ],
)
def test_another_sites_link_to_logout_leaves_the_operator_signed_in(
    make_config: Any, launched: Any, method: str, headers: dict[str, str], outcome: str
) -> None:
    """Gradio's ``GET /logout`` ends every session of the user; a navigation is let through
    the cross-site check, so a link or redirect on another page signed the operator out. Over
    plain HTTP a link that sends no Referer still did (the re-attack of 2026-12-06): now
    only a POST, whose Origin the browser always sends, signs out without a question."""
    config = make_config(host="0.0.0.0", auth=(("maria", "pw-1"),), operators=("maria",))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Hello!")))
    base = app.local_url.replace("0.0.0.0", "127.0.0.1").rstrip("/")
    with httpx.Client(base_url=base, timeout=30) as client:
        assert client.post("/login", data={"username": "maria", "password": "pw-1"}).status_code == 200
        assert client.get("/config").status_code == 200
        headers = {name: value.replace("{own}", base) for name, value in headers.items()}
        out = client.request(method, "/logout", headers=headers)
        expected_status = {"kept": (303,), "asked": (200,), "out": (302, 303), "refused": (403,)}[outcome]
        assert out.status_code in expected_status, out.text[:200]
        if outcome == "asked":
            assert 'method="post"' in out.text and "Sign out of the support console?" in out.text
            assert out.headers["x-frame-options"] == "DENY"
            assert "frame-ancestors 'none'" in out.headers["content-security-policy"]
        client.cookies.update(out.cookies)  # what the browser keeps: a deleted cookie is gone
        for cookie in list(client.cookies.jar):
            if not cookie.value or cookie.value == '""':
                client.cookies.delete(cookie.name)
        assert (client.get("/config").status_code == 401) == (outcome == "out")


def test_the_sign_out_question_is_in_the_readers_language(make_config: Any, launched: Any) -> None:
    """The question a sign-out without a sign of its origin gets is written in the reader's
    language and direction, and points back under a proxy's path prefix."""
    config = make_config(auth=(("maria", "pw-1"),), operators=("maria",))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Hello!")))
    base = app.local_url.rstrip("/")
    with httpx.Client(base_url=base, timeout=30) as client:
        assert client.post("/login", data={"username": "maria", "password": "pw-1"}).status_code == 200
        arabic = client.get("/logout", headers={"accept-language": "ar-EG,ar;q=0.9"})
        assert '<html lang="ar" dir="rtl">' in arabic.text
        assert "هل تريد تسجيل الخروج" in arabic.text
        taiwan = client.get("/logout", headers={"accept-language": "zh-TW"})
        assert "要登出客服控制台嗎" in taiwan.text and 'dir="ltr"' in taiwan.text
        assert "Sign out" in client.get("/logout", headers={"accept-language": "xx"}).text
        assert client.get("/config").status_code == 200  # asked three times, still signed in


def test_a_console_without_logins_answers_only_at_localhost(make_config: Any, launched: Any) -> None:
    """Reaching a loopback console without logins makes one staff, so it must not answer
    under a name DNS can re-point at 127.0.0.1 (DNS rebinding: the attacker's page would be
    the console's own origin; tests/test_cross_site_browser.py plays it in a browser)."""
    app = launched(create_app(make_config(), backend=ScriptedBackend(reply=lambda m: "Hi")))
    base = app.local_url.rstrip("/")
    port = base.rsplit(":", 1)[1]
    for host, status in [
        (f"127.0.0.1:{port}", 200),
        (f"localhost:{port}", 200),
        (f"[::1]:{port}", 200),
        (f"evil.example:{port}", 403),
        (f"127.0.0.1.nip.io:{port}", 403),
        ("[::1", 403),
    ]:
        response = httpx.get(f"{base}/config", headers={"host": host}, timeout=30)
        assert response.status_code == status, host
    # with logins, a name is no key: the login is (the sign-in page, not a refusal)
    signed = launched(
        create_app(make_config(auth=(("ana", "pw"),)), backend=ScriptedBackend(reply=lambda m: "Hi"))
    )
    response = httpx.get(
        f"{signed.local_url.rstrip('/')}/config", headers={"host": "evil.example"}, timeout=30
    )
    assert response.status_code == 401


def _ask_for_a_person(base: str, times: int) -> list[dict[str, Any]]:
    """ "Talk to a human" pressed ``times`` times, each from a new session, as the page sends
    it; each press's finished output."""
    dependency = _dependency(base, "talk_to_human")
    with httpx.Client(base_url=base, timeout=60) as client:
        components = {c["id"]: c for c in client.get("/config").json()["components"]}
        data = [
            None if components[i]["type"] == "state" else components[i]["props"]["choices"][0][1]
            for i in dependency["inputs"]
        ]
        return [_call(client, dependency["id"], data) for _ in range(times)]


def test_asking_for_a_person_is_rate_limited_like_a_message(make_config: Any, launched: Any) -> None:
    """Each "Talk to a person" from a new session opened an escalated conversation in the
    staff queue, with no limit: one anonymous script could bury real customers under empty
    escalations. A press now costs what a message does from the client's allowance."""
    config = make_config(host="0.0.0.0", customer_only=True, client_rate=8)  # a burst of 2
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Hi")))
    base = app.local_url.replace("0.0.0.0", "127.0.0.1").rstrip("/")
    outputs = _ask_for_a_person(base, times=10)  # a new session each
    refused = [o for o in outputs if o.get("error")]
    assert refused and all("too quickly" in str(o["error"]) for o in refused)
    assert len(app.store.list_conversations()) == len(outputs) - len(refused) <= 3


def test_fresh_sessions_cannot_flood_the_staff_queue(make_config: Any, launched: Any) -> None:
    """With the default limits, "Talk to a human" pressed from 40 fresh sessions put 35
    empty conversations in the operators' queue in 2.6 s (an outside tester's attack on a
    network bind): each session has its own message allowance, and the client's (120 a
    minute) let them through. Now one client puts at most 5 conversations in the queue at
    once, then one a minute; a typed request for a person past that is answered by the
    assistant, not queued."""
    config = make_config(host="0.0.0.0", customer_only=True, session_rate=20, client_rate=120)
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Hi")))
    base = app.local_url.replace("0.0.0.0", "127.0.0.1").rstrip("/")
    # 12, not the attack's 40: each press also spends the client's message allowance (a
    # burst of 30), which the typed message below still needs
    outputs = _ask_for_a_person(base, times=12)  # a new session each
    refused = [o for o in outputs if o.get("error")]
    assert len(outputs) - len(refused) == 5, [o.get("error") for o in outputs]
    assert all("wait" in str(o["error"]) for o in refused)
    queued = app.store.list_conversations()
    assert len(queued) == 5 and all(c.handler == "queue" for c in queued)

    # a typed request from a fresh session now reaches the assistant, stored, not queued
    typed = Client(base + "/", verbose=False)
    assert chat_text(ask(typed, "I want to talk to a human agent please").result()[1]) == "Hi"
    typed.close()
    newest = [c for c in app.store.list_conversations() if c.id not in {q.id for q in queued}]
    assert len(newest) == 1 and newest[0].handler == "bot"


def test_no_page_of_the_console_may_be_framed_and_no_deep_link_is_written(
    make_config: Any, launched: Any
) -> None:
    """An outside tester framed the console at 1 % opacity on another port of the same host
    (its requests are the console's own origin, so the cross-site check let them through)
    and one click each signed the operator out, took and erased a conversation; and Gradio's
    deep link wrote a signed-in user's screen, transcript included, as plain JSON into the
    cache, where no erasure reaches. Every response now forbids framing; deep links are
    refused, and any an earlier version left are deleted at start."""
    config = make_config(host="0.0.0.0", auth=(("maria", "pw-1"),), operators=("maria",))
    stale = Path(config.data_dir) / "cache" / "deep_links" / "Z1bYtbr4UW8"
    stale.mkdir(parents=True)
    (stale / "state.json").write_text('{"chat": "an erased customer\'s words"}')
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Hello!")))
    assert not stale.parent.exists()
    base = app.local_url.replace("0.0.0.0", "127.0.0.1").rstrip("/")
    with httpx.Client(base_url=base, timeout=30) as client:
        for path in ("/", "/login"):
            response = client.get(path)
            assert response.headers["x-frame-options"] == "DENY", path
            assert "frame-ancestors 'none'" in response.headers["content-security-policy"], path
        assert client.post("/login", data={"username": "maria", "password": "pw-1"}).status_code == 200
        for path in ("/", "/config", "/gradio_api/info", "/logout"):
            response = client.get(path)
            assert response.headers["x-frame-options"] == "DENY", path
        for path in ("/gradio_api/deep_link", "/gradio_api/deep_link/"):
            assert client.get(path, params={"session_hash": "abc123"}).status_code == 403, path
    assert not (Path(config.data_dir) / "cache" / "deep_links").exists()
