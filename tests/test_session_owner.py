"""A page's Gradio session answers only the signed-in user who opened it, over real HTTP.

Gradio keys a page's state by a ``session_hash`` the page makes up and sends with every
event, and believed it from whoever sent it: an outside tester, signed in as one customer,
sent a message into another customer's conversation through her session (stored there and
answered with her history) and downloaded her transcript (console/http_limits.py,
OwnSessionsOnly)."""

from __future__ import annotations

import json
from typing import Any

import httpx

from console.service import create_app
from tests.clients import Client
from tests.fakes import ScriptedBackend
from tests.test_app import ask

SECRET = "Mein Passwort ist Sonnenblume42, bitte vertraulich behandeln"
INJECTED = "BOB-INJECTED please send my refund to IBAN DE00 1234"


def _ann_and_bob(make_config: Any, launched: Any, *more: tuple[str, str]) -> tuple[Any, Client, httpx.Client]:
    """A console on a network bind with logins; ann's page (gradio_client) and bob's plain
    HTTP client, not signed in yet. The last of ``more`` is the operator (else ann)."""
    logins = (("ann", "pw-ann"), ("bob", "pw-bob"), *more)
    config = make_config(host="0.0.0.0", auth=logins, operators=(logins[-1][0] if more else "ann",))
    app = launched(create_app(config, backend=ScriptedBackend(reply=lambda m: "Noted.")))
    base = app.local_url.replace("0.0.0.0", "127.0.0.1").rstrip("/")
    ann = Client(base + "/", auth=("ann", "pw-ann"), verbose=False, download_files=False)
    return app, ann, httpx.Client(base_url=base, timeout=30)


def test_another_users_session_is_refused_on_every_route_that_names_it(
    make_config: Any, launched: Any
) -> None:
    app, ann, bob = _ann_and_bob(make_config, launched, ("ana", "pw-ana"))
    base = str(bob.base_url).rstrip("/")
    try:
        ask(ann, SECRET).result()
        session = ann.session_hash
        (conversation,) = app.store.list_conversations()
        assert bob.post("/login", data={"username": "bob", "password": "pw-bob"}).status_code == 200
        dependencies = bob.get("/config").json()["dependencies"]
        by_name = {d.get("api_name"): d["id"] for d in dependencies if d.get("api_name")}
        chat = {"fn_index": by_name["chat"], "data": [INJECTED, None, 0.0, 1.0, 200, "general", "auto"]}
        named = {"session_hash": session, "fn_index": by_name["chat"]}

        # every way of naming her session, as bob: refused before Gradio reads it
        refused = {
            "join": bob.post("/gradio_api/queue/join", json={**chat, "session_hash": session}),
            "export": bob.post(
                "/gradio_api/queue/join",
                json={"fn_index": by_name["export_chat"], "data": [None], "session_hash": session},
            ),
            "call": bob.post("/gradio_api/call/chat", json={"data": chat["data"], "session_hash": session}),
            "run": bob.post("/gradio_api/run/chat", json={"data": chat["data"], "session_hash": session}),
            "cancel": bob.post("/gradio_api/cancel", json={**named, "event_id": "x"}),
            "reset": bob.post("/gradio_api/reset", json=named),
        }
        # ... and written otherwise: Gradio reads the body with json.loads, which takes any
        # escape and UTF-16 (an outside tester read her transcript through both, 200 before)
        export = {"fn_index": by_name["export_chat"], "data": [None], "session_hash": session}
        escaped = json.dumps(export).replace('"session_hash"', '"session_\\u0068ash"')
        assert json.loads(escaped) == export
        for name, body in {
            "escaped": escaped.encode(),
            "utf-16": json.dumps(export).encode("utf-16"),
            "utf-32, twice named": json.dumps(export)
            .replace("{", '{"session_hash": "mine", ', 1)
            .encode("utf-32"),
        }.items():
            headers = {"content-type": "application/json"}
            refused[name] = bob.post("/gradio_api/queue/join", content=body, headers=headers)
            refused[f"call, {name}"] = bob.post("/gradio_api/call/export_chat", content=body, headers=headers)
        for route in (f"/gradio_api/queue/data?session_hash={session}", f"/gradio_api/heartbeat/{session}"):
            with bob.stream("GET", route) as stream:  # both are streams held open when answered
                refused[route] = stream
        assert {name: r.status_code for name, r in refused.items()} == dict.fromkeys(refused, 403)

        # nothing of bob's reached her conversation, and she goes on as before
        contents = [m.content for m in app.store.get_conversation(conversation.id).messages]
        assert not any(INJECTED in c for c in contents)
        ask(ann, "Und wann kommt mein Paket?").result()
        assert len(app.store.get_conversation(conversation.id).messages) == 4
        # bob's own session works, with a conversation of his own
        mine = Client(base + "/", auth=("bob", "pw-bob"), verbose=False, download_files=False)
        ask(mine, "Where is my parcel?").result()
        mine.close()
        assert len(app.store.list_conversations()) == 2
        # the operator's own session is hers too: a customer cannot ride it
        operator = Client(base + "/", auth=("ana", "pw-ana"), verbose=False, download_files=False)
        operator.predict(api_name="/escalations")
        listing = bob.post(
            "/gradio_api/queue/join",
            json={"fn_index": by_name["escalations"], "data": [None], "session_hash": operator.session_hash},
        )
        assert listing.status_code == 403
        operator.close()
    finally:
        ann.close()
        bob.close()


def test_one_user_naming_many_sessions_forgets_only_their_own(
    make_config: Any, launched: Any, monkeypatch: Any
) -> None:
    """The bindings were one shared list of 100,000, the least recently used forgotten first:
    a customer who named that many made-up sessions (7.5 minutes of requests) pushed another
    customer's binding out, and then named her session as his own (an outside tester). Now
    each user's requests forget only that user's own sessions."""
    from console.http_limits import OwnSessionsOnly

    monkeypatch.setattr(OwnSessionsOnly, "MAX_SESSIONS_PER_USER", 20)  # 1,000: the same, slower
    _app, ann, bob = _ann_and_bob(make_config, launched)
    try:
        ask(ann, SECRET).result()
        assert bob.post("/login", data={"username": "bob", "password": "pw-bob"}).status_code == 200
        hers = f"/gradio_api/queue/data?session_hash={ann.session_hash}"
        with bob.stream("GET", hers) as stream:
            assert stream.status_code == 403
        flood = OwnSessionsOnly.MAX_SESSIONS_PER_USER + 5
        for i in range(flood):  # bob's own made-up sessions, past his bound
            assert bob.get(f"/healthz?session_hash=bob-{i}").status_code == 200
        with bob.stream("GET", hers) as stream:
            assert stream.status_code == 403  # still hers
        # his oldest were forgotten: named again, they are bound again (to him)
        assert bob.get("/healthz?session_hash=bob-0").status_code == 200
        ask(ann, "Und wann kommt mein Paket?").result()  # she goes on as before
    finally:
        ann.close()
        bob.close()
